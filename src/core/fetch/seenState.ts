/**
 * Which papers this user has seen: a bounded list of paper ids, oldest first, kept in the editor's global state (and
 * synced by Settings Sync). A paper on the shelf whose id is not in it is *new*. Pure: the caller stores the value.
 */

/** The default bound: the ids of this many papers are remembered (about 14 bytes each: ~140 KB at most). */
export const SEEN_LIMIT = 10_000;

/** What is stored: a version, and the ids in the order they were seen, oldest first. */
export interface StoredSeen {
	readonly v: 1;
	readonly ids: readonly string[];
}

/** The ids of a stored value, or undefined when nothing (usable) was stored yet. */
export function readSeen(raw: unknown): string[] | undefined {
	if (!raw || typeof raw !== 'object' || (raw as { v?: unknown }).v !== 1) return undefined;
	const ids = (raw as { ids?: unknown }).ids;
	if (!Array.isArray(ids)) return undefined;
	return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== '' && id.length <= 200))];
}

/**
 * `seen` with `add` marked seen now: each added id moves to the newest end (seeing a paper again keeps it longest),
 * and the oldest ids beyond `limit` are dropped. Linear in the sizes; returns `seen` itself when nothing changes.
 */
export function markSeen(seen: readonly string[], add: Iterable<string>, limit = SEEN_LIMIT): readonly string[] {
	const adding = new Set(add);
	if (adding.size === 0) return seen;
	const kept = seen.filter((id) => !adding.has(id));
	if (kept.length === seen.length - adding.size && seen.slice(-adding.size).every((id) => adding.has(id)) && seen.length <= limit) {
		return seen; // already the newest, in some order: nothing to store
	}
	const all = [...kept, ...adding];
	return all.length > limit ? all.slice(all.length - Math.max(0, limit)) : all;
}

/** The value to store for `ids`. */
export function storedSeen(ids: readonly string[]): StoredSeen {
	return { v: 1, ids: [...ids] };
}

/** The ids among `shelf` that are new (not in `seen`), in shelf order. */
export function newIds(shelf: readonly string[], seen: ReadonlySet<string>): string[] {
	return shelf.filter((id) => !seen.has(id));
}
