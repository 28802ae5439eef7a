import * as vscode from 'vscode';
import type { DigestDiagnostic, Paper, ParsedDigest } from '../../core/model';
import { mergeDigests, parseDigest } from '../../core/parse';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { digestSizeProblem } from '../../core/parse/digestSize';
import { loadOrBuildIndex } from '../../core/search/indexCache';
import { storedStringRecord } from '../../core/storedValues';
import { PaperIndex, type SearchHit } from '../../core/search/paperIndex';
import { deriveTopics, deriveTopicsInWorker, loadTopicsCache, saveTopicsCache, topicsCacheKey, withUserTopics, type Topic } from '../../core/topics';
import type { ShelfConfig } from '../config';
import { StorageKeys, Views } from '../ids';
import { Disposable } from '../util/disposable';
import { DigestSources, type DigestSource } from './digestSources';
import { plainText } from '../../core/text/untrustedText';

/** A digest on the shelf: where it is and what parsing it gave. */
export interface LoadedDigest {
	readonly source: DigestSource;
	readonly parsed: ParsedDigest;
}

/** Files above this size are indexed with progress shown in the Papers view. */
const PROGRESS_THRESHOLD_BYTES = 512 * 1024;
/** How long a burst of file events settles before a digest is read again. */
const DEBOUNCE_MS = 250;
/** Shelves with more papers than this derive their topics in a worker thread. */
const TOPICS_WORKER_THRESHOLD = 2_000;

/** Where the library may keep things and run work, outside the extension host's main thread. */
export interface LibraryResources {
	/** Where indexes of large digests are cached on disk (the extension's global storage). */
	readonly cacheDir?: string;
	/** The bundled topics worker (dist/topicsWorker.js). */
	readonly topicsWorker?: string;
}

/**
 * Everything on the shelf: the loaded digests, their merged papers, the search index and the topics.
 * Watches the digest files and keeps all of it current; views listen to `onDidChange`.
 */
