import * as vscode from 'vscode';
import { storedStringRecord } from '../../core/storedValues';
import type { GroupBy } from '../../core/settings';
import { Commands, ContextKeys, StorageKeys, Views } from '../ids';
import type { PaperLookup, PaperSearch, ShelfTopics } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import { ContextKey } from '../util/contextKey';
import { Disposable } from '../util/disposable';
import { GroupNode, PaperNode, PapersTree, type ShelfKeeps, type ShelfNode } from './papersTree';
import { plainText, promptText } from '../../core/text/untrustedText';
import { notify } from '../util/surfaces';

const groupChoices: readonly { by: GroupBy; label: string; detail: string }[] = [
	{ by: 'topic', label: 'Topic', detail: 'Topics derived from the papers, with your own topics first' },
	{ by: 'digest', label: 'Digest', detail: 'The digest file each paper came from' },
	{ by: 'date', label: 'Date', detail: 'The date the digest gives' },
	{ by: 'none', label: 'None', detail: 'One flat list' },
];

/** The Papers view: the tree, its title-bar commands, its message and welcome states. */
export class PapersView extends Disposable {
	readonly tree: PapersTree;
	readonly view: vscode.TreeView<ShelfNode>;
	private readonly _state = new ContextKey<string>(ContextKeys.State);
	private readonly _filtered = new ContextKey<boolean>(ContextKeys.Filtered);

	constructor(
		private readonly _library: PaperLookup & PaperSearch & ShelfTopics,
		groupBy: GroupBy,
		private readonly _workspaceState: vscode.Memento,
		private readonly _shelf: ShelfNeed,
		dragAndDropController?: vscode.TreeDragAndDropController<ShelfNode>,
		keeps?: ShelfKeeps,
	) {
		super();
		this.tree = this._register(new PapersTree(_library, groupBy, _shelf, keeps));
		this.view = this._register(vscode.window.createTreeView(Views.Papers, {
			treeDataProvider: this.tree,
			showCollapseAll: true,
			canSelectMany: true,
			dragAndDropController,
		}));
		this._register(this.tree.onDidChangeTreeData(() => this._updateChrome()));
		this._register(_library.onDidChangeLoadStatus(() => this._updateChrome()));
		this._register(this.view.onDidChangeVisibility((e) => e.visible && void _shelf.need()));
		const reg = (id: Commands, fn: (...args: never[]) => unknown) => this._register(vscode.commands.registerCommand(id, async (...args: never[]) => {
			await _shelf.need();
			return fn(...args);
		}));
		reg(Commands.Filter, () => this.promptFilter());
		reg(Commands.ClearFilter, () => this.applyFilter(undefined));
		reg(Commands.GroupBy, (by?: GroupBy) => this.chooseGrouping(by));
		reg(Commands.RenameTopic, (node?: ShelfNode, label?: string) => this.renameTopic(node, label));
		reg(Commands.RegroupTopics, () => this._library.regroupTopics());
		reg(Commands.MakeTopicFromSearch, (query?: string, label?: string) => this.makeTopicFromSearch(query, label));
		this._updateChrome();
	}

	/** Apply a filter and say how many papers match in the view's message. */
	applyFilter(query: string | undefined): void {
		this.tree.setFilter(query);
	}

	async promptFilter(): Promise<void> {
		const query = await vscode.window.showInputBox({
			title: 'Filter Papers',
			prompt: 'Show only papers matching these words (title, authors, keywords, abstract)',
			value: this.tree.filter?.query ?? '',
			placeHolder: 'e.g. quantization',
		});
		if (query !== undefined) {
			this.applyFilter(query);
		}
	}

	async chooseGrouping(by?: GroupBy): Promise<void> {
		if (!by) {
			const pick = await vscode.window.showQuickPick(
				groupChoices.map((c) => ({ label: c.label, detail: c.detail, by: c.by, picked: c.by === this.tree.groupBy, description: c.by === this.tree.groupBy ? '(current)' : undefined })),
				{ title: 'Group Papers By' },
			);
			by = pick?.by;
		}
		if (by && groupChoices.some((c) => c.by === by)) {
			this.tree.groupBy = by;
			await vscode.workspace.getConfiguration('paperShelf').update('groupBy', by, vscode.ConfigurationTarget.Global);
		}
	}

