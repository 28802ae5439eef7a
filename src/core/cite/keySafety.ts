/**
 * Which citation keys each target syntax reads whole. A key Paper Shelf writes must survive all of them, since one
 * bibliography serves notes in several languages:
 *
 * - **Pandoc** (`[@key]`, `@key`; also Quarto, R Markdown): a key starts with a letter, digit or `_`, and holds
 *   letters, digits and `_`, with the punctuation `: . # $ % & - + ? < > ~ /` only *between* them — each such mark must be
 *   followed by a letter, digit or `_`, or pandoc ends the key there (`[@a--b]` cites `a`).
 * - **LaTeX** (`\cite{key}`, BibTeX and biber): no white space and none of `, { } ( ) " # % ' = \ ~`, which end the
 *   key or break the `.bib` entry, and ASCII only (8-bit BibTeX and pdflatex).
 * - **Typst** (`@key`, Typst's lexer): `@` must be followed by a character that continues an identifier (a letter,
 *   digit, `_` or `-`), the key holds only those and `:` `.`, and a trailing `.` or `:` is read as prose, not key.
 */

/** The syntaxes a key is checked against. */
export type KeyTarget = 'pandoc' | 'latex' | 'typst';

export const KEY_TARGETS: readonly KeyTarget[] = ['pandoc', 'latex', 'typst'];

const PANDOC_WORD = /[\p{L}\p{N}_]/u;
const PANDOC_PUNCTUATION = /[:.#$%&\-+?<>~/]/;
const LATEX_BAD = /[\s,{}()"#%'=\\~]/;
const TYPST_CONTINUE = /[\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}_-]/u;

/** Why `key` is not read whole by `target`, or undefined when it is. */
export function keyProblem(key: string, target: KeyTarget): string | undefined {
	if (key === '') {
		return 'the key is empty';
	}
	const chars = [...key];
	switch (target) {
		case 'pandoc': {
			if (!PANDOC_WORD.test(chars[0])) {
				return `pandoc keys start with a letter, digit or '_', not '${chars[0]}'`;
			}
			for (let i = 1; i < chars.length; i++) {
				const c = chars[i];
				if (PANDOC_WORD.test(c)) {
					continue;
				}
				if (!PANDOC_PUNCTUATION.test(c)) {
					return `pandoc keys cannot hold '${c}'`;
				}
				if (i + 1 >= chars.length || !PANDOC_WORD.test(chars[i + 1])) {
					return `pandoc ends the key at '${c}': punctuation must be followed by a letter, digit or '_'`;
				}
			}
			return undefined;
		}
		case 'latex': {
			const bad = chars.find((c) => LATEX_BAD.test(c) || c.charCodeAt(0) > 0x7e || c.charCodeAt(0) < 0x21);
			return bad === undefined ? undefined : `LaTeX keys cannot hold '${bad}'`;
		}
		case 'typst': {
			if (!TYPST_CONTINUE.test(chars[0])) {
				return `Typst reads '@' as a reference only before a letter, digit, '_' or '-', not '${chars[0]}'`;
			}
			const bad = chars.find((c) => !TYPST_CONTINUE.test(c) && c !== ':' && c !== '.');
			if (bad !== undefined) {
				return `Typst keys cannot hold '${bad}'`;
			}
			const last = chars[chars.length - 1];
			return last === '.' || last === ':' ? `Typst reads a trailing '${last}' as prose, not as part of the key` : undefined;
		}
	}
}

/** The problems of `key` in every target syntax, as `target: reason`; empty when it is safe everywhere. */
export function keyProblems(key: string): string[] {
	return KEY_TARGETS.flatMap((target) => {
		const problem = keyProblem(key, target);
		return problem === undefined ? [] : [`${target}: ${problem}`];
	});
}
