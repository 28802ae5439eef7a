/**
 * Checking a note's citations: which keys resolve in its bibliography, which only in the digests (pandoc will not
 * find those until their entries are added), and which nowhere. Used by the CLI's `check-citations` and by the
 * editor's diagnostics with their "Add entry from digest" quick fix.
 */
import { scanCitations, type CitationOccurrence } from './citationScanner';

/** What one citation in a note resolves to. */
export type CitationStatus =
	/** Defined in the note's bibliography. */
	| { readonly kind: 'bibliography'; readonly occurrence: CitationOccurrence }
	/** Not in the bibliography, but a digest paper has this key: its entry can be added. */
	| { readonly kind: 'digest'; readonly occurrence: CitationOccurrence; readonly paperId: string }
	/** Nowhere. */
	| { readonly kind: 'unresolved'; readonly occurrence: CitationOccurrence };

/**
 * Resolves every citation of a note: first against the keys its bibliography defines, then against the digest
 * papers' keys (key → paper id). Keys compare exactly, as pandoc and biber do.
 */
export function checkCitations(
	noteText: string,
	languageId: string | undefined,
	bibliographyKeys: ReadonlySet<string>,
	digestKeys: ReadonlyMap<string, string>,
): CitationStatus[] {
	return scanCitations(noteText, languageId).map((occurrence): CitationStatus => {
		if (bibliographyKeys.has(occurrence.key)) {
			return { kind: 'bibliography', occurrence };
		}
		const paperId = digestKeys.get(occurrence.key);
		return paperId !== undefined ? { kind: 'digest', occurrence, paperId } : { kind: 'unresolved', occurrence };
	});
}

/** The VS Code language id a note's file name suggests, for the scanner; undefined when it says nothing. */
export function languageIdForFile(fileName: string): string | undefined {
	const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
	switch (ext) {
		case 'md':
		case 'markdown':
		case 'mdown':
		case 'mkd':
			return 'markdown';
		case 'qmd':
			return 'quarto';
		case 'rmd':
			return 'rmd';
		case 'tex':
		case 'ltx':
		case 'latex':
			return 'latex';
		case 'typ':
			return 'typst';
		case 'org':
			return 'org';
		case 'rst':
			return 'restructuredtext';
		default:
			return undefined;
	}
}
