/**
 * Loading the shelf on first need. Activation stays cheap: no workspace search, no watcher, no digest read until
 * something needs the papers: the Papers view asking for its first rows, a Paper Shelf command, the first completion,
 * hover, definition or citation check in a note that has a key to look up, or a call of the public API.
 */
export interface ShelfNeed {
	/** True once the first load has been started. */
	readonly started: boolean;
	/** The shelf is needed: starts the first load unless one has started; resolves when that first load has settled. */
	need(): Promise<void>;
}

/** The one owner of "has the shelf been loaded yet": starts the first load, once. */
export class ShelfDemand implements ShelfNeed {
	private _first: Promise<void> | undefined;

	/** `load` finds and reads every digest (the library's reload); it is called at most once, by the first `need`. */
	constructor(private readonly _load: () => Promise<void>) {}

	get started(): boolean {
		return this._first !== undefined;
	}

	need(): Promise<void> {
		// A first load that fails or is superseded still settles `need`: the shelf then shows what landed.
		this._first ??= this._load().catch(() => undefined);
		return this._first;
	}
}
