import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { flexsearchVersion, indexCacheKey, loadIndexCache, loadOrBuildIndex, saveIndexCache, type CachedDigest } from '../../../src/core/search/indexCache';
import { PaperIndex } from '../../../src/core/search/paperIndex';
import { parseDigest } from '../../../src/core/parse/parseDigest';
import { prng, repoRoot } from '../../support/corpus';
import { corrupt } from '../../support/corrupt';
import { fakePaper, ids } from './fakePapers';
import { nodeCacheFolder } from '../../support/nodeCacheFolder';

const bundledDigestFile = path.join(repoRoot, 'media', 'digests', 'daily-papers.txt');

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
		await saveIndexCache(nodeCacheFolder(dir), built, digests);
		return built;
	}

	function dataFile(): string {
		return path.join(dir, 'paper-index.data');
	}

	test('A valid cache loads an index that answers exactly like a fresh build', async () => {
		const built = await savedCache();
		const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
		assert.equal(loaded.reason, undefined);
		assert.ok(loaded.index);
		assert.deepStrictEqual(results(loaded.index), results(built));
		assert.equal(loaded.index.size, 4);
		assert.deepStrictEqual(loaded.index.related('q1', 2).map((h) => h.paper.id), built.related('q1', 2).map((h) => h.paper.id));
	});

	test('A loaded index keeps digest membership: removing one digest keeps the shared paper', async () => {
		await savedCache();
		const { index } = await loadIndexCache(nodeCacheFolder(dir), digests);
		assert.ok(index);
		index.removeDigest('a.txt');
		assert.deepStrictEqual(ids(index.search('quantization')), ['q1']);
		index.removeDigest('b.txt');
		assert.equal(index.size, 0);
	});

	test('A missing cache is reported as such', async () => {
		assert.deepStrictEqual(await loadIndexCache(nodeCacheFolder(path.join(dir, 'nothing-here')), digests), { reason: 'no cache' });
	});

	test('Corrupt bytes in the data are detected by the checksum', async () => {
		await savedCache();
		const bytes = fs.readFileSync(dataFile());
		bytes[Math.floor(bytes.length / 2)] ^= 0xff;
		fs.writeFileSync(dataFile(), bytes);
		const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*checksum/);
	});

	test('A truncated data file is refused', async () => {
		await savedCache();
		const bytes = fs.readFileSync(dataFile());
		fs.writeFileSync(dataFile(), bytes.subarray(0, bytes.length - 100));
		const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*truncated/);
	});

	test('A garbled manifest is refused', async () => {
		await savedCache();
		fs.writeFileSync(path.join(dir, 'paper-index.json'), '{"schema": 1, "key": ');
		assert.match((await loadIndexCache(nodeCacheFolder(dir), digests)).reason ?? '', /^corrupt: unreadable manifest/);
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
		const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: /);
	});

	test('A schema version bump, another FlexSearch version or another configuration makes the cache stale', async () => {
		await savedCache();
		for (const options of [{ schemaVersion: 999 }, { flexsearchVersion: '0.9.0' }, { config: { different: true } }]) {
			const loaded = await loadIndexCache(nodeCacheFolder(dir), digests, options);
			assert.equal(loaded.index, undefined);
			assert.match(loaded.reason ?? '', /^stale: /, JSON.stringify(options));
		}
	});

	test('Changed digest content or another set of digests makes the cache stale', async () => {
		await savedCache();
		assert.match((await loadIndexCache(nodeCacheFolder(dir), [{ ...digestA, contentHash: 'changed' }, digestB])).reason ?? '', /^stale: /);
		assert.match((await loadIndexCache(nodeCacheFolder(dir), [digestA])).reason ?? '', /^stale: /);
	});

	test('Papers that differ from the cached ones under the same key are refused, not trusted', async () => {
		await savedCache();
		const tampered = [{ ...digestA, papers: [...digestA.papers.slice(0, 2), fakePaper('other', 'Other', '')] }, digestB];
		const loaded = await loadIndexCache(nodeCacheFolder(dir), tampered);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*differ/);
	});

	test('loadOrBuildIndex builds and saves when the cache is unusable, then loads it', async () => {
		const first = await loadOrBuildIndex(nodeCacheFolder(dir), digests);
		assert.deepStrictEqual([first.fromCache, first.reason], [false, 'no cache']);
		const second = await loadOrBuildIndex(nodeCacheFolder(dir), digests);
		assert.deepStrictEqual([second.fromCache, second.reason], [true, undefined]);
		assert.deepStrictEqual(results(second.index), results(first.index));
		fs.writeFileSync(dataFile(), 'garbage');
		const third = await loadOrBuildIndex(nodeCacheFolder(dir), digests);
		assert.equal(third.fromCache, false);
		assert.match(third.reason ?? '', /^corrupt: /);
		assert.deepStrictEqual(results(third.index), results(first.index));
	});

	test('A manifest that is null, an array, a number or a string is refused with a reason, never thrown', async () => {
		await savedCache();
		for (const text of ['null', '[]', '42', '"paper-index"', 'true']) {
			fs.writeFileSync(path.join(dir, 'paper-index.json'), text);
			const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
			assert.equal(loaded.index, undefined, text);
			assert.match(loaded.reason ?? '', /^corrupt: manifest/, text);
		}
	});

	test('A null manifest does not stop loadOrBuildIndex: it builds, answers like a fresh build and saves a good cache', async () => {
		const built = await savedCache();
		fs.writeFileSync(path.join(dir, 'paper-index.json'), 'null');
		const rebuilt = await loadOrBuildIndex(nodeCacheFolder(dir), digests);
		assert.equal(rebuilt.fromCache, false);
		assert.deepStrictEqual(results(rebuilt.index), results(built));
		assert.equal((await loadIndexCache(nodeCacheFolder(dir), digests)).reason, undefined, 'the rebuilt cache is saved');
	});

	test('A manifest field missing or of the wrong type is refused, naming the field', async () => {
		await savedCache();
		const good = JSON.parse(fs.readFileSync(path.join(dir, 'paper-index.json'), 'utf8')) as Record<string, unknown>;
		for (const [field, value] of [['schema', '1'], ['key', null], ['bytes', -1], ['bytes', 1.5], ['sha256', 'nothex'], ['papers', '4'], ['created', 7], ['key', undefined]] as const) {
			fs.writeFileSync(path.join(dir, 'paper-index.json'), JSON.stringify({ ...good, [field]: value }));
			const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
			assert.equal(loaded.index, undefined, `${field}: ${String(value)}`);
			assert.match(loaded.reason ?? '', new RegExp(`^corrupt: manifest.*${field}`), `${field}: ${String(value)}`);
		}
	});

	test('A manifest whose paper count disagrees with the cached index is refused', async () => {
		await savedCache();
		const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'paper-index.json'), 'utf8')) as { papers: number };
		manifest.papers += 1;
		fs.writeFileSync(path.join(dir, 'paper-index.json'), JSON.stringify(manifest));
		const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*holds 4 papers, the manifest says 5/);
	});

	/** Rewrites the data with `edit` applied to its text and a manifest that matches it (size and checksum). */
	async function rewriteData(edit: (text: string) => string): Promise<void> {
		const { createHash } = await import('node:crypto');
		const data = Buffer.from(edit(fs.readFileSync(dataFile(), 'utf8')), 'utf8');
		const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'paper-index.json'), 'utf8'));
		manifest.bytes = data.length;
		manifest.sha256 = createHash('sha256').update(data).digest('hex');
		fs.writeFileSync(dataFile(), data);
		fs.writeFileSync(path.join(dir, 'paper-index.json'), JSON.stringify(manifest));
	}

	/** Replaces the record `name` (its header and data) with `data`. */
	function replaceRecord(text: string, name: string, data: (old: string) => string): string {
		const start = text.indexOf(`${name}\t`);
		assert.ok(start >= 0, `record ${name}`);
		const newline = text.indexOf('\n', start);
		const length = Number(text.slice(start + name.length + 1, newline));
		const next = data(text.slice(newline + 1, newline + 1 + length));
		return text.slice(0, start) + `${name}\t${next.length}\n${next}` + text.slice(newline + 1 + length);
	}

	test('Behind a valid checksum, index records naming unknown documents are refused', async () => {
		await savedCache();
		await rewriteData((text) => replaceRecord(text, 'title:1.map', (old) => old.replace(/\[\[(\d+)/, '[[999')));
		const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
		assert.equal(loaded.index, undefined);
		assert.match(loaded.reason ?? '', /^corrupt: .*title.*999/);
	});

	test('Behind a valid checksum, a state of the wrong shape is refused: ids, duplicates, vocabulary order and counts', async () => {
		const edits: [string, (state: { docs: unknown[]; digests: unknown[]; vocabulary: [unknown, unknown][] }) => void][] = [
			['a document that is a number', (s) => void (s.docs[0] = 7)],
			['a duplicated document', (s) => void s.docs.push(s.docs[0])],
			['a digest entry that is not a pair', (s) => void (s.digests[0] = 'a.txt')],
			['a vocabulary out of order', (s) => void s.vocabulary.reverse()],
			['a vocabulary count below one', (s) => void (s.vocabulary[0][1] = 0)],
			['a vocabulary count above the papers', (s) => void (s.vocabulary[0][1] = 99)],
			['a vocabulary term that is not a string', (s) => void (s.vocabulary[0][0] = 5)],
			['no vocabulary', (s) => void ((s as { vocabulary?: unknown }).vocabulary = undefined)],
		];
		for (const [what, edit] of edits) {
			await savedCache();
			await rewriteData((text) => replaceRecord(text, 'state', (old) => {
				const state = JSON.parse(old);
				edit(state);
				return JSON.stringify(state);
			}));
			const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
			assert.equal(loaded.index, undefined, what);
			assert.match(loaded.reason ?? '', /^corrupt: /, what);
		}
	});

	test('The acronym links go through the cache: a loaded index answers acronym queries exactly like a fresh build; links of the wrong shape are refused', async () => {
		const acronymDigest: CachedDigest = {
			file: 'acr.txt',
			contentHash: 'acr',
			papers: [
				fakePaper('defines', 'Accelerating inference', 'We use processing-in-memory (PIM) to cut data movement.'),
				fakePaper('acronym-only', 'PIM accelerators for recommendation', 'Banks compute near the data.'),
				fakePaper('expansion-only', 'Processing in memory for graph analytics', 'An accelerator design for graphs.'),
				fakePaper('moe', 'Sparse experts', 'A mixture of experts (MoE) routes tokens; the MoE layer is sparse.'),
				fakePaper('other', 'Memory accelerator', 'Processing of graphs on an accelerator.'),
			],
		};
		const acronymQueries = ['pim accelerator', 'processing in memory ', 'mixture of experts', 'moe', 'memory'];
		const answers = (index: PaperIndex) => acronymQueries.map((q) => index.search(q).map((h) => ({ id: h.paper.id, score: h.score, matches: h.matches })));
		const built = await PaperIndex.buildFromDigests([{ key: acronymDigest.file, papers: acronymDigest.papers }]);
		await saveIndexCache(nodeCacheFolder(dir), built, [acronymDigest]);
		const loaded = await loadIndexCache(nodeCacheFolder(dir), [acronymDigest]);
		assert.ok(loaded.index, loaded.reason);
		assert.deepStrictEqual(loaded.index.snapshot().acronyms, built.snapshot().acronyms);
		assert.deepStrictEqual(answers(loaded.index), answers(built));
		const edits: [string, (acronyms: unknown[]) => unknown][] = [
			['no acronyms', () => undefined],
			['an entry that is not a pair', (a) => [...a, 'pim']],
			['acronyms out of order', (a) => [...a].reverse()],
			['a long form of one word', () => [['pim', [['memory', 1]]]]],
			['a count above the papers', () => [['pim', [['processing in memory', 99]]]]],
			['a count of zero', () => [['pim', [['processing in memory', 0]]]]],
			['no long forms', () => [['pim', []]]],
		];
		for (const [what, edit] of edits) {
			await saveIndexCache(nodeCacheFolder(dir), built, [acronymDigest]);
			await rewriteData((text) => replaceRecord(text, 'state', (old) => {
				const state = JSON.parse(old);
				assert.ok(Array.isArray(state.acronyms) && state.acronyms.length === 2, 'the state holds the links');
				state.acronyms = edit(state.acronyms);
				return JSON.stringify(state);
			}));
			const refused = await loadIndexCache(nodeCacheFolder(dir), [acronymDigest]);
			assert.equal(refused.index, undefined, what);
			assert.match(refused.reason ?? '', /^corrupt: .*acronym/, what);
		}
	});

	test('Behind a valid checksum, records that are not JSON, of an unknown kind or the wrong shape are refused', async () => {
		const edits: [string, (text: string) => string][] = [
			['a map that is not JSON', (t) => replaceRecord(t, 'title:1.map', (old) => old.slice(0, -3))],
			['a register with a string', (t) => replaceRecord(t, 'title:1.reg', () => '["x"]')],
			['a map entry without buckets', (t) => replaceRecord(t, 'abstract:1.map', () => '[["word"]]')],
			['a map bucket that is a number', (t) => replaceRecord(t, 'abstract:1.map', () => '[["word",[3]]]')],
			['more buckets than the resolution', (t) => replaceRecord(t, 'meta:1.map', () => `[["word",[${Array(12).fill('[0]').join(',')}]]]`)],
			['an unknown record kind', (t) => t + 'title:1.ctx\t2\n[]'],
			['a record name that is not field:n.kind', (t) => t + 'title:map\t2\n[]'],
		];
		for (const [what, edit] of edits) {
			await savedCache();
			await rewriteData(edit);
			const loaded = await loadIndexCache(nodeCacheFolder(dir), digests);
			assert.equal(loaded.index, undefined, what);
			assert.match(loaded.reason ?? '', /^corrupt: /, what);
		}
	});

	test('Random corruption of a real cache (1,500 seeded flips, deletions, duplications) is refused or answers exactly like a fresh build', async function () {
		this.timeout(120_000);
		const bundled = parseDigest(fs.readFileSync(bundledDigestFile), bundledDigestFile);
		const real: CachedDigest[] = [{ file: bundledDigestFile, contentHash: bundled.contentHash, papers: bundled.papers }];
		const fresh = await PaperIndex.buildFromDigests(real.map((d) => ({ key: d.file, papers: d.papers })));
		await saveIndexCache(nodeCacheFolder(dir), fresh, real);
		const realQueries = ['quantiz', 'neuromorphic', 'transfomer', 'memory bandwidth', 'spiking neural', 'fpga accel'];
		const answers = (index: PaperIndex) => JSON.stringify([index.size, realQueries.map((q) => index.search(q, { limit: 100 }).map((h) => [h.paper.id, h.score, h.matches]))]);
		const expected = answers(fresh);
		const manifestFile = path.join(dir, 'paper-index.json');
		const goodManifest = fs.readFileSync(manifestFile);
		const goodData = fs.readFileSync(dataFile());
		const random = prng(9);
		const counts = { refused: 0, identical: 0, wrong: 0, threw: 0 };
		const wrong: string[] = [];
		const started = Date.now();
		for (let i = 0; i < 1500; i++) {
			const inManifest = random() < 0.5;
			const { bytes, how } = corrupt(inManifest ? goodManifest : goodData, random, inManifest);
			fs.writeFileSync(manifestFile, inManifest ? bytes : goodManifest);
			fs.writeFileSync(dataFile(), inManifest ? goodData : bytes);
			let loaded;
			try {
				loaded = await loadIndexCache(nodeCacheFolder(dir), real);
			} catch (e) {
				counts.threw++;
				wrong.push(`case ${i} (${inManifest ? 'manifest' : 'data'}, ${how}) threw ${String(e)}`);
				continue;
			}
			if (!loaded.index) {
				counts.refused++;
			} else if (answers(loaded.index) === expected) {
				counts.identical++;
			} else {
				counts.wrong++;
				wrong.push(`case ${i} (${inManifest ? 'manifest' : 'data'}, ${how}) was accepted and answers differently`);
			}
		}
		console.log(`      ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
		assert.deepStrictEqual(wrong.slice(0, 10), [], JSON.stringify(counts));
		assert.ok(counts.refused > 1000, JSON.stringify(counts));
		assert.ok(Date.now() - started < 100_000, 'bounded in time');
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

	test('A build cancelled through its signal rejects with AbortError and saves no cache', async () => {
		const controller = new AbortController();
		const many = Array.from({ length: 40 }, (_, i) => ({ ...digestA.papers[i % 3], id: `p${i}` }));
		const building = loadOrBuildIndex(nodeCacheFolder(dir), [{ file: 'many.txt', contentHash: 'm', papers: many }], { chunkSize: 10, signal: controller.signal, onProgress: (done) => done >= 20 && controller.abort() });
		await assert.rejects(building, { name: 'AbortError' });
		assert.equal(fs.existsSync(path.join(dir, 'paper-index.json')), false);
	});

	test('A load cancelled while its cache is read rejects with AbortError rather than hand out the index', async () => {
		await savedCache();
		const controller = new AbortController();
		const loading = loadOrBuildIndex(nodeCacheFolder(dir), digests, { signal: controller.signal });
		controller.abort();
		await assert.rejects(loading, { name: 'AbortError' });
	});
});
