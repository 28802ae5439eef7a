import * as vscode from 'vscode';
import type { CacheFolder } from '../../core/cacheFolder';
import { sha256Hex } from '../../core/hash/sha256';
import type { Paper } from '../../core/model';
import { isAbortError } from '../../core/shelf/loadQueue';
import { storedStringRecord } from '../../core/storedValues';
import { decodeTopicMemory, deriveStableTopics, deriveTopics, deriveTopicsInWorker, encodeTopicMemory, loadTopicsCache, nextTopicMemory, renameTopics, saveTopicsCache, topicsCacheKey, withUserTopics, type Topic } from '../../core/topics';
import { matchRemembered, restoredTopics } from '../../core/topics/topicMemory';
import { topicsCacheFileName } from '../../core/topics/topicsCache';
import type { HostPlatform } from '../platform';
import { uriCacheFolder } from '../util/uriCacheFolder';
import { StorageKeys } from '../ids';
import { Disposable } from '../util/disposable';

/** Shelves with more papers than this derive their topics in a worker thread. */
const TOPICS_WORKER_THRESHOLD = 2_000;

/** The remembered topics (`topicMemory.ts`) a derivation starts from: as stored, and decoded. */
interface Memory {
	readonly text: string | undefined;
	readonly topics: readonly Topic[] | undefined;
}

/** What the topics owner needs from the rest of the shelf. */
export interface TopicsInputs {
	/** The user's own topics (label → query), read when topics are applied. */
	userTopics(): Readonly<Record<string, string>>;
	/** The ids of the papers a user topic's query finds. */
	find(query: string): string[];
}

/**
 * The shelf's topics. `derive(papers, contentHashes)` is the one place work starts: a large shelf's topics
 * are derived in a worker (through the on-disk topics cache), cancelling a derivation still running for
 * older papers, and `onDidChange` fires when they arrive. The getters start nothing: `topics` is a memo of
 * pure functions of the papers given to `derive` (a small shelf's topics are derived in place the first
 * time they are asked for, so a shelf never grouped by topic never pays for them), with the user's renames,
 * after the user's own topics. Topics are derived from the topics remembered for this workspace (workspace state,
 * `StorageKeys.TopicMemory`) and remembered again, so a topic keeps its id, and its rename, from day to day.
 */
