import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { analyzeHeapSnapshot } from '../../bench/heapSnapshot';
import { compareTable, type BenchRun } from '../../bench/extensionResults';

suite('bench:extension tools', () => {
	test('the heap breakdown finds Paper-shaped objects and counts the abstracts only they hold, and the copies of abstracts', async function () {
		this.timeout(120_000);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-heap-test-'));
		const count = 300;
		// Built at run time by join, so each abstract is a flat string of its own on the heap (no literal or rope to share).
		const abstractOf = (i: number) => Array.from({ length: 900 }, (_, k) => String.fromCharCode(97 + ((i * 7 + k * 13 + Math.floor(k / 26) * i) % 26))).join('') + i;
		const papers = Array.from({ length: count }, (_, i) => ({ id: `p${i}`, title: `Paper ${i}`, abstract: abstractOf(i), authors: ['A. Author'], links: {}, source: { file: 'x', startLine: i } }));
		const copies = papers.slice(0, 100).map((p) => ({ ...p, abstract: abstractOf(Number(p.id.slice(1))) }));
		try {
			const file = v8.writeHeapSnapshot(path.join(dir, 'test.heapsnapshot'));
			const b = await analyzeHeapSnapshot(file);
			assert.ok(b.papers >= count + copies.length, `${b.papers} Paper objects found, ${count + copies.length} made`);
			const own = b.categories.find((c) => c.name.startsWith('papers:'));
			assert.ok(own, 'no papers category');
			const abstractBytes = papers.reduce((n, p) => n + p.abstract.length, 0);
			assert.ok(own.bytes >= abstractBytes, `papers hold ${own.bytes} bytes, less than their abstracts' ${abstractBytes}`);
			assert.ok(b.strings.long - b.strings.longDistinct >= copies.length, `${b.strings.long - b.strings.longDistinct} copies of long strings, expected at least ${copies.length}`);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
		assert.equal(papers.length + copies.length, count + 100); // keep both alive until the snapshot is taken
	});

	test('the comparison puts the previous run beside this one with the ratio and whether the target is met', () => {
		const run = (value: number, load: number): BenchRun => ({ date: '2026-11-30T00:00:00Z', commit: 'x', command: '', cpus: 2, vscode: '1.100.3', measures: { 'ui.10000.firstRowMs': { value, load } } });
		const table = compareTable(run(4000, 6), run(2000, 1.1));
		const row = table.split('\n').find((l) => l.startsWith('| 10k user: first rows'));
		assert.equal(row, '| 10k user: first rows | ≤ 3000 | 4000 (load 6.0) | 2000 (load 1.1) ✓ | 0.50× |');
	});
});
