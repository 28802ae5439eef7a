import * as vscode from 'vscode';
import type { Paper, ParsedDigest } from '../../core/model';
import { mergeDigests } from '../../core/parse';
import type { PaperIndex, SearchHit } from '../../core/search/paperIndex';
import type { Topic } from '../../core/topics';
import type { ShelfConfig } from '../config';
import type { HostPlatform } from '../platform';
import { Disposable } from '../util/disposable';
import { DiagnosticsPublisher } from './digestDiagnostics';
import { DigestSet, type LoadedDigest } from './digestSet';
import type { DigestSources } from './digestSources';
import { IndexOwner } from './indexOwner';
import { TopicsOwner } from './topicsOwner';

export type { LoadedDigest } from './digestSet';

/** Where the library may keep things and run work, outside the extension host's main thread. */
export interface LibraryResources {
	/** Where indexes and topics of large digests are cached (the extension's global storage, through `vscode.workspace.fs`). */
	readonly cacheDir?: vscode.Uri;
	/** How topics workers start in this host, and their bundled script. */
	readonly topicsWorker?: HostPlatform['topicsWorker'];
}

/** Looking papers up: what most views need. */
export interface PaperLookup {
	readonly onDidChange: vscode.Event<void>;
	readonly loading: boolean;
	/** What loading is doing right now, with counts; undefined when idle. */
	readonly loadStatus: string | undefined;
	/** `loadStatus` changed (often, while a large digest loads: cheap listeners only). */
	readonly onDidChangeLoadStatus: vscode.Event<void>;
	readonly papers: readonly Paper[];
	readonly digests: readonly LoadedDigest[];
	get(id: string): Paper | undefined;
}

/** Searching the shelf. */
export interface PaperSearch {
	search(query: string, limit?: number): SearchHit[];
	/** The papers most like the paper `id`, best first. */
	related(id: string, limit?: number): SearchHit[];
}

/** The shelf's topics. */
export interface ShelfTopics {
	readonly topics: readonly Topic[];
	readonly topicsPending: boolean;
	invalidateTopics(): void;
	/** Group the shelf afresh, keeping the ids and names of the topics that continue (Regroup Topics). */
	regroupTopics(): void;
}

/**
 * Everything on the shelf, for the views: a thin facade over its owned parts, which do the work: the
 * `DigestSet` (digest files, watching, the one cancellable load queue), the `IndexOwner` (the search index,
 * per-digest indexes and their caches adopted without tokenizing again), the `TopicsOwner` (topics, derived
 * explicitly when the papers change) and the `DiagnosticsPublisher`; all of them write to one log channel.
 * Views listen to `onDidChange`.
 */
export class PaperLibrary extends Disposable implements PaperLookup, PaperSearch, ShelfTopics {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** Papers, topics or the loading state changed. */
	readonly onDidChange = this._onDidChange.event;

	private readonly _indexOwner: IndexOwner;
	private readonly _digestSet: DigestSet;
	private readonly _topicsOwner: TopicsOwner;
	private _papers: readonly Paper[] = [];
	private _byId = new Map<string, Paper>();
	/** Whether any load has been asked for; before that, settings changes do not search the workspace. */
	private _loadAsked = false;
	/** The merge of the digests a parse announced, so landing them does not merge again. */
	private _prospect: { readonly parsed: readonly ParsedDigest[]; readonly papers: readonly Paper[] } | undefined;

	constructor(
		sources: DigestSources,
		private _config: ShelfConfig,
		workspaceState: vscode.Memento,
		/** Where the library says what went wrong: digests skipped or refused, caches ignored, workers failed. */
		log: vscode.LogOutputChannel,
		resources: LibraryResources = {},
	) {
		super();
		this._indexOwner = new IndexOwner(log, resources.cacheDir);
		const diagnostics = this._register(new DiagnosticsPublisher());
		this._digestSet = this._register(new DigestSet(sources, _config, this._indexOwner, diagnostics, log));
		this._topicsOwner = this._register(new TopicsOwner(workspaceState, log, {
			userTopics: () => this._config.userTopics,
			find: (query) => this._indexOwner.index.search(query, { limit: 10_000 }).map((h) => h.paper.id),
		}, resources));
		this._register(this._digestSet.onDidChange(() => this._rebuild()));
		this._register(this._digestSet.onDidParse((digest) => this._prefetchTopics(digest)));
		this._register(this._digestSet.onDidChangeLoading(() => this._onDidChange.fire()));
		this._register(this._topicsOwner.onDidChange(() => this._onDidChange.fire()));
	}

