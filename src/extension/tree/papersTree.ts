import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import type { GroupBy, SortBy } from '../../core/settings';
import { shelfGroups, type PaperGroup } from '../../core/shelf/shelfGroups';
import { Commands } from '../ids';
import type { PaperLookup, PaperSearch, ShelfTopics } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import { Disposable } from '../util/disposable';
import { paperDescription, paperTooltipText } from '../../core/present/paperText';
import { plainText } from '../../core/text/untrustedText';
import { appendUntrusted, untrustedMarkdown } from '../util/surfaces';

// --- tree elements: plain models with back-pointers, so getParent and reveal work

/** A group (topic, digest, date) in the Papers view. */
export class GroupNode {
	readonly kind = 'group';
	constructor(readonly group: PaperGroup, readonly parent: GroupNode | undefined) {}
}

/** A paper in the Papers view. The same paper may sit under several groups (user topics). */
export class PaperNode {
	readonly kind = 'paper';
	constructor(readonly paper: Paper, readonly parent: GroupNode | undefined) {}
}

export type ShelfNode = GroupNode | PaperNode;

/** Which papers are new (see NewPapers), for the tree's markers and its New group. */
export interface NewMarks {
	has(id: string): boolean;
	readonly newIds: readonly string[];
	readonly onDidChange: vscode.Event<void>;
}

/** The filter currently narrowing the tree. */
export interface ShelfFilter {
	readonly query: string;
	readonly ids: ReadonlySet<string>;
}

/** What the user keeps (Starred, reading lists, read marks) as the tree shows it; implemented in src/extension/keep. */
export interface ShelfKeeps {
	readonly onDidChange: vscode.Event<void>;
	/** Groups shown above the shelf's own, of the papers `shown` lets through. */
	leadingGroups(shown: (paper: Paper) => boolean): PaperGroup[];
	/** Whether a paper is hidden everywhere ("hide read"). */
	hides(paper: Paper): boolean;
	/** Marks a paper's item (star, note, read) and extends its contextValue. */
	decorate(item: vscode.TreeItem, paper: Paper): void;
}