export class PaperLibrary extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** Papers, topics or the loading state changed. */
	readonly onDidChange = this._onDidChange.event;

	private readonly _digests = new Map<string, LoadedDigest>();
	private readonly _generation = new Map<string, number>();
	private readonly _timers = new Map<string, ReturnType<typeof setTimeout>>();
	private readonly _diagnostics = this._register(vscode.languages.createDiagnosticCollection('paper-shelf'));
	private _index = new PaperIndex();
	private _papers: readonly Paper[] = [];
	private _byId = new Map<string, Paper>();
	/** Topics derived from the papers (before renames and user topics); undefined until derived. */
	private _derived: readonly Topic[] | undefined;
	private _topics: readonly Topic[] | undefined;
	private _topicsJob: AbortController | undefined;
	private _loading = 0;
	private _reloadSeq = 0;

	constructor(
		private readonly _sources: DigestSources,
		private _config: ShelfConfig,
		private readonly _workspaceState: vscode.Memento,
		/** Where the library says what went wrong: digests skipped or refused, caches ignored, workers failed. */
		private readonly _log: vscode.LogOutputChannel,
		private readonly _resources: LibraryResources = {},
	) {
		super();
		this._register({ dispose: () => this._timers.forEach((t) => clearTimeout(t)) });
		this._register({ dispose: () => this._topicsJob?.abort() });
		this._register(_sources.onDidChangeFile((uri) => this._schedule(uri)));
		this._register(_sources.onDidDeleteFile((uri) => this._scheduleDeleted(uri)));
	}

	get loading(): boolean {
		return this._loading > 0;
	}

	/** All papers, merged across digests (the same paper in two digests appears once). */
	get papers(): readonly Paper[] {
		return this._papers;
	}

	get digests(): readonly LoadedDigest[] {
		return [...this._digests.values()];
	}

	get index(): PaperIndex {
		return this._index;
	}

	get(id: string): Paper | undefined {
		return this._byId.get(id);
	}

	search(query: string, limit = 50): SearchHit[] {
		return query.trim() === '' ? [] : this._index.search(query, { limit });
	}

	/**
	 * Topics with the user's own first, derived on first use and kept until the papers change. Large
	 * shelves derive them in a worker thread: until it answers this is empty and `topicsPending` is true.
	 */
	get topics(): readonly Topic[] {
		if (this._topics) {
			return this._topics;
		}
		if (!this._derived) {
			if (this._papers.length > TOPICS_WORKER_THRESHOLD && this._resources.topicsWorker) {
				this._startTopicsJob(this._resources.topicsWorker);
				return [];
			}
			this._derived = deriveTopics(this._papers);
		}
		const renames = storedStringRecord(this._workspaceState.get<unknown>(StorageKeys.TopicRenames));
		const user = Object.entries(this._config.userTopics).map(([label, query]) => ({ label, query }));
		this._topics = withUserTopics(relabel(this._derived, renames), user, (q) => this._index.search(q, { limit: 10_000 }).map((h) => h.paper.id));
		return this._topics;
	}

	/** True while a worker derives the topics of a large shelf. */
	get topicsPending(): boolean {
		return this._topicsJob !== undefined;
	}

	private _startTopicsJob(workerFile: string): void {
		if (this._topicsJob) {
			return;
		}
		const job = new AbortController();
		this._topicsJob = job;
		const papers = this._papers;
		this._deriveOffThread(papers, workerFile, job.signal).then(
			(derived) => {
				if (this._topicsJob === job) {
					this._topicsJob = undefined;
					this._derived = derived;
					this._onDidChange.fire();
				}
			},
			(e: unknown) => {
				if (this._topicsJob === job) {
					// The worker failed: derive here after all, rather than show no topics.
					this._topicsJob = undefined;
					this._log.error(`The topics worker failed (${errorMessage(e)}); deriving topics in the extension host`);
					this._derived = deriveTopics(papers);
					this._onDidChange.fire();
				}
			},
		);
	}

	/**
	 * Topics from the on-disk cache (beside the index cache, keyed by the digests' content and the
	 * worker bundle itself, so a new algorithm never reads old topics), else from the worker, then saved.
	 */
	private async _deriveOffThread(papers: readonly Paper[], workerFile: string, signal: AbortSignal): Promise<readonly Topic[]> {
		const cacheDir = this._resources.cacheDir && path.join(this._resources.cacheDir, 'topics-cache');
		let key: string | undefined;
		if (cacheDir) {
			// The cache only ever saves work: whatever goes wrong with it, the topics are derived.
			try {
				const worker = await fs.promises.readFile(workerFile);
				key = topicsCacheKey(this.digests.map((d) => d.parsed.contentHash), createHash('sha256').update(worker).digest('hex'));
				const cached = await loadTopicsCache(cacheDir, key, new Set(papers.map((p) => p.id)));
				if ('topics' in cached) {
					return cached.topics;
				}
				if (cached.reason !== 'no cache') {
					this._log.warn(`Topics cache ${path.join(cacheDir, key + '.json')} ignored, deriving the topics again: ${cached.reason}`);
				}
			} catch (e) {
				this._log.warn(`Topics cache in ${cacheDir} not used: ${errorMessage(e)}`);
			}
		}
		const derived = await deriveTopicsInWorker(papers, {}, workerFile, signal);
		if (cacheDir && key && !signal.aborted) {
			await saveTopicsCache(cacheDir, key, derived).catch((e: unknown) => this._log.warn(`Could not save the topics cache in ${cacheDir}: ${errorMessage(e)}`));
		}
		return derived;
	}

	/** Called by the composition root when settings change. */
	updateConfig(config: ShelfConfig): void {
		const rescan = config.digestGlobs.join('\n') !== this._config.digestGlobs.join('\n')
			|| config.showBundledDigest !== this._config.showBundledDigest
			|| config.maxDigestBytes !== this._config.maxDigestBytes;
		const retopic = JSON.stringify(config.userTopics) !== JSON.stringify(this._config.userTopics);
		this._config = config;
		if (rescan) {
			void this.reload();
		} else if (retopic) {
			this.invalidateTopics();
		}
	}

	/** Apply renames and user topics again (the derived topics stay) and tell the views. */
	invalidateTopics(): void {
		this._topics = undefined;
		this._onDidChange.fire();
	}

	/** Find every digest again and read them all. */
	async reload(): Promise<void> {
		const seq = ++this._reloadSeq;
		this._begin();
		try {
			let sources: DigestSource[];
			try {
				sources = await this._sources.find(this._config.digestGlobs, this._config.showBundledDigest);
			} catch (e) {
				this._log.error(`Could not look for digests in the workspace: ${errorMessage(e)}`);
				return;
			}
			if (seq !== this._reloadSeq) {
				return;
			}
			const keep = new Set(sources.map((s) => s.uri.toString()));
			for (const key of [...this._digests.keys()]) {
				if (!keep.has(key)) {
					this._drop(key);
				}
			}
			await Promise.all(sources.map((s) => this._load(s)));
			// A match that turned out not to be a digest file (a folder, a FIFO) is skipped: the bundled digest may be due.
			await this._reconcileBundled();
			this._rebuild();
		} finally {
			this._end();
		}
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
		const generation = (this._generation.get(key) ?? 0) + 1;
		this._generation.set(key, generation);
		clearTimeout(this._timers.get(key));
		this._timers.set(key, setTimeout(() => {
			this._timers.delete(key);
			void this._refreshFile(uri, generation);
		}, DEBOUNCE_MS));
	}

	private async _refreshFile(uri: vscode.Uri, generation: number): Promise<void> {
		const key = uri.toString();
		const existing = this._digests.get(key);
		const exists = await stat(uri);
		if (this._generation.get(key) !== generation) {
			return; // a later change wins
		}
		if (!exists) {
			if (existing) {
				this._drop(key);
				await this._reconcileBundled();
				this._rebuild();
			}
			return;
		}
		// A new file appears through a watcher only if it matches the globs or was opened.
		const source: DigestSource = existing?.source ?? { uri, origin: 'workspace' };
		this._begin();
		try {
			await this._load(source, generation);
			await this._reconcileBundled();
			this._rebuild();
		} finally {
			this._end();
		}
	}

	/** With `showBundledDigest: auto`, the bundled digest shows exactly while no other digest does. */
	private async _reconcileBundled(): Promise<void> {
		if (this._config.showBundledDigest !== 'auto') {
			return;
		}
		const bundled = this.digests.find((d) => d.source.origin === 'bundled');
		const others = this.digests.some((d) => d.source.origin !== 'bundled');
		if (bundled && others) {
			this._drop(bundled.source.uri.toString());
		} else if (!bundled && !others) {
			await this._load({ uri: this._sources.bundled, origin: 'bundled' });
		}
	}

	// --- loading

	/**
	 * Reads, parses and indexes one digest and puts it on the shelf. Never throws: a file that cannot be read
	 * becomes a digest with an error diagnostic, a match that is no regular file is skipped, and whatever
	 * else fails is logged and shown as a diagnostic, so the other digests stay on the shelf.
	 */
	private async _load(source: DigestSource, generation?: number): Promise<void> {
		const key = source.uri.toString();
		const superseded = () => generation !== undefined && this._generation.get(key) !== generation;
		try {
			await this._loadFile(source, superseded);
		} catch (e) {
			this._log.error(`Could not load ${source.uri.fsPath}: ${errorMessage(e)}`);
			if (!superseded()) {
				this._setProblem(source, `cannot load this digest: ${errorMessage(e)}`);
			}
		}
	}

	private async _loadFile(source: DigestSource, superseded: () => boolean): Promise<void> {
		const key = source.uri.toString();
		let file: vscode.FileStat;
		try {
			file = await vscode.workspace.fs.stat(source.uri);
		} catch (e) {
			if (!superseded()) {
				this._setProblem(source, `cannot read the file: ${errorMessage(e)}`);
			}
			return;
		}
		if (superseded()) {
			return;
		}
		if (!(file.type & vscode.FileType.File)) {
			// Reading a folder fails, reading a FIFO never ends: a glob match of that kind is no digest.
			this._log.warn(`Skipped ${source.uri.fsPath}: ${file.type & vscode.FileType.Directory ? 'a folder' : 'not a regular file (a FIFO, socket or device)'}, not a digest file`);
			this._drop(key);
			return;
		}
		const tooLarge = digestSizeProblem(file.size, this._config.maxDigestBytes);
		if (tooLarge) {
			this._log.warn(`Refused ${source.uri.fsPath} unread: ${tooLarge}`);
			this._setProblem(source, tooLarge);
			return;
		}
		let bytes: Uint8Array;
		try {
			bytes = await vscode.workspace.fs.readFile(source.uri);
		} catch (e) {
			if (!superseded()) {
				this._setProblem(source, `cannot read the file: ${errorMessage(e)}`);
			}
			return;
		}
		const large = bytes.byteLength > PROGRESS_THRESHOLD_BYTES;
		const parsed = large
			? await vscode.window.withProgress(
				{ location: { viewId: Views.Papers }, title: plainText(`Reading ${basename(source.uri)}`) },
				async () => parseDigest(bytes, source.uri.fsPath, { maxBytes: this._config.maxDigestBytes }),
			)
			: parseDigest(bytes, source.uri.fsPath, { maxBytes: this._config.maxDigestBytes });
		if (superseded()) {
			return; // a later change wins
		}
		if (large) {
			// Index in chunks so the extension host stays responsive; progress shows in the Papers view.
			const next = await vscode.window.withProgress(
				{ location: { viewId: Views.Papers }, title: plainText(`Indexing ${basename(source.uri)}`) },
				async (progress) => {
					let reported = 0;
					const onProgress = (done: number, total: number) => {
						const pct = Math.floor((done / Math.max(1, total)) * 100);
						progress.report({ increment: pct - reported, message: `${done.toLocaleString()} of ${total.toLocaleString()} papers` });
						reported = pct;
					};
					if (this._resources.cacheDir) {
						// A cache per digest file, keyed inside by content hash, index configuration and versions:
						// a stale or corrupt one is rebuilt, never trusted; one that fails altogether is done without.
						const dir = path.join(this._resources.cacheDir, 'index-cache', createHash('sha256').update(key).digest('hex').slice(0, 16));
						try {
							const result = await loadOrBuildIndex(dir, [{ file: key, contentHash: parsed.contentHash, papers: parsed.papers }], { onProgress });
							if (result.reason && result.reason !== 'no cache') {
								this._log.warn(`Index cache ${dir} for ${source.uri.fsPath} ignored and rebuilt: ${result.reason}`);
							}
							if (result.saveError) {
								this._log.warn(`Could not save the index cache ${dir}: ${result.saveError}`);
							}
							return result.index;
						} catch (e) {
							this._log.error(`Index cache ${dir} for ${source.uri.fsPath} failed (${errorMessage(e)}); indexing without it`);
						}
					}
					const index = new PaperIndex();
					await index.addDigestAsync(key, parsed.papers, { onProgress });
					return index;
				},
			);
			if (superseded()) {
				return;
			}
			if (this._digests.has(key)) {
				this._index.removeDigest(key);
			}
			if (this._index.size === 0) {
				this._index = next;
			} else {
				// Other digests are on the shelf already: add to their index, in chunks too.
				await this._index.addDigestAsync(key, parsed.papers);
			}
			this._setDigest(source, parsed, bytes, true);
			return;
		}
		this._setDigest(source, parsed, bytes);
	}

	/** Puts a digest on the shelf with no papers and one error, at its first line. */
	private _setProblem(source: DigestSource, message: string): void {
		this._setDigest(source, {
			file: source.uri.fsPath,
			papers: [],
			diagnostics: [{ file: source.uri.fsPath, line: 1, severity: 'error', message }],
			contentHash: '',
		}, undefined);
	}

	/** Puts a digest on the shelf, indexing it unless that was done already (asynchronously, for large ones). */
	private _setDigest(source: DigestSource, parsed: ParsedDigest, bytes: Uint8Array | undefined, indexed = false): void {
		const key = source.uri.toString();
		if (!indexed) {
			if (this._digests.has(key)) {
				this._index.removeDigest(key);
			}
			this._index.addDigest(key, parsed.papers);
		}
		this._digests.set(key, { source, parsed });
		if (source.origin !== 'bundled') {
			this._diagnostics.set(source.uri, toVsDiagnostics(parsed.diagnostics, bytes));
		}
	}

	private _drop(key: string): void {
		const digest = this._digests.get(key);
		if (!digest) {
			return;
		}
		this._digests.delete(key);
		this._index.removeDigest(key);
		this._diagnostics.delete(digest.source.uri);
	}

	private _rebuild(): void {
		this._papers = mergeDigests(this.digests.map((d) => d.parsed));
		this._byId = new Map(this._papers.map((p) => [p.id, p]));
		this._topicsJob?.abort();
		this._topicsJob = undefined;
		this._derived = undefined;
		this._topics = undefined;
		if (this._papers.length > TOPICS_WORKER_THRESHOLD && this._resources.topicsWorker) {
			this._startTopicsJob(this._resources.topicsWorker); // off-thread, so start now rather than on first view
		}
		this._onDidChange.fire();
	}

	private _begin(): void {
		if (this._loading++ === 0) {
			this._onDidChange.fire();
		}
	}

	private _end(): void {
		if (--this._loading === 0) {
			this._onDidChange.fire();
		}
	}
}

