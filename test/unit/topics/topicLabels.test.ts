/**
 * The rules topic labels follow (issue 15): a bare common word names a topic only when its papers earn it, a
 * word found only inside longer keywords (Hugging Face `ai_keywords`) is no title-strength evidence, and no
 * label is repeated across the two levels.
 */
import * as assert from 'node:assert/strict';
import { genericWord } from '../../../src/core/topics/clusterTopicLevel';
import type { Paper } from '../../../src/core/model';
import { deriveTopics, type Topic } from '../../../src/core/topics/deriveTopics';
import { TopicCorpus } from '../../../src/core/topics/topicCorpus';
import { makePaper, readCorpusSample, readHuggingFaceDay } from './topicFixtures';
import { prng } from '../../support/corpus';

/** A label that is one bare common word: no space, hyphen, digit or long form, lower case after its first letter. */
function bareWord(label: string): boolean {
	return label !== 'Other' && /^\p{Lu}?\p{Ll}+$/u.test(label);
}

/** A label without its "(ACR)" part, lower-case, plural `s` dropped: how two levels' labels are compared. */
function subject(label: string): string {
	return label
		.replace(/\s*\([^)]*\)\s*$/, '')
		.toLowerCase()
		.split(/[\s-]+/)
		.map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w))
		.join(' ');
}

/** The evidence paper `paperId` has for the phrase whose key is `key` (0 when it has none). */
function evidenceFor(corpus: TopicCorpus, paperId: string, key: string): number {
	const paper = corpus.papers.find((p) => p.id === paperId)!;
	for (let i = 0; i < paper.phrases.length; i++) {
		if (corpus.phrase(paper.phrases[i]).key === key) return paper.phraseEvidence[i];
	}
	return 0;
}


/**
 * A shelf of 1,500 synthetic papers: 1,300 on five machine-learning subjects (each named in its titles) and a block
 * of 200 physics papers whose only shared title word is "spin", a word some machine-learning abstracts use too. The
 * physics papers share a core vocabulary (so they are alike) and otherwise draw from 1,000 words, so no physics phrase
 * reaches the level's 6-paper minimum; `named` phrases are each put in the titles of 5 of them (2.5% of the block).
 */
function spinShelf(named: readonly string[]): { papers: Paper[]; physics: Set<string> } {
	const random = prng(15);
	const pick = <T>(from: readonly T[]): T => from[Math.floor(random() * from.length)];
	const draw = (from: readonly string[], count: number) => {
		const pool = [...from];
		return Array.from({ length: count }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]);
	};
	const common = ['we', 'propose', 'a', 'method', 'that', 'improves', 'results', 'on', 'benchmark', 'data', 'with', 'the', 'new', 'approach'];
	const ml: Record<string, readonly string[]> = {
		'Protein folding': ['protein', 'folding', 'residue', 'amino', 'backbone', 'contact', 'alphafold', 'chain', 'docking', 'ligand'],
		'Robot grasping': ['robot', 'grasp', 'gripper', 'manipulation', 'tactile', 'arm', 'pose', 'dexterous', 'finger', 'pick'],
		'Speech recognition': ['speech', 'acoustic', 'phoneme', 'audio', 'speaker', 'transcription', 'utterance', 'spectrogram', 'voice', 'accent'],
		'Graph neural networks': ['graph', 'node', 'edge', 'message', 'passing', 'neighbor', 'aggregation', 'molecule', 'adjacency', 'vertex'],
		'Text summarization': ['summary', 'document', 'abstractive', 'extractive', 'news', 'sentence', 'salience', 'rouge', 'article', 'headline'],
	};
	const papers: Paper[] = [];
	Object.entries(ml).forEach(([subject, words], s) => {
		for (let i = 0; i < 260; i++) {
			const abstract = Array.from({ length: 40 }, () => (random() < 0.5 ? pick(words) : pick(common)));
			// "Spin" in the machine-learning sense: widely used outside the physics papers too.
			if (i % 8 === 0) abstract.push('we', 'spin', 'up', 'workers');
			papers.push(makePaper(`${pick(words)} ${pick(words)} for ${pick(words)} in ${subject.toLowerCase()} ${s}-${i}`, abstract.join(' ') + '.', { id: `ml${s}-${i}` }));
		}
	});
	const core = ['lattice', 'magnetic', 'electron', 'phonon', 'band', 'fermion', 'hamiltonian', 'excitation', 'crystal', 'temperature', 'anisotropy', 'exchange'];
	const letters = 'bcdfghjklmnpqrstvwz';
	const tail = Array.from({ length: 1000 }, (_, i) => `${letters[i % 19]}a${letters[Math.floor(i / 19) % 19]}o${letters[Math.floor(i / 361)]}n`);
	const physics = new Set<string>();
	for (let i = 0; i < 200; i++) {
		const phrase = named[Math.floor(i / 5)] ?? draw(tail, 1)[0];
		const abstract = [...Array.from({ length: 25 }, () => pick(core)), ...draw(tail, 3), ...draw(common, 6)].sort(() => random() - 0.5).join(' ');
		const p = makePaper(`Spin ${phrase} ${i}`, `The spin ${abstract}.`, { id: `ph-${i}` });
		papers.push(p);
		physics.add(p.id);
	}
	return { papers, physics };
}

