import * as assert from 'node:assert/strict';
import type { Paper } from '../../../src/core/model';
import { deriveTopics, type Topic } from '../../../src/core/topics/deriveTopics';
import { decodeTopicMemory, deriveStableTopics, deriveStableTopicsWithPath, encodeTopicMemory, matchRemembered, maxNewShare, nextTopicMemory } from '../../../src/core/topics/topicMemory';
import { validateTopics } from '../../../src/core/topics/topicsCache';
import { prng } from '../../support/corpus';
import { leafOf, makePaper, readCorpusSample, shuffled } from './topicFixtures';

/** How many of the papers grouped by `before` sit in a topic of another id in `after`. */
function moved(before: readonly Topic[], after: readonly Topic[]): number {
	const a = leafOf(before);
	const b = leafOf(after);
	let n = 0;
	for (const [id, topic] of a) if (b.has(id) && b.get(id) !== topic) n++;
	return n;
}

function allIds(topics: readonly Topic[]): string[] {
	return topics.flatMap((t) => [t.id, ...allIds(t.children ?? [])]);
}

function paperIdsOf(papers: readonly Paper[]): Set<string> {
	return new Set(papers.map((p) => p.id));
}

/** Subjects of a synthetic shelf: each a vocabulary its papers draw from, and a title phrase. */
const subjects: Record<string, readonly string[]> = {
	'Spiking neural networks': ['spiking', 'neuron', 'synapse', 'neuromorphic', 'membrane', 'spike', 'plasticity', 'leaky', 'integrate', 'fire'],
	'Protein folding': ['protein', 'folding', 'residue', 'amino', 'structure', 'backbone', 'contact', 'sequence', 'alphafold', 'chain'],
	'Robot grasping': ['robot', 'grasp', 'gripper', 'manipulation', 'tactile', 'object', 'arm', 'pose', 'contact', 'dexterous'],
	'Speech recognition': ['speech', 'acoustic', 'phoneme', 'audio', 'speaker', 'transcription', 'utterance', 'spectrogram', 'asr', 'voice'],
	'Graph neural networks': ['graph', 'node', 'edge', 'message', 'passing', 'neighbor', 'aggregation', 'molecule', 'adjacency', 'vertex'],
};
const newSubject: Record<string, readonly string[]> = {
	'Glacier melt': ['glacier', 'ice', 'melt', 'sheet', 'climate', 'snow', 'runoff', 'albedo', 'polar', 'calving'],
};
const common = ['we', 'propose', 'a', 'method', 'that', 'improves', 'results', 'on', 'benchmark', 'data', 'with', 'the', 'new', 'approach'];

/** `count` papers on `subject`, ids `<tag>-<n>`, drawn with the seeded prng. */
function synthetic(vocabulary: Record<string, readonly string[]>, subject: string, count: number, tag: string, seed: number): Paper[] {
	const random = prng(seed);
	const words = vocabulary[subject];
	const pick = (from: readonly string[]) => from[Math.floor(random() * from.length)];
	return Array.from({ length: count }, (_, i) => {
		const title = `${pick(words)} ${pick(words)} for ${pick(words)} ${pick(words)} in ${subject.toLowerCase()}`;
		const abstract = Array.from({ length: 40 }, () => (random() < 0.7 ? pick(words) : pick(common))).join(' ') + '.';
		return makePaper(title, abstract, { id: `${tag}-${String(i).padStart(3, '0')}` });
	});
}

/** `count` papers that share no subject with each other or anything else (made-up words of their own). */
function strays(count: number): Paper[] {
	return Array.from({ length: count }, (_, i) => {
		const own = Array.from({ length: 10 }, (_, j) => `zq${'abcdefghijklmnopqrstuvwxy'[i % 25]}${'abcdefghij'[j]}${'klmnop'[Math.floor(i / 25) % 6]}`);
		return synthetic({ [`Zq${i}`]: own }, `Zq${i}`, 1, `x${i}`, 300 + i)[0];
	});
}

function syntheticShelf(perSubject: number, tag: string, seed: number): Paper[] {
	return Object.keys(subjects).flatMap((s, i) => synthetic(subjects, s, perSubject, `${tag}${i}`, seed + i));
}

