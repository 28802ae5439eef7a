/**
 * `npm run bench`: Paper Shelf's search index against MiniSearch, Lunr and Fuse.js on the real 130k corpus at several
 * scales. The corpus is not in the repository: ../shared/corpus/papers-130k.jsonl.gz beside it, or --corpus FILE.
 *
 *   node out/test/bench/bench.js [--sizes 1000,10000,100000,all] [--peers paper-shelf,minisearch,lunr,fuse]
 *                                [--markdown FILE] [--timeout-min 40] [--corpus FILE]
 *
 * Every library runs in a fresh child process per scale (started with --expose-gc, so heap figures are
 * after a full GC and not polluted by the previous run). A child loads the first N papers with the core's
 * JSON Lines reader, builds the index, measures heap (index only: papers are loaded before the baseline),
 * query latency (prefixes as typed and 2–3-word queries, 5 rounds after a warm-up), quality on the judged
 * queries (judgedQueries.ts), then saves the index to disk and loads it back. Fuse.js has no inverted
 * index and scans every paper per query, so it runs up to 10k papers only.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import Fuse, { type FuseIndex, type IFuseOptions } from 'fuse.js';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { miniSearchOptions } from './miniSearchPeer';
import { benchCorpusFile, corpusLines } from '../support/corpus';
import type { Paper } from '../../src/core/model';
import { JsonLinesReader } from '../../src/core/parse/parseJsonLines';
import { loadIndexCache, saveIndexCache, type CachedDigest } from '../../src/core/search/indexCache';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { judgedQueries, multiWordQueries, typedPrefixes } from './judgedQueries';
import { nodeCacheFolder } from '../support/nodeCacheFolder';

/** The corpus every scale reads its first N papers from (the parent hands it to its children in PAPER_SHELF_CORPUS). */
const corpus = benchCorpusFile();
const fuseMaxPapers = 10_000;
const rounds = 5;
const prefixQueries = typedPrefixes('quantization');

// --- the libraries, behind one shape

/** One library under test. `T` is its index. */
interface Adapter<T> {
	readonly label: string;
	build(papers: readonly Paper[]): Promise<T> | T;
	/** The ids of the top 10 for a query typed as-you-go (the last word may be a prefix). */
	search(index: T, query: string): string[];
	save(index: T, dir: string, papers: readonly Paper[]): Promise<void> | void;
	load(dir: string, papers: readonly Paper[]): Promise<T> | T;
}

const words = (query: string) => query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

const corpusDigest = (papers: readonly Paper[]): CachedDigest[] => [{ file: 'corpus', contentHash: `first-${papers.length}`, papers }];

const paperShelf: Adapter<PaperIndex> = {
	label: 'Paper Shelf',
	build: (papers) => PaperIndex.buildFromDigests([{ key: 'corpus', papers }]),
	search: (index, query) => index.search(query, { limit: 10 }).map((h) => h.paper.id),
	save: (index, dir, papers) => saveIndexCache(nodeCacheFolder(dir), index, corpusDigest(papers)),
	async load(dir, papers) {
		const { index, reason } = await loadIndexCache(nodeCacheFolder(dir), corpusDigest(papers));
		if (!index) throw new Error(`cache not loaded: ${reason}`);
		return index;
	},
};

const miniSearch: Adapter<MiniSearch<Paper>> = {
	label: 'MiniSearch',
	build(papers) {
		const ms = new MiniSearch<Paper>(miniSearchOptions);
		ms.addAll(papers as Paper[]);
		return ms;
	},
	search: (ms, query) => ms.search(query).slice(0, 10).map((r) => String(r.id)),
	save: (ms, dir) => fs.writeFileSync(path.join(dir, 'minisearch.json'), JSON.stringify(ms)),
	load: (dir) => MiniSearch.loadJSON<Paper>(fs.readFileSync(path.join(dir, 'minisearch.json'), 'utf8'), miniSearchOptions),
};

const lunrAdapter: Adapter<lunr.Index> = {
	label: 'Lunr',
	build: (papers) =>
		lunr(function () {
			this.ref('id');
			this.field('title', { boost: 3 });
			this.field('authors', { boost: 2 });
			this.field('keywords', { boost: 2 });
			this.field('abstract');
			for (const p of papers) {
				this.add({ id: p.id, title: p.title, authors: p.authors.join(' '), keywords: p.keywords.join(' '), abstract: p.abstract });
			}
		}),
	search(index, query) {
		const terms = words(query);
		return index
			.query((q) => {
				terms.forEach((t, i) => {
					q.term(t, {});
					if (i === terms.length - 1) q.term(t, { wildcard: lunr.Query.wildcard.TRAILING, usePipeline: false, boost: 0.8 });
					if (t.length >= 5) q.term(t, { editDistance: 1, usePipeline: false, boost: 0.5 });
				});
			})
			.slice(0, 10)
			.map((r) => r.ref);
	},
	save: (index, dir) => fs.writeFileSync(path.join(dir, 'lunr.json'), JSON.stringify(index)),
	load: (dir) => lunr.Index.load(JSON.parse(fs.readFileSync(path.join(dir, 'lunr.json'), 'utf8'))),
};