suite('Topic labels', function () {
	this.timeout(60_000);
	let papers: Paper[];
	let sample: Topic[];
	suiteSetup(async () => {
		// 2,500 real papers (test/fixtures/corpus), two levels so the cross-level rule is exercised too.
		papers = await readCorpusSample(2500);
		sample = deriveTopics(papers, { twoLevelThreshold: 2000 });
	});

	test('The rule for a generic word: used by more than 2% of the papers, or its papers too little alike, measured from 30 papers on', () => {
		assert.equal(genericWord(29, 30, 71, 0.1), false, 'too few papers to measure: judged like any candidate');
		assert.equal(genericWord(10, 31, 1000, 3), true, 'used by more than 30 papers, 2% of 1,000 being fewer');
		assert.equal(genericWord(30, 201, 10000, 3), true, 'used by more than 2% of the papers');
		assert.equal(genericWord(30, 200, 10000, 1.99), true, 'its papers share too little beyond the word');
		assert.equal(genericWord(300, 200, 10000, 2), false, 'narrow and coherent: earns its label');
	});

	test('A block of alike papers whose only shared word is used widely gets a topic of its own, named by a phrase its papers use', () => {
		const { papers: shelf, physics } = spinShelf(['kagome magnets', 'moire bilayers']);
		const topics = deriveTopics(shelf);
		const best = topics.filter((t) => t.kind === 'derived').sort((a, b) => b.paperIds.filter((id) => physics.has(id)).length - a.paperIds.filter((id) => physics.has(id)).length)[0];
		const inside = best.paperIds.filter((id) => physics.has(id)).length;
		const shown = topics.map((t) => `${t.label} (${t.paperIds.length})`).join(', ');
		assert.ok(inside >= 0.8 * physics.size, `the physics papers are spread: ${inside} of ${physics.size} in "${best.label}"; ${shown}`);
		assert.ok(inside >= 0.9 * best.paperIds.length, `"${best.label}" mixes ${best.paperIds.length - inside} other papers in; ${shown}`);
		assert.ok(/kagome magnets|moire bilayers/i.test(best.label), `named by a phrase 5 of its papers use, not "${best.label}"; ${shown}`);
	});

	test('…and keeps the word that holds it when no phrase has the support of 2% of its papers', () => {
		const { papers: shelf, physics } = spinShelf([]);
		const topics = deriveTopics(shelf);
		const spin = topics.find((t) => t.label === 'Spin');
		assert.ok(spin, topics.map((t) => `${t.label} (${t.paperIds.length})`).join(', '));
		assert.ok(spin.paperIds.filter((id) => physics.has(id)).length >= 0.8 * physics.size);
	});

	test('No top-level topic of 2,500 real papers is named by a bare word that many of them use', () => {
		const top = sample.map((t) => t.label);
		const bare = top.filter(bareWord);
		assert.ok(bare.length < top.length / 2, `most labels are phrases or acronyms: ${top.join(', ')}`);
		// A bare word stays only when few papers of the shelf use it ("Qubits"), never a word used across fields ("Image").
		for (const label of bare) {
			const word = subject(label);
			// Words as the grouping sees them: a hyphen compound ("spin-orbit") is a word of its own.
			const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}-]+/u).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
			const using = papers.filter((p) => words(p.title + ' ' + p.abstract).includes(word)).length;
			assert.ok(using <= 0.02 * papers.length, `"${label}" is used by ${using} of ${papers.length} papers; top level: ${top.join(', ')}`);
		}
	});

	test('A bare-word label is named (title, keyword, or twice in the abstract) by at least a quarter of its topic\'s papers, at both levels', () => {
		const corpus = TopicCorpus.build(papers);
		const byId = new Map(corpus.papers.map((p) => [p.id, p]));
		let checked = 0;
		for (const t of sample.flatMap((top) => [top, ...(top.children ?? [])])) {
			if (t.kind !== 'derived' || t.children || !bareWord(t.label)) continue;
			const naming = t.paperIds.filter((id) => {
				const p = byId.get(id)!;
				return [...p.phrases].some((ph, i) => corpus.phrase(ph).label === t.label && p.phraseEvidence[i] >= 0.5);
			}).length;
			checked++;
			assert.ok(naming >= 0.25 * t.paperIds.length, `"${t.label}": ${naming} of its ${t.paperIds.length} papers name it`);
		}
		assert.ok(checked > 0, 'the sample has bare-word labels to check');
	});

	test('No subtopic repeats a top-level label, its parent\'s included', () => {
		const top = new Set(sample.map((t) => subject(t.label)));
		const withChildren = sample.filter((t) => t.children);
		assert.ok(withChildren.length >= 3, 'the sample has subtopics');
		for (const t of withChildren) {
			for (const c of t.children!) {
				if (c.kind === 'other') continue;
				assert.ok(!top.has(subject(c.label)), `"${c.label}" under "${t.label}" repeats a top-level label`);
			}
		}
	});

	test('A word found only inside longer keywords is one abstract mention; the whole keyword and its acronyms are strong', () => {
		const a = makePaper('Listening forward for audio', 'We predict the next patch embedding of audio.', {
			keywords: ['linear probing', 'low-rank linear steering', 'residual off-policy RL'],
		});
		const corpus = TopicCorpus.build([a]);
		assert.ok(evidenceFor(corpus, a.id, 'linear') > 0, 'the lone word is still evidence');
		assert.ok(evidenceFor(corpus, a.id, 'linear') < 0.5, `lone word evidence ${evidenceFor(corpus, a.id, 'linear')}`);
		assert.equal(evidenceFor(corpus, a.id, 'linear prob'), 1, 'the whole keyword');
		assert.equal(evidenceFor(corpus, a.id, 'rl'), 1, 'an acronym inside a keyword');
		// A keyword of one word is whole, so it stays strong.
		const b = makePaper('Another paper', 'Nothing here.', { keywords: ['quantization'] });
		assert.equal(evidenceFor(TopicCorpus.build([b]), b.id, 'quantiz'), 1);
	});

	test('On the Hugging Face day, no topic is named by a word that only sits inside the papers\' longer keywords', () => {
		const day = readHuggingFaceDay();
		const labels = deriveTopics(day).map((t) => t.label);
		// "Linear" came from the keywords "linear probing" and "low-rank linear steering" of an audio and an ASR paper.
		assert.ok(!labels.includes('Linear'), labels.join(', '));
		// Whatever names those two papers' topic appears whole in a title or keyword of one of them, or in both abstracts.
		for (const t of deriveTopics(day)) {
			if (t.kind !== 'derived') continue;
			const papers = day.filter((p) => t.paperIds.includes(p.id));
			const word = subject(t.label);
			const named = papers.some((p) => subject(p.title).includes(word) || p.keywords.some((k) => subject(k) === word));
			const mentioned = papers.filter((p) => subject(p.abstract).includes(word)).length >= 2;
			assert.ok(named || mentioned, `"${t.label}" is neither a title word, a whole keyword nor used in two abstracts of its papers`);
		}
	});

	test('A lone acronym of several meanings is shown with the long form its topic\'s papers write out', () => {
		const cloud = [
			makePaper('Point Cloud Completion with Transformers', 'We complete a partial point cloud (PC) from a single scan. Point cloud completion is hard.'),
			makePaper('Self-supervised Point Cloud Registration', 'Registering point clouds (PCs) of indoor scenes without labels; each point cloud is sparse.'),
			makePaper('Point Cloud Compression for LiDAR', 'A codec for point cloud streams from LiDAR sensors.'),
		];
		const politics = [
			makePaper('Political Correctness in Online Debate', 'How political correctness (PC) shapes debate; political correctness norms differ.'),
			makePaper('Measuring Political Correctness in News', 'A survey of political correctness (PC) in newspapers and of political correctness online.'),
			makePaper('Humor and Political Correctness', 'Jokes meet political correctness in stand-up comedy.'),
		];
		const corpus = TopicCorpus.build([...cloud, ...politics]);
		const indexOf = (ps: readonly Paper[]) => ps.map((p) => corpus.papers.findIndex((a) => a.id === p.id));
		const pc = corpus.papers[indexOf(cloud)[0]].phrases.find((id) => corpus.phrase(id).key === 'pc');
		assert.ok(pc !== undefined, 'the acronym is a label candidate');
		assert.equal(corpus.phrase(pc).label, 'PC', 'two meanings, two definitions each: no long form across the digest');
		assert.equal(corpus.labelFor(pc, indexOf(cloud)), 'Point cloud (PC)');
		assert.equal(corpus.labelFor(pc, indexOf(politics)), 'Political correctness (PC)');
		assert.equal(corpus.labelFor(pc, [indexOf(cloud)[0], indexOf(politics)[0]]), 'PC', 'no meaning most of the papers share');
	});

	test('A word is a word though some paper defines an acronym of its letters ("spin", "SPIN")', () => {
		const physics = [
			makePaper('Spin Waves in Thin Films', 'The spin dynamics of thin films; spin transport at room temperature.'),
			makePaper('Spin Liquids on the Kagome Lattice', 'A quantum spin liquid with fractional spin excitations.'),
			makePaper('Spin Glasses at Low Temperature', 'Frozen spin configurations of a disordered magnet.'),
		];
		const selfPlay = [
			makePaper('Self-Play Fine-Tuning Converts Weak Language Models to Strong', 'We propose self-play fine-tuning (SPIN), where the model plays against itself.'),
			makePaper('Self-Play Fine-Tuning for Diffusion Models', 'Self-play fine-tuning (SPIN) of diffusion models improves alignment.'),
		];
		// Written as the word more often than as the acronym.
		const corpus = TopicCorpus.build([...physics, ...selfPlay]);
		const first = corpus.papers.find((p) => p.id === physics[0].id)!;
		const spin = [...first.phrases].find((id) => corpus.phrase(id).key === 'spin');
		assert.ok(spin !== undefined);
		assert.equal(corpus.phrase(spin).label, 'Spin', 'not "Self-play fine-tuning (spin)"');
		assert.equal(corpus.phrase(spin).plainWord, true, 'a bare word, judged as one');
	});
});
