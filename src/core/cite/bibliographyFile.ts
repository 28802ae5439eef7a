/**
 * A bibliography file whatever its format, chosen by extension: `.bib` is BibTeX, `.json` is CSL-JSON. These are the
 * two calls the VS Code layer and the CLI need: the keys a file defines, and the edit that adds missing entries.
 */
import { parseBibtexKeys, planBibliographyAppend, type BibliographyParseError } from './bibtex';
import { parseCslJsonKeys, planCslJsonAppend, type TextInsertion } from './cslJson';
import type { BibliographyOptions, CitedPaper } from './citedPaper';

/** The bibliography formats Paper Shelf reads and writes. */
export type BibliographyFormat = 'bibtex' | 'csl-json';

/** The format of a bibliography file by its extension (case-insensitive), or undefined for others. */
export function bibliographyFormatOf(fileName: string): BibliographyFormat | undefined {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.bib') || lower.endsWith('.bibtex')) {
		return 'bibtex';
	}
	if (lower.endsWith('.json')) {
		return 'csl-json';
	}
	return undefined;
}

/** A key a bibliography file defines, with the 1-based line of its entry. */
export interface BibliographyKey {
	readonly key: string;
	readonly line: number;
}

/** An error for a file whose extension is neither `.bib` nor `.json`. */
function unsupported(fileName: string): BibliographyParseError {
	return { ok: false, line: 1, column: 1, message: `${fileName}: unsupported bibliography format (use .bib for BibTeX or .json for CSL-JSON)` };
}

/** The keys a .bib or CSL-JSON file defines, in file order; or why it cannot be read (with the line). */
export function readBibliographyKeys(fileName: string, text: string): { ok: true; keys: BibliographyKey[] } | BibliographyParseError {
	const format = bibliographyFormatOf(fileName);
	if (!format) {
		return unsupported(fileName);
	}
	const parsed = format === 'bibtex' ? parseBibtexKeys(text) : parseCslJsonKeys(text);
	return parsed.ok ? { ok: true, keys: parsed.entries.map(({ key, line }) => ({ key, line })) } : parsed;
}

/** What adding entries to a bibliography file comes to. */
export interface BibliographyEditPlan {
	readonly ok: true;
	readonly format: BibliographyFormat;
	/** Text to insert at an offset of the current text; undefined when nothing is missing. Nothing is ever deleted. */
	readonly insertion: TextInsertion | undefined;
	readonly added: string[];
	readonly alreadyPresent: string[];
}

/**
 * Plans adding entries for `cited` to the bibliography `fileName` whose current text is `existingText` (empty for a
 * new file): BibTeX is appended at the end, CSL-JSON items go before the closing `]`. Keys already defined are left
 * alone; an unparseable file gives an error naming the line, and must then be left untouched.
 */
export function planBibliographyEdit(fileName: string, existingText: string, cited: readonly CitedPaper[], options: BibliographyOptions = {}): BibliographyEditPlan | BibliographyParseError {
	const format = bibliographyFormatOf(fileName);
	if (!format) {
		return unsupported(fileName);
	}
	if (format === 'bibtex') {
		const plan = planBibliographyAppend(existingText, cited, options);
		if (!plan.ok) {
			return plan;
		}
		const insertion = plan.textToAppend === '' ? undefined : { offset: existingText.length, text: plan.textToAppend };
		return { ok: true, format, insertion, added: plan.added, alreadyPresent: plan.alreadyPresent };
	}
	const plan = planCslJsonAppend(existingText, cited, options);
	return plan.ok ? { ok: true, format, insertion: plan.insertion, added: plan.added, alreadyPresent: plan.alreadyPresent } : plan;
}

/** Applies an insertion to a text (for the CLI and tests; the editor applies it as a `WorkspaceEdit`). */
export function applyInsertion(text: string, insertion: TextInsertion | undefined): string {
	return insertion ? text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset) : text;
}
