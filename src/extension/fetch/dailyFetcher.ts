import * as vscode from 'vscode';
import { fetchDay } from '../../core/fetch/fetchDay';
import { daysOfSpan, daysPresent, isIsoDay, isoWeekOf, localDay, missingDays, normalizeFolder, type FetchSource, type FetchSpan } from '../../core/fetch/fetchPlan';
import { checkBody, describeFailure, sourceLabel, type FetchFailure } from '../../core/fetch/fetchResponse';
import { httpGet } from '../../core/fetch/httpGet';
import type { FetchConfig } from '../config';
import { Commands, StorageKeys } from '../ids';
import { Disposable } from '../util/disposable';
import { notify } from '../util/surfaces';
import { iconLabelText } from '../../core/text/untrustedText';

/** What fetching one day of one source (one category, for arXiv) came to. */
export interface DayResult {
	readonly source: FetchSource;
	readonly day: string;
	readonly category?: string;
	/** The first page's file, when something was saved (or an existing, better file was kept). */
	readonly uri?: vscode.Uri;
	readonly outcome: 'saved' | 'kept' | 'failed';
	readonly papers: number;
	readonly failure?: FetchFailure;
	/** The one message this day's outcome gets (also in the log). */
	readonly message: string;
}

/** What the fetcher needs from the rest of the extension. */
export interface FetcherDeps {
	readonly config: () => FetchConfig;
	readonly maxBytes: () => number;
	/** Global storage: where fetched files go without a workspace folder. */
	readonly globalStorage: vscode.Uri;
	readonly globalState: vscode.Memento;
	/** Reads the shelf again (after files were saved). */
	readonly reload: () => Promise<void>;
	readonly log: vscode.LogOutputChannel;
	/** Today, on this machine's calendar (tests move the clock). */
	readonly now?: () => Date;
}

/** Arguments the fetch commands accept (from tests and scripts); without them, the user is asked. */
export interface FetchArgs {
	readonly day?: string;
	readonly week?: string;
	readonly month?: string;
	readonly categories?: readonly string[];
	/** Show no notification (the caller reports). */
	readonly quiet?: boolean;
}

interface LastFetch {
	/** The day of the last fetch run, per source (the startup fetch runs at most once that day). */
	hfRun?: string;
	arxivRun?: string;
}

/** A pause between two requests to the same API (arXiv asks for 3 s; tests need none). */
const POLITE_DELAY_MS: Record<FetchSource, number> = { hf: 0, arxiv: 3000 };

/**
 * Fetch Daily Papers… and Fetch arXiv Listing…: asks the APIs for days, checks each answer with the digest parser,
 * and saves good answers as they came, one file per day, through a temporary file renamed into place, so a failed or
 * worse answer never replaces the previous file. Also the once-a-day startup fetch.
 */
export class DailyFetcher extends Disposable {
	private _running: Promise<unknown> = Promise.resolve();

	constructor(private readonly _deps: FetcherDeps, private readonly _politeDelayMs = POLITE_DELAY_MS) {
		super();
		this._register(vscode.commands.registerCommand(Commands.FetchDailyPapers, (args?: FetchArgs) => this.fetchCommand('hf', args)));
		this._register(vscode.commands.registerCommand(Commands.FetchArxivListing, (args?: FetchArgs) => this.fetchCommand('arxiv', args)));
	}

	private get _today(): string {
		return localDay(this._deps.now?.() ?? new Date());
	}

	/** The command: ask what to fetch (unless `args` says), fetch it with a cancellable progress notification, report. */
	async fetchCommand(source: FetchSource, args?: FetchArgs): Promise<DayResult[]> {
		const categories = source === 'arxiv' ? args?.categories ?? (args ? this._deps.config().arxivCategories : await this._pickCategories()) : [];
		if (categories === undefined || (source === 'arxiv' && categories.length === 0)) return [];
		const span = args && (args.day || args.week || args.month) ? spanOf(args) : args ? { kind: 'day' as const, day: this._today } : await this._pickSpan(source);
		if (!span) return [];
		const days = daysOfSpan(span, this._today);
		if (days === undefined) {
			void notify.error(`Cannot fetch ${sourceLabel(source)}: ${JSON.stringify(args)} is not a day (YYYY-MM-DD), a week (YYYY-Www) or a month (YYYY-MM).`);
			return [];
		}
		if (days.length === 0) {
			void notify.info(`Nothing to fetch: ${spanText(span)} has not begun yet.`);
			return [];
		}
		const results = await this._withProgress(source, days, categories, true);
		if (args?.quiet !== true) this._report(source, results);
		return results;
	}

