import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import { childNodes, PaperNode, type PapersTree, type ShelfNode } from '../tree/papersTree';
import { KeepCommands } from './keepIds';

/** What skimming needs of the abstract panels. */
export interface PreviewTarget {
	shows(paperId: string): boolean;
	show(paperId: string, query?: string, focus?: boolean): void;
}

/** The tree item id of a node, as papersTree gives it (without the filtered prefix). */
function nodeKey(node: ShelfNode): string {
	return node instanceof PaperNode ? `${node.parent?.group.id ?? 'root'}/${node.paper.id}` : node.group.id;
}

/**
 * Keyboard skimming. In a custom tree view ↓/↑ move only the keyboard focus, not the selection, and an extension
 * cannot see the focus: so ↓/↑ (keybindings scoped to the Papers view) run Skim Next/Previous, which select the next
 * or previous row with `reveal` (the view's rows in order, groups' expansion followed through the view's events).
 * As the selection moves the abstract panel follows without taking the focus (a preview); Enter opens for real. A
 * paper the panel already shows is not shown again (its search highlights stay).
 */
export class TreeSkimming extends Disposable {
	private _timer: ReturnType<typeof setTimeout> | undefined;
	private _previewing: string | undefined;
	private readonly _expanded = new Set<string>();
	private readonly _collapsed = new Set<string>();

	constructor(private readonly _view: vscode.TreeView<ShelfNode>, private readonly _tree: PapersTree, private readonly _panels: PreviewTarget, private readonly _delayMs = 60) {
		super();
		this._register(_view.onDidChangeSelection((e) => {
			e.selection.forEach((node) => this.markShown(node));
			this._follow(e.selection);
		}));
		// The view asks for a group's rows when it expands it (and again on refresh while it stays expanded).
		this._register(_tree.onDidGetChildren((group) => {
			this._expanded.add(this._stateKey(group));
			this._collapsed.delete(this._stateKey(group));
		}));
		this._register(_view.onDidExpandElement((e) => {
			this._expanded.add(this._stateKey(e.element));
			this._collapsed.delete(this._stateKey(e.element));
		}));
		this._register(_view.onDidCollapseElement((e) => {
			this._expanded.delete(this._stateKey(e.element));
			this._collapsed.add(this._stateKey(e.element));
		}));
		this._register({ dispose: () => this._timer && clearTimeout(this._timer) });
		this._register(vscode.commands.registerCommand(KeepCommands.SkimNext, () => this.move(1)));
		this._register(vscode.commands.registerCommand(KeepCommands.SkimPrevious, () => this.move(-1)));
	}

	/**
	 * The groups above a shown (selected or revealed) node are expanded: `reveal` opens them without the view reporting
	 * an expansion, and a window reload restores them the same way.
	 */
	markShown(node: ShelfNode | undefined): void {
		for (let parent = node?.parent; parent; parent = parent.parent) {
			this._expanded.add(this._stateKey(parent));
			this._collapsed.delete(this._stateKey(parent));
		}
	}

	/**
	 * The paper being shown as a preview right now (the panels announce an opened paper while `show` runs): a preview
	 * is not an open, so it does not mark the paper seen (skimming the New group would empty it under the cursor) nor
	 * make it a recent search result.
	 */
	get previewing(): string | undefined {
		return this._previewing;
	}

	/** Selects the row `step` rows below (1) or above (-1) the selection, or the first row when nothing is selected. */
	async move(step: 1 | -1): Promise<void> {
		const current = this._view.selection[this._view.selection.length - 1];
		// The selected row is shown, so the groups above it are open, whatever this part saw of their expansion.
		this.markShown(current);
		const rows = this._rows();
		if (rows.length === 0) {
			return;
		}
		let at = current ? rows.findIndex((r) => nodeKey(r) === nodeKey(current)) : -1;
		if (at < 0 && current instanceof PaperNode) {
			// Its row went (opened, it left the New group): go on from where the paper is shown now.
			at = rows.findIndex((r) => r instanceof PaperNode && r.paper.id === current.paper.id);
		}
		const next = at < 0 ? rows[0] : rows[Math.min(rows.length - 1, Math.max(0, at + step))];
		await this._view.reveal(next, { select: true, focus: true, expand: false });
	}

	/** The rows the view shows, in order: groups, and the children of the expanded ones. */
	private _rows(): ShelfNode[] {
		const out: ShelfNode[] = [];
		const visit = (nodes: readonly ShelfNode[]) => {
			for (const node of nodes) {
				out.push(node);
				if (!(node instanceof PaperNode) && this._isExpanded(node)) {
					visit(childNodes(node));
				}
			}
		};
		visit(this._tree.roots());
		return out;
	}

	private _isExpanded(node: ShelfNode): boolean {
		const key = this._stateKey(node);
		// While a filter is on, groups open expanded (see papersTree) until collapsed.
		return this._expanded.has(key) || (this._tree.filter !== undefined && !this._collapsed.has(key));
	}

	private _stateKey(node: ShelfNode): string {
		return `${this._tree.filter ? 'filtered:' : ''}${nodeKey(node)}`;
	}

	private _follow(selection: readonly ShelfNode[]): void {
		if (this._timer) {
			clearTimeout(this._timer);
		}
		const only = selection.length === 1 ? selection[0] : undefined;
		if (!(only instanceof PaperNode)) {
			return;
		}
		// Holding ↓ moves through many papers: show the one the selection settles on.
		this._timer = setTimeout(() => {
			this._timer = undefined;
			if (!this._panels.shows(only.paper.id)) {
				this._previewing = only.paper.id;
				try {
					this._panels.show(only.paper.id);
				} finally {
					this._previewing = undefined;
				}
			}
		}, this._delayMs);
	}
}
