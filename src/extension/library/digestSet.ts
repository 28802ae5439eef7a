import * as vscode from 'vscode';
import { exists, statOrUndefined } from '../util/fileStat';
import type { ParsedDigest } from '../../core/model';
import { parseDigest, parseDigestAsync } from '../../core/parse';
import { digestSizeProblem } from '../../core/parse/digestSize';
import { isAbortError, LoadQueue, type LoadTicket } from '../../core/shelf/loadQueue';
import { plainText } from '../../core/text/untrustedText';
import type { ShelfConfig } from '../config';
import { Views } from '../ids';
import { Disposable } from '../util/disposable';
import { diagnosticLineLengths, type DiagnosticsPublisher } from './digestDiagnostics';
import type { DigestSource, DigestSources } from './digestSources';
import type { IndexOwner, PreparedIndex } from './indexOwner';

/** A digest on the shelf: where it is and what parsing it gave. */
export interface LoadedDigest {
	readonly source: DigestSource;
	readonly parsed: ParsedDigest;
}

/** Files above this size are parsed and indexed with progress shown in the Papers view. */
const PROGRESS_THRESHOLD_BYTES = 512 * 1024;
/** The least time between two status changes told to the view (the window shows a message 200 ms after it settles). */
const STATUS_INTERVAL_MS = 300;
/** How long a burst of file events settles before a digest is read again. */
const DEBOUNCE_MS = 250;

/**
 * The digests on the shelf, kept current: finds them (through `DigestSources`), reads and parses them,
 * has the index owner index them and the diagnostics publisher show their problems. Every load (a reload
 * of all, or a refresh of one changed file, after a short debounce) goes through one `LoadQueue`: a newer
 * load aborts the one it supersedes, index build included, and a superseded load lands nothing.
 * `onDidChange` fires when digests landed or went; `onDidChangeLoading` when loading starts or ends.
 */
