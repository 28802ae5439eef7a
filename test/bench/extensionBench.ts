/**
 * `npm run bench:extension`: Paper Shelf inside a real VS Code, measured two ways, printed side by side with the
 * previous recorded run (test/bench/extension-results.json) and the targets of issue 11.
 *
 * - **ui** (the user's clock): the packaged .vsix installed into code-server, driven from headless Chromium through
 *   the workbench (test/bench/userClock.ts). From the click on the Paper Shelf entry of the activity bar until the
 *   Papers view shows rows, then topic groups; then Developer: Reload Window with the disk caches present, and the
 *   same again; the extension host's RSS after each.
 * - **host** (the clock inside the extension host; explains where the time goes there): the development build
 *   activated by the in-host module test/bench/host/index.ts: activate(), first load, first tree render, topics,
 *   search and quick-pick latency, heap growth and RSS.
 *
 *   node out/test/bench/extensionBench.js [--sizes 0,10000,100000] [--mode ui,host] [--corpus FILE.jsonl[.gz]]
 *                                         [--record] [--skip-package] [--heap-snapshot 100000] [--timeout-min 20]
 *                                         [--click-delay-ms 3000]
 *
 * Each size runs in a fresh code-server (fresh user data, so cold caches) on a fresh copy of the fixture workspace,
 * with the first N corpus records written into it as bench.digest.jsonl (0 = the bundled digest alone).
 * --record appends this run to test/bench/extension-results.json (the next run's "previous").
 * --heap-snapshot SIZES: the host runs of these sizes also write a heap snapshot once loaded, and the bench prints its
 * breakdown (test/bench/heapSnapshot.ts).
 */
import { execSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { benchCorpusFile } from '../support/corpus';
import { analyzeHeapSnapshot, formatBreakdown } from './heapSnapshot';
import { compareTable, type BenchRun, type Measures, readResults, recordRun } from './extensionResults';
import { runUserClock, type UiResult } from './userClock';

interface HostResult {
	papers: number;
	activateMs: number;
	readyMs: number;
	firstRenderMs: number;
	topicsMs: number;
	topics: number;
	topLevelNodes: number;
	searchP50: number;
	searchP95: number;
	quickPickP50: number;
	quickPickP95: number;
	firstCompletionMs?: number;
	firstCitePickMs?: number;
	ownCompletionMs?: number;
	ownPickMs?: number;
	heapMB: number;
	rssMB?: number;
	load?: { start: number; end: number };
	heapSnapshot?: string;
	vscode: string;
}

const repoRoot = path.resolve(__dirname, '../../..');
const resultsFile = path.join(repoRoot, 'test', 'bench', 'extension-results.json');
const { values: args } = parseArgs({
	options: {
		sizes: { type: 'string', default: '0,10000,100000' },
		mode: { type: 'string', default: 'ui,host' },
		corpus: { type: 'string' },
		record: { type: 'boolean', default: false },
		'skip-package': { type: 'boolean', default: false },
		'heap-snapshot': { type: 'string', default: '' },
		'timeout-min': { type: 'string', default: '20' },
		'click-delay-ms': { type: 'string', default: '3000' },
	},
});
const sizes = args.sizes.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 0)) {
	throw new Error(`--sizes takes paper counts such as 0,10000,100000 (0 = the bundled digest), not '${args.sizes}'`);
}
const modes = new Set(args.mode.split(','));
if ([...modes].some((m) => m !== 'ui' && m !== 'host')) {
	throw new Error(`--mode takes ui, host or ui,host, not '${args.mode}'`);
}
/** Only digests of corpus papers need the corpus (--corpus, $PAPER_SHELF_CORPUS or ../shared); the bundled digest alone runs without it. */
const corpus = sizes.some((n) => n > 0) ? benchCorpusFile() : '';
const timeoutMs = Number(args['timeout-min']) * 60_000;
const snapshotSizes = new Set(args['heap-snapshot'].split(',').filter((s) => s !== '').map(Number));
const log = (line: string) => console.error(`[bench] ${line}`);

