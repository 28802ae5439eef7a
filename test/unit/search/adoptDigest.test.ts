import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Paper } from '../../../src/core/model';
import { parseDigest } from '../../../src/core/parse/parseDigest';
import { loadOrBuildIndex, type CachedDigest } from '../../../src/core/search/indexCache';
import { PaperIndex } from '../../../src/core/search/paperIndex';
import { dailyPapersFile } from '../../support/corpus';
import { fakePaper } from './fakePapers';
import { nodeCacheFolder } from '../../support/nodeCacheFolder';

const queries = ['quantiz', 'transfomer', 'diffusion model', 'language', 'agent benchm', 'vision', 'a', 'reinforcement learning'];

function results(index: PaperIndex) {
	return queries.map((q) => index.search(q, { limit: 30 }).map((h) => ({ id: h.paper.id, score: h.score, matches: h.matches })));
}

/** The same papers, each counting every read of a field the tokenizer reads (title, abstract, authors, keywords). */
function counted(papers: readonly Paper[]): { papers: Paper[]; reads: () => number } {
	let reads = 0;
	const wrapped = papers.map((p) => {
		const copy = { ...p };
		for (const field of ['title', 'abstract', 'authors', 'keywords'] as const) {
			const value = p[field];
			Object.defineProperty(copy, field, { enumerable: true, get: () => (reads++, value) });
		}
		return copy;
	});
	return { papers: wrapped, reads: () => reads };
}

suite('PaperIndex adopting a digest', () => {
	const all = parseDigest(fs.readFileSync(dailyPapersFile), dailyPapersFile).papers;
	const half = Math.floor(all.length / 2);
	const digestA: CachedDigest = { file: 'a.txt', contentHash: 'aaa', papers: all.slice(0, half) };
	const digestB: CachedDigest = { file: 'b.txt', contentHash: 'bbb', papers: all.slice(half) };
	let dir: string;
	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-adopt-'));
	});
	teardown(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('Two digests both loaded from their caches answer exactly like a fresh build of both, and the second is not tokenized', async () => {
		assert.ok(all.length > 20, 'the bundled digest has papers to split');
		// A cache per digest, as the library keeps them.
		for (const d of [digestA, digestB]) await loadOrBuildIndex(nodeCacheFolder(path.join(dir, d.file)), [d]);
		const first = await loadOrBuildIndex(nodeCacheFolder(path.join(dir, 'a.txt')), [digestA]);
		const b = counted(digestB.papers);
		const second = await loadOrBuildIndex(nodeCacheFolder(path.join(dir, 'b.txt')), [{ ...digestB, papers: b.papers }]);
		assert.ok(first.fromCache && second.fromCache);
		const shelf = first.index;
		shelf.adoptDigest('b.txt', second.index);
		assert.equal(b.reads(), 0, 'no field of the cached digest was read to tokenize it');
		const fresh = await PaperIndex.buildFromDigests([{ key: 'a.txt', papers: digestA.papers }, { key: 'b.txt', papers: digestB.papers }]);
		assert.deepStrictEqual(results(shelf), results(fresh));
		assert.deepStrictEqual(shelf.all().map((p) => p.id), fresh.all().map((p) => p.id));
		assert.deepStrictEqual(shelf.digestKeys(), ['a.txt', 'b.txt']);
		assert.deepStrictEqual(shelf.snapshot(), fresh.snapshot());
	});

	test('An adopted digest sharing papers with the shelf counts each paper once (terms and acronym definitions), as a fresh build does', () => {
		const shared = fakePaper('s', 'Shared quantization paper', 'Low-bit weights by post-training quantization (PTQ).');
		const a = [shared, fakePaper('x', 'Graph networks', 'Message passing for graphs with graph neural networks (GNNs).')];
		const b = [fakePaper('y', 'Quantization for graphs', 'Weights and graphs: post-training quantization (PTQ) for GNNs.'), shared];
		const shelf = new PaperIndex();
		shelf.addDigest('a', a);
		const other = new PaperIndex();
		other.addDigest('b', b);
		shelf.adoptDigest('b', other);
		const fresh = new PaperIndex();
		fresh.addDigest('a', a);
		fresh.addDigest('b', b);
		for (const q of ['quantization', 'graphs', 'weights', 'low', 'shared', 'quantizaton ', 'ptq', 'graph neural network']) {
			assert.deepStrictEqual(shelf.search(q), fresh.search(q), q);
		}
		assert.deepStrictEqual(shelf.snapshot().acronyms, [
			['gnn', [['graph neural network', 1]]],
			['ptq', [['post training quantization', 2]]],
		]);
		assert.deepStrictEqual(shelf.snapshot(), fresh.snapshot());
		shelf.removeDigest('a');
		fresh.removeDigest('a');
		assert.deepStrictEqual(shelf.search('shared'), fresh.search('shared'));
		assert.deepStrictEqual(shelf.snapshot(), fresh.snapshot());
		assert.equal(shelf.size, 2);
	});

	test('Adopting a digest again under its key replaces its papers', () => {
		const shelf = new PaperIndex();
		shelf.addDigest('a', [fakePaper('a1', 'Trees', '')]);
		const old = new PaperIndex();
		old.addDigest('b', [fakePaper('b1', 'Graphs', '')]);
		shelf.adoptDigest('b', old);
		const renewed = new PaperIndex();
		renewed.addDigest('b', [fakePaper('b2', 'Forests', '')]);
		shelf.adoptDigest('b', renewed);
		assert.deepStrictEqual(shelf.search('graphs'), []);
		assert.deepStrictEqual(shelf.search('forests').map((h) => h.paper.id), ['b2']);
		assert.equal(shelf.size, 2);
	});
});
