import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { flexsearchVersion, indexCacheKey, loadIndexCache, loadOrBuildIndex, saveIndexCache, type CachedDigest } from '../../../src/core/search/indexCache';
import { PaperIndex } from '../../../src/core/search/paperIndex';
import { fakePaper, ids } from './fakePapers';

const digestA: CachedDigest = {
	file: 'a.txt',
	contentHash: 'aaa',
	papers: [
		fakePaper('q1', 'Quantization of transformer weights', 'Low-bit formats for inference.'),
		fakePaper('q2', 'Serving large models', 'We apply quantization and pruning to transformers.'),
		fakePaper('d1', 'Diffusion models for proteins', 'Protein structures from a diffusion model.', { authors: ['Ada Lovelace'] }),
	],
};
const digestB: CachedDigest = {
	file: 'b.txt',
	contentHash: 'bbb',
	papers: [fakePaper('q1', 'Quantization of transformer weights', 'Low-bit formats for inference.'), fakePaper('g1', 'Graph networks', 'Message passing.')],
};
const digests = [digestA, digestB];
const queries = ['quantiz', 'transfomer', 'diffusion protein', 'lovelace', 'graph', 'low bit inference'];

function results(index: PaperIndex) {
	return queries.map((q) => index.search(q).map((h) => ({ id: h.paper.id, score: h.score, matches: h.matches })));
}

suite('Index cache', () => {
	let dir: string;
	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-cache-'));
	});
	teardown(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	async function savedCache(): Promise<PaperIndex> {
		const built = await PaperIndex.buildFromDigests(digests.map((d) => ({ key: d.file, papers: d.papers })));
		await saveIndexCache(dir, built, digests);
		return built;
	}

	function dataFile(): string {
		return path.join(dir, 'paper-index.data');
	}

	test('A valid cache loads an index that answers exactly like a fresh build', async () => {
		const built = await savedCache();
		const loaded = await loadIndexCache(dir, digests);
		assert.equal(loaded.reason, undefined);
		assert.ok(loaded.index);
		assert.deepStrictEqual(results(loaded.index), results(built));
		assert.equal(loaded.index.size, 4);
		assert.deepStrictEqual(loaded.index.related('q1', 2).map((h) => h.paper.id), built.related('q1', 2).map((h) => h.paper.id));
	});

	test('A loaded index keeps digest membership: removing one digest keeps the shared paper', async () => {
		await savedCache();
		const { index } = await loadIndexCache(dir, digests);
		assert.ok(index);
		index.removeDigest('a.txt');
		assert.deepStrictEqual(ids(index.search('quantization')), ['q1']);
		index.removeDigest('b.txt');
		assert.equal(index.size, 0);
	});

	test('A missing cache is reported as such', async () => {
		assert.deepStrictEqual(await loadIndexCache(path.join(dir, 'nothing-here'), digests), { reason: 'no cache' });
	});

	test('Corrupt bytes in the data are detected by the checksum', async () => {
		await savedCache();
		const bytes = fs.readFileSync(dataFile());
		bytes[Math.floor(bytes.length / 2)] ^= 0xff;
		fs.writeFileSync(dataFile(), bytes);
		const loaded = await loadIndexCache(dir, digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*checksum/);
	});

	test('A truncated data file is refused', async () => {
		await savedCache();
		const bytes = fs.readFileSync(dataFile());
		fs.writeFileSync(dataFile(), bytes.subarray(0, bytes.length - 100));
		const loaded = await loadIndexCache(dir, digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*truncated/);
	});

	test('A garbled manifest is refused', async () => {
		await savedCache();
		fs.writeFileSync(path.join(dir, 'paper-index.json'), '{"schema": 1, "key": ');
		assert.match((await loadIndexCache(dir, digests)).reason ?? '', /^corrupt: unreadable manifest/);
	});

	test('Well-formed but wrong records behind a matching checksum are still refused', async () => {
		await savedCache();
		const garbage = Buffer.from('state\t2\n{}title:1.map\t3\nxyz');
		const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'paper-index.json'), 'utf8'));
		const { createHash } = await import('node:crypto');
		manifest.bytes = garbage.length;
		manifest.sha256 = createHash('sha256').update(garbage).digest('hex');
		fs.writeFileSync(dataFile(), garbage);
		fs.writeFileSync(path.join(dir, 'paper-index.json'), JSON.stringify(manifest));
		const loaded = await loadIndexCache(dir, digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: /);
	});

	test('A schema version bump, another FlexSearch version or another configuration makes the cache stale', async () => {
		await savedCache();
		for (const options of [{ schemaVersion: 999 }, { flexsearchVersion: '0.9.0' }, { config: { different: true } }]) {
			const loaded = await loadIndexCache(dir, digests, options);
			assert.equal(loaded.index, undefined);
			assert.match(loaded.reason ?? '', /^stale: /, JSON.stringify(options));
		}
	});

	test('Changed digest content or another set of digests makes the cache stale', async () => {
		await savedCache();
		assert.match((await loadIndexCache(dir, [{ ...digestA, contentHash: 'changed' }, digestB])).reason ?? '', /^stale: /);
		assert.match((await loadIndexCache(dir, [digestA])).reason ?? '', /^stale: /);
	});

	test('Papers that differ from the cached ones under the same key are refused, not trusted', async () => {
		await savedCache();
		const tampered = [{ ...digestA, papers: [...digestA.papers.slice(0, 2), fakePaper('other', 'Other', '')] }, digestB];
		const loaded = await loadIndexCache(dir, tampered);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*differ/);
	});

	test('loadOrBuildIndex builds and saves when the cache is unusable, then loads it', async () => {
		const first = await loadOrBuildIndex(dir, digests);
		assert.deepStrictEqual([first.fromCache, first.reason], [false, 'no cache']);
		const second = await loadOrBuildIndex(dir, digests);
		assert.deepStrictEqual([second.fromCache, second.reason], [true, undefined]);
		assert.deepStrictEqual(results(second.index), results(first.index));
		fs.writeFileSync(dataFile(), 'garbage');
		const third = await loadOrBuildIndex(dir, digests);
		assert.equal(third.fromCache, false);
		assert.match(third.reason ?? '', /^corrupt: /);
		assert.deepStrictEqual(results(third.index), results(first.index));
	});

	test('The key depends on every digest hash and on their order', () => {
		const key = indexCacheKey(digests);
		assert.notEqual(indexCacheKey([digestB, digestA]), key);
		assert.notEqual(indexCacheKey([{ ...digestA, contentHash: 'x' }, digestB]), key);
		assert.equal(indexCacheKey(digests), key);
	});

	test('The FlexSearch version in the cache key is the installed one', () => {
		const pkg = JSON.parse(fs.readFileSync(path.join(require.resolve('flexsearch').split(`${path.sep}dist${path.sep}`)[0], 'package.json'), 'utf8'));
		assert.equal(flexsearchVersion, pkg.version);
	});
});
