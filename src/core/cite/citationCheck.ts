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
 * Quarto and pandoc-crossref cross-references (`@fig-plot`, `@tbl-data`, `@sec-intro`, `@eq-energy`, `@sec:intro`):
 * pandoc's syntax for them is a citation's, but they name figures, tables and sections, so they are never checked as
 * citation keys. The prefixes are Quarto's (lower case, as Quarto requires) and pandoc-crossref's `prefix:`.
 */
const CROSS_REFERENCE = /^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|alg|apx)[-:]/;

/** Whether a Pandoc `@key` is a Quarto or pandoc-crossref cross-reference rather than a citation. */
export function isCrossReference(key: string): boolean {
	return CROSS_REFERENCE.test(key);
}

/**
 * The citation keys of a note that are citations: every key the scanner finds, less Pandoc cross-references
 * (`\cite{fig-x}` in LaTeX is a citation, so only `@` keys are dropped).
 */
export function citationsToCheck(noteText: string, languageId: string | undefined): CitationOccurrence[] {
	return scanCitations(noteText, languageId).filter((o) => !(o.syntax === 'pandoc' && isCrossReference(o.key)));
}

/**
 * Digest papers by citation key (key → paper id), from the keys `assignCitationKeys` gave them (id → key).
 *
 * Keys compare exactly, case included, everywhere Paper Shelf resolves them (this table and the bibliography's keys).
 * That is deliberate: pandoc's citeproc and biber look a key up exactly, so `[@Knuth1984]` does not resolve to an
 * entry `knuth1984` when the note is rendered; only classic BibTeX folds case (and warns). Folding here would call a
 * mis-cased key "on the shelf" and offer to add an entry that still would not resolve it.
 */
export function digestKeyTable(keysById: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
	const byKey = new Map<string, string>();
	for (const [id, key] of keysById) {
		byKey.set(key, id);
	}
	return byKey;
}

/**
 * The one citation policy, used by the CLI's `check-citations` and the editor's diagnostics: every citation of a note
 * (cross-references left out, see `citationsToCheck`) resolved first against the keys its bibliography defines, then
 * against the digest papers' keys (`digestPaperOf`: key → paper id, e.g. a `digestKeyTable`'s `get`). Keys compare
 * exactly (see `digestKeyTable`).
 */
export function checkCitations(
	noteText: string,
	languageId: string | undefined,
	bibliographyKeys: ReadonlySet<string>,
	digestPaperOf: (key: string) => string | undefined,
): CitationStatus[] {
	return resolveCitations(citationsToCheck(noteText, languageId), bibliographyKeys, digestPaperOf);
}

/**
 * Whether a note's unresolved keys are citation problems: a note is a citing note when it names a bibliography or
 * cites at least one key that resolves (bibliography or digest). In any other note, `@name`s are mentions (`thanks to
 * @alice`) and are not reported — by the editor's warnings and by `check-citations` alike.
 */
export function isCitingNote(statuses: readonly CitationStatus[], namesBibliography: boolean): boolean {
	return namesBibliography || statuses.some((s) => s.kind !== 'unresolved');
}

/** `checkCitations` on citations already found by `citationsToCheck` (the editor reads bibliographies only if any). */
export function resolveCitations(
	citations: readonly CitationOccurrence[],
	bibliographyKeys: ReadonlySet<string>,
	digestPaperOf: (key: string) => string | undefined,
): CitationStatus[] {
	return citations.map((occurrence): CitationStatus => {
		if (bibliographyKeys.has(occurrence.key)) {
			return { kind: 'bibliography', occurrence };
		}
		const paperId = digestPaperOf(occurrence.key);
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