function runHost(papers: number): HostResult {
	const snapshotDir = snapshotSizes.has(papers) ? fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-heap-')) : undefined;
	const child = spawnSync(process.execPath, [path.join(repoRoot, 'test/host/runIntegration.js')], {
		cwd: repoRoot,
		encoding: 'utf8',
		env: {
			...process.env,
			PAPER_SHELF_TEST_HOST: 'code-server',
			PAPER_SHELF_TESTS_ENTRY: 'out/test/bench/host/index.js',
			PAPER_SHELF_BENCH_PAPERS: String(papers),
			PAPER_SHELF_TEST_TIMEOUT_MS: String(Math.max(1_200_000, 2 * timeoutMs)),
			PAPER_SHELF_CORPUS: corpus,
			...(snapshotDir ? { PAPER_SHELF_BENCH_HEAP_SNAPSHOT: path.join(snapshotDir, `host-${papers}.heapsnapshot`) } : {}),
		},
		maxBuffer: 64 * 1024 * 1024,
	});
	const line = child.stdout.split('\n').find((l) => l.includes('BENCH {'));
	if (!line) {
		process.stderr.write(child.stdout.slice(-4000) + child.stderr.slice(-4000));
		throw new Error(`the host run for ${papers} papers printed no BENCH line (exit ${child.status})`);
	}
	return JSON.parse(line.slice(line.indexOf('BENCH ') + 6)) as HostResult;
}