	/**
	 * The startup fetch (`paperShelf.fetch.onStartup`): what is missing since the last fetch, for each source asked
	 * for, at most once a day; in the background with a cancellable progress notification. Returns what it did.
	 * `today` is the machine's day unless given (tests).
	 */
	async fetchOnStartup(today = this._today): Promise<DayResult[]> {
		const setting = this._deps.config().onStartup;
		const sources: FetchSource[] = setting === 'both' ? ['hf', 'arxiv'] : setting === 'daily-papers' ? ['hf'] : setting === 'arxiv' ? ['arxiv'] : [];
		const last = this._lastFetch();
		const all: DayResult[] = [];
		for (const source of sources) {
			const ran = source === 'hf' ? last.hfRun : last.arxivRun;
			if (ran === today) continue;
			const categories = source === 'arxiv' ? this._deps.config().arxivCategories : [];
			if (source === 'arxiv' && categories.length === 0) continue;
			const folder = this._folder();
			const have = folder ? daysPresent(await listNames(folder), source, categories) : new Set<string>();
			const days = missingDays({ lastFetched: ran, today, have });
			if (days.length > 0) {
				const results = await this._withProgress(source, days, categories, true, today);
				all.push(...results);
				const failed = results.filter((r) => r.outcome === 'failed' && r.failure?.kind !== 'empty' && r.failure?.kind !== 'cancelled');
				if (failed.length > 0) void notify.warning(`Paper Shelf's daily fetch: ${failed[0].message}${failed.length > 1 ? ` (and ${failed.length - 1} more; see the Paper Shelf log)` : ''}`);
			}
			await this._remember(source, today);
		}
		return all;
	}

	/** Fetches days (one after another, never two runs at once) with a progress notification that can cancel. */
	private _withProgress(source: FetchSource, days: readonly string[], categories: readonly string[], cancellable: boolean, today = this._today): Promise<DayResult[]> {
		const run = this._running.then(() => vscode.window.withProgress({
			location: vscode.ProgressLocation.Notification,
			title: `Fetching ${sourceLabel(source)}`,
			cancellable,
		}, async (progress, token) => {
			const controller = new AbortController();
			const sub = token.onCancellationRequested(() => controller.abort());
			try {
				const results = await this.fetchDays(source, days, categories, controller.signal, (text) => progress.report({ message: iconLabelText(text) }));
				await this._remember(source, today);
				return results;
			} finally {
				sub.dispose();
			}
		}));
		this._running = run.catch(() => undefined);
		return Promise.resolve(run);
	}

	/** Fetches and saves each day (and category), then reloads the shelf once. No UI: the callers report. */
	async fetchDays(source: FetchSource, days: readonly string[], categories: readonly string[], signal?: AbortSignal, onStep?: (text: string) => void): Promise<DayResult[]> {
		const folder = this._folder();
		const results: DayResult[] = [];
		if (!folder) {
			const message = `Cannot fetch ${sourceLabel(source)}: paperShelf.fetch.folder (${JSON.stringify(this._deps.config().folder)}) must be a folder inside the workspace.`;
			return days.map((day) => ({ source, day, outcome: 'failed' as const, papers: 0, message }));
		}
		const jobs = source === 'hf' ? days.map((day) => ({ day, category: undefined })) : days.flatMap((day) => categories.map((category) => ({ day, category })));
		let requests = 0;
		for (const job of jobs) {
			if (signal?.aborted) {
				results.push(this._failed(source, job.day, job.category, { kind: 'cancelled' }));
				continue;
			}
			onStep?.(`${job.category ? `${job.category}, ` : ''}${job.day}`);
			let result: DayResult;
			try {
				result = await this._fetchDay(source, job.day, job.category, folder, signal, async () => {
					if (requests++ > 0 && this._politeDelayMs[source] > 0) await delay(this._politeDelayMs[source], signal);
				});
			} catch (e) {
				// Writing failed (a read-only folder, a full disk): the previous file is as it was.
				const message = `Could not save ${sourceLabel(source, job.category)} for ${job.day}: ${e instanceof Error ? e.message : String(e)}`;
				result = { source, day: job.day, ...(job.category ? { category: job.category } : {}), outcome: 'failed', papers: 0, message };
			}
			this._deps.log.info(result.message);
			results.push(result);
		}
		const saved = results.filter((r) => r.outcome === 'saved' && r.uri);
		if (saved.length > 0) {
			// Workspace files are found by the fetch folder's globs, global storage files by DigestSources: read them now.
			await this._deps.reload();
		}
		return results;
	}

