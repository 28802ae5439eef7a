import { PaperNode, type ShelfNode } from '../tree/papersTree';

/** Where a command's papers come from: a tree node, an id, a list of ids, or (from the palette) nothing. */
export type PaperArg = ShelfNode | string | readonly string[] | undefined;

/**
 * The argument a keybinding scoped to the Papers view passes (`"args": { "fromTree": true }` in package.json): act on
 * the tree's selection, even for commands that otherwise ask (Insert Citation).
 */
export function isTreeMarker(arg: unknown): arg is { readonly fromTree: true; readonly focus?: boolean } {
	return typeof arg === 'object' && arg !== null && !Array.isArray(arg) && (arg as { fromTree?: unknown }).fromTree === true;
}

/** The papers selected in the Papers view, the clicked node taking part as VS Code's tree commands expect. */
export interface PaperSelection {
	selectedPaperIds(clicked?: ShelfNode): string[];
}

/**
 * The one place that turns command arguments into paper ids. Tree commands pass the clicked node and all selected
 * nodes; programmatic callers pass an id or a list of ids; the palette passes nothing. `fromSelection` says what
 * nothing means: the tree's selection (true) or no papers at all (false, e.g. Insert Citation then asks in a pick).
 */
export class PaperArgs {
	constructor(private readonly _selection: PaperSelection) {}

	ids(arg: PaperArg, all?: readonly unknown[], fromSelection = true): string[] {
		if (Array.isArray(all) && all.length > 1) {
			return [...new Set(all.flatMap((a) => this._one(a as PaperArg, fromSelection)))];
		}
		return this._one(arg, fromSelection);
	}

	private _one(arg: PaperArg, fromSelection: boolean): string[] {
		if (typeof arg === 'string') {
			return [arg];
		}
		if (Array.isArray(arg)) {
			return [...new Set((arg as readonly unknown[]).filter((a): a is string => typeof a === 'string'))];
		}
		if (isTreeMarker(arg)) {
			return this._selection.selectedPaperIds();
		}
		if (arg instanceof PaperNode) {
			return this._selection.selectedPaperIds(arg);
		}
		return fromSelection ? this._selection.selectedPaperIds() : [];
	}
}
