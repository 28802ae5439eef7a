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