	get loading(): boolean {
		return this._digestSet.loading;
	}

	get loadStatus(): string | undefined {
		return this._digestSet.status;
	}

	get onDidChangeLoadStatus(): vscode.Event<void> {
		return this._digestSet.onDidChangeStatus;
	}

	/** All papers, merged across digests (the same paper in two digests appears once). */
	get papers(): readonly Paper[] {
		return this._papers;
	}

	get digests(): readonly LoadedDigest[] {
		return this._digestSet.digests;
	}

	get index(): PaperIndex {
		return this._indexOwner.index;
	}

	get(id: string): Paper | undefined {
		return this._byId.get(id);
	}

	search(query: string, limit = 50): SearchHit[] {
		return this._indexOwner.search(query, limit);
	}

	related(id: string, limit = 10): SearchHit[] {
		return this._indexOwner.index.related(id, limit);
	}

	/** Topics with the user's own first; empty while a worker derives those of a large shelf (`topicsPending`). */
	get topics(): readonly Topic[] {
		return this._topicsOwner.topics;
	}

	/** True while a worker derives the topics of a large shelf. */
	get topicsPending(): boolean {
		return this._topicsOwner.pending;
	}

	/** How many topic derivations the worker answered, and how many fell back to the extension host (for the tests). */
	get topicsWorkerStats(): { readonly answered: number; readonly failed: number } {
		return this._topicsOwner.workerStats;
	}

	/** Called by the composition root when settings change. */
	updateConfig(config: ShelfConfig): void {
		const rescan = config.digestGlobs.join('\n') !== this._config.digestGlobs.join('\n')
			|| config.showBundledDigest !== this._config.showBundledDigest
			|| config.maxDigestBytes !== this._config.maxDigestBytes;
		const retopic = JSON.stringify(config.userTopics) !== JSON.stringify(this._config.userTopics);
		this._config = config;
		this._digestSet.config = config;
		if (rescan && this._loadAsked) {
			void this.reload();
		} else if (retopic) {
			this.invalidateTopics();
		}
	}

	regroupTopics(): void {
		this._topicsOwner.regroup();
		this._onDidChange.fire();
	}

	/** Apply renames and user topics again (the derived topics stay) and tell the views. */
	invalidateTopics(): void {
		this._topicsOwner.reapply();
		this._onDidChange.fire();
	}

	/** Find every digest again and read them all (a newer reload supersedes this one, which then lands nothing). */
	reload(): Promise<void> {
		this._loadAsked = true;
		return this._digestSet.reload();
	}

	/**
	 * A large digest was parsed: the shelf's papers once it lands are known now, so its topics start (in the
	 * worker, or from their cache) while it is indexed, instead of after.
	 */
	private _prefetchTopics(digest: LoadedDigest): void {
		const key = digest.source.uri.toString();
		const others = this._digestSet.digests.filter((d) => d.source.uri.toString() !== key
			// With `auto`, the bundled digest leaves the shelf when another lands.
			&& !(d.source.origin === 'bundled' && digest.source.origin !== 'bundled' && this._config.showBundledDigest === 'auto'));
		const parsed = [...others.map((d) => d.parsed), digest.parsed];
		const papers = mergeDigests(parsed);
		this._prospect = { parsed, papers };
		this._topicsOwner.prefetch(papers, parsed.map((d) => d.contentHash));
	}

	private _rebuild(): void {
		const digests = this._digestSet.digests;
		const parsed = digests.map((d) => d.parsed);
		const prospect = this._prospect;
		this._prospect = undefined;
		// The digests landed as announced (in any order: the merge does not depend on it): their merge is done.
		const same = prospect !== undefined && prospect.parsed.length === parsed.length && parsed.every((p) => prospect.parsed.includes(p));
		this._papers = same ? prospect.papers : mergeDigests(parsed);
		this._byId = new Map(this._papers.map((p) => [p.id, p]));
		this._topicsOwner.derive(this._papers, digests.map((d) => d.parsed.contentHash));
		this._onDidChange.fire();
	}
}
