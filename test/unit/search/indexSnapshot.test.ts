import * as assert from 'node:assert/strict';
import { PaperIndex, type PaperIndexSnapshot } from '../../../src/core/search/paperIndex';
import { fakePaper, ids } from './fakePapers';

const q1 = fakePaper('q1', 'Quantization of transformers', 'Low-bit weights.');
const q2 = fakePaper('q2', 'Serving models', 'Quantization again.', { authors: ['Ada Lovelace'] });
const g1 = fakePaper('g1', 'Graph networks', 'Message passing.');

function churnedIndex(): PaperIndex {
	const index = new PaperIndex();
	index.addDigest('a', [q1, q2]);
	index.addDigest('b', [q2, g1]);
	index.addDigest('gone', [fakePaper('x', 'Removed paper')]);
	index.removeDigest('gone');
	return index;
}

/** What the disk cache holds, through JSON as it is written and read. */
const throughJson = (snapshot: PaperIndexSnapshot) => JSON.parse(JSON.stringify(snapshot)) as PaperIndexSnapshot;

suite('Index snapshot', () => {
	test('The snapshot keeps its format: documents with tombstones, digests, sorted vocabulary, FlexSearch records per field', () => {
		const snapshot = churnedIndex().snapshot();
		assert.deepStrictEqual(Object.keys(snapshot), ['docs', 'digests', 'vocabulary', 'fields', 'acronyms']);
		assert.deepStrictEqual(snapshot.docs, ['q1', 'q2', 'g1', null]);
		assert.deepStrictEqual(snapshot.digests, [
			['a', ['q1', 'q2']],
			['b', ['q2', 'g1']],
		]);
		assert.deepStrictEqual(snapshot.vocabulary.slice(0, 4), [
			['ada', 1],
			['again', 1],
			['bit', 1],
			['graph', 1],
		]);
		assert.deepStrictEqual(new Map(snapshot.vocabulary).get('quantization'), 2);
		assert.ok(!snapshot.vocabulary.some(([term]) => term === 'removed'), 'terms of removed papers are not kept');
		assert.deepStrictEqual(Object.keys(snapshot.fields), ['title', 'meta', 'abstract']);
		for (const records of Object.values(snapshot.fields)) {
			assert.ok(records.length > 0 && records.every((r) => r.length === 2 && typeof r[0] === 'string' && typeof r[1] === 'string'));
		}
	});

	test('A restored index answers like the original, takes the same snapshot, and goes on adding and removing digests', () => {
		const original = churnedIndex();
		const snapshot = original.snapshot();
		const restored = PaperIndex.fromSnapshot(throughJson(snapshot), [
			{ key: 'a', papers: [q1, q2] },
			{ key: 'b', papers: [q2, g1] },
		]);
		assert.deepStrictEqual(restored.snapshot(), snapshot);
		for (const query of ['quantiz', 'lovelace', 'graph net', 'quantizaton ']) {
			assert.deepStrictEqual(restored.search(query), original.search(query), query);
		}
		assert.deepStrictEqual(restored.related('q1'), original.related('q1'));
		restored.removeDigest('a');
		assert.deepStrictEqual(ids(restored.search('quantiz')), ['q2']);
		restored.addDigest('c', [fakePaper('n1', 'Quantum annealing')]);
		assert.deepStrictEqual(ids(restored.search('quant')), ['n1', 'q2']);
	});

	test('The snapshot carries the acronym links: restored, the index answers acronym queries exactly as before without reading every paper', () => {
		const papers = [
			fakePaper('defines', 'Accelerating inference', 'We use processing-in-memory (PIM) to cut data movement.'),
			fakePaper('defines-too', 'Near-data recommendation', 'Processing in memory (PIM) brings compute to the banks.'),
			fakePaper('acronym-only', 'PIM accelerators for recommendation', 'Banks compute near the data.'),
			fakePaper('expansion-only', 'Processing in memory for graph analytics', 'An accelerator design for graphs.'),
			fakePaper('moe', 'Sparse experts', 'A mixture of experts (MoE) routes tokens.'),
			...Array.from({ length: 30 }, (_, i) => fakePaper(`filler-${i}`, `Unrelated study ${i}`, `Nothing of note (NON) here, item ${i}.`)),
		];
		const original = new PaperIndex();
		original.addDigest('d', papers);
		const snapshot = original.snapshot();
		assert.deepStrictEqual(snapshot.acronyms, [
			['moe', [['mixture of expert', 1]]],
			['non', [['nothing of note', 30]]],
			['pim', [['processing in memory', 2]]],
		]);
		// the same papers, counting every read of their text
		let reads = 0;
		const counted = papers.map((p) => {
			const copy = { ...p };
			for (const field of ['title', 'abstract'] as const) {
				const value = p[field];
				Object.defineProperty(copy, field, { enumerable: true, get: () => (reads++, value) });
			}
			return copy;
		});
		const restored = PaperIndex.fromSnapshot(throughJson(snapshot), [{ key: 'd', papers: counted }]);
		assert.deepStrictEqual(restored.snapshot(), snapshot);
		const first = restored.search('processing in memory ');
		// 4 papers match; each has its title and abstract read three times (ranked, highlighted word by word, and for long forms). Links rebuilt from the
		// papers would read all 35.
		assert.ok(reads <= 4 * 2 * 3, `the first search read the text of its candidates only, not of every paper (${reads} reads)`);
		const results = (ix: PaperIndex, q: string) => ix.search(q).map((h) => ({ id: h.paper.id, score: h.score, matches: h.matches }));
		assert.deepStrictEqual(first.map((h) => h.paper.id), original.search('processing in memory ').map((h) => h.paper.id));
		for (const query of ['pim accelerator', 'processing in memory ', 'mixture of experts', 'moe']) {
			assert.deepStrictEqual(results(restored, query), results(original, query), query);
		}
		assert.ok(ids(restored.search('processing in memory ')).includes('acronym-only'), 'the long form finds the paper that only says PIM');
	});

	test('Restoring refuses papers other than the snapshot was taken from, naming the digest or paper', () => {
		const snapshot = throughJson(churnedIndex().snapshot());
		assert.throws(() => PaperIndex.fromSnapshot(snapshot, [{ key: 'a', papers: [q1, q2] }]), /the cache holds 2 digests, 1 were given/);
		assert.throws(
			() =>
				PaperIndex.fromSnapshot(snapshot, [
					{ key: 'a', papers: [q2, q1] },
					{ key: 'b', papers: [q2, g1] },
				]),
			/the papers of digest 'a' differ from the cached ones/,
		);
		const lying = { ...snapshot, docs: [...snapshot.docs, 'zz'] };
		assert.throws(
			() =>
				PaperIndex.fromSnapshot(lying, [
					{ key: 'a', papers: [q1, q2] },
					{ key: 'b', papers: [q2, g1] },
				]),
			/cached paper 'zz' is in none of the digests/,
		);
	});
});