suite('Topic memory: topics that stay put from day to day', function () {
	this.timeout(120000);

	let shelf: Paper[];
	let day: Paper[];
	let before: Topic[];
	suiteSetup(async () => {
		const sample = await readCorpusSample(2150);
		shelf = sample.slice(0, 2000);
		day = sample.slice(2000);
		before = deriveTopics(shelf);
	});

	test('adding a day of 150 papers to a 2,000-paper shelf moves at most 5% of the papers already there (from scratch: more)', () => {
		const after = deriveStableTopicsWithPath([...shelf, ...day], {}, before);
		assert.equal(after.path, 'updated');
		assert.equal(validateTopics(after.topics, paperIdsOf([...shelf, ...day])), undefined);
		const churn = moved(before, after.topics) / shelf.length;
		assert.ok(churn <= 0.05, `churn ${(100 * churn).toFixed(1)}%`);
		// The same day without the memory regroups from scratch: the test above measures what the memory does.
		const fromScratch = moved(before, deriveTopics([...shelf, ...day])) / shelf.length;
		assert.ok(fromScratch > 0.05, `from scratch ${(100 * fromScratch).toFixed(1)}%`);
	});

	test('every remembered topic keeps its id when a day is added and removed again, and removing the day moves no paper', () => {
		const all = [...shelf, ...day];
		const added = deriveStableTopics(all, {}, before);
		const ids = new Set(allIds(added));
		for (const t of before) assert.ok(ids.has(t.id), `topic '${t.id}' (${t.label}) is still there after adding a day`);
		const memory = nextTopicMemory(before, added, paperIdsOf(all));
		const removed = deriveStableTopicsWithPath(shelf, {}, memory);
		assert.equal(removed.path, 'restored');
		assert.equal(moved(added, removed.topics), 0, 'removing the day moves no paper');
		const left = new Set(allIds(removed.topics));
		for (const t of before) assert.ok(left.has(t.id), `topic '${t.id}' (${t.label}) is still there after removing the day`);
	});

	test('new papers go to the remembered topic they fit; old papers stay; a group that fits nowhere becomes a new topic', () => {
		const old = [...syntheticShelf(20, 's', 1), ...strays(15)];
		const remembered = deriveTopics(old);
		assert.ok(remembered.filter((t) => t.kind === 'derived').length >= 4, 'the synthetic subjects make topics');
		const more = Object.keys(subjects).flatMap((s, i) => synthetic(subjects, s, 2, `n${i}`, 100 + i));
		const glacier = synthetic(newSubject, 'Glacier melt', 12, 'g', 7);
		const { topics, path } = deriveStableTopicsWithPath([...old, ...more, ...glacier], {}, remembered);
		assert.equal(path, 'updated');
		assert.equal(moved(remembered, topics), 0, 'no old paper changed topic');
		const of = leafOf(topics);
		const oldOf = leafOf(remembered);
		for (const p of more) {
			// The remembered topic holding most papers of the new paper's subject.
			const subjectTag = p.id.slice(1, 2);
			const counts = new Map<string, number>();
			for (const o of old) if (o.id.startsWith(`s${subjectTag}-`)) counts.set(oldOf.get(o.id)!, (counts.get(oldOf.get(o.id)!) ?? 0) + 1);
			const home = [...counts].sort((a, b) => b[1] - a[1])[0][0];
			assert.equal(of.get(p.id), home, `${p.title} goes to its subject's topic`);
		}
		const glacierTopic = topics.find((t) => t.kind === 'derived' && !remembered.some((r) => r.id === t.id));
		assert.ok(glacierTopic, `a new topic for the new subject; got ${topics.map((t) => t.label).join(', ')}`);
		assert.ok(glacier.every((p) => glacierTopic.paperIds.includes(p.id)), 'it holds the new subject’s papers');
		assert.match(glacierTopic.label, /glacier|ice|melt/i);
	});

	test('new papers that share no subject make no topic: they go to Other', () => {
		const old = syntheticShelf(20, 's', 1);
		const remembered = deriveTopics(old);
		const stray = ['Quantum gravity', 'Medieval poetry', 'Tax law', 'Volcano sensors', 'Chess openings'].map((t, i) =>
			makePaper(`${t} revisited`, `A study of ${t.toLowerCase()} with nothing else in common, number ${i}.`, { id: `x-${i}` }));
		const { topics } = deriveStableTopicsWithPath([...old, ...stray], {}, remembered);
		assert.deepEqual(topics.filter((t) => t.kind === 'derived').map((t) => t.id).sort(), remembered.filter((t) => t.kind === 'derived').map((t) => t.id).sort());
		const other = topics.find((t) => t.kind === 'other');
		assert.ok(other && stray.every((p) => other.paperIds.includes(p.id)), 'the stray papers are in Other');
	});

	test(`more new papers than ${maxNewShare * 100}% of the remembered ones derive afresh, and fresh topics take over the ids and labels of the topics they continue`, () => {
		const old = syntheticShelf(20, 's', 1);
		// The user's memory: the same groups, under ids and labels no derivation would give them.
		const remembered = deriveTopics(old).map((t, i) => (t.kind === 'derived' ? { ...t, id: `kept-${i}`, label: `Remembered ${i}` } : t));
		const doubled = [...old, ...syntheticShelf(20, 't', 50)];
		const { topics, path } = deriveStableTopicsWithPath(doubled, {}, remembered);
		assert.equal(path, 'matched');
		assert.equal(validateTopics(topics, paperIdsOf(doubled)), undefined);
		for (const r of remembered.filter((t) => t.kind === 'derived')) {
			const heir = topics.find((t) => t.id === r.id);
			assert.ok(heir, `a fresh topic continues '${r.id}'`);
			assert.equal(heir.label, r.label, 'with its remembered label');
			assert.ok(r.paperIds.filter((id) => heir.paperIds.includes(id)).length >= r.paperIds.length / 2);
		}
		const fromScratch = new Set(deriveTopics(doubled).map((t) => t.id));
		assert.ok(remembered.filter((t) => t.kind === 'derived').every((r) => !fromScratch.has(r.id)), 'without the memory no id survives');
	});

	test('a remembered topic split evenly across fresh topics is continued by none of them, and no id is given twice', () => {
		const old = syntheticShelf(20, 's', 1);
		const fresh = deriveTopics(old).filter((t) => t.kind === 'derived');
		// A remembered topic made of a third of each of three fresh topics.
		const mixed = fresh.slice(0, 3).flatMap((t) => t.paperIds.slice(0, Math.ceil(t.paperIds.length / 3)));
		const rest = old.map((p) => p.id).filter((id) => !mixed.includes(id));
		const memory: Topic[] = [
			{ id: 'mixed', label: 'Mixed', paperIds: mixed, kind: 'derived' },
			{ id: 'rest', label: 'Rest', paperIds: rest, kind: 'derived' },
		];
		const matched = matchRemembered(fresh, memory, paperIdsOf(old));
		assert.ok(!matched.some((t) => t.id === 'mixed'), 'no fresh topic holds half of it');
		const ids = allIds(matched);
		assert.equal(new Set(ids).size, ids.length, 'ids are unique');
	});

	test('a remembered id goes to one fresh topic only: of two that hold half of it each, the first', () => {
		const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
		const memory: Topic[] = [{ id: 'kept', label: 'Kept', paperIds: ids('p', 10), kind: 'derived' }];
		const fresh: Topic[] = [
			{ id: 'first', label: 'First', paperIds: [...ids('p', 5), ...ids('q', 5)], kind: 'derived' },
			{ id: 'second', label: 'Second', paperIds: [...ids('p', 10).slice(5), ...ids('r', 5)], kind: 'derived' },
		];
		const matched = matchRemembered(fresh, memory, new Set([...ids('p', 10), ...ids('q', 5), ...ids('r', 5)]));
		assert.deepEqual(matched.map((t) => [t.id, t.label]), [['kept', 'Kept'], ['second', 'Second']]);
	});

	test('the same papers and memory give the same topics, in any order', () => {
		const old = syntheticShelf(20, 's', 1);
		const remembered = deriveTopics(old);
		const next = [...old, ...synthetic(newSubject, 'Glacier melt', 12, 'g', 7), ...syntheticShelf(1, 'n', 9)];
		const a = deriveStableTopics(next, {}, remembered);
		const b = deriveStableTopics(shuffled(next, 3), {}, remembered);
		assert.deepEqual(a, b);
	});

	test('two-level groupings keep their subtopics: a new paper joins a subtopic, every id stays', () => {
		const old = syntheticShelf(40, 's', 1);
		const options = { twoLevelThreshold: 100, maxTopics: 3 };
		const remembered = deriveTopics(old, options);
		assert.ok(remembered.some((t) => t.children), 'the small threshold gives subtopics');
		const more = syntheticShelf(3, 'n', 70);
		const { topics, path } = deriveStableTopicsWithPath([...old, ...more], options, remembered);
		assert.equal(path, 'updated');
		assert.equal(validateTopics(topics, paperIdsOf([...old, ...more])), undefined);
		assert.equal(moved(remembered, topics), 0);
		const ids = new Set(allIds(topics));
		for (const id of allIds(remembered)) assert.ok(ids.has(id), `'${id}' is still there`);
	});

	test('crossing the two-level threshold derives afresh (matched to the memory)', () => {
		const old = syntheticShelf(19, 's', 1);
		const remembered = deriveTopics(old, { twoLevelThreshold: 100 });
		const { path } = deriveStableTopicsWithPath([...old, ...syntheticShelf(2, 'n', 70)], { twoLevelThreshold: 100 }, remembered);
		assert.equal(path, 'matched');
	});

	test('the memory keeps papers that left the shelf, and topics that left whole, within a bound', () => {
		const old = syntheticShelf(20, 's', 1);
		const remembered = deriveTopics(old);
		const gone = remembered.find((t) => t.kind === 'derived')!;
		const rest = old.filter((p) => !gone.paperIds.includes(p.id));
		const shrunk = deriveStableTopics(rest, {}, remembered);
		assert.ok(!shrunk.some((t) => t.id === gone.id));
		const memory = nextTopicMemory(remembered, shrunk, paperIdsOf(rest));
		assert.deepEqual(leafOf(memory), leafOf(remembered), 'the memory still knows the topic that left');
		const back = deriveStableTopics(old, {}, memory);
		assert.deepEqual(leafOf(back), leafOf(remembered), 'and it comes back with its id');
		// Far more papers gone than on the shelf: they are forgotten.
		const few = old.slice(0, 3);
		const small = deriveStableTopics(few, {}, remembered);
		const big = nextTopicMemory(remembered, small, paperIdsOf(few));
		assert.ok(nextTopicMemory(big, small, paperIdsOf(few)).flatMap((t) => t.paperIds).length <= 3 + 1000);
	});

	test('the memory round-trips through text, compactly; anything else decodes to nothing', () => {
		const old = syntheticShelf(40, 's', 1);
		const topics = deriveTopics(old, { twoLevelThreshold: 100, maxTopics: 3 });
		assert.deepEqual(decodeTopicMemory(encodeTopicMemory(topics)), topics);
		const ids = old.map((p) => p.id);
		const idChars = ids.reduce((s, id) => s + id.length, 0);
		assert.ok(encodeTopicMemory(topics).length < idChars + 4 * ids.length + 2000, 'each paper listed once, at its leaf');
		for (const bad of [
			undefined,
			42,
			'',
			'{',
			'null',
			'{"version":99,"topics":[]}',
			'{"version":1,"topics":{}}',
			'{"version":1,"topics":[{"id":"a","label":"A","kind":"derived","paperIds":[1]}]}',
			'{"version":1,"topics":[{"id":"a","label":"A","kind":"user","paperIds":["p"]}]}',
			'{"version":1,"topics":[{"id":"a","label":"A","kind":"derived","paperIds":["p"]},{"id":"b","label":"B","kind":"derived","paperIds":["p"]}]}',
			'{"version":1,"topics":[{"id":"a","label":"A","kind":"derived","paperIds":["p"]},{"id":"a","label":"B","kind":"derived","paperIds":["q"]}]}',
			'{"version":1,"topics":[{"id":"a","label":"A","kind":"derived","children":[]}]}',
			'{"version":1,"topics":[{"id":"a","label":"A","kind":"derived","paperIds":["p"],"__proto__":{"x":1}}]}',
		]) {
			assert.equal(decodeTopicMemory(bad), undefined, `decodes ${String(bad)}`);
		}
	});

	test('a corrupt memory is no memory: the topics are derived as without one', () => {
		const old = syntheticShelf(10, 's', 1);
		assert.deepEqual(deriveStableTopics(old, {}, decodeTopicMemory('{"version":1,"topics":[{"id":"a"}]}')), deriveTopics(old));
	});
});
