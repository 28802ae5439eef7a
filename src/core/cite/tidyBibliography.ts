/**
 * Tidy Bibliography, planned: for one bibliography and the notes of a workspace, which entries to add (keys the notes
 * using it cite that a shelf paper has), which entries no note cites at all (to remove, on the user's confirmation),
 * and which cited keys resolve nowhere (to report). Removal is planned as exact ranges of the file — an entry, and
 * around it only the blanks of its own lines and one blank line — so every other byte of the file stays: other
 * entries, comments between entries, `@string`, `@preamble` and `@comment` items, the byte order mark and each line's
 * own ending. Adding goes through `planBibliographyBytes`, as Insert Citation does.
 */
import { byteLength, decodeBibliography, type BibliographyBytesError, type LegacyEncoding } from './bibliographyBytes';
import { bibliographyFormatOf } from './bibliographyFile';
import { parseBibtexKeys, type BibliographyParseError } from './bibtexReader';
import { citationsToCheck } from './citationCheck';
import type { CitedPaper } from './citedPaper';
import { cslItemSpans } from './cslJson';

/** A note of the workspace, as Tidy sees it: its name, the keys it cites, and whether it uses this bibliography. */
export interface TidyNote {
	readonly name: string;
	readonly citedKeys: ReadonlySet<string>;
	/** The note names this bibliography (or falls back to it): its keys must resolve there. */
	readonly usesBibliography: boolean;
}

/** A range that removing entries takes out (UTF-16 offsets of the text planned on), with its keys and first line. */
export interface TidyEntry {
	readonly keys: readonly string[];
	readonly line: number;
	readonly start: number;
	readonly end: number;
}

/** What tidying one bibliography comes to. */
export interface TidyPlan {
	readonly ok: true;
	/** Shelf papers that notes using the bibliography cite and it lacks: their entries are added. */
	readonly missing: readonly CitedPaper[];
	/** Entries no note of the workspace cites, in file order. */
	readonly unused: readonly { readonly key: string; readonly line: number }[];
	/** Keys notes using the bibliography cite that resolve nowhere, with the notes citing them. */
	readonly unknown: readonly { readonly key: string; readonly notes: readonly string[] }[];
}

/** The keys a note's text cites (cross-references left out), for a `TidyNote`. */
export function citedKeysOf(text: string, languageId: string | undefined): Set<string> {
	return new Set(citationsToCheck(text, languageId).map((o) => o.key));
}

/**
 * Plans tidying the bibliography `fileName` whose text is `text`: see `TidyPlan`. `shelfPaper` gives the shelf paper of
 * a key (with the key), if any. Keys compare exactly, as pandoc and biber compare them. An unreadable file gives its
 * error, and must then be left alone.
 */
export function planTidy(fileName: string, text: string, notes: readonly TidyNote[], shelfPaper: (key: string) => CitedPaper | undefined): TidyPlan | BibliographyParseError {
	const entries = entriesOf(fileName, text);
	if (!entries.ok) {
		return entries;
	}
	const defined = new Set(entries.entries.map((e) => e.key));
	const citedAnywhere = new Set<string>();
	const citedHere = new Map<string, string[]>();
	for (const note of notes) {
		for (const key of note.citedKeys) {
			citedAnywhere.add(key);
			if (note.usesBibliography) {
				const list = citedHere.get(key);
				if (list) {
					list.push(note.name);
				} else {
					citedHere.set(key, [note.name]);
				}
			}
		}
	}
	const missing: CitedPaper[] = [];
	const unknown: { key: string; notes: string[] }[] = [];
	for (const [key, names] of citedHere) {
		if (defined.has(key)) {
			continue;
		}
		const paper = shelfPaper(key);
		if (paper) {
			missing.push(paper);
		} else {
			unknown.push({ key, notes: names });
		}
	}
	return { ok: true, missing, unused: entries.entries.filter((e) => !citedAnywhere.has(e.key)), unknown };
}

/** The entries (key and line) a bibliography text defines, in file order; or why it cannot be read. */
function entriesOf(fileName: string, text: string): { ok: true; entries: { key: string; line: number }[] } | BibliographyParseError {
	const format = bibliographyFormatOf(fileName);
	if (format === 'bibtex') {
		const parsed = parseBibtexKeys(text);
		return parsed.ok ? { ok: true, entries: parsed.entries.map(({ key, line }) => ({ key, line })) } : parsed;
	}
	if (format === 'csl-json') {
		const parsed = cslItemSpans(text);
		return parsed.ok ? { ok: true, entries: parsed.items.flatMap((i) => (i.id === undefined ? [] : [{ key: i.id, line: i.line }])) } : parsed;
	}
	return { ok: false, line: 1, column: 1, message: `${fileName}: unsupported bibliography format (use .bib for BibTeX or .json for CSL-JSON)` };
}

/**
 * The ranges of a bibliography text that removing the entries with keys in `keys` takes out, in file order, never
 * overlapping (UTF-16 offsets). BibTeX: each entry from its `@` to its closing brace, widened to its whole lines when
 * nothing else is on them, and by one following blank line when a blank line (or the start of the file) comes before
 * it, so no blank lines pile up. CSL-JSON: each run of removed items with the comma and white space that separate it
 * from the next item (from the previous one, for a run at the end), so the array stays valid JSON.
 */
