/**
 * `npm run bench:extension`: Paper Shelf's activation, first render and search latency inside a real
 * VS Code (the integration test host), on the bundled digest and on workspace digests of 10k and 100k
 * corpus papers. Each scale runs in a fresh host. Prints a Markdown table.
 *
 *   node out/test/bench/extensionBench.js [--sizes 0,10000,100000] [--corpus FILE]
 *
 * The corpus (not in the repository) is ../shared/corpus/papers-130k.jsonl.gz beside it, or --corpus FILE.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { benchCorpusFile } from '../support/corpus';

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
	heapMB: number;
	vscode: string;
}

const repoRoot = path.resolve(__dirname, '../../..');
const { values: args } = parseArgs({ options: { sizes: { type: 'string', default: '0,10000,100000' }, corpus: { type: 'string' } } });
const sizes = args.sizes.split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 0)) {
	throw new Error(`--sizes takes paper counts such as 0,10000,100000 (0 = the bundled digest), not '${args.sizes}'`);
}
/** Only digests of corpus papers need the corpus; the bundled digest alone (--sizes 0) runs without it. */
const corpus = sizes.some((n) => n > 0) ? benchCorpusFile() : '';

function runHost(papers: number): HostResult {
	const child = spawnSync(process.execPath, [path.join(repoRoot, 'test/host/runIntegration.js')], {
		cwd: repoRoot,
		encoding: 'utf8',
		env: { ...process.env, PAPER_SHELF_TESTS_ENTRY: 'out/test/bench/host/index.js', PAPER_SHELF_BENCH_PAPERS: String(papers), PAPER_SHELF_TEST_TIMEOUT_MS: '1200000', PAPER_SHELF_CORPUS: corpus },
		maxBuffer: 64 * 1024 * 1024,
	});
	const line = child.stdout.split('\n').find((l) => l.includes('BENCH {'));
	if (!line) {
		process.stderr.write(child.stdout.slice(-4000) + child.stderr.slice(-4000));
		throw new Error(`the host run for ${papers} papers printed no BENCH line (exit ${child.status})`);
	}
	return JSON.parse(line.slice(line.indexOf('BENCH ') + 6)) as HostResult;
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
const rows: string[] = [];
let version = '';
for (const size of sizes) {
	const r = runHost(size);
	version = r.vscode;
	rows.push(`| ${size === 0 ? 'bundled digest' : `${size.toLocaleString('en-US')}-paper digest`} | ${r.papers.toLocaleString('en-US')} | ${ms(r.activateMs)} | ${ms(r.readyMs)} | ${ms(r.firstRenderMs)} | ${ms(r.topicsMs)} (${r.topics}) | ${ms(r.searchP50)} / ${ms(r.searchP95)} | ${ms(r.quickPickP50)} / ${ms(r.quickPickP95)} | ${r.heapMB < 1 ? '< 1' : r.heapMB.toFixed(0)} |`);
	console.error(`done: ${size}`);
}
console.log(`\nPaper Shelf in VS Code ${version} (code-server host), ${new Date().toISOString().slice(0, 10)}; times in ms\n`);
console.log('| shelf | papers | activate() | first load (ready) | first tree render | topics ready after (count) | search p50 / p95 | quick-pick items p50 / p95 | heap MB |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
console.log(rows.join('\n'));