	/** Renames a derived topic (remembered per workspace); asks for the name unless `newLabel` is given. */
	async renameTopic(node: ShelfNode | undefined, newLabel?: string): Promise<void> {
		const selected = node ?? this.view.selection[0];
		const topicId = selected instanceof GroupNode ? selected.group.topicId : undefined;
		if (!(selected instanceof GroupNode) || !topicId) {
			void notify.info('Select a topic in the Papers view to rename it.');
			return;
		}
		const label = typeof newLabel === 'string' ? newLabel : await vscode.window.showInputBox({ title: 'Rename Topic', value: selected.group.label, validateInput: (v) => v.trim() === '' ? 'A topic needs a name.' : undefined });
		if (label === undefined || label.trim() === '') {
			return;
		}
		const renames = { ...storedStringRecord(this._workspaceState.get<unknown>(StorageKeys.TopicRenames)), [topicId]: label.trim() };
		await this._workspaceState.update(StorageKeys.TopicRenames, renames);
		this._library.invalidateTopics();
	}

	/**
	 * Saves a search as one of the user's topics (`paperShelf.topics`): the filter's query by default.
	 * Written to the workspace settings when a folder is open, else to the user settings.
	 */
	async makeTopicFromSearch(query?: string, label?: string): Promise<void> {
		const q = (typeof query === 'string' ? query : undefined) ?? this.tree.filter?.query ?? await vscode.window.showInputBox({ title: 'Make a Topic from a Search', prompt: 'The search whose papers make up the topic', placeHolder: 'e.g. sparse pruning' });
		if (!q || q.trim() === '') {
			return;
		}
		const name = (typeof label === 'string' ? label : undefined) ?? await vscode.window.showInputBox({
			title: 'Make a Topic from a Search',
			prompt: promptText(`Name the topic for papers matching '${q}'`),
			value: q.trim().replace(/^./, (c) => c.toUpperCase()),
			validateInput: (v) => v.trim() === '' ? 'A topic needs a name.' : undefined,
		});
		if (!name || name.trim() === '') {
			return;
		}
		const config = vscode.workspace.getConfiguration('paperShelf');
		const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
		const inspected = config.inspect<Record<string, string>>('topics');
		const current = (target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue) ?? {};
		await config.update('topics', { ...current, [name.trim()]: q.trim() }, target);
		if (this.tree.filter?.query === q) {
			this.applyFilter(undefined);
		}
		if (this.tree.groupBy !== 'topic') {
			this.tree.groupBy = 'topic';
		}
	}

	/** Reveal a paper in the tree (selecting it), when it is shown. */
	async reveal(paperId: string): Promise<void> {
		// Already selected (say, skimmed to with the arrow keys, perhaps under Starred): leave the selection where it is.
		if (this.view.selection.some((n) => n instanceof PaperNode && n.paper.id === paperId)) {
			return;
		}
		const node = this.tree.findPaper(paperId);
		if (node && this.view.visible) {
			await this.view.reveal(node, { select: true, focus: false, expand: true });
		}
	}

	/** The papers selected in the view (or the clicked one). */
	selectedPaperIds(clicked?: ShelfNode): string[] {
		const nodes = clicked && !this.view.selection.includes(clicked) ? [clicked] : this.view.selection.length > 0 ? this.view.selection : clicked ? [clicked] : [];
		return nodes.filter((n): n is PaperNode => n instanceof PaperNode).map((n) => n.paper.id);
	}

	private _updateChrome(): void {
		const filter = this.tree.filter;
		const { shown, total } = this.tree.counts();
		this._filtered.set(filter !== undefined);
		if ((this._library.loading || !this._shelf.started) && total === 0) {
			this._state.set('loading');
		} else if (total === 0) {
			this._state.set('empty');
		} else if (filter && shown === 0) {
			this._state.set('filteredEmpty');
		} else {
			this._state.set('ready');
		}
		const deriving = this.tree.groupBy === 'topic' && this._library.topicsPending ? `Deriving topics for ${total.toLocaleString()} papers…` : undefined;
		const status = this._library.loadStatus;
		this.view.message = filter ? plainText(`${shown} of ${total} papers match '${filter.query}'`) : status ? plainText(status) : deriving;
		this.view.description = total > 0 ? `${total} papers` : undefined;
	}
}
