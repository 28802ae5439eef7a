/**
 * Values read back from storage (VS Code's workspace state, caches): they may have been written by another
 * version, by hand or not at all, so they are checked, never cast.
 */

/** The non-empty strings of a stored list; anything that is not a list gives none. */
export function storedStringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/**
 * The string values of a stored object, in an object without a prototype (so `record['constructor']` is
 * undefined); anything that is not a plain object gives an empty record.
 */
export function storedStringRecord(value: unknown): Readonly<Record<string, string>> {
	const out: Record<string, string> = Object.create(null) as Record<string, string>;
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
		for (const [k, v] of Object.entries(value)) {
			if (typeof v === 'string') out[k] = v;
		}
	}
	return out;
}
