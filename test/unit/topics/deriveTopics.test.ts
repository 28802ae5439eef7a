import * as assert from 'node:assert/strict';
import type { Paper } from '../../../src/core/model';
import { deriveTopics, otherTopicId, type Topic } from '../../../src/core/topics/deriveTopics';
import { renameTopics } from '../../../src/core/topics/renameTopics';
import { withUserTopics } from '../../../src/core/topics/withUserTopics';
import { makePaper, readBundledDigest, readCorpusSample, readHuggingFaceDay, shuffled } from './topicFixtures';

/** Labels and sorted memberships, comparable with deepEqual. */
function shape(topics: readonly Topic[]): unknown[] {
	return topics.map((t) => ({ id: t.id, label: t.label, kind: t.kind, papers: [...t.paperIds].sort(), children: t.children ? shape(t.children) : undefined }));
}

/** Lower-case words with plural `s` dropped and hyphens as spaces, for "the label appears in the text". */
function normalizeWords(text: string): string {
	return ' ' + text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').split(' ').filter((w) => w.length > 0).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w)).join(' ') + ' ';
}

/** Whether `label` (or, for "Long form (ACR)", either part) appears in the paper's title or abstract. */
function labelAppearsIn(label: string, paper: Paper): boolean {
	const text = normalizeWords(paper.title + ' ' + paper.abstract);
	const m = /^(.*)\(([^)]+)\)\s*$/.exec(label);
	const forms = m ? [m[1], m[2]] : [label];
	return forms.some((f) => text.includes(normalizeWords(f)));
}

/** The share of `before`'s papers whose topic no longer matches (each old topic mapped to the new one it overlaps most). */
function movedShare(before: readonly Topic[], after: readonly Topic[]): number {
	const afterOf = new Map<string, string>();
	for (const t of after) for (const id of t.paperIds) afterOf.set(id, t.id);
	let moved = 0;
	let total = 0;
	for (const t of before) {
		const counts = new Map<string, number>();
		for (const id of t.paperIds) counts.set(afterOf.get(id)!, (counts.get(afterOf.get(id)!) ?? 0) + 1);
		const best = Math.max(...counts.values());
		moved += t.paperIds.length - best;
		total += t.paperIds.length;
	}
	return moved / total;
}