function packageVsix(): string {
	const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
	const vsix = path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
	if (args['skip-package'] && fs.existsSync(vsix)) {
		return vsix;
	}
	log('npm run package');
	const result = spawnSync('npm', ['run', 'package'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
	if (result.status !== 0 || !fs.existsSync(vsix)) {
		throw new Error(`npm run package failed (exit ${result.status ?? result.signal})`);
	}
	return vsix;
}

function commit(): string {
	try {
		const sha = execSync('git rev-parse --short HEAD', { cwd: repoRoot, encoding: 'utf8' }).trim();
		const dirty = execSync('git status --porcelain -- src package.json esbuild.js', { cwd: repoRoot, encoding: 'utf8' }).trim() !== '';
		return dirty ? `${sha}+changes` : sha;
	} catch {
		return 'unknown';
	}
}

async function main(): Promise<void> {
	const measures: Measures = {};
	const uiRows: string[] = [];
	const hostRows: string[] = [];
	const snapshots: string[] = [];
	let version = '';
	const startedAt = new Date();
	const vsix = modes.has('ui') ? packageVsix() : '';
	const ms = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(0));
	const mb = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(0));
	for (const size of sizes) {
		const label = size === 0 ? 'bundled digest' : `${size.toLocaleString('en-US')}-paper digest`;
		if (modes.has('ui')) {
			log(`ui: ${label}`);
			const r: UiResult = await runUserClock(size, { vsix, corpus, timeoutMs, clickDelayMs: Number(args['click-delay-ms']), log });
			version = r.vscode;
			const l = r.load;
			uiRows.push(`| ${label} | ${ms(r.progressMs)} / ${ms(r.countsMs)} | ${ms(r.firstRowMs)} | ${ms(r.topicsMs)} | ${mb(r.rssMB)} (${mb(r.peakRssMB)}) | ${ms(r.reloadIndexingMs)} | ${ms(r.reloadFirstRowMs)} | ${ms(r.reloadTopicsMs)} | ${mb(r.reloadRssMB)} (${mb(r.reloadPeakRssMB)}) | ${l.start.toFixed(1)} → ${l.loaded.toFixed(1)}; ${l.reloadStart.toFixed(1)} → ${l.reloaded.toFixed(1)} |${r.notes.length ? ' ' + r.notes.join('; ') : ''}`);
			const load = Math.max(l.start, l.loaded);
			const reloadLoad = Math.max(l.reloadStart, l.reloaded);
			Object.assign(measures, {
				[`ui.${size}.countsMs`]: { value: r.countsMs, load },
				[`ui.${size}.firstRowMs`]: { value: r.firstRowMs, load },
				[`ui.${size}.topicsMs`]: { value: r.topicsMs, load },
				[`ui.${size}.rssMB`]: { value: r.rssMB, load },
				[`ui.${size}.reloadTopicsMs`]: { value: r.reloadTopicsMs, load: reloadLoad },
				[`ui.${size}.reloadIndexingMs`]: { value: r.reloadIndexingMs, load: reloadLoad },
				[`ui.${size}.reloadRssMB`]: { value: r.reloadRssMB, load: reloadLoad },
			});
		}
		if (modes.has('host')) {
			log(`host: ${label}`);
			const loadStart = os.loadavg()[0];
			const r = runHost(size);
			version = r.vscode;
			const load = r.load ? Math.max(r.load.start, r.load.end) : Math.max(loadStart, os.loadavg()[0]);
			hostRows.push(`| ${label} | ${r.papers.toLocaleString('en-US')} | ${ms(r.activateMs)} | ${ms(r.readyMs)} | ${ms(r.firstRenderMs)} | ${ms(r.topicsMs)} (${r.topics}) | ${ms(r.searchP50)} / ${ms(r.searchP95)} | ${ms(r.quickPickP50)} / ${ms(r.quickPickP95)} | ${ms(r.ownCompletionMs)} (${ms(r.firstCompletionMs)}) / ${ms(r.ownPickMs)} (${ms(r.firstCitePickMs)}) | ${r.heapMB < 1 ? '< 1' : r.heapMB.toFixed(0)} | ${mb(r.rssMB)} | ${load.toFixed(1)} |`);
			Object.assign(measures, {
				[`host.${size}.readyMs`]: { value: r.readyMs, load },
				[`host.${size}.topicsMs`]: { value: r.topicsMs, load },
				[`host.${size}.searchP95`]: { value: r.searchP95, load },
				[`host.${size}.quickPickP95`]: { value: r.quickPickP95, load },
				[`host.${size}.heapMB`]: { value: r.heapMB, load },
				[`host.${size}.firstCompletionMs`]: { value: r.firstCompletionMs ?? null, load },
				[`host.${size}.firstCitePickMs`]: { value: r.firstCitePickMs ?? null, load },
				[`host.${size}.ownCompletionMs`]: { value: r.ownCompletionMs ?? null, load },
				[`host.${size}.ownPickMs`]: { value: r.ownPickMs ?? null, load },
				[`host.${size}.rssMB`]: { value: r.rssMB ?? null, load },
			});
			if (r.heapSnapshot) {
				log(`heap snapshot ${r.heapSnapshot} (${(fs.statSync(r.heapSnapshot).size / 1048576).toFixed(0)} MB): analysing`);
				try {
					const breakdown = await analyzeHeapSnapshot(r.heapSnapshot);
					snapshots.push(`Heap of the extension host after loading the ${label} (in-host run, development build):\n\n${formatBreakdown(breakdown)}`);
					fs.rmSync(path.dirname(r.heapSnapshot), { recursive: true, force: true });
				} catch (e) {
					log(`could not analyse ${r.heapSnapshot} (kept): ${e instanceof Error ? e.message : String(e)}`);
				}
			}
		}
		log(`done: ${size}`);
	}

	const run: BenchRun = {
		date: startedAt.toISOString(),
		commit: commit(),
		command: `node out/test/bench/extensionBench.js ${process.argv.slice(2).join(' ')}`.trim(),
		cpus: os.cpus().length,
		vscode: version,
		measures,
	};
	const previous = readResults(resultsFile).runs.at(-1);
	console.log(`\nPaper Shelf in VS Code ${version} (code-server host), ${run.date.slice(0, 16).replace('T', ' ')} UTC, commit ${run.commit}, ${run.cpus} cores; times in ms, memory in MB`);
	console.log('Load average (1 min) is given with every figure: on a machine with 2 cores, figures taken at a load far above 2 are not comparable with figures taken near 1.\n');
	if (uiRows.length) {
		console.log('User clock (packaged .vsix in the real workbench; from the click on the activity bar entry / from Enter on Developer: Reload Window):\n');
		console.log('| shelf | progress bar / counts shown | first rows | topics | host RSS (peak) | reload: "Indexing digests…" | reload: first rows | reload: rows with topics | host RSS after reload (peak) | load avg: cold; reload |');
		console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
		console.log(uiRows.join('\n') + '\n');
	}
	if (hostRows.length) {
		console.log('Inside the extension host (development build, activated by the bench module; the clock starts at activate()):\n');
		console.log('| shelf | papers | activate() | first load (ready) | first tree render | topics ready after (count) | search p50 / p95 | quick-pick items p50 / p95 | first [@ completion / citation picker: Paper Shelf alone (whole) | heap growth | RSS | load avg |');
		console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		console.log(hostRows.join('\n') + '\n');
	}
	console.log(`This run against the previous recorded one${previous ? ` (${previous.date.slice(0, 16).replace('T', ' ')} UTC, commit ${previous.commit})` : ' (none recorded yet)'}:\n`);
	console.log(compareTable(previous, run));
	for (const s of snapshots) {
		console.log('\n' + s);
	}
	if (args.record) {
		recordRun(resultsFile, run);
		log(`recorded in ${path.relative(repoRoot, resultsFile)}`);
	}
}

main().then(
	() => process.exit(0),
	(e: unknown) => {
		console.error(e instanceof Error ? e.stack ?? e.message : String(e));
		process.exit(1);
	},
);
