/**
 * The shelf's one load queue: a reload of every digest, and refreshes of single files, each with an
 * `AbortSignal`. A newer load supersedes an older one and *aborts* it, rather than letting it finish and
 * ignoring it: a reload aborts every load in flight, a refresh of a file aborts the earlier refresh of that
 * file and takes that file away from a reload in flight (which still lands the other files).
 *
 * A load lands each digest through `ticket.land(file, apply)`, which applies it only while the load is
 * current for that file; a superseded load's promise rejects with an `AbortError` even if its work ignored
 * the signal and ran to the end. Pure: no VS Code, testable in plain Node.
 */

/** Which digests a load reads: all of them (a reload), or one file (its key). */
export type LoadScope = 'all' | string;

/** What a running load gets: its signal, and the one way to put a digest on the shelf. */
export interface LoadTicket {
	/** Aborted when a newer load supersedes this one (or the queue is disposed). */
	readonly signal: AbortSignal;
	/** Whether this load is still the one to land `file` (not aborted, no later refresh of that file). */
	owns(file: string): boolean;
	/** Calls `apply` when this load still owns `file`; returns whether it did. */
	land(file: string, apply: () => void): boolean;
}

interface Running {
	readonly scope: LoadScope;
	readonly controller: AbortController;
	/** Files a later refresh took over (for a reload, which keeps going for the others). */
	readonly lost: Set<string>;
}

/** An `AbortError` like the ones `PaperIndex` builds reject with. */
export function loadAbortError(reason?: unknown): DOMException {
	const error = new DOMException('Load superseded', 'AbortError');
	(error as { cause?: unknown }).cause = reason;
	return error;
}

/** Whether `e` is an abort (of a load, an index build, a worker). */
export function isAbortError(e: unknown): boolean {
	return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}

/** Latest-wins loads with cancellation; see the module comment. */
export class LoadQueue {
	private readonly _running = new Set<Running>();
	private _disposed = false;

	/** Whether any load is in flight. */
	get busy(): boolean {
		return this._running.size > 0;
	}

	/**
	 * Runs `load` for `scope`, superseding (aborting) the loads it replaces. Resolves with what `load`
	 * returned; rejects with an `AbortError` when this load was superseded, whatever `load` did.
	 */
	async run<T>(scope: LoadScope, load: (ticket: LoadTicket) => Promise<T>): Promise<T> {
		const running: Running = { scope, controller: new AbortController(), lost: new Set() };
		if (this._disposed) {
			throw loadAbortError('the load queue is disposed');
		}
		for (const other of this._running) {
			if (scope === 'all' || other.scope === scope) {
				other.controller.abort(loadAbortError(`superseded by a load of ${scope === 'all' ? 'every digest' : scope}`));
			} else if (other.scope === 'all') {
				other.lost.add(scope);
			}
		}
		this._running.add(running);
		const signal = running.controller.signal;
		const owns = (file: string) => !signal.aborted && !running.lost.has(file);
		const ticket: LoadTicket = {
			signal,
			owns,
			land: (file, apply) => {
				if (!owns(file)) return false;
				apply();
				return true;
			},
		};
		try {
			const result = await load(ticket);
			if (signal.aborted) throw loadAbortError(signal.reason);
			return result;
		} catch (e) {
			throw signal.aborted ? loadAbortError(signal.reason) : e;
		} finally {
			this._running.delete(running);
		}
	}

	/** Aborts every load in flight and runs no more. */
	dispose(): void {
		this._disposed = true;
		for (const running of this._running) running.controller.abort(loadAbortError('the load queue is disposed'));
	}
}