	private async _fetchDay(source: FetchSource, day: string, category: string | undefined, folder: vscode.Uri, signal: AbortSignal | undefined, beforeRequest: () => Promise<void>): Promise<DayResult> {
		const config = this._deps.config();
		const maxBytes = this._deps.maxBytes();
		const fetched = await fetchDay({
			source, day, category, maxBytes, beforeRequest,
			huggingFaceUrl: config.huggingFaceUrl,
			arxivUrl: config.arxivUrl,
			get: (url, accept) => httpGet(url, { timeoutMs: config.timeoutMs, maxBytes, signal, accept }),
		});
		if ('kind' in fetched) return this._failed(source, day, category, fetched);
		const { pages, papers } = fetched;
		const first = vscode.Uri.joinPath(folder, pages[0].name);
		const existing = await this._existingPapers(source, folder, pages.map((p) => p.name));
		if (existing > papers) {
			return { source, day, ...(category ? { category } : {}), uri: first, outcome: 'kept', papers: existing, message: `Kept ${relativeName(first)} (${existing} papers): the new answer for ${sourceLabel(source, category)} for ${day} has fewer (${papers}).` };
		}
		await vscode.workspace.fs.createDirectory(folder);
		for (const p of pages) await writeAtomically(vscode.Uri.joinPath(folder, p.name), p.bytes);
		return { source, day, ...(category ? { category } : {}), uri: first, outcome: 'saved', papers, message: `Fetched ${papers} papers of ${sourceLabel(source, category)} for ${day} into ${relativeName(first)}.` };
	}

	/** How many papers the files already saved for a day hold (0 when none, or unreadable). */
	private async _existingPapers(source: FetchSource, folder: vscode.Uri, names: readonly string[]): Promise<number> {
		let total = 0;
		for (const name of names) {
			try {
				const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
				const body = checkBody(text, source, name, this._deps.maxBytes());
				if (!('kind' in body)) total += body.papers;
			} catch {
				// not there
			}
		}
		return total;
	}

	private _failed(source: FetchSource, day: string, category: string | undefined, failure: FetchFailure): DayResult {
		return { source, day, ...(category ? { category } : {}), outcome: 'failed', papers: 0, failure, message: describeFailure(failure, source, day, category) };
	}

	/** Where fetched files go: the fetch folder of the first workspace folder, else global storage; undefined when the setting leaves the workspace. */
	private _folder(): vscode.Uri | undefined {
		const workspace = vscode.workspace.workspaceFolders?.[0];
		if (!workspace) return globalFetchFolder(this._deps.globalStorage);
		const rel = normalizeFolder(this._deps.config().folder);
		if (rel === undefined) return undefined;
		return rel === '' ? workspace.uri : vscode.Uri.joinPath(workspace.uri, ...rel.split('/'));
	}

	private _lastFetch(): LastFetch {
		const raw = this._deps.globalState.get<unknown>(StorageKeys.LastFetch);
		const out: LastFetch = {};
		if (raw && typeof raw === 'object') {
			const r = raw as Record<string, unknown>;
			if (typeof r.hfRun === 'string' && isIsoDay(r.hfRun)) out.hfRun = r.hfRun;
			if (typeof r.arxivRun === 'string' && isIsoDay(r.arxivRun)) out.arxivRun = r.arxivRun;
		}
		return out;
	}

	private async _remember(source: FetchSource, day: string): Promise<void> {
		const last = this._lastFetch();
		await this._deps.globalState.update(StorageKeys.LastFetch, { ...last, [source === 'hf' ? 'hfRun' : 'arxivRun']: day });
	}

	/** One notification for a run: the saved days, or the failure (a single day's message as it is). */
	private _report(source: FetchSource, results: readonly DayResult[]): void {
		const saved = results.filter((r) => r.outcome !== 'failed');
		const failed = results.filter((r) => r.outcome === 'failed');
		const cancelled = failed.some((r) => r.failure?.kind === 'cancelled');
		if (results.length === 1) {
			const r = results[0];
			if (r.outcome !== 'failed') void notify.info(r.message);
			else if (r.failure?.kind === 'empty' || r.failure?.kind === 'cancelled') void notify.info(r.message);
			else void notify.error(r.message);
			return;
		}
		const papers = saved.reduce((n, r) => n + r.papers, 0);
		const hardFailures = failed.filter((r) => r.failure?.kind !== 'empty' && r.failure?.kind !== 'cancelled');
		const summary = `${sourceLabel(source)}: fetched ${saved.length} of ${results.length} ${source === 'hf' ? 'days' : 'listings'} (${papers} papers)${cancelled ? '; cancelled' : ''}.`;
		if (hardFailures.length > 0) void notify.warning(`${summary} ${hardFailures[0].message}${hardFailures.length > 1 ? ` (and ${hardFailures.length - 1} more; see the Paper Shelf log)` : ''}`);
		else void notify.info(summary);
	}

