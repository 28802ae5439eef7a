/**
 * The user's clock for `npm run bench:extension --mode ui`: Paper Shelf as a user gets it (the packaged .vsix
 * installed into code-server), driven from the browser with Playwright through the real workbench. The clock starts
 * when the user clicks the Paper Shelf entry of the activity bar (a capturing `mousedown` listener in the page takes the
 * time) and stops when the Papers view shows rows, then topic groups; then "Developer: Reload Window" (disk caches
 * present) and the same again. Times are taken in the page by a MutationObserver (installed before the workbench
 * loads, on every document), so they are when the DOM changed, not when a poll noticed. The extension host's RSS is read
 * from /proc after each load.
 *
 * Reuses test/host/codeServer.js (start, install, browser) read-only; nothing of test/ui is copied.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, Page } from 'playwright-core';
import { writeDigest } from './benchCorpus';

/** The parts of test/host/codeServer.js used here (a CommonJS module outside out/, so required by path). */
interface CodeServerHost {
	repoRoot: string;
	atExit(fn: () => void): () => void;
	installCodeServer(): { bin: string; version: string; vscodeVersion: string };
	installVsix(vsix: string, extensionsDir: string): string;
	makeFixtureWorkspace(prefix?: string): string;
	startCodeServer(options?: { extensionsDir?: string; env?: Record<string, string>; settings?: Record<string, unknown> }): Promise<{
		port: number;
		origin: string;
		process: { pid?: number };
		logTail(lines?: number): string;
		stop(): Promise<void>;
	}>;
	workbenchUrl(server: { origin: string; port: number }, options: { folder: string }): string;
	launchBrowser(): Promise<Browser>;
}

const repoRoot = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS test helper outside the TypeScript build
const host = require(path.join(repoRoot, 'test', 'host', 'codeServer.js')) as CodeServerHost;

/** What the user saw, in ms from the click (or from Enter on "Reload Window"); RSS in MB. */
export interface UiResult {
	papers: number;
	/** First time the view showed a progress bar, or text with a paper count ("… 10,000 papers"). */
	progressMs: number | null;
	countsMs: number | null;
	/** First row of the Papers view (any tree item: a digest group while topics are pending, a topic otherwise). */
	firstRowMs: number | null;
	/** First topic group (a `tag`/`ellipsis`/`bookmark` row), i.e. the shelf as it is meant to look. */
	topicsMs: number | null;
	/** Extension host after the first load: resident set and its peak so far (VmHWM). */
	rssMB: number | null;
	peakRssMB: number | null;
	/** After Developer: Reload Window, caches on disk. */
	reloadFirstRowMs: number | null;
	reloadTopicsMs: number | null;
	/** When the reloaded view first said "Indexing digests…": the workbench's reload, the new extension host and activation. */
	reloadIndexingMs: number | null;
	reloadRssMB: number | null;
	reloadPeakRssMB: number | null;
	/** Load average (1 min) when each load started and ended. */
	load: { start: number; loaded: number; reloadStart: number; reloaded: number };
	vscode: string;
	notes: string[];
}

/** Marks the page keeps: epoch ms of the first time each thing was seen after the clock started. */
interface PageMarks {
	start?: number;
	/** Whether `start` is the page's own time of the click (else the bench's, just before it). */
	clicked?: boolean;
	marks: Record<string, number>;
}

declare global {
	interface Window {
		__paperShelfBench?: PageMarks;
	}
}

/**
 * Runs in the page before the workbench's own scripts (page.addInitScript), on every document. Finds the Papers pane
 * and stamps the first time it shows progress, a paper count, a row, a topic row.
 */
