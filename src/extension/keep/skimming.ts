import * as vscode from 'vscode';
import { Disposable } from '../util/disposable';
import { PaperNode, type ShelfNode } from '../tree/papersTree';

/** What skimming needs of the abstract panels. */
export interface PreviewTarget {
	shows(paperId: string): boolean;
	show(paperId: string, query?: string, focus?: boolean): void;
}

/**
 * Keyboard skimming: as the selection in the Papers view moves (↓/↑), the abstract panel follows without taking the
 * focus (a preview), so the next key still goes to the tree. Enter opens for real (a keybinding runs Open Abstract
 * with the focus). A paper the panel already shows is not shown again (its search highlights stay).
 */
export class TreeSkimming extends Disposable {
	private _timer: ReturnType<typeof setTimeout> | undefined;

	constructor(view: vscode.TreeView<ShelfNode>, private readonly _panels: PreviewTarget, private readonly _delayMs = 60) {
		super();
		this._register(view.onDidChangeSelection((e) => this._follow(e.selection)));
		this._register({ dispose: () => this._timer && clearTimeout(this._timer) });
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
				this._panels.show(only.paper.id);
			}
		}, this._delayMs);
	}
}
