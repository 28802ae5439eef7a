import * as vscode from 'vscode';
import { storedStringList } from '../../core/storedValues';
import type { Paper } from '../../core/model';
import type { SearchHit } from '../../core/search/paperIndex';
import type { PaperLookup, PaperSearch, ShelfTopics } from '../library/paperLibrary';
import { StorageKeys } from '../ids';
import { pickDescriptionText } from '../../core/text/untrustedText';
import { paperPickItem, showPaperQuickPick, type PaperPickItem } from './paperQuickPick';

/** What picking a paper does; wired by the composition root. */
export interface SearchActions {
	open(id: string, query: string): void;
	insertCitation(ids: readonly string[]): Promise<void>;
	copyKey(ids: readonly string[]): Promise<void>;
}

const RESULT_LIMIT = 50;
const RECENT_LIMIT = 20;

const insertButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('quote'), tooltip: 'Insert Citation' };
const copyKeyButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('key'), tooltip: 'Copy Citation Key' };

/**
 * "Paper Shelf: Search Papers": a quick pick that asks the index on every keystroke and lists its hits in the
 * index's order (the pick does not re-sort them). VS Code's own
 * filter must not hide results (the index already matched prefixes, typos and abstracts), so every
 * item is `alwaysShow` and only the label is left for VS Code to match on.
 */
export class SearchPapers {
	constructor(
		private readonly _library: PaperLookup & PaperSearch & ShelfTopics,
		private readonly _workspaceState: vscode.Memento,
		private readonly _actions: SearchActions,
	) {}

	/** Remember a paper as recently opened (shown first for an empty query). */
	async remember(id: string): Promise<void> {
		const recent = storedStringList(this._workspaceState.get<unknown>(StorageKeys.RecentPapers)).filter((r) => r !== id);
		await this._workspaceState.update(StorageKeys.RecentPapers, [id, ...recent].slice(0, RECENT_LIMIT));
	}

	/** The items for a query, as the quick pick shows them (exposed for tests). */
	itemsFor(query: string): PaperPickItem[] {
		const q = query.trim();
		if (q === '') {
			return this._idle();
		}
		const hits = this._library.search(q, RESULT_LIMIT);
		if (hits.length === 0) {
			return [{ label: '$(info) No papers match', description: pickDescriptionText(`“${q}”`), alwaysShow: true }];
		}
		const topicOf = this._topicLabels();
		return hits.map((h) => this._item(h.paper, topicOf.get(h.paper.id), snippet(h)));
	}

	show(initialQuery = ''): void {
		void showPaperQuickPick({
			title: 'Search Papers',
			placeholder: this._library.papers.length > 0 ? `Search ${this._library.papers.length} papers by title, author, keyword or abstract` : 'No digests loaded yet',
			value: initialQuery,
			canSelectMany: false,
			items: (query) => this.itemsFor(query),
			onButton: (id, button) => {
				if (button === insertButton) {
					void this._actions.insertCitation([id]);
					return true;
				}
				if (button === copyKeyButton) {
					void this._actions.copyKey([id]);
				}
				return false;
			},
		}).then((picked) => {
			if (picked) {
				this._actions.open(picked.ids[0], picked.query);
			}
		});
	}

	private _idle(): PaperPickItem[] {
		const recent = storedStringList(this._workspaceState.get<unknown>(StorageKeys.RecentPapers))
			.map((id) => this._library.get(id))
			.filter((p): p is Paper => p !== undefined);
		const seen = new Set(recent.map((p) => p.id));
		const upvoted = this._library.papers
			.filter((p) => p.upvotes !== undefined && !seen.has(p.id))
			.sort((a, b) => (b.upvotes ?? 0) - (a.upvotes ?? 0) || a.title.localeCompare(b.title))
			.slice(0, RESULT_LIMIT - recent.length);
		const rest = upvoted.length === 0 && recent.length === 0 ? this._library.papers.slice(0, RESULT_LIMIT) : [];
		const topicOf = this._topicLabels();
		const items: PaperPickItem[] = [];
		if (recent.length > 0) {
			items.push({ label: 'Recently opened', kind: vscode.QuickPickItemKind.Separator });
			items.push(...recent.map((p) => this._item(p, topicOf.get(p.id))));
		}
		if (upvoted.length > 0) {
			items.push({ label: 'Most upvoted', kind: vscode.QuickPickItemKind.Separator });
			items.push(...upvoted.map((p) => this._item(p, topicOf.get(p.id))));
		}
		items.push(...rest.map((p) => this._item(p, topicOf.get(p.id))));
		return items;
	}

	private _item(paper: Paper, topic: string | undefined, detail?: string): PaperPickItem {
		return paperPickItem(paper, { prefix: topic, detail }, [insertButton, copyKeyButton]);
	}

	private _topicsSeen: readonly unknown[] | undefined;
	private _topicOf = new Map<string, string>();

	/** Paper id → its derived topic's label, rebuilt only when the topics change (not per keystroke). */
	private _topicLabels(): Map<string, string> {
		const topics = this._library.topics;
		if (topics === this._topicsSeen) {
			return this._topicOf;
		}
		// Top-level topics list their subtopics' papers too, so one level is enough.
		const map = new Map<string, string>();
		for (const t of topics) {
			if (t.kind === 'user') {
				continue;
			}
			for (const id of t.paperIds) {
				if (!map.has(id)) {
					map.set(id, t.label);
				}
			}
		}
		this._topicsSeen = topics;
		this._topicOf = map;
		return map;
	}
}

/** The abstract text around its first match, on one line. */
function snippet(hit: SearchHit): string {
	const abstract = hit.paper.abstract;
	const first = hit.matches.abstract[0];
	const start = first ? Math.max(0, first.start - 60) : 0;
	const end = Math.min(abstract.length, start + 180);
	const text = abstract.slice(start, end).replace(/\s+/g, ' ').trim();
	return (start > 0 ? '…' : '') + text + (end < abstract.length ? '…' : '');
}