function pageWatcher(): void {
	if (window.__paperShelfBench) {
		return;
	}
	const state: PageMarks = { marks: {} };
	window.__paperShelfBench = state;
	// After Developer: Reload Window the clock runs from the Enter that the bench stamped before the reload.
	const reloadAt = Number(sessionStorage.getItem('paperShelfBenchReloadAt') ?? NaN);
	if (Number.isFinite(reloadAt)) {
		sessionStorage.removeItem('paperShelfBenchReloadAt');
		state.start = reloadAt;
	}
	const mark = (key: string) => {
		if (state.start !== undefined && state.marks[key] === undefined) {
			state.marks[key] = Date.now();
		}
	};
	// The workbench cancels pointerdown on the activity bar, so no mousedown follows: listen to both.
	const clicked = (e: Event) => {
		const tab = (e.target as Element | null)?.closest?.('.part.activitybar [role="tab"]');
		if (tab && /Paper Shelf/.test(tab.outerHTML) && !state.clicked) {
			state.clicked = true;
			state.start = Date.now();
		}
	};
	document.addEventListener('pointerdown', clicked, true);
	document.addEventListener('mousedown', clicked, true);
	const check = () => {
		if (state.start === undefined) {
			return;
		}
		let pane: Element | undefined;
		for (const p of Array.from(document.querySelectorAll('.part.sidebar .pane'))) {
			if (/Papers/.test(p.querySelector('.pane-header')?.textContent ?? '')) {
				pane = p;
				break;
			}
		}
		if (!pane) {
			return;
		}
		if (document.querySelector('.part.sidebar .monaco-progress-container.active:not(.done)')) {
			mark('progress');
		}
		const rows = Array.from(pane.querySelectorAll('[role="treeitem"]'));
		let chrome = pane.querySelector('.pane-header')?.textContent ?? '';
		for (const m of Array.from(pane.querySelectorAll('.message, .welcome-view-content'))) {
			chrome += ' ' + (m.textContent ?? '');
		}
		// The welcome view's "Indexing digests…", or the view's own loading message once it says what it reads.
		if (/Indexing digests|Looking for digests|Reading \S+…|Indexing \S+…/.test(chrome)) {
			mark('indexingMessage');
		}
		if (/\d[\d,.]*\s+(of\s+[\d,.]+\s+)?papers/.test(chrome)) {
			mark('counts');
		}
		if (rows.length > 0) {
			mark('firstRow');
		}
		if (rows.some((r) => r.querySelector('.codicon-tag, .codicon-ellipsis, .codicon-bookmark'))) {
			mark('topics');
		}
	};
	const start = () => {
		new MutationObserver(check).observe(document.documentElement, { subtree: true, childList: true, attributes: true, characterData: true });
		setInterval(check, 100);
	};
	if (document.documentElement) {
		start();
	} else {
		document.addEventListener('DOMContentLoaded', start);
	}
}

/** The extension host of a code-server process group: its pid, by command line. */
function extensionHostPids(groupLeader: number): number[] {
	const pids: number[] = [];
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) {
			continue;
		}
		try {
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const pgid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
			if (pgid !== groupLeader) {
				continue;
			}
			const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
			if (/--type=extensionHost/.test(cmdline)) {
				pids.push(Number(entry));
			}
		} catch {
			// the process ended while we looked
		}
	}
	return pids;
}

/** VmRSS and VmHWM of a process, in MB. */
function rssOf(pid: number): { rss: number; peak: number } | undefined {
	try {
		const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
		return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
	} catch {
		return undefined;
	}
}

async function marks(page: Page): Promise<PageMarks> {
	return (await page.evaluate(() => window.__paperShelfBench ?? { marks: {} })) as PageMarks;
}

/** Waits until the page has stamped `key` (or the limit passes); returns the marks seen last. */
async function waitForMark(page: Page, key: string, timeoutMs: number): Promise<PageMarks> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const seen = await marks(page).catch(() => ({ marks: {} }) as PageMarks);
		if (seen.marks[key] !== undefined || Date.now() > deadline) {
			return seen;
		}
		await delay(250);
	}
}

const since = (t: number | undefined, t0: number | undefined) => (t === undefined || t0 === undefined ? null : t - t0);
const load1 = () => os.loadavg()[0];

export interface UiOptions {
	vsix: string;
	/** The JSON Lines corpus the digest's papers come from (benchCorpusFile()). */
	corpus: string;
	/** Per wait (first rows, topics, each of cold and reload). */
	timeoutMs: number;
	/** How long after the activity bar is drawn the user clicks (the extension host starts meanwhile). */
	clickDelayMs: number;
	log: (line: string) => void;
}