export class TopicsOwner extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** Topics derived off-thread arrived (or the worker failed and they were derived here). */
	readonly onDidChange = this._onDidChange.event;

	/** The papers the topics are of. */
	private _papers: readonly Paper[] = [];
	/** Topics derived from the papers (before renames and user topics); undefined while none are. */
	private _derived: readonly Topic[] | undefined;
	/** `_derived` with renames and user topics applied; undefined until asked for. */
	private _topics: readonly Topic[] | undefined;
	private _job: AbortController | undefined;
	/** Topics being derived ahead of time for digests not yet on the shelf (see `prefetch`), kept unseen until `derive` asks for the same digests. */
	private _prefetch: { readonly key: string; readonly job: AbortController; readonly result: Promise<readonly Topic[] | undefined> } | undefined;
	/** The remembered topics, read from workspace state once. */
	private _memory: Memory | undefined;
	/** `regroup` asked for the next topics of a small shelf to be derived afresh (matched to the memory). */
	private _regroupNext = false;
	/** sha256 of the topics worker bundle, read once. */
	private _workerHash: Promise<string> | undefined;
	/** How many derivations the worker answered, and how many fell back to this thread because it failed (for the tests). */
	readonly workerStats = { answered: 0, failed: 0 };

	constructor(
		private readonly _workspaceState: vscode.Memento,
		private readonly _log: vscode.LogOutputChannel,
		private readonly _inputs: TopicsInputs,
		private readonly _resources: { readonly cacheDir?: vscode.Uri; readonly topicsWorker?: HostPlatform['topicsWorker'] },
	) {
		super();
		this._register({ dispose: () => {
			this._job?.abort();
			this._prefetch?.job.abort();
		} });
	}

	/** Topics with the user's own first; empty while a worker derives them. */
	get topics(): readonly Topic[] {
		if (this._job) {
			return [];
		}
		if (!this._derived) {
			const memory = this._readMemory();
			this._derived = this._regroupNext
				? matchRemembered(deriveTopics(this._papers), memory.topics ?? [], new Set(this._papers.map((p) => p.id)))
				: deriveStableTopics(this._papers, {}, memory.topics);
			this._regroupNext = false;
			this._remember(memory, this._papers, this._derived);
		}
		this._topics ??= this._apply(this._derived);
		return this._topics;
	}

	/** True while a worker derives the topics of a large shelf. */
	get pending(): boolean {
		return this._job !== undefined;
	}

	/**
	 * Topics are now those of `papers` (from digests with these content hashes). A large shelf's are derived
	 * in a worker at once, and come with `onDidChange` unless `signal` (or a later `derive`) cancels them.
	 */
	derive(papers: readonly Paper[], contentHashes: readonly string[], signal?: AbortSignal): void {
		this._job?.abort();
		this._job = undefined;
		this._regroupNext = false;
		this._papers = papers;
		this._derived = undefined;
		this._topics = undefined;
		const prefetched = this._prefetch;
		this._prefetch = undefined;
		const memory = this._readMemory();
		// A shelf whose papers are all remembered (it opens as it was, or lost a digest) has its topics at once.
		const restored = papers.length > TOPICS_WORKER_THRESHOLD ? restoredTopics(papers, memory.topics) : undefined;
		if (restored) {
			prefetched?.job.abort();
			this._derived = restored;
			this._remember(memory, papers, restored);
		} else if (papers.length > TOPICS_WORKER_THRESHOLD && this._resources.topicsWorker) {
			// Topics already under way for exactly these digests (started when they were parsed) are taken over.
			const adopt = prefetched?.key === prefetchKey(contentHashes) ? prefetched : undefined;
			if (!adopt) {
				prefetched?.job.abort();
			}
			const job = adopt?.job ?? new AbortController();
			signal?.addEventListener('abort', () => job.abort(signal.reason), { once: true });
			this._job = job;
			const worker = this._resources.topicsWorker;
			const deriving = adopt
				? adopt.result.then((cached) => cached ?? this._cachedOrDerived(papers, contentHashes, worker, memory, job.signal))
				: this._cachedOrDerived(papers, contentHashes, worker, memory, job.signal);
			void this._deriveOffThread(papers, memory, deriving, job);
		} else {
			prefetched?.job.abort();
		}
	}

	/**
	 * Starts reading from the topics cache the topics of `papers`, the shelf's papers once digests with these content
	 * hashes land, while they are still being indexed (topics are a function of the digests' content): a reload with
	 * caches has its topics when the digests land. Nothing is shown until `derive` is called for the same digests (a
	 * `derive` for others, or another `prefetch`, cancels it). Without a cached answer nothing more starts here: the
	 * worker would take a core from the indexing (on a loaded 2-core machine, first rows came 1.5× later) and add its
	 * heap to the load's peak; `derive` starts it once the digests land. Small shelves derive lazily and start nothing.
	 */
	prefetch(papers: readonly Paper[], contentHashes: readonly string[]): void {
		const key = prefetchKey(contentHashes);
		if (this._prefetch?.key === key) {
			return;
		}
		this._prefetch?.job.abort();
		this._prefetch = undefined;
		if (papers.length <= TOPICS_WORKER_THRESHOLD || !this._resources.topicsWorker) {
			return;
		}
		const job = new AbortController();
		const result = this._cached(papers, contentHashes, this._resources.topicsWorker, this._readMemory());
		this._prefetch = { key, job, result };
	}

	/**
	 * Groups the shelf afresh, as if nothing were remembered, then hands the remembered ids and names to the fresh
	 * topics that continue remembered ones (`matchRemembered`): for topics that drifted over many days. A large shelf's
	 * are derived in the worker and come with `onDidChange`.
	 */
	regroup(): void {
		this._job?.abort();
		this._job = undefined;
		this._derived = undefined;
		this._topics = undefined;
		const papers = this._papers;
		const worker = this._resources.topicsWorker;
		if (papers.length > TOPICS_WORKER_THRESHOLD && worker) {
			const memory = this._readMemory();
			const job = new AbortController();
			this._job = job;
			const deriving = deriveTopicsInWorker(papers, {}, worker.start, job.signal)
				.then((fresh) => matchRemembered(fresh, memory.topics ?? [], new Set(papers.map((p) => p.id))));
			void this._deriveOffThread(papers, memory, deriving, job);
		} else {
			this._regroupNext = true;
		}
	}

	/** Apply renames and user topics again (the derived topics stay). */
	reapply(): void {
		this._topics = undefined;
	}

	/** The remembered topics (read from workspace state the first time). */
	private _readMemory(): Memory {
		if (!this._memory) {
			const stored = this._workspaceState.get<unknown>(StorageKeys.TopicMemory);
			const text = typeof stored === 'string' ? stored : undefined;
			const topics = decodeTopicMemory(text);
			if (text !== undefined && !topics) {
				this._log.warn('The remembered topics of this workspace could not be read; topics are derived afresh');
			}
			this._memory = { text, topics };
		}
		return this._memory;
	}

	/** Remembers `derived`, the topics of `papers` derived from `previous` (an empty shelf changes nothing). */
	private _remember(previous: Memory, papers: readonly Paper[], derived: readonly Topic[]): void {
		if (papers.length === 0) {
			return;
		}
		const topics = nextTopicMemory(previous.topics, derived, new Set(papers.map((p) => p.id)));
		const text = encodeTopicMemory(topics);
		if (text === this._readMemory().text) {
			return;
		}
		this._memory = { text, topics };
		this._workspaceState.update(StorageKeys.TopicMemory, text).then(undefined, (e: unknown) => this._log.warn(`Could not remember the topics: ${errorMessage(e)}`));
	}

	private _apply(derived: readonly Topic[]): readonly Topic[] {
		const renames = storedStringRecord(this._workspaceState.get<unknown>(StorageKeys.TopicRenames));
		const user = Object.entries(this._inputs.userTopics()).map(([label, query]) => ({ label, query }));
		return withUserTopics(renameTopics(derived, renames), user, (q) => this._inputs.find(q));
	}

	private async _deriveOffThread(papers: readonly Paper[], memory: Memory, deriving: Promise<readonly Topic[]>, job: AbortController): Promise<void> {
		let derived: readonly Topic[];
		try {
			derived = await deriving;
		} catch (e) {
			if (this._job !== job || isAbortError(e)) {
				return;
			}
			// The worker failed: derive here after all, rather than show no topics.
			this.workerStats.failed++;
			this._log.error(`The topics worker failed (${errorMessage(e)}); deriving topics in the extension host`);
			derived = deriveStableTopics(papers, {}, memory.topics);
		}
		if (this._job !== job || job.signal.aborted) {
			return;
		}
		this._job = undefined;
		this._derived = derived;
		this._remember(memory, papers, derived);
		this._topics = undefined;
		this._onDidChange.fire();
	}

	/**
	 * Topics from the on-disk cache (beside the index cache, keyed by the digests' content, the remembered
	 * topics and the worker bundle itself, so a new algorithm never reads old topics), else from the worker, then saved.
	 */
	private async _cachedOrDerived(papers: readonly Paper[], contentHashes: readonly string[], worker: TopicsWorkerSource, memory: Memory, signal: AbortSignal): Promise<readonly Topic[]> {
		const cached = await this._cached(papers, contentHashes, worker, memory);
		if (cached) {
			return cached;
		}
		const cacheDir = this._cacheDir();
		const key = cacheDir ? await this._cacheKey(contentHashes, worker, memory).catch(() => undefined) : undefined;
		const derived = await deriveTopicsInWorker(papers, {}, worker.start, signal, memory.topics);
		this.workerStats.answered++;
		if (cacheDir && key && !signal.aborted) {
			await saveTopicsCache(cacheDir, key, derived).catch((e: unknown) => this._log.warn(`Could not save the topics cache ${cacheDir.describe(topicsCacheFileName(key))}: ${errorMessage(e)}`));
		}
		return derived;
	}

	private _cacheDir(): CacheFolder | undefined {
		return this._resources.cacheDir && uriCacheFolder(vscode.Uri.joinPath(this._resources.cacheDir, 'topics-cache'));
	}

	/**
	 * The key of the topics cache: the digests' content, the remembered topics the derivation starts from, and the worker
	 * bundle itself (hashed once), so a new algorithm never reads old topics.
	 */
	private async _cacheKey(contentHashes: readonly string[], worker: TopicsWorkerSource, memory: Memory): Promise<string> {
		this._workerHash ??= Promise.resolve(vscode.workspace.fs.readFile(worker.bundle)).then((bundle) => sha256Hex(bundle));
		const remembered = memory.topics && memory.text !== undefined ? ` memory:${sha256Hex(memory.text)}` : '';
		return topicsCacheKey(contentHashes, (await this._workerHash) + remembered);
	}

	/** The topics of `papers` from the on-disk cache, or undefined (no cache, or one that cannot be used: logged). Never rejects. */
	private async _cached(papers: readonly Paper[], contentHashes: readonly string[], worker: TopicsWorkerSource, memory: Memory): Promise<readonly Topic[] | undefined> {
		const cacheDir = this._cacheDir();
		if (!cacheDir) {
			return undefined;
		}
		// The cache only ever saves work: whatever goes wrong with it, the topics are derived.
		try {
			const key = await this._cacheKey(contentHashes, worker, memory);
			const cached = await loadTopicsCache(cacheDir, key, new Set(papers.map((p) => p.id)));
			if ('topics' in cached) {
				return cached.topics;
			}
			if (cached.reason !== 'no cache') {
				this._log.warn(`Topics cache ${cacheDir.describe(topicsCacheFileName(key))} ignored, deriving the topics again: ${cached.reason}`);
			}
		} catch (e) {
			this._workerHash = undefined;
			this._log.warn(`Topics cache in ${cacheDir.describe('')} not used: ${errorMessage(e)}`);
		}
		return undefined;
	}
}

/** How topics workers start, and their script (whose hash keys the topics cache). */
type TopicsWorkerSource = NonNullable<HostPlatform['topicsWorker']>;

/** Which digests topics are for: their content hashes, in any order. */
function prefetchKey(contentHashes: readonly string[]): string {
	return [...contentHashes].sort().join(',');
}

function errorMessage(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
