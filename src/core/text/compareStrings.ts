/**
 * Orders strings by UTF-16 code units, the same on every machine and locale (unlike `localeCompare`): for sorts whose
 * order must not depend on where they run (cache files, deterministic tie-breaks).
 */
export function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