/** One shelf size through the real workbench: cold load from a click, then a window reload with caches present. */
export async function runUserClock(papers: number, options: UiOptions): Promise<UiResult> {
	const { vscodeVersion } = host.installCodeServer();
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-uibench-'));
	const cancel = host.atExit(() => fs.rmSync(tmp, { recursive: true, force: true }));
	const extensionsDir = path.join(tmp, 'extensions');
	fs.mkdirSync(extensionsDir);
	host.installVsix(options.vsix, extensionsDir);
	const workspace = host.makeFixtureWorkspace('paper-shelf-uibench-workspace-');
	if (papers > 0) {
		await writeDigest(path.join(workspace, 'bench.digest.jsonl'), papers, options.corpus);
	}
	const notes: string[] = [];
	const server = await host.startCodeServer({ extensionsDir, settings: { 'paperShelf.maxDigestSizeMB': 1024 } });
	let browser: Browser | undefined;
	try {
		browser = await host.launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		await page.addInitScript(pageWatcher);
		await page.goto(host.workbenchUrl(server, { folder: workspace }));
		await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
		const entry = page.locator('.part.activitybar').getByRole('tab', { name: 'Paper Shelf' });
		await entry.waitFor({ timeout: 120_000 });
		// By default the workbench has a moment to finish starting (the extension host is up before the user reaches for
		// the view); --click-delay-ms 0 clicks as soon as the entry is drawn.
		await delay(options.clickDelayMs);
		const groupLeader = server.process.pid ?? 0;
		const hostsBefore = extensionHostPids(groupLeader);
		if (hostsBefore.length !== 1) {
			notes.push(`${hostsBefore.length} extension host processes before the click`);
		}

		// --- cold: the click on the activity bar entry starts the clock
		const loadStart = load1();
		const clickedAt = Date.now();
		// Arm the clock now, in case the page sees no pointer event; the click's own time replaces this.
		await page.evaluate((t) => {
			const s = window.__paperShelfBench;
			if (s && s.start === undefined) {
				s.start = t;
			}
		}, clickedAt);
		await entry.click();
		await waitForMark(page, 'firstRow', options.timeoutMs);
		let seen = await waitForMark(page, 'topics', options.timeoutMs);
		const t0 = seen.start ?? clickedAt;
		if (!seen.clicked) {
			notes.push('the page saw no mousedown on the activity bar entry: the clock starts when Playwright clicked');
		}
		await delay(1_000); // let the tree settle before reading memory
		const loadedLoad = load1();
		const coldHost = extensionHostPids(groupLeader)[0];
		const cold = coldHost ? rssOf(coldHost) : undefined;
		seen = await marks(page);
		options.log(`cold marks (ms from the click): ${JSON.stringify(Object.fromEntries(Object.entries(seen.marks).map(([k, v]) => [k, v - t0])))}`);

		// --- reload with the disk caches present: Enter on "Developer: Reload Window" starts the clock
		const reloadStart = load1();
		await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
		await page.keyboard.press('F1');
		const input = page.locator('.quick-input-widget input');
		await input.waitFor({ timeout: 30_000 });
		await input.fill('>Developer: Reload Window');
		await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().waitFor({ timeout: 30_000 });
		const loaded = page.waitForEvent('load', { timeout: 120_000 });
		const reloadAt = Date.now();
		await page.evaluate((t) => sessionStorage.setItem('paperShelfBenchReloadAt', String(t)), reloadAt);
		await input.press('Enter');
		await loaded;
		await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
		let after = await waitForMark(page, 'firstRow', Math.min(options.timeoutMs, 60_000));
		if (after.marks.firstRow === undefined) {
			notes.push('after the reload the Papers view was not restored: clicked its entry');
			await entry.click();
		}
		after = await waitForMark(page, 'topics', options.timeoutMs);
		await delay(1_000);
		const reloadedLoad = load1();
		const warmHost = extensionHostPids(groupLeader)[0];
		const warm = warmHost ? rssOf(warmHost) : undefined;
		if (warmHost === coldHost) {
			notes.push('the extension host process was the same before and after the reload');
		}
		options.log(`reload marks (ms from Enter): ${JSON.stringify(Object.fromEntries(Object.entries(after.marks).map(([k, v]) => [k, v - reloadAt])))}`);
		fs.mkdirSync(path.join(repoRoot, 'test-results', 'bench'), { recursive: true });
		await page.screenshot({ path: path.join(repoRoot, 'test-results', 'bench', `ui-${papers}-reloaded.png`) }).catch(() => undefined);

		return {
			papers,
			progressMs: since(seen.marks.progress, t0),
			countsMs: since(seen.marks.counts, t0),
			firstRowMs: since(seen.marks.firstRow, t0),
			topicsMs: since(seen.marks.topics, t0),
			rssMB: cold?.rss ?? null,
			peakRssMB: cold?.peak ?? null,
			reloadFirstRowMs: since(after.marks.firstRow, reloadAt),
			reloadTopicsMs: since(after.marks.topics, reloadAt),
			reloadIndexingMs: since(after.marks.indexingMessage, reloadAt),
			reloadRssMB: warm?.rss ?? null,
			reloadPeakRssMB: warm?.peak ?? null,
			load: { start: loadStart, loaded: loadedLoad, reloadStart, reloaded: reloadedLoad },
			vscode: vscodeVersion,
			notes,
		};
	} catch (e) {
		options.log(`server log:\n${server.logTail(30)}`);
		throw e;
	} finally {
		await browser?.close().catch(() => undefined);
		await server.stop();
		fs.rmSync(workspace, { recursive: true, force: true });
		fs.rmSync(tmp, { recursive: true, force: true });
		cancel();
	}
}
