import * as assert from 'node:assert/strict';
import { DocumentTable } from '../../../src/core/search/documentTable';
import type { Paper } from '../../../src/core/model';
import { fakePaper } from './fakePapers';

const ids = (papers: readonly Paper[] | undefined) => (papers ?? []).map((p) => p.id);

const p1 = fakePaper('p1', 'One');
const p2 = fakePaper('p2', 'Two');
const p3 = fakePaper('p3', 'Three');

suite('Document table', () => {
	test('A paper in two digests is one document and goes with the last of them', () => {
		const table = new DocumentTable();
		table.openDigest('a');
		assert.equal(table.addPaper('a', p1), 0);
		assert.equal(table.addPaper('a', p2), 1);
		table.openDigest('b');
		assert.equal(table.addPaper('b', p2), undefined, 'shared, not a new document');
		assert.equal(table.addPaper('b', p3), 2);
		assert.deepStrictEqual(ids(table.removeDigest('a')), ['p1']);
		assert.deepStrictEqual(table.digestKeys(), ['b']);
		assert.deepStrictEqual(ids(table.all()), ['p2', 'p3']);
		assert.deepStrictEqual(ids(table.removeDigest('b')), ['p2', 'p3']);
		assert.equal(table.size, 0);
		assert.deepStrictEqual(table.docs, [undefined, undefined, undefined], 'numbers stay taken');
		assert.equal(table.removeDigest('b'), undefined);
	});

	test('A paper listed twice in a digest is held once', () => {
		const table = new DocumentTable();
		table.openDigest('a');
		table.addPaper('a', p1);
		table.addPaper('a', p1);
		assert.deepStrictEqual([...table.digests()], [['a', ['p1']]]);
		assert.equal(table.docId('p1'), 0);
	});

	test('A sweep is due past 1000 tombstones that outnumber a third of the live papers', () => {
		const table = new DocumentTable();
		const addDigest = (key: string, n: number) => {
			table.openDigest(key);
			for (let i = 0; i < n; i++) table.addPaper(key, fakePaper(`${key}${i}`, ''));
		};
		addDigest('keep', 10);
		addDigest('a', 1000);
		table.removeDigest('a');
		assert.equal(table.needsSweep(), false, '1000 tombstones, 10 live');
		addDigest('b', 1);
		table.removeDigest('b');
		assert.equal(table.needsSweep(), true, '1001 tombstones, 10 live');
		table.swept();
		assert.equal(table.needsSweep(), false);
		addDigest('many', 4590);
		addDigest('c', 1500);
		table.removeDigest('c');
		assert.equal(table.needsSweep(), false, '1500 tombstones, 4600 live');
		addDigest('d', 100);
		table.removeDigest('d');
		assert.equal(table.needsSweep(), true, '1600 tombstones, 4600 live');
	});

	test('A restored table holds the same documents and digests, and refuses a digest naming a missing paper', () => {
		const table = DocumentTable.restore([p1, null, p2], [
			['a', ['p1', 'p2']],
			['b', ['p2']],
		]);
		assert.deepStrictEqual(table.docs, [p1, undefined, p2]);
		assert.equal(table.size, 2);
		assert.deepStrictEqual(ids(table.removeDigest('a')), ['p1']);
		assert.deepStrictEqual(ids(table.removeDigest('b')), ['p2']);
		assert.throws(() => DocumentTable.restore([p1], [['a', ['p1', 'p9']]]), /paper 'p9' of digest 'a' is not in the cached index/);
	});
});