export function removalRanges(fileName: string, text: string, keys: ReadonlySet<string>): { ok: true; ranges: TidyEntry[] } | BibliographyParseError {
	const format = bibliographyFormatOf(fileName);
	if (format === 'bibtex') {
		const parsed = parseBibtexKeys(text);
		if (!parsed.ok) {
			return parsed;
		}
		return { ok: true, ranges: parsed.entries.filter((e) => keys.has(e.key)).map((e) => ({ keys: [e.key], line: e.line, ...bibtexRemovalRange(text, e.start, e.end) })) };
	}
	if (format === 'csl-json') {
		const parsed = cslItemSpans(text);
		if (!parsed.ok) {
			return parsed;
		}
		const items = parsed.items;
		const removed = (i: number) => items[i].id !== undefined && keys.has(items[i].id!);
		const ranges: TidyEntry[] = [];
		for (let i = 0; i < items.length; i++) {
			if (!removed(i)) {
				continue;
			}
			let j = i;
			while (j + 1 < items.length && removed(j + 1)) {
				j++;
			}
			const next = items[j + 1];
			const previous = items[i - 1];
			const last = items[j];
			const range = next ? { start: items[i].offset, end: next.offset } : previous ? { start: previous.offset + previous.length, end: last.offset + last.length } : { start: items[i].offset, end: last.offset + last.length };
			ranges.push({ keys: items.slice(i, j + 1).map((item) => item.id!), line: items[i].line, ...range });
			i = j;
		}
		return { ok: true, ranges };
	}
	return { ok: false, line: 1, column: 1, message: `${fileName}: unsupported bibliography format (use .bib for BibTeX or .json for CSL-JSON)` };
}

/** The range removing a BibTeX entry at [start, end) takes out (see `removalRanges`). */
function bibtexRemovalRange(text: string, start: number, end: number): { start: number; end: number } {
	let lineStart = start;
	while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) {
		lineStart--;
	}
	const atLineStart = lineStart === 0 || text[lineStart - 1] === '\n' || text[lineStart - 1] === '\r';
	let after = end;
	while (text[after] === ' ' || text[after] === '\t') {
		after++;
	}
	const lineBreak = lineBreakAt(text, after);
	if (!atLineStart || (lineBreak === 0 && after < text.length)) {
		// Something else shares the entry's lines: take out the entry alone.
		return { start, end };
	}
	let stop = after + lineBreak;
	if (lineStart === 0 || isBlankLineBefore(text, lineStart)) {
		let blank = stop;
		while (text[blank] === ' ' || text[blank] === '\t') {
			blank++;
		}
		const br = lineBreakAt(text, blank);
		if (br > 0) {
			stop = blank + br;
		}
	}
	return { start: lineStart, end: stop };
}

/** The length of the line break at `i` (`\r\n`: 2, `\n` or `\r`: 1), 0 when there is none. */
function lineBreakAt(text: string, i: number): number {
	return text[i] === '\r' ? (text[i + 1] === '\n' ? 2 : 1) : text[i] === '\n' ? 1 : 0;
}

/** Whether the line before the line starting at `lineStart` is blank (white space only). */
function isBlankLineBefore(text: string, lineStart: number): boolean {
	let i = lineStart - 1;
	if (text[i] === '\n' && text[i - 1] === '\r') {
		i--;
	}
	i--;
	while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) {
		i--;
	}
	return i < 0 || text[i] === '\n' || text[i] === '\r';
}

/** Removing entries from a bibliography's bytes: the bytes after, and each removed range in bytes. */
export type RemovalBytesPlan =
	| { readonly ok: true; readonly after: Uint8Array; readonly removed: readonly { readonly keys: readonly string[]; readonly byteOffset: number; readonly byteLength: number }[] }
	| (BibliographyBytesError & { readonly line?: number });

/**
 * The bytes of the bibliography `fileName` (bytes `bytes`) without the entries whose keys are in `keys`: the file is
 * decoded as Insert Citation decodes it, the ranges are planned on its text (`removalRanges`) and cut out of the bytes,
 * so every byte outside them — the byte order mark included — is copied as it was. Linear in the file's size.
 */
export function planRemovalBytes(fileName: string, bytes: Uint8Array, keys: ReadonlySet<string>, legacy: LegacyEncoding = 'latin-1'): RemovalBytesPlan {
	const decoded = decodeBibliography(bytes, legacy);
	if (!decoded.ok) {
		return decoded;
	}
	const ranges = removalRanges(fileName, decoded.text, keys);
	if (!ranges.ok) {
		return { ok: false, message: ranges.message, line: ranges.line };
	}
	const removed: { keys: readonly string[]; byteOffset: number; byteLength: number }[] = [];
	const kept: Uint8Array[] = [];
	// Byte offsets are counted on from the previous boundary, so the whole plan reads the text once.
	let charAt = 0;
	let byteAt = decoded.bomLength;
	let copiedFrom = 0;
	const advance = (to: number) => {
		byteAt += byteLength(decoded.text.slice(charAt, to), to - charAt, decoded.encoding);
		charAt = to;
	};
	for (const entry of ranges.ranges) {
		advance(Math.max(entry.start, charAt));
		kept.push(bytes.subarray(copiedFrom, byteAt));
		const from = byteAt;
		advance(entry.end);
		removed.push({ keys: entry.keys, byteOffset: from, byteLength: byteAt - from });
		copiedFrom = byteAt;
	}
	kept.push(bytes.subarray(copiedFrom));
	const after = new Uint8Array(kept.reduce((n, k) => n + k.length, 0));
	let at = 0;
	for (const k of kept) {
		after.set(k, at);
		at += k.length;
	}
	return { ok: true, after, removed };
}
