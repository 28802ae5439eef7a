/**
 * The references of one note, for the "References in this note" view: every key the note cites, once, in the order
 * of its first use, with where it resolves — a bibliography the note uses (file and line of the entry), the shelf
 * (a paper Paper Shelf knows under that key, whose entry is not written yet), or nowhere. Keys compare exactly, as
 * everywhere else (see `digestKeyTable`), and cross-references (`@fig-x`) are left out (see `citationsToCheck`).
 * One linear pass over the note's citations; the bibliographies' keys are looked up in a map.
 */
import type { BibliographyKey } from './bibliographyFile';
import { citationsToCheck } from './citationCheck';
import type { CitationOccurrence } from './citationScanner';

/** A bibliography of the note, as read: its name (for display and to tell which) and the keys it defines. */
export interface NoteBibliographyKeys {
	readonly name: string;
	readonly keys: readonly BibliographyKey[];
}

/** Where a cited key resolves. */
export type ReferenceResolution =
	/** An entry of a bibliography the note uses: which one (its index in the list given) and the entry's line. */
	| { readonly kind: 'bibliography'; readonly bibliography: number; readonly name: string; readonly line: number; readonly paperId?: string }
	/** Not in the note's bibliographies, but a shelf paper has this key. */
	| { readonly kind: 'shelf'; readonly paperId: string }
	/** Nowhere. */
	| { readonly kind: 'nowhere' };

/** One cited key of a note. */
export interface NoteReference {
	readonly key: string;
	/** Every use of the key in the note, in order; the first is where it is first cited. */
	readonly occurrences: readonly CitationOccurrence[];
	readonly resolution: ReferenceResolution;
}

/**
 * The keys `noteText` cites, each once in the order of first use, resolved against `bibliographies` (in order: the
 * first that defines a key is the one that counts, as for pandoc) and then the shelf (`shelfPaperOf`: key → paper id).
 * A key in a bibliography that is also a shelf paper's carries that paper's id too, so its abstract can be opened.
 */
export function noteReferences(
	noteText: string,
	languageId: string | undefined,
	bibliographies: readonly NoteBibliographyKeys[],
	shelfPaperOf: (key: string) => string | undefined,
): NoteReference[] {
	const defined = new Map<string, { bibliography: number; line: number }>();
	bibliographies.forEach((b, bibliography) => {
		for (const { key, line } of b.keys) {
			if (!defined.has(key)) {
				defined.set(key, { bibliography, line });
			}
		}
	});
	const byKey = new Map<string, CitationOccurrence[]>();
	for (const occurrence of citationsToCheck(noteText, languageId)) {
		const list = byKey.get(occurrence.key);
		if (list) {
			list.push(occurrence);
		} else {
			byKey.set(occurrence.key, [occurrence]);
		}
	}
	return [...byKey].map(([key, occurrences]): NoteReference => {
		const paperId = shelfPaperOf(key);
		const entry = defined.get(key);
		const resolution: ReferenceResolution = entry
			? { kind: 'bibliography', bibliography: entry.bibliography, name: bibliographies[entry.bibliography].name, line: entry.line, ...(paperId !== undefined ? { paperId } : {}) }
			: paperId !== undefined
				? { kind: 'shelf', paperId }
				: { kind: 'nowhere' };
		return { key, occurrences, resolution };
	});
}

/** Where a reference resolves, in words: `refs.bib, line 12`, `on the shelf (no entry yet)`, `resolves nowhere`. */
export function describeResolution(resolution: ReferenceResolution): string {
	switch (resolution.kind) {
		case 'bibliography':
			return `${resolution.name}, line ${resolution.line}`;
		case 'shelf':
			return 'on the shelf (no bibliography entry yet)';
		case 'nowhere':
			return 'resolves nowhere';
	}
}