const fuseKeys = [
	{ name: 'title', weight: 3 },
	{ name: 'authors', weight: 2 },
	{ name: 'keywords', weight: 2 },
	{ name: 'abstract', weight: 1 },
];
const fuseOptions: IFuseOptions<Paper> = { keys: fuseKeys, threshold: 0.3, ignoreLocation: true, includeScore: true };

const fuse: Adapter<Fuse<Paper>> = {
	label: 'Fuse.js',
	build: (papers) => new Fuse(papers as Paper[], fuseOptions, Fuse.createIndex(fuseKeys, papers as Paper[])),
	search: (f, query) => f.search(query, { limit: 10 }).map((r) => r.item.id),
	save: (f, dir) => fs.writeFileSync(path.join(dir, 'fuse.json'), JSON.stringify(f.getIndex().toJSON())),
	load(dir, papers) {
		const data = JSON.parse(fs.readFileSync(path.join(dir, 'fuse.json'), 'utf8')) as Parameters<typeof Fuse.parseIndex>[0];
		const index: FuseIndex<Paper> = Fuse.parseIndex<Paper>(data);
		return new Fuse(papers as Paper[], fuseOptions, index);
	},
};

/**
 * `--peers paper-shelf-base` with $PAPER_SHELF_BASE_DIR (a transpiled `src` of another commit, e.g. main's copied from
 * out/src): that build's index and cache, for before/after figures from one run.
 */
function paperShelfBase(): Adapter<unknown> {
	const dir = process.env.PAPER_SHELF_BASE_DIR;
	if (!dir) throw new Error('paper-shelf-base needs PAPER_SHELF_BASE_DIR (a transpiled src/ of another commit)');
	/* eslint-disable @typescript-eslint/no-require-imports -- another build of the index, chosen at run time */
	const { PaperIndex: Base } = require(path.resolve(dir, 'core/search/paperIndex.js')) as { PaperIndex: typeof PaperIndex };
	// Older builds take the cache folder as a path, newer ones as a CacheFolder: the call is made in the form it takes.
	type Folder = Parameters<typeof saveIndexCache>[0] | string;
	const cache = require(path.resolve(dir, 'core/search/indexCache.js')) as {
		saveIndexCache(dir: Folder, index: PaperIndex, digests: CachedDigest[]): Promise<void>;
		loadIndexCache(dir: Folder, digests: CachedDigest[]): ReturnType<typeof loadIndexCache>;
	};
	/* eslint-enable @typescript-eslint/no-require-imports */
	const withFolder = async <T>(dir2: string, call: (folder: Folder) => Promise<T>): Promise<T> => {
		try {
			return await call(nodeCacheFolder(dir2));
		} catch (e) {
			if (e instanceof TypeError) return call(dir2);
			throw e;
		}
	};
	return {
		label: 'Paper Shelf (base)',
		build: (papers) => Base.buildFromDigests([{ key: 'corpus', papers }]),
		search: (index, query) => (index as PaperIndex).search(query, { limit: 10 }).map((h) => h.paper.id),
		save: (index, dir2, papers) => withFolder(dir2, (folder) => cache.saveIndexCache(folder, index as PaperIndex, corpusDigest(papers))),
		async load(dir2, papers) {
			const { index, reason } = await withFolder(dir2, (folder) => cache.loadIndexCache(folder, corpusDigest(papers)));
			if (!index) throw new Error(`cache not loaded: ${reason}`);
			return index;
		},
	};
}

const adapters: Record<string, Adapter<unknown>> = {
	'paper-shelf': paperShelf as Adapter<unknown>,
	get 'paper-shelf-base'() {
		return paperShelfBase();
	},
	minisearch: miniSearch as Adapter<unknown>,
	lunr: lunrAdapter as Adapter<unknown>,
	fuse: fuse as Adapter<unknown>,
};

// --- one measurement (child process)

/** What a child measures for one library at one scale. */
interface Measurement {
	readonly lib: string;
	readonly papers: number;
	readonly buildMs: number;
	readonly heapMB: number;
	readonly cacheMB: number;
	readonly cacheLoadMs: number;
	/** The first search after the load (absent in results files written before it was measured). */
	readonly firstQueryMs?: number;
	readonly cacheSame: boolean;
	readonly prefixP50: number;
	readonly prefixP95: number;
	readonly multiP50: number;
	readonly multiP95: number;
	readonly quality: number;
	readonly judged: number;
	readonly failedQueries: string[];
}