export class DigestSet extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private readonly _onDidChangeLoading = this._register(new vscode.EventEmitter<void>());
	readonly onDidChangeLoading = this._onDidChangeLoading.event;

	private readonly _onDidChangeStatus = this._register(new vscode.EventEmitter<void>());
	/** `status` changed. */
	readonly onDidChangeStatus = this._onDidChangeStatus.event;

	private readonly _onDidParse = this._register(new vscode.EventEmitter<LoadedDigest>());
	/** A large digest was parsed and is about to be indexed (it lands later, unless superseded). */
	readonly onDidParse = this._onDidParse.event;

	private readonly _digests = new Map<string, LoadedDigest>();
	/** What each running load is doing, with counts (by digest key, or 'all' while digests are looked for). */
	private readonly _status = new Map<string, string>();
	/** The modification time and size of the content each digest was loaded from (or is being loaded from). */
	private readonly _stamps = new Map<string, string>();
	private _statusFiredAt = 0;
	private _statusTimer: ReturnType<typeof setTimeout> | undefined;
	private readonly _timers = new Map<string, ReturnType<typeof setTimeout>>();
	private readonly _queue = new LoadQueue();
	private _loading = 0;

	constructor(
		private readonly _sources: DigestSources,
		private _config: ShelfConfig,
		private readonly _index: IndexOwner,
		private readonly _diagnostics: DiagnosticsPublisher,
		/** Where the shelf says what went wrong: digests skipped or refused, caches ignored. */
		private readonly _log: vscode.LogOutputChannel,
	) {
		super();
		this._register({ dispose: () => {
			this._timers.forEach((t) => clearTimeout(t));
			clearTimeout(this._statusTimer);
			this._queue.dispose();
		} });
		this._register(_sources.onDidChangeFile((uri) => this._schedule(uri)));
		this._register(_sources.onDidDeleteFile((uri) => this._scheduleDeleted(uri)));
	}

	get loading(): boolean {
		return this._loading > 0;
	}

	get digests(): readonly LoadedDigest[] {
		return [...this._digests.values()];
	}

	/** What loading is doing right now, with counts ("Reading x.jsonl… 4,000 papers (6 of 15 MB)"); undefined when idle. */
	get status(): string | undefined {
		return this._status.size === 0 ? undefined : [...this._status.values()].join(' · ');
	}

	private _setStatus(key: string, text: string | undefined): void {
		if (text === undefined ? !this._status.delete(key) : this._status.get(key) === text) {
			return;
		}
		if (text !== undefined) {
			this._status.set(key, text);
		}
		this._statusChanged();
	}

	/**
	 * Fires `onDidChangeStatus` at most every {@link STATUS_INTERVAL_MS}, and once more after the last change. The
	 * extension host sends a tree view's message to the window through a 200 ms debounce: a message changed every
	 * chunk (tens of ms apart) was held back until loading ended, so the user saw no count until then.
	 */
	private _statusChanged(): void {
		const wait = this._statusFiredAt + STATUS_INTERVAL_MS - Date.now();
		if (wait <= 0 && this._statusTimer === undefined) {
			this._statusFiredAt = Date.now();
			this._onDidChangeStatus.fire();
		} else {
			this._statusTimer ??= setTimeout(() => {
				this._statusTimer = undefined;
				this._statusFiredAt = Date.now();
				this._onDidChangeStatus.fire();
			}, Math.max(0, wait));
		}
	}

	set config(config: ShelfConfig) {
		this._config = config;
	}

	/** Finds every digest again and reads them all; settles (without landing anything) when superseded. */
	async reload(): Promise<void> {
		await this._run('all', async (ticket) => {
			let sources: DigestSource[];
			this._setStatus('all', 'Looking for digests…');
			try {
				sources = await this._sources.find(this._config.digestGlobs, this._config.showBundledDigest);
			} catch (e) {
				this._log.error(`Could not look for digests in the workspace: ${errorMessage(e)}`);
				return false;
			} finally {
				this._setStatus('all', undefined);
			}
			if (ticket.signal.aborted) {
				return false;
			}
			const keep = new Set(sources.map((s) => s.uri.toString()));
			for (const key of [...this._digests.keys()]) {
				if (!keep.has(key)) {
					ticket.land(key, () => this._drop(key));
				}
			}
			await Promise.all(sources.map((s) => this._load(s, ticket)));
			// A match that turned out not to be a digest file (a folder, a FIFO) is skipped: the bundled digest may be due.
			await this._reconcileBundled(ticket);
			return true;
		});
	}

	// --- file changes

	/** A file or folder is gone: recheck the digests it was or held. */
	private _scheduleDeleted(uri: vscode.Uri): void {
		const below = uri.path.endsWith('/') ? uri.path : uri.path + '/';
		for (const digest of this._digests.values()) {
			const d = digest.source.uri;
			if (d.scheme === uri.scheme && d.authority === uri.authority && (d.path === uri.path || d.path.startsWith(below))) {
				this._schedule(d);
			}
		}
	}

	private _schedule(uri: vscode.Uri): void {
		const key = uri.toString();
		clearTimeout(this._timers.get(key));
		this._timers.set(key, setTimeout(() => {
			this._timers.delete(key);
			void this._refreshFile(uri);
		}, DEBOUNCE_MS));
	}

	private async _refreshFile(uri: vscode.Uri): Promise<void> {
		const key = uri.toString();
		// A late watcher event for the content already loaded, or being loaded (by a reload that found the file just
		// written), changes nothing: taking the file over from that load would parse and index it twice, and leave
		// the reload to end without it.
		const stamp = this._stamps.get(key);
		if (stamp !== undefined && stamp === stampOf(await statOrUndefined(uri))) {
			return;
		}
		await this._run(key, async (ticket) => {
			const existing = this._digests.get(key);
			if (!(await exists(uri))) {
				if (!existing || !ticket.land(key, () => this._drop(key))) {
					return false;
				}
				await this._reconcileBundled(ticket);
				return true;
			}
			if (ticket.signal.aborted) {
				return false;
			}
			// A new file appears through a watcher only if it matches the globs or was opened.
			await this._load(existing?.source ?? { uri, origin: 'workspace' }, ticket);
			await this._reconcileBundled(ticket);
			return true;
		});
	}

	/** Runs a load in the queue, counted as loading; tells the listeners when it landed something. */
	private async _run(scope: string, load: (ticket: LoadTicket) => Promise<boolean>): Promise<void> {
		if (this._loading++ === 0) {
			this._onDidChangeLoading.fire();
		}
		try {
			if (await this._queue.run(scope, load)) {
				this._onDidChange.fire();
			}
		} catch (e) {
			if (!isAbortError(e)) {
				throw e;
			}
			// Superseded: the newer load lands its digests and tells the listeners.
		} finally {
			if (--this._loading === 0) {
				this._onDidChangeLoading.fire();
			}
		}
	}

	/** With `showBundledDigest: auto`, the bundled digest shows exactly while no other digest does. */
	private async _reconcileBundled(ticket: LoadTicket): Promise<void> {
		if (this._config.showBundledDigest !== 'auto' || ticket.signal.aborted) {
			return;
		}
		const bundled = this.digests.find((d) => d.source.origin === 'bundled');
		const others = this.digests.some((d) => d.source.origin !== 'bundled');
		if (bundled && others) {
			const key = bundled.source.uri.toString();
			ticket.land(key, () => this._drop(key));
		} else if (!bundled && !others) {
			await this._load({ uri: this._sources.bundled, origin: 'bundled' }, ticket);
		}
	}

	// --- loading

	/**
	 * Reads, parses and indexes one digest and lands it, unless the load was superseded. Never throws: a
	 * file that cannot be read becomes a digest with an error diagnostic, a match that is no regular file
	 * is skipped, and whatever else fails is logged and shown as a diagnostic, so the other digests stay.
	 */
	private async _load(source: DigestSource, ticket: LoadTicket): Promise<void> {
		const key = source.uri.toString();
		try {
			await this._loadFile(source, ticket);
		} catch (e) {
			if (ticket.signal.aborted || isAbortError(e)) {
				return; // superseded: nothing of it lands
			}
			this._log.error(`Could not load ${source.uri.fsPath}: ${errorMessage(e)}`);
			this._setProblem(source, `cannot load this digest: ${errorMessage(e)}`, ticket);
		} finally {
			this._setStatus(key, undefined);
		}
	}

	private async _loadFile(source: DigestSource, ticket: LoadTicket): Promise<void> {
		const key = source.uri.toString();
		let file: vscode.FileStat;
		try {
			file = await vscode.workspace.fs.stat(source.uri);
		} catch (e) {
			this._setProblem(source, `cannot read the file: ${errorMessage(e)}`, ticket);
			return;
		}
		if (!ticket.owns(key)) {
			return;
		}
		this._stamps.set(key, stampOf(file));
		if (!(file.type & vscode.FileType.File)) {
			// Reading a folder fails, reading a FIFO never ends: a glob match of that kind is no digest.
			this._log.warn(`Skipped ${source.uri.fsPath}: ${file.type & vscode.FileType.Directory ? 'a folder' : 'not a regular file (a FIFO, socket or device)'}, not a digest file`);
			ticket.land(key, () => this._drop(key));
			return;
		}
		const tooLarge = digestSizeProblem(file.size, this._config.maxDigestBytes);
		if (tooLarge) {
			this._log.warn(`Refused ${source.uri.fsPath} unread: ${tooLarge}`);
			this._setProblem(source, tooLarge, ticket);
			return;
		}
		const name = basename(source.uri);
		const large = file.size > PROGRESS_THRESHOLD_BYTES;
		if (large) {
			this._setStatus(key, `Reading ${name}… (${megabytes(file.size)} MB)`);
		}
		let bytes: Uint8Array | undefined;
		try {
			bytes = await vscode.workspace.fs.readFile(source.uri);
		} catch (e) {
			this._setProblem(source, `cannot read the file: ${errorMessage(e)}`, ticket);
			return;
		}
		const chunked = large || bytes.byteLength > PROGRESS_THRESHOLD_BYTES;
		const parsed = await this._parse(source, bytes, chunked, ticket.signal);
		// What the Problems view needs of the content is taken now, and the content let go before indexing
		// (150 MB at 100k papers); no closure of this function holds `bytes`.
		const lineLengths = diagnosticLineLengths(parsed.diagnostics, bytes);
		bytes = undefined;
		if (!ticket.owns(key)) {
			return; // a later load wins
		}
		if (chunked) {
			this._onDidParse.fire({ source, parsed });
		}
		// Large digests are indexed in chunks (cancelled with the load), through their cache; small ones at once.
		const prepared = chunked
			? await this._index.prepare(source, parsed, ticket.signal, (text) => this._setStatus(key, text))
			: this._index.direct(key, parsed.papers);
		ticket.land(key, () => this._setDigest(source, parsed, lineLengths, prepared));
	}

	/** Parses a digest: a large one in chunks, with progress and counts, stopping with an `AbortError` when `signal` aborts. */
	private async _parse(source: DigestSource, bytes: Uint8Array, chunked: boolean, signal: AbortSignal): Promise<ParsedDigest> {
		const options = { maxBytes: this._config.maxDigestBytes };
		if (!chunked) {
			return parseDigest(bytes, source.uri.fsPath, options);
		}
		const key = source.uri.toString();
		const name = basename(source.uri);
		const size = bytes.byteLength;
		return vscode.window.withProgress({ location: { viewId: Views.Papers }, title: plainText(`Reading ${name}`) }, () => parseDigestAsync(bytes, source.uri.fsPath, {
			...options,
			signal,
			onProgress: ({ papers, done, total }) => this._setStatus(key, `Reading ${name}… ${papers.toLocaleString('en-US')} papers (${megabytes(done * size / Math.max(1, total))} of ${megabytes(size)} MB)`),
		}));
	}

	/** Lands a digest with no papers and one error, at its first line. */
	private _setProblem(source: DigestSource, message: string, ticket: LoadTicket): void {
		const key = source.uri.toString();
		this._stamps.delete(key); // the next event for it tries again, whatever its stamp
		const parsed: ParsedDigest = {
			file: source.uri.fsPath,
			papers: [],
			diagnostics: [{ file: source.uri.fsPath, line: 1, severity: 'error', message }],
			contentHash: '',
		};
		ticket.land(key, () => this._setDigest(source, parsed, undefined, this._index.direct(key, [])));
	}

	/** Puts a digest on the shelf: its index, its entry, its diagnostics. */
	private _setDigest(source: DigestSource, parsed: ParsedDigest, lineLengths: ReadonlyMap<number, number> | undefined, prepared: PreparedIndex): void {
		this._index.land(prepared);
		this._digests.set(source.uri.toString(), { source, parsed });
		this._diagnostics.publish(source, parsed.diagnostics, lineLengths);
	}

	private _drop(key: string): void {
		const digest = this._digests.get(key);
		if (!digest) {
			return;
		}
		this._digests.delete(key);
		this._stamps.delete(key);
		this._index.remove(key);
		this._diagnostics.clear(digest.source.uri);
	}
}

/** What tells one content of a file from another without reading it: its modification time and size. */
function stampOf(file: vscode.FileStat | undefined): string {
	return file ? `${file.mtime}:${file.size}:${file.type}` : 'missing';
}


function basename(uri: vscode.Uri): string {
	return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** A size in MB, to one decimal below 10 MB. */
function megabytes(bytes: number): string {
	const mb = bytes / 1048576;
	return mb < 10 ? mb.toFixed(1) : Math.round(mb).toLocaleString('en-US');
}

function errorMessage(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