	private async _pickSpan(source: FetchSource): Promise<FetchSpan | undefined> {
		const today = this._today;
		const yesterday = new Date((this._deps.now?.() ?? new Date()).getTime() - 86_400_000);
		const items: (vscode.QuickPickItem & { span?: FetchSpan; ask?: 'day' | 'week' | 'month' })[] = [
			{ label: 'Today', description: today, span: { kind: 'day', day: today } },
			{ label: 'Yesterday', description: localDay(yesterday), span: { kind: 'day', day: localDay(yesterday) } },
			{ label: 'A Date…', ask: 'day' },
			{ label: 'This Week', description: isoWeekOf(today), span: { kind: 'week', week: isoWeekOf(today) } },
			{ label: 'A Week…', ask: 'week' },
			{ label: 'This Month', description: today.slice(0, 7), span: { kind: 'month', month: today.slice(0, 7) } },
			{ label: 'A Month…', ask: 'month' },
		];
		const pick = await vscode.window.showQuickPick(items, { title: `Fetch ${sourceLabel(source)}`, placeHolder: 'Which day, week or month?' });
		if (!pick) return undefined;
		if (pick.span) return pick.span;
		const formats = { day: ['YYYY-MM-DD', today], week: ['YYYY-Www', isoWeekOf(today)], month: ['YYYY-MM', today.slice(0, 7)] } as const;
		const [format, example] = formats[pick.ask!];
		const value = await vscode.window.showInputBox({
			title: `Fetch ${sourceLabel(source)}`,
			prompt: `The ${pick.ask} to fetch (${format})`,
			value: example,
			validateInput: (v) => daysOfSpan(spanOf({ [pick.ask!]: v.trim() }) ?? { kind: 'day', day: '' }, '9999-12-31') ? undefined : `Write it as ${format}, e.g. ${example}.`,
		});
		return value === undefined ? undefined : spanOf({ [pick.ask!]: value.trim() });
	}

	private async _pickCategories(): Promise<readonly string[] | undefined> {
		const configured = this._deps.config().arxivCategories;
		const picks = await vscode.window.showQuickPick(
			[...configured.map((c) => ({ label: c, picked: true })), { label: 'Other Category…', picked: false }],
			{ title: 'Fetch arXiv Listing', placeHolder: 'Categories (paperShelf.fetch.arxivCategories)', canPickMany: true },
		);
		if (!picks) return undefined;
		const chosen = picks.filter((p) => p.label !== 'Other Category…').map((p) => p.label);
		if (picks.some((p) => p.label === 'Other Category…')) {
			const other = await vscode.window.showInputBox({ title: 'Fetch arXiv Listing', prompt: 'An arXiv category, such as cs.AR', validateInput: (v) => /^[A-Za-z-]+(?:\.[A-Za-z-]+)?$/.test(v.trim()) ? undefined : 'A category looks like cs.AR or hep-th.' });
			if (other) chosen.push(other.trim());
		}
		return chosen;
	}
}

/** Where fetched files go without a workspace folder (DigestSources puts them on the shelf then). */
export function globalFetchFolder(globalStorage: vscode.Uri): vscode.Uri {
	return vscode.Uri.joinPath(globalStorage, 'papers');
}

function spanOf(args: { day?: string; week?: string; month?: string }): FetchSpan | undefined {
	if (args.day !== undefined) return { kind: 'day', day: args.day };
	if (args.week !== undefined) return { kind: 'week', week: args.week };
	if (args.month !== undefined) return { kind: 'month', month: args.month };
	return undefined;
}

function spanText(span: FetchSpan): string {
	return span.kind === 'day' ? span.day : span.kind === 'week' ? span.week : span.month;
}

/** The file's path relative to its workspace folder (or its name). */
function relativeName(uri: vscode.Uri): string {
	return vscode.workspace.asRelativePath(uri, false);
}

/**
 * Writes `bytes` to a temporary file beside `target`, then renames it over `target`: the previous file is replaced
 * only by a complete new one (a failed write leaves it as it was, and removes the temporary file).
 */
async function writeAtomically(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
	const name = target.path.slice(target.path.lastIndexOf('/') + 1);
	const temp = vscode.Uri.joinPath(target, '..', `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.partial`);
	try {
		await vscode.workspace.fs.writeFile(temp, bytes);
		await vscode.workspace.fs.rename(temp, target, { overwrite: true });
	} catch (e) {
		await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
		throw e;
	}
}

async function listNames(folder: vscode.Uri): Promise<string[]> {
	try {
		return (await vscode.workspace.fs.readDirectory(folder)).filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
	} catch {
		return [];
	}
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const t = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(t);
			resolve();
		}, { once: true });
	});
}