/** Feeds the Papers view from the library: grouping, filtering, items. */
export class PapersTree extends Disposable implements vscode.TreeDataProvider<ShelfNode> {
	private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<ShelfNode | undefined>());
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	private readonly _onDidGetChildren = this._register(new vscode.EventEmitter<GroupNode>());
	/** The view asked for a group's rows: it is expanded (or being revealed). Keyboard skimming follows this. */
	readonly onDidGetChildren = this._onDidGetChildren.event;

	private _roots: ShelfNode[] | undefined;
	private _filter: ShelfFilter | undefined;
	private _marks: NewMarks | undefined;
	private _sortBy: SortBy = 'digest';

	constructor(private readonly _library: PaperLookup & PaperSearch & ShelfTopics, private _groupBy: GroupBy, private readonly _shelf: ShelfNeed, private readonly _keeps?: ShelfKeeps) {
		super();
		this._register(_library.onDidChange(() => this.refresh()));
		if (_keeps) {
			this._register(_keeps.onDidChange(() => this.refresh()));
		}
	}

	get groupBy(): GroupBy {
		return this._groupBy;
	}

	set groupBy(value: GroupBy) {
		if (value !== this._groupBy) {
			this._groupBy = value;
			this.refresh();
		}
	}

	get sortBy(): SortBy {
		return this._sortBy;
	}

	set sortBy(value: SortBy) {
		if (value !== this._sortBy) {
			this._sortBy = value;
			this.refresh();
		}
	}

	/** Mark new papers (a dot, "new" in the aria-label) and list them in a New group first. */
	set marks(marks: NewMarks) {
		this._marks = marks;
		this._register(marks.onDidChange(() => this.refresh()));
		this.refresh();
	}

	get filter(): ShelfFilter | undefined {
		return this._filter;
	}

	/** Narrow the tree to papers matching `query`; an empty query clears the filter. */
	setFilter(query: string | undefined): ShelfFilter | undefined {
		const q = query?.trim() ?? '';
		this._filter = q === '' ? undefined : { query: q, ids: new Set() };
		this.refresh();
		return this._filter;
	}

	/** Recompute everything (the library changed, or grouping or filter did); a filter is searched again here. */
	refresh(): void {
		if (this._filter) {
			this._filter = { query: this._filter.query, ids: new Set(this._library.search(this._filter.query, 100_000).map((h) => h.paper.id)) };
		}
		this._roots = undefined;
		this._onDidChangeTreeData.fire(undefined);
	}

	/** The root nodes (built lazily). */
	roots(): ShelfNode[] {
		if (!this._roots) {
			const topics = this._groupBy === 'topic' ? this._library.topics : [];
			// While a worker derives the topics of a large shelf, show the papers by digest.
			const by = this._groupBy === 'topic' && this._library.topicsPending ? 'digest' : this._groupBy;
			const keeps = this._keeps;
			const visible = this._filter?.ids;
			const groups = shelfGroups(by, {
				papers: keeps ? this._library.papers.filter((p) => !keeps.hides(p)) : this._library.papers,
				topics,
				visible,
				digestName: (file) => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1),
				sortBy: this._sortBy,
			});
			// Starred and the reading lists come first, whatever the grouping; then the New group (fetched, not yet seen).
			const leading = keeps?.leadingGroups((p) => !keeps.hides(p) && (!visible || visible.has(p.id))).map((g) => new GroupNode(g, undefined)) ?? [];
			const fresh = this._newGroup();
			this._roots = [
				...leading,
				...(fresh ? [new GroupNode(fresh, undefined)] : []),
				...(by === 'none' ? (groups[0]?.papers ?? []).map((p) => new PaperNode(p, undefined)) : groups.map((g) => new GroupNode(g, undefined))),
			];
		}
		return this._roots;
	}

	/** The New group: the new papers the filter shows, sorted like the others; undefined when there are none. */
	private _newGroup(): PaperGroup | undefined {
		const ids = this._marks?.newIds ?? [];
		const papers = ids.map((id) => this._library.get(id)).filter((p): p is Paper => p !== undefined && (!this._filter || this._filter.ids.has(p.id)));
		if (papers.length === 0) {
			return undefined;
		}
		const sorted = shelfGroups('none', { papers, topics: [], sortBy: this._sortBy })[0]?.papers ?? papers;
		return { id: 'new', label: 'New', kind: 'new', papers: sorted, children: [], count: sorted.length };
	}

	/** The first node showing a paper, for `TreeView.reveal`. */
	findPaper(id: string): PaperNode | undefined {
		const visit = (nodes: readonly ShelfNode[]): PaperNode | undefined => {
			for (const node of nodes) {
				if (node instanceof PaperNode) {
					if (node.paper.id === id) {
						return node;
					}
				} else {
					const found = visit(childNodes(node));
					if (found) {
						return found;
					}
				}
			}
			return undefined;
		};
		// Reveal a paper where it lives (its topic, digest or date), not in the New group it is about to leave.
		const roots = this.roots();
		const isNewGroup = (n: ShelfNode) => n instanceof GroupNode && n.group.kind === 'new';
		return visit(roots.filter((n) => !isNewGroup(n))) ?? visit(roots.filter(isNewGroup));
	}

	/** How many papers are shown now, and how many there are. */
	counts(): { shown: number; total: number } {
		const total = this._library.papers.length;
		return { shown: this._filter ? this._library.papers.filter((p) => this._filter!.ids.has(p.id)).length : total, total };
	}

	// --- TreeDataProvider

	getChildren(element?: ShelfNode): ShelfNode[] {
		if (!element) {
			// The view asks for its first rows: the shelf is needed now (its rows arrive with onDidChangeTreeData).
			void this._shelf.need();
			return this.roots();
		}
		if (element instanceof PaperNode) {
			return [];
		}
		this._onDidGetChildren.fire(element);
		return childNodes(element);
	}

	getParent(element: ShelfNode): ShelfNode | undefined {
		return element.parent;
	}

	getTreeItem(element: ShelfNode): vscode.TreeItem {
		if (element instanceof GroupNode) {
			return groupItem(element, this._filter !== undefined);
		}
		const item = paperItem(element, this._filter !== undefined, this._marks?.has(element.paper.id) ?? false);
		this._keeps?.decorate(item, element.paper);
		return item;
	}
}