suite('deriveTopics', function () {
	// Several of these derive topics many times over (shuffles, seeds); generous for a loaded runner, never a speed check.
	this.timeout(30_000);
	const bundled = readBundledDigest();
	const topics = deriveTopics(bundled);
	const byId = new Map(bundled.map((p) => [p.id, p]));

	test('Shuffled input gives the same labels and the same memberships', () => {
		for (const seed of [1, 2, 3]) {
			assert.deepEqual(shape(deriveTopics(shuffled(bundled, seed))), shape(topics), `seed ${seed}`);
		}
	});

	test('Labels are short phrases, never stopwords, "Cluster" or duplicates', () => {
		const labels = topics.filter((t) => t.kind === 'derived').map((t) => t.label);
		assert.equal(new Set(labels.map((l) => l.toLowerCase())).size, labels.length, labels.join(', '));
		for (const label of labels) {
			const words = label.replace(/\([^)]*\)/, '').trim().split(/\s+/);
			assert.ok(words.length >= 1 && label.split(/\s+/).length <= 4, `too long: ${label}`);
			assert.doesNotMatch(label, /cluster|topic \d|^\d/i);
			assert.doesNotMatch(label, /^(the|of|and|model|models|method|approach|performance|results?|system|novel|energy|data|paper)$/i);
			assert.match(label, /^[A-Z]/, `sentence case: ${label}`);
		}
	});

	test('Each label appears in the text of at least half of its papers', () => {
		for (const t of topics.filter((x) => x.kind === 'derived')) {
			const hits = t.paperIds.filter((id) => labelAppearsIn(t.label, byId.get(id)!)).length;
			assert.ok(hits >= 1 && hits >= t.paperIds.length / 2, `${t.label}: in ${hits} of ${t.paperIds.length}`);
		}
	});

	test('Ids are stable slugs of the labels and "Other" comes last', () => {
		const derived = topics.filter((t) => t.kind === 'derived');
		for (const t of derived) assert.match(t.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
		assert.equal(new Set(topics.map((t) => t.id)).size, topics.length);
		const other = topics.findIndex((t) => t.kind === 'other');
		assert.ok(other === -1 || (other === topics.length - 1 && topics[other].id === otherTopicId));
	});

	test('Adding three papers moves few of the existing papers', () => {
		const extra = readHuggingFaceDay().filter((p) => /Long-Context LLM Serving|EXIMO|Listening Forward/.test(p.title));
		assert.equal(extra.length, 3);
		const after = deriveTopics([...bundled, ...extra]);
		const share = movedShare(topics, after);
		console.log(`      adding 3 papers moved ${(share * 100).toFixed(1)}% of the 71 papers`);
		assert.ok(share <= 0.25, `${(share * 100).toFixed(1)}% moved`);
	});

	test('Adding three papers drawn at random (seeded) moves few of the existing papers, on average and at worst', () => {
		const hf = readHuggingFaceDay();
		const shares = [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => movedShare(topics, deriveTopics([...bundled, ...shuffled(hf, seed).slice(0, 3)])));
		const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
		const worst = Math.max(...shares);
		console.log(`      moved per seed: ${shares.map((s) => (s * 100).toFixed(1)).join(', ')}% (mean ${(mean * 100).toFixed(1)}%)`);
		assert.ok(mean <= 0.15, `mean ${(mean * 100).toFixed(1)}% moved`);
		assert.ok(worst <= 0.25, `worst ${(worst * 100).toFixed(1)}% moved`);
	});

	test('Papers that share a title word but no subject do not become a topic of that word', () => {
		const lattice = [
			makePaper('Lattice Folding of Small Proteins', 'A lattice model predicts how small proteins fold in water; the lattice energy matches calorimetry of peptides and enzymes.'),
			makePaper('Lattice Boltzmann Simulation of River Sediment', 'We simulate sediment transport in rivers with a lattice solver; the lattice grid follows flood plains, erosion and gravel beds.'),
			makePaper('Lattice Cryptography for Postal Voting', 'Postal ballots are signed with a lattice scheme; lattice keys let election officers audit envelopes and voter rolls.'),
			makePaper('Lattice Patterns in Medieval Textiles', 'Weavers in medieval abbeys used lattice motifs; lattice borders date tapestries, dyes and looms across monasteries.'),
		];
		const t = deriveTopics([...bundled, ...lattice]);
		const home = t.find((x) => x.kind === 'derived' && lattice.every((p) => x.paperIds.includes(p.id)));
		assert.equal(home, undefined, `the four share '${home?.label}'`);
		assert.ok(t.every((x) => !/lattice/i.test(x.label)), t.map((x) => x.label).join(', '));
	});

	test('Renames change the label, never the id or the order, and unknown ids are ignored', () => {
		const target = topics[0];
		const renamed = renameTopics(topics, { [target.id]: 'My favourite papers', 'no-such-topic': 'ignored' });
		assert.equal(renamed[0].id, target.id);
		assert.equal(renamed[0].label, 'My favourite papers');
		assert.deepEqual(renamed.slice(1).map((t) => t.label), topics.slice(1).map((t) => t.label));
		// A name that would sort first among topics of equal size does not move the topic: its place is the derivation's.
		const last = topics.filter((t) => t.kind === 'derived').at(-1)!;
		const first = renameTopics(topics, { [last.id]: '0 first by name' });
		assert.deepEqual(first.map((t) => t.id), topics.map((t) => t.id));
	});

	test('Renames reach subtopics, the ones under Other included', () => {
		const tree: Topic[] = [
			{ id: 'gpu', label: 'GPU', kind: 'derived', paperIds: ['a', 'b'], children: [
				{ id: 'gpu/kernels', label: 'Kernels', kind: 'derived', paperIds: ['a'] },
				{ id: 'gpu/other', label: 'Other', kind: 'other', paperIds: ['b'] },
			] },
			{ id: otherTopicId, label: 'Other', kind: 'other', paperIds: ['c'], children: [{ id: `${otherTopicId}/misc`, label: 'Misc', kind: 'derived', paperIds: ['c'] }] },
		];
		const renamed = renameTopics(tree, { 'gpu/other': 'Leftover GPU', [`${otherTopicId}/misc`]: 'Odds and ends', gpu: 'Graphics processors' });
		assert.deepEqual(renamed.map((t) => [t.id, t.label, t.children?.map((c) => [c.id, c.label])]), [
			['gpu', 'Graphics processors', [['gpu/kernels', 'Kernels'], ['gpu/other', 'Leftover GPU']]],
			[otherTopicId, 'Other', [[`${otherTopicId}/misc`, 'Odds and ends']]],
		]);
		assert.equal(tree[0].label, 'GPU', 'the derived topics are not changed');
	});

	test('maxTopics and minTopics bound the number of derived topics', () => {
		const few = deriveTopics(bundled, { maxTopics: 4 });
		assert.ok(few.filter((t) => t.kind === 'derived').length <= 4);
		assert.equal(few.flatMap((t) => t.paperIds).length, bundled.length);
	});

	test('An empty digest has no topics; one or two papers are each placed once without error', () => {
		assert.deepEqual(deriveTopics([]), []);
		for (const papers of [bundled.slice(0, 1), bundled.slice(0, 2), [makePaper('', ''), makePaper('x', '')]]) {
			const t = deriveTopics(papers);
			assert.deepEqual(t.flatMap((x) => x.paperIds).sort(), papers.map((p) => p.id).sort());
			assert.ok(t.every((x) => x.label.length > 0));
		}
	});

	test('The same paper given twice is placed once', () => {
		const t = deriveTopics([...bundled, bundled[0]]);
		assert.equal(t.flatMap((x) => x.paperIds).length, bundled.length);
	});

	test('Keywords of Hugging Face papers count as labels', () => {
		const hf = readHuggingFaceDay();
		const base = bundled.slice(0, 20);
		const tagged = ['LLM agents', 'LLM agents', 'LLM agents'].map((k, i) =>
			makePaper(`Paper ${i} on planning`, 'We study how planning works in practice with a simple benchmark.', { keywords: [k, 'planning'] }),
		);
		const t = deriveTopics([...base, ...tagged, ...hf]);
		const agents = t.find((x) => tagged.every((p) => x.paperIds.includes(p.id)));
		assert.ok(agents && agents.kind === 'derived', 'the three tagged papers share a topic');
	});
});

