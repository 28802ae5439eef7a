import * as vscode from 'vscode';
import { markSeen, readSeen, SEEN_LIMIT, storedSeen } from '../../core/fetch/seenState';
import type { PaperGroup } from '../../core/shelf/shelfGroups';
import { Commands, ContextKeys, StorageKeys } from '../ids';
import type { PaperLookup } from '../library/paperLibrary';
import { ContextKey } from '../util/contextKey';
import { Disposable } from '../util/disposable';
import { GroupNode, type ShelfNode } from '../tree/papersTree';

/**
 * What is new on the shelf: a paper never seen on this machine (or in the user's synced profile) is new until its
 * abstract is opened or it is marked seen. The seen ids live in global state, synced by Settings Sync, bounded (the
 * oldest are forgotten past {@link SEEN_LIMIT}). The first time the shelf loads, everything on it counts as seen: new
 * means new since Paper Shelf first looked. Shows the count as the Papers view's badge.
 */
export class NewPapers extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** The new papers changed (papers landed, or some were seen). */
	readonly onDidChange = this._onDidChange.event;

	private _seen: readonly string[];
	private _seenSet: Set<string>;
	private _baselined: boolean;
	private _newIds: string[] = [];
	private readonly _hasNew = new ContextKey<boolean>(ContextKeys.HasNew);
	private _view: vscode.TreeView<ShelfNode> | undefined;

	constructor(
		private readonly _library: PaperLookup,
		private readonly _globalState: vscode.Memento & { setKeysForSync(keys: readonly string[]): void },
		private readonly _limit = SEEN_LIMIT,
	) {
		super();
		_globalState.setKeysForSync([StorageKeys.SeenPapers]);
		const stored = readSeen(_globalState.get<unknown>(StorageKeys.SeenPapers));
		this._baselined = stored !== undefined;
		this._seen = stored ?? [];
		this._seenSet = new Set(this._seen);
		this._register(_library.onDidChange(() => this._update()));
		this._register(vscode.commands.registerCommand(Commands.MarkAllSeen, () => this.markSeen(this._library.papers.map((p) => p.id))));
		this._register(vscode.commands.registerCommand(Commands.MarkGroupSeen, (node?: ShelfNode) => node instanceof GroupNode ? this.markSeen(groupPaperIds(node.group)) : undefined));
		this._update();
	}

	/** Shows the count of new papers as `view`'s badge from now on. */
	attach(view: vscode.TreeView<ShelfNode>): void {
		this._view = view;
		this._showBadge();
	}

	/** The new papers' ids, in shelf order. */
	get newIds(): readonly string[] {
		return this._newIds;
	}

	/** Marks papers seen (opening a paper does this); stores the bounded list. */
	async markSeen(ids: readonly string[]): Promise<void> {
		const next = markSeen(this._seen, ids, this._limit);
		if (next === this._seen) return;
		this._seen = next;
		this._seenSet = new Set(next);
		this._update();
		await this._globalState.update(StorageKeys.SeenPapers, storedSeen(next));
	}

	private _update(): void {
		const papers = this._library.papers;
		if (!this._baselined) {
			// The first load that settles with papers: what is on the shelf is known, not new.
			if (this._library.loading || papers.length === 0) return;
			this._baselined = true;
			void this.markSeen(papers.map((p) => p.id));
			return;
		}
		const fresh = papers.filter((p) => !this._seenSet.has(p.id)).map((p) => p.id);
		if (fresh.length === this._newIds.length && fresh.every((id, k) => id === this._newIds[k])) return;
		this._newIds = fresh;
		this._newSet = new Set(fresh);
		this._hasNew.set(fresh.length > 0);
		this._showBadge();
		this._onDidChange.fire();
	}

	private _newSet = new Set<string>();

	/** Whether `id` is new (constant time; the tree asks for every row). */
	has(id: string): boolean {
		return this._newSet.has(id);
	}

	private _showBadge(): void {
		if (!this._view) return;
		const n = this._newIds.length;
		this._view.badge = n > 0 ? { value: n, tooltip: `${n} new paper${n === 1 ? '' : 's'}` } : undefined;
	}
}

/** Every paper id under a group (its subgroups too), once. */
function groupPaperIds(group: PaperGroup): string[] {
	const out = new Set<string>();
	const visit = (g: PaperGroup) => {
		g.papers.forEach((p) => out.add(p.id));
		g.children.forEach(visit);
	};
	visit(group);
	return [...out];
}
