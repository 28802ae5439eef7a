import * as assert from 'node:assert/strict';
import { storedStringList, storedStringRecord } from '../../src/core/storedValues';

suite('Values read back from storage', () => {
	test('A stored list keeps its strings and loses everything else; anything but a list is empty', () => {
		assert.deepStrictEqual(storedStringList(['a', 'b']), ['a', 'b']);
		assert.deepStrictEqual(storedStringList(['a', null, 7, { x: 1 }, '', 'b']), ['a', 'b']);
		for (const value of [null, undefined, 'a', 7, { 0: 'a' }]) {
			assert.deepStrictEqual(storedStringList(value), [], String(value));
		}
	});

	test('A stored record keeps its string values; anything but an object is empty', () => {
		assert.deepStrictEqual({ ...storedStringRecord({ a: 'x', b: 7, c: null }) }, { a: 'x' });
		for (const value of [null, undefined, 'a', 7, ['x']]) {
			assert.deepStrictEqual({ ...storedStringRecord(value) }, {}, String(value));
		}
	});

	test('A stored record answers only for its own keys: a topic with the id "constructor" is not renamed to a function', () => {
		const renames = storedStringRecord({ other: 'Misc' });
		assert.equal(renames['constructor'], undefined);
		assert.equal(renames['toString'], undefined);
		assert.equal(storedStringRecord(JSON.parse('{"__proto__": "x"}'))['__proto__'], 'x');
	});
});