// --- helpers

/** Topics with the user's names for them (id → label), at every level. */
function relabel(topics: readonly Topic[], renames: Readonly<Record<string, string>>): Topic[] {
	return topics.map((t) => ({
		...t,
		label: renames[t.id] ?? t.label,
		children: t.children ? relabel(t.children, renames) : undefined,
	}));
}

async function stat(uri: vscode.Uri): Promise<boolean> {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

function basename(uri: vscode.Uri): string {
	return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function errorMessage(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

const severities: Record<DigestDiagnostic['severity'], vscode.DiagnosticSeverity> = {
	error: vscode.DiagnosticSeverity.Error,
	warning: vscode.DiagnosticSeverity.Warning,
	info: vscode.DiagnosticSeverity.Information,
};

/** Digest diagnostics as editor diagnostics, each spanning the rest of its line. */
function toVsDiagnostics(diagnostics: readonly DigestDiagnostic[], bytes: Uint8Array | undefined): vscode.Diagnostic[] {
	if (diagnostics.length === 0) {
		return [];
	}
	const lines = bytes ? new TextDecoder().decode(bytes).split(/\r?\n/) : [];
	return diagnostics.map((d) => {
		const line = Math.max(0, d.line - 1);
		const start = Math.max(0, (d.column ?? 1) - 1);
		const end = Math.max(start + 1, lines[line]?.length ?? start + 1);
		const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, end), plainText(d.message), severities[d.severity]);
		diagnostic.source = 'Paper Shelf';
		return diagnostic;
	});
}