/** A group's rows: its subgroups, else its papers. */
export function childNodes(group: GroupNode): ShelfNode[] {
	const g = group.group;
	return g.children.length > 0 ? g.children.map((c) => new GroupNode(c, group)) : g.papers.map((p) => new PaperNode(p, group));
}

// --- items

/**
 * While a filter is on, groups open expanded (the matches are what the user asked to see). They get
 * ids of their own then, since the view would otherwise keep the collapsed state it remembers per id.
 */
function nodeId(id: string, filtered: boolean): string {
	return filtered ? `filtered:${id}` : id;
}

function groupItem(node: GroupNode, filtered: boolean): vscode.TreeItem {
	const g = node.group;
	const item = new vscode.TreeItem(plainText(g.label), filtered ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
	item.id = nodeId(g.id, filtered);
	item.description = g.unread !== undefined && g.unread > 0 ? `${g.count} · ${g.unread} unread` : String(g.count);
	item.tooltip = plainText(`${g.label}: ${g.count} paper${g.count === 1 ? '' : 's'}`);
	item.contextValue = g.kind === 'topic' ? 'topic.derived' : g.kind === 'user-topic' ? 'topic.user' : g.kind;
	item.iconPath = new vscode.ThemeIcon(g.kind === 'starred' ? 'star-full' : g.kind === 'list' ? 'list-unordered' : g.kind === 'user-topic' ? 'bookmark' : g.kind === 'digest' ? 'file' : g.kind === 'date' ? 'calendar' : g.kind === 'other' ? 'ellipsis' : g.kind === 'new' ? 'circle-filled' : 'tag');
	return item;
}

/** The quiet marker of a new paper, before its description. */
export const NEW_MARKER = '●';

function paperItem(node: PaperNode, filtered: boolean, isNew: boolean): vscode.TreeItem {
	const p = node.paper;
	const label = plainText(p.title);
	const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
	item.id = nodeId(`${node.parent?.group.id ?? 'root'}/${p.id}`, filtered);
	const description = plainText(paperDescription(p));
	item.description = isNew ? `${NEW_MARKER} ${description}` : description;
	item.tooltip = paperTooltip(p);
	// A new paper's icon is a small dot: visible however long the title, quiet beside the others.
	item.iconPath = isNew ? new vscode.ThemeIcon('circle-small-filled', new vscode.ThemeColor('textLink.foreground')) : new vscode.ThemeIcon(p.links.arxivAbs ? 'book' : 'file-text');
	item.contextValue = `paper${p.links.arxivAbs ? '.arxiv' : ''}${p.links.huggingFace ? '.hf' : ''}`;
	item.command = { command: Commands.OpenAbstract, title: 'Open Abstract', arguments: [p.id] };
	item.accessibilityInformation = { label: `${isNew ? 'new, ' : ''}${label}${description ? ', ' + description : ''}` };
	return item;
}

/** The hover: title, authors and the start of the abstract, as literal text (untrusted: no links, HTML or icons). */
function paperTooltip(p: Paper): vscode.MarkdownString {
	const md = untrustedMarkdown();
	const { title, authors, abstract } = paperTooltipText(p);
	appendUntrusted(md.appendMarkdown('**'), title).appendMarkdown('**\n\n');
	if (authors) {
		appendUntrusted(md, authors).appendMarkdown('\n\n');
	}
	if (abstract) {
		appendUntrusted(md, abstract);
	}
	return md;
}