async function loadCorpus(n: number): Promise<Paper[]> {
	const reader = new JsonLinesReader('corpus');
	for await (const line of corpusLines(corpus)) {
		reader.readLine(line);
		if (reader.papers.length >= n) break;
	}
	// The unit tests stream only the 2,500-paper sample; at full scale the reader must stay just as quiet.
	for (const d of reader.diagnostics.slice(0, 5)) process.stderr.write(`[bench] corpus line ${d.line}: ${d.severity}: ${d.message}\n`);
	return [...reader.papers];
}

async function countLines(file: string): Promise<number> {
	let n = 0;
	for await (const line of corpusLines(file)) if (line.trim() !== '') n++;
	return n;
}

function gc(): void {
	const collect = (globalThis as { gc?: () => void }).gc;
	if (!collect) throw new Error('run with node --expose-gc');
	collect();
	collect();
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function timeQueries<T>(adapter: Adapter<T>, index: T, queries: readonly string[]): number[] {
	const times: number[] = [];
	for (let r = 0; r < rounds; r++) {
		for (const q of queries) {
			const started = performance.now();
			adapter.search(index, q);
			times.push(performance.now() - started);
		}
	}
	return times;
}

function directorySize(dir: string): number {
	return fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
}

async function measure(lib: string, n: number): Promise<Measurement> {
	const adapter = adapters[lib];
	const papers = await loadCorpus(n);
	gc();
	const baseline = process.memoryUsage().heapUsed;
	const started = performance.now();
	let index: unknown = await adapter.build(papers);
	const buildMs = performance.now() - started;
	gc();
	const heapMB = (process.memoryUsage().heapUsed - baseline) / 1e6;

	for (const q of [...prefixQueries, ...multiWordQueries]) adapter.search(index, q);
	const prefix = timeQueries(adapter, index, prefixQueries);
	const multi = timeQueries(adapter, index, multiWordQueries);
	const inScope = judgedQueries.filter((j) => j.mustFind.every((id) => papers.some((p) => p.id === id)));
	const failedQueries = inScope.filter((j) => {
		const top = adapter.search(index, j.query);
		return !j.mustFind.every((id) => top.includes(id));
	});
	const before = multiWordQueries.map((q) => adapter.search(index, q).join());

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${lib}-`));
	try {
		await adapter.save(index, dir, papers);
		const cacheMB = directorySize(dir) / 1e6;
		index = undefined;
		gc();
		const loadStarted = performance.now();
		const loaded = await adapter.load(dir, papers);
		const cacheLoadMs = performance.now() - loadStarted;
		// the first search after a load pays for whatever the load left undone (an index that rebuilt its acronym links
		// from the papers at its first search took about a second at 100k)
		const firstStarted = performance.now();
		adapter.search(loaded, multiWordQueries[0]);
		const firstQueryMs = performance.now() - firstStarted;
		const cacheSame = multiWordQueries.every((q, i) => adapter.search(loaded, q).join() === before[i]);
		return {
			lib,
			papers: papers.length,
			buildMs,
			heapMB,
			cacheMB,
			cacheLoadMs,
			firstQueryMs,
			cacheSame,
			prefixP50: percentile(prefix, 50),
			prefixP95: percentile(prefix, 95),
			multiP50: percentile(multi, 50),
			multiP95: percentile(multi, 95),
			quality: inScope.length - failedQueries.length,
			judged: inScope.length,
			failedQueries: failedQueries.map((j) => j.query),
		};
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

// --- the run (parent process)

function runChild(lib: string, n: number, timeoutMs: number): Promise<Measurement | string> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--expose-gc', '--max-old-space-size=12000', __filename, '--child', lib, '--size', String(n)], {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, PAPER_SHELF_CORPUS: corpus },
		});
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const line = out.split('\n').find((l) => l.startsWith('RESULT '));
			if (line) resolve(JSON.parse(line.slice(7)) as Measurement);
			else resolve(signal === 'SIGKILL' ? `timeout (> ${Math.round(timeoutMs / 60000)} min)` : `failed (exit ${code ?? signal})`);
		});
	});
}

type Row = [label: string, value: (m: Measurement) => number, digits: number, higherIsBetter?: boolean];

const rows: Row[] = [
	['build (s)', (m) => m.buildMs / 1000, 2],
	['heap after GC (MB)', (m) => m.heapMB, 0],
	['cache on disk (MB)', (m) => m.cacheMB, 1],
	['cache load (s)', (m) => m.cacheLoadMs / 1000, 2],
	['first query after the load (ms)', (m) => m.firstQueryMs ?? NaN, 1],
	['prefix query p50 (ms)', (m) => m.prefixP50, 2],
	['prefix query p95 (ms)', (m) => m.prefixP95, 2],
	['2–3-word query p50 (ms)', (m) => m.multiP50, 2],
	['2–3-word query p95 (ms)', (m) => m.multiP95, 2],
	['judged queries found (top 10)', (m) => m.quality, 0, true],
];

function table(n: number, results: Map<string, Measurement | string>): string {
	const libs = [...results.keys()];
	const header = `| ${n.toLocaleString('en-US')} papers | ${libs.map((l) => adapters[l].label).join(' | ')} | Paper Shelf ÷ best peer |`;
	const lines = [header, `|---|${libs.map(() => '---:').join('|')}|---:|`];
	for (const [label, value, digits, higherIsBetter] of rows) {
		const cells = libs.map((l) => {
			const m = results.get(l);
			if (typeof m === 'string' || m === undefined) return m ?? '';
			const v = value(m);
			return label.startsWith('judged') ? `${v}/${m.judged}` : v.toFixed(digits);
		});
		const own = results.get('paper-shelf');
		const peers = libs.filter((l) => l !== 'paper-shelf').map((l) => results.get(l)).filter((m): m is Measurement => typeof m === 'object');
		let ratio = '';
		if (typeof own === 'object' && peers.length > 0) {
			const best = peers.map(value).reduce((a, b) => (higherIsBetter ? Math.max(a, b) : Math.min(a, b)));
			ratio = best === 0 ? (value(own) === 0 ? '1.00×' : '∞') : `${(value(own) / best).toFixed(2)}×`;
		}
		lines.push(`| ${label} | ${cells.join(' | ')} | ${ratio} |`);
	}
	const notes = libs
		.map((l) => results.get(l))
		.filter((m): m is Measurement => typeof m === 'object')
		.flatMap((m) => [
			...(m.cacheSame ? [] : [`${adapters[m.lib].label}: results after loading the cache differ from the built index`]),
			...(m.failedQueries.length ? [`${adapters[m.lib].label} missed: ${m.failedQueries.map((q) => `"${q}"`).join(', ')}`] : []),
		]);
	return [...lines, '', ...notes.map((n) => `- ${n}`)].join('\n');
}

async function parent(): Promise<void> {
	const { values } = parseArgs({
		options: {
			sizes: { type: 'string', default: '1000,10000,100000,all' },
			peers: { type: 'string', default: 'paper-shelf,minisearch,lunr,fuse' },
			markdown: { type: 'string' },
			'timeout-min': { type: 'string', default: '40' },
			corpus: { type: 'string' },
		},
	});
	const all = values.sizes.includes('all') ? await countLines(corpus) : 0;
	const sizes = values.sizes.split(',').map((s) => (s.trim() === 'all' ? all : Number(s)));
	const libs = values.peers.split(',').map((s) => s.trim());
	for (const l of libs) if (!adapters[l]) throw new Error(`unknown peer '${l}' (known: ${Object.keys(adapters).join(', ')})`);
	if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`bad --sizes '${values.sizes}'`);
	const timeoutMs = Number(values['timeout-min']) * 60_000;
	const header = [
		`# Search benchmark`,
		'',
		`${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · ${Math.round(os.totalmem() / 1e9)} GB · Node ${process.version} · ${os.platform()} · load average at start ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
		'',
		`Command: \`npm run bench -- ${process.argv.slice(2).join(' ')}\``.replace(/ -- `$/, '`'),
		'',
		`Corpus: ${path.basename(corpus)}`,
		'',
	].join('\n');
	console.log(header);
	const sections: string[] = [];
	for (const n of sizes) {
		const results = new Map<string, Measurement | string>();
		for (const lib of libs) {
			if (lib === 'fuse' && n > fuseMaxPapers) {
				results.set(lib, `skipped (> ${fuseMaxPapers.toLocaleString('en-US')})`);
				continue;
			}
			process.stderr.write(`[bench] ${lib} × ${n} …\n`);
			results.set(lib, await runChild(lib, n, timeoutMs));
		}
		const section = `${table(n, results)}\n(load average after this scale: ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`;
		sections.push(section);
		console.log(section + '\n');
		if (values.markdown) fs.writeFileSync(values.markdown, `${header}\n${sections.join('\n\n')}\n`);
	}
}

async function main(): Promise<void> {
	const childIndex = process.argv.indexOf('--child');
	if (childIndex >= 0) {
		const lib = process.argv[childIndex + 1];
		const n = Number(process.argv[process.argv.indexOf('--size') + 1]);
		const m = await measure(lib, n);
		process.stdout.write(`RESULT ${JSON.stringify(m)}\n`);
		return;
	}
	await parent();
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
