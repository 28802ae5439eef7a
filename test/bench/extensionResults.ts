/**
 * The recorded runs of `npm run bench:extension` (test/bench/extension-results.json, written with --record) and the
 * table that sets this run beside the previous one and the targets of issue 11.
 */
import * as fs from 'node:fs';

/** One figure and the 1-minute load average when it was taken. */
export interface Measure {
	value: number | null;
	load: number;
}

/** Keys like `ui.10000.topicsMs` or `host.100000.quickPickP95`. */
export type Measures = Record<string, Measure>;

export interface BenchRun {
	date: string;
	commit: string;
	command: string;
	cpus: number;
	vscode: string;
	measures: Measures;
}

export interface BenchResults {
	runs: BenchRun[];
}

/** How many runs the file keeps (newest last). */
const KEEP = 20;

export function readResults(file: string): BenchResults {
	if (!fs.existsSync(file)) {
		return { runs: [] };
	}
	const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BenchResults>;
	return { runs: Array.isArray(parsed.runs) ? parsed.runs : [] };
}

export function recordRun(file: string, run: BenchRun): void {
	const results = readResults(file);
	results.runs.push(run);
	fs.writeFileSync(file, JSON.stringify({ runs: results.runs.slice(-KEEP) }, null, '\t') + '\n');
}

/** What each measure means, in the table. */
const names: Record<string, string> = {
	countsMs: 'user: paper counts shown',
	firstRowMs: 'user: first rows',
	topicsMs: 'topics shown',
	rssMB: 'extension host RSS after load (MB)',
	reloadTopicsMs: 'user: window reload → rows with topics',
	reloadIndexingMs: 'user: window reload → "Indexing digests…" (workbench, host start, activation)',
	reloadRssMB: 'extension host RSS after reload (MB)',
	readyMs: 'host: first load (ready)',
	searchP95: 'host: search p95',
	quickPickP95: 'host: palette keystroke (quick-pick items) p95',
	heapMB: 'host: heap growth (MB)',
	firstCompletionMs: 'host: first [@ completion after the shelf is ready',
	firstCitePickMs: 'host: first Insert Citation picker after the shelf is ready (shown, taken, cited)',
	ownCompletionMs: 'host: first [@ completion, Paper Shelf\'s provider alone',
	ownPickMs: 'host: first Insert Citation picker\'s items, Paper Shelf\'s part',
};

/** Issue 11's targets (upper bounds), by measure key. */
export const targets: Record<string, number> = {
	'ui.10000.countsMs': 1_000,
	'ui.10000.firstRowMs': 3_000,
	'ui.10000.topicsMs': 5_000,
	'ui.10000.reloadTopicsMs': 1_500,
	'ui.10000.rssMB': 250,
	'ui.100000.countsMs': 1_000,
	'ui.100000.firstRowMs': 15_000,
	'ui.100000.topicsMs': 30_000,
	'ui.100000.reloadTopicsMs': 5_000,
	'ui.100000.rssMB': 700,
	'host.100000.quickPickP95': 5,
	'host.10000.firstCompletionMs': 300,
	'host.10000.firstCitePickMs': 500,
	'host.10000.ownCompletionMs': 300,
	'host.10000.ownPickMs': 500,
};

function label(key: string): string {
	const [mode, size, measure] = key.split('.');
	const shelf = size === '0' ? 'bundled' : `${Number(size) / 1000}k`;
	const name = names[measure] ?? measure;
	return `${shelf} ${mode === 'ui' && measure === 'topicsMs' ? 'user: topics shown' : mode === 'host' && measure === 'topicsMs' ? 'host: topics ready after load' : mode === 'host' && measure === 'rssMB' ? 'host: RSS after load (MB)' : name}`;
}

function fmt(m: Measure | undefined): string {
	if (!m || m.value === null) {
		return '—';
	}
	const v = m.value;
	return `${v < 10 ? v.toFixed(2) : v.toFixed(0)} (load ${m.load.toFixed(1)})`;
}

/** A Markdown table: measure | target | previous run | this run | this / previous. */
export function compareTable(previous: BenchRun | undefined, current: BenchRun): string {
	// The measures this run took (a run of one size or mode is compared on those only).
	const keys = Object.keys(current.measures);
	const order = (k: string) => {
		const [mode, size] = k.split('.');
		return (mode === 'ui' ? 0 : 1e9) + Number(size);
	};
	keys.sort((a, b) => order(a) - order(b));
	const rows = keys.map((k) => {
		const now = current.measures[k];
		const before = previous?.measures[k];
		const ratio = now?.value !== null && now?.value !== undefined && before?.value ? `${(now.value / before.value).toFixed(2)}×` : '—';
		const target = targets[k];
		const met = target === undefined || now?.value === null || now?.value === undefined ? '' : now.value <= target ? ' ✓' : ' ✗';
		return `| ${label(k)} | ${target === undefined ? '' : `≤ ${target}`} | ${fmt(before)} | ${fmt(now)}${met} | ${ratio} |`;
	});
	return ['| measure (ms unless MB) | target | previous run | this run | this / previous |', '|---|---:|---:|---:|---:|', ...rows].join('\n');
}