suite('deriveTopics on a large digest', function () {
	this.timeout(60000);
	test('Two levels: big topics get subtopics, and no node lists more than a fifth of the papers', async () => {
		const papers = await readCorpusSample(1500);
		const topics = deriveTopics(papers, { twoLevelThreshold: 1000 });
		assert.ok(topics.some((t) => t.children && t.children.length > 1), 'some topic has subtopics');
		const leaves = topics.flatMap((t) => t.children ?? [t]);
		for (const leaf of leaves) assert.ok(leaf.paperIds.length <= 0.2 * papers.length, `${leaf.label}: ${leaf.paperIds.length}`);
		for (const t of topics) {
			if (!t.children) continue;
			assert.deepEqual([...t.paperIds].sort(), t.children.flatMap((c) => c.paperIds).sort(), 'a parent holds exactly its children\'s papers');
			for (const c of t.children) assert.ok(c.id.startsWith(t.id + '/'));
		}
		assert.equal(new Set(topics.flatMap((t) => t.paperIds)).size, papers.length);
		const flat = deriveTopics(papers);
		assert.ok(flat.every((t) => !t.children), 'below the threshold there is one level');
	});
});

suite('withUserTopics', () => {
	const derived: Topic[] = [
		{ id: 'quantization', label: 'Quantization', paperIds: ['a', 'b'], kind: 'derived' },
		{ id: 'llm-serving', label: 'LLM serving', paperIds: ['c'], kind: 'derived' },
		{ id: 'other', label: 'Other', paperIds: ['d'], kind: 'other' },
	];
	const index: Record<string, string[]> = { bits: ['b', 'a', 'zzz'], serving: ['c', 'b'], nothing: [] };
	const search = (q: string) => index[q] ?? [];

	test('User topics come first, in the order given, with the papers their search finds, best first', () => {
		const t = withUserTopics(derived, [{ label: 'Low bits', query: 'bits' }, { label: 'Serving', query: 'serving' }], search);
		assert.deepEqual(t.map((x) => x.label), ['Low bits', 'Serving', 'Quantization', 'LLM serving', 'Other']);
		assert.deepEqual(t[0].paperIds, ['b', 'a'], 'unknown ids are dropped, order kept');
		assert.equal(t[0].kind, 'user');
	});

	test('A paper may sit in two user topics and stays in its derived topic', () => {
		const t = withUserTopics(derived, [{ label: 'Low bits', query: 'bits' }, { label: 'Serving', query: 'serving' }], search);
		assert.ok(t[0].paperIds.includes('b') && t[1].paperIds.includes('b'));
		assert.ok(t[2].paperIds.includes('b'));
	});

	test('A search that finds nothing keeps its (empty) topic; duplicate labels get distinct ids', () => {
		const t = withUserTopics(derived, [{ label: 'Empty', query: 'nothing' }, { label: 'Empty', query: '  ' }], search);
		assert.deepEqual(t.slice(0, 2).map((x) => x.paperIds), [[], []]);
		assert.notEqual(t[0].id, t[1].id);
		assert.ok(t.slice(0, 2).every((x) => x.id.startsWith('user:')));
	});

	test('Papers found in subtopics count as known', () => {
		const nested: Topic[] = [{ id: 'x', label: 'X', paperIds: ['s'], kind: 'derived', children: [{ id: 'x/y', label: 'Y', paperIds: ['s'], kind: 'derived' }] }];
		assert.deepEqual(withUserTopics(nested, [{ label: 'S', query: 'q' }], () => ['s'])[0].paperIds, ['s']);
	});
});
