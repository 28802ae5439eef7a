import * as assert from 'node:assert/strict';
import { createFieldIndexes, FlexFieldIndex } from '../../../src/core/search/flexFieldIndex';

/** The document numbers FlexSearch holds for a term, over all buckets, in order. */
const found = (index: FlexFieldIndex, term: string) => index.postings(term).flatMap((bucket) => bucket ?? []);

suite('FlexSearch field index', () => {
	test('FlexSearch gets exactly the given terms: none split, lower-cased, stripped or added', () => {
		const index = new FlexFieldIndex('title');
		index.add(1, ['x-y', 'Café', 'R2D2']);
		assert.deepStrictEqual(found(index, 'x-y'), [1]);
		assert.deepStrictEqual(found(index, 'Café'), [1]);
		assert.deepStrictEqual(found(index, 'R2D2'), [1]);
		for (const other of ['x', 'y', 'cafe', 'café', 'r2d2', '\u0000']) {
			assert.deepStrictEqual(found(index, other), [], other);
		}
	});

	test('The terms of one add go to that document only; later lookups and adds are not served stale terms', () => {
		const index = new FlexFieldIndex('abstract');
		index.add(1, ['alpha', 'beta']);
		assert.deepStrictEqual(found(index, 'gamma'), [], 'a lookup after an add looks up its own word');
		index.add(2, ['gamma']);
		assert.deepStrictEqual(found(index, 'alpha'), [1]);
		assert.deepStrictEqual(found(index, 'gamma'), [2]);
	});

	test('Each field index keeps its own terms', () => {
		const fields = createFieldIndexes();
		fields.title.add(1, ['alpha']);
		fields.meta.add(2, ['beta']);
		assert.deepStrictEqual([found(fields.title, 'alpha'), found(fields.title, 'beta')], [[1], []]);
		assert.deepStrictEqual([found(fields.meta, 'alpha'), found(fields.meta, 'beta')], [[], [2]]);
		assert.deepStrictEqual(found(fields.abstract, 'alpha'), []);
	});

	test('Earlier terms of a document land in better buckets', () => {
		const index = new FlexFieldIndex('title');
		index.add(1, ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth']);
		const bucket = (term: string) => index.postings(term).findIndex((b) => b?.includes(1));
		assert.equal(bucket('first'), 0);
		assert.ok(bucket('first') < bucket('fifth') && bucket('fifth') < bucket('ninth'));
	});

	test('What an index exports, a fresh one imports and answers the same', () => {
		const index = new FlexFieldIndex('meta');
		index.add(3, ['ada', 'lovelace']);
		index.add(5, ['lovelace']);
		const copy = new FlexFieldIndex('meta');
		copy.import(index.export());
		for (const term of ['ada', 'lovelace', 'babbage']) {
			assert.deepStrictEqual(copy.postings(term), index.postings(term), term);
		}
		assert.deepStrictEqual(found(copy, 'lovelace').sort(), [3, 5]);
	});
});
