/** Types for the parts of `bibtex-parse` 2.1 (a PEG.js BibTeX parser, MIT) the tests compare the BibTeX reader with. */
declare module 'bibtex-parse' {
	/** One top-level item of a .bib file. */
	export type BibtexItem =
		| { itemtype: 'entry'; type: string; key: string | null; enclosed: 'braces' | 'parentheses'; fields: { name: string; raw: string }[]; raw: string }
		| { itemtype: 'comment'; comment: string }
		| { itemtype: 'string'; name: string; raw: string }
		| { itemtype: 'preamble'; raw: string };
	/** Thrown on a syntax error; `location` holds 1-based lines and columns. */
	export interface BibtexSyntaxError extends Error {
		location: { start: { offset: number; line: number; column: number } };
	}
	export function parse(text: string): BibtexItem[];
}
