import * as assert from 'node:assert/strict';
import { accumulate, collectScores, Ranker, selectTop, type Postings } from '../../../src/core/search/ranking';

/** Candidates with their match counts and qualities, in typed arrays as the ranker keeps them. */
function candidatesOf(list: readonly [docId: number, matched: number, quality: number][], size = 20) {
	const candidates = new Int32Array(size);
	const matched = new Uint8Array(size);
	const quality = new Float32Array(size);
	list.forEach(([id, m, q], i) => {
		candidates[i] = id;
		matched[id] = m;
		quality[id] = q;
	});
	return { candidates, matched, quality, count: list.length };
}

const live = (n: number): unknown[] => Array.from({ length: n }, () => ({}));
const docIds = (ranked: readonly { docId: number }[]) => ranked.map((r) => r.docId);

suite('Ranking kernels', () => {
	test('Equal scores go to the document added first, whatever order the candidates came in, for short and long lists', () => {
		const { candidates, matched, quality, count } = candidatesOf([
			[9, 1, 0.5],
			[4, 1, 0.5],
			[7, 1, 0.5],
			[2, 1, 0.5],
		]);
		for (const limit of [10, 100]) {
			assert.deepStrictEqual(docIds(selectTop(candidates, count, matched, quality, live(20), -1, true, limit)), [2, 4, 7, 9], `limit ${limit}`);
		}
		assert.deepStrictEqual(docIds(selectTop(candidates, count, matched, quality, live(20), -1, true, 2)), [2, 4], 'a full list lets an earlier document in');
	});

	test('More matched terms rank first; without allFirst the weighted quality alone counts', () => {
		const { candidates, matched, quality, count } = candidatesOf([
			[1, 1, 0.9],
			[2, 2, 0.1],
			[3, 2, 0.3],
		]);
		const all = selectTop(candidates, count, matched, quality, live(20), -1, true, 10);
		assert.deepStrictEqual(docIds(all), [3, 2, 1]);
		assert.equal(all[0].score, 2 + Math.fround(0.3));
		assert.deepStrictEqual(docIds(selectTop(candidates, count, matched, quality, live(20), -1, false, 10)), [1, 3, 2]);
	});

	test('Quality never lifts a document past one with more matched terms (it is capped below 1)', () => {
		const { candidates, matched, quality, count } = candidatesOf([
			[1, 1, 5],
			[2, 2, 0],
		]);
		const best = selectTop(candidates, count, matched, quality, live(20), -1, true, 10);
		assert.deepStrictEqual(docIds(best), [2, 1]);
		assert.equal(best[1].score, 1 + 0.999);
	});

	test('The excluded document and removed documents are left out; the limit holds', () => {
		const { candidates, matched, quality, count } = candidatesOf([
			[0, 1, 0.9],
			[1, 1, 0.8],
			[2, 1, 0.7],
			[3, 1, 0.6],
		]);
		const docs = live(4);
		docs[1] = undefined;
		assert.deepStrictEqual(docIds(selectTop(candidates, count, matched, quality, docs, 0, true, 10)), [2, 3]);
		assert.deepStrictEqual(docIds(selectTop(candidates, count, matched, quality, docs, -1, true, 1)), [0]);
		assert.deepStrictEqual(selectTop(candidates, count, matched, quality, docs, -1, true, 0), []);
	});

	test("A term's run moves its scores out of scratch, counts live documents, and accumulates into the candidates once each", () => {
		const postIds = Int32Array.from([3, 1, 3]);
		const postScores = new Float32Array(3);
		const scratch = new Float32Array(5);
		scratch[3] = 0.5;
		scratch[1] = 0.25;
		const docs = live(5);
		docs[1] = undefined;
		assert.equal(collectScores(postIds, postScores, scratch, docs, 0, 2), 1);
		assert.deepStrictEqual([...postScores.slice(0, 2)], [0.5, 0.25]);
		assert.deepStrictEqual([...scratch], [0, 0, 0, 0, 0]);
		postScores[2] = 0.5;
		const matched = new Uint8Array(5);
		const quality = new Float32Array(5);
		const candidates = new Int32Array(5);
		const count = accumulate(postIds, postScores, 0, 3, 0.5, matched, quality, candidates, 0);
		assert.equal(count, 2);
		assert.deepStrictEqual([...candidates.slice(0, 2)], [3, 1]);
		assert.deepStrictEqual([matched[3], matched[1]], [2, 1]);
		assert.deepStrictEqual([quality[3], quality[1]], [0.5, 0.125]);
	});
});

suite('Ranker', () => {
	// word → field → buckets of document numbers (bucket 0 is the best position)
	const table: Record<string, Record<string, number[][]>> = {
		alpha: { title: [[0], [1]], abstract: [[2]] },
		beta: { abstract: [[1, 2]], meta: [[], [2]] },
	};
	const postings: Postings = (field, word) => table[word]?.[field] ?? [];
	const term = (word: string) => [
		{ field: 'title' as const, word, factor: 1 },
		{ field: 'meta' as const, word, factor: 1 },
		{ field: 'abstract' as const, word, factor: 1 },
	];

	test('A document scores its best field per term; titles beat abstracts, earlier buckets beat later ones', () => {
		const ranked = new Ranker().rank([term('alpha')], postings, { docs: live(3), size: 3 }, 10, -1, true);
		assert.deepStrictEqual(docIds(ranked), [0, 1, 2]);
		assert.ok(ranked[0].score > ranked[1].score && ranked[1].score > ranked[2].score);
		assert.ok(ranked.every((r) => Math.floor(r.score) === 1));
	});

	test('Documents with both terms rank first, and a reused ranker gives the same answer again', () => {
		const ranker = new Ranker();
		const first = ranker.rank([term('alpha'), term('beta')], postings, { docs: live(3), size: 3 }, 10, -1, true);
		assert.deepStrictEqual(docIds(first), [1, 2, 0]);
		assert.deepStrictEqual(
			first.map((r) => Math.floor(r.score)),
			[2, 2, 1],
		);
		ranker.rank([term('beta')], postings, { docs: live(3), size: 3 }, 10, -1, true);
		assert.deepStrictEqual(ranker.rank([term('alpha'), term('beta')], postings, { docs: live(3), size: 3 }, 10, -1, true), first);
	});
});
