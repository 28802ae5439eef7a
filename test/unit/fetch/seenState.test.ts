import * as assert from 'node:assert/strict';
import { markSeen, newIds, readSeen, storedSeen } from '../../../src/core/fetch/seenState';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

suite('The seen state', () => {
	test('Reads back what it stores; anything else reads as nothing stored', () => {
		assert.deepEqual(readSeen(storedSeen(['a', 'b'])), ['a', 'b']);
		assert.equal(readSeen(undefined), undefined);
		assert.equal(readSeen({ v: 2, ids: [] }), undefined);
		assert.equal(readSeen({ v: 1, ids: 'a' }), undefined);
		assert.deepEqual(readSeen({ v: 1, ids: ['a', 3, '', 'a', 'x'.repeat(201), 'b'] }), ['a', 'b']);
	});

	test('Marking moves ids to the newest end and drops the oldest beyond the limit', () => {
		assert.deepEqual(markSeen(['a', 'b', 'c'], ['a'], 10), ['b', 'c', 'a']);
		assert.deepEqual(markSeen(['a', 'b', 'c'], ['d', 'e'], 4), ['b', 'c', 'd', 'e']);
		assert.deepEqual(markSeen([], ['a', 'b', 'c'], 2), ['b', 'c']);
		const same = ['a', 'b'];
		assert.equal(markSeen(same, ['b'], 10), same, 'nothing to store when the id is already the newest');
		assert.equal(markSeen(same, [], 10), same);
		assert.deepEqual(markSeen(['a', 'b'], ['a'], 10), ['b', 'a']);
	});

	test('New papers are those not seen, in shelf order', () => {
		assert.deepEqual(newIds(['x', 'a', 'y'], new Set(['a'])), ['x', 'y']);
	});

	test('Marking is linear in the sizes', function () {
		this.timeout(60_000);
		const ids = (n: number) => Array.from({ length: n }, (_, k) => `2401.${String(k).padStart(5, '0')}`);
		// Past the CPU caches on both sides: a Set of 2,000 ids fits in cache and one of 20,000 does not, which made this
		// linear code measure 14-16x (the limit is 15); 20,000 against 200,000 measures 12-13x.
		const small = ids(20_000);
		const large = ids(200_000);
		const r = timeRatio((list: string[]) => markSeen(list, list.slice(0, list.length / 2), list.length), small, large);
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, small.length, large.length));
	});
});
