/**
 * BibTeX: writing an entry for a paper, reading the keys of a user's .bib file, and planning what to append to it.
 *
 * Reading is `bibtexReader.ts` (one linear pass, no recursion); a file it cannot parse is never touched, and the
 * message names the line. Appending never rewrites or reorders what is there: the plan is only text to add
 * at the end.
 */
import type { Paper } from '../model';
import { isoMonth, missingEntries, paperUrl, undatedNote, type BibliographyOptions, type CitedPaper } from './citedPaper';
import { parseBibtexKeys, type BibliographyParseError } from './bibtexReader';
import { parsePersonName } from './personName';
import { latexMath, markTitle } from './titleMath';

// --- writing

/** Characters escaped outside braces, with their LaTeX spelling. Braces are handled apart (see `escapeBibtex`). */
const ESCAPES: Readonly<Record<string, string>> = {
	'\\': '\\textbackslash{}',
	'&': '\\&',
	'%': '\\%',
	$: '\\$',
	'#': '\\#',
	_: '\\_',
	'~': '\\textasciitilde{}',
	'^': '\\textasciicircum{}',
};

/**
 * Positions of the braces of `text` that pair up (an opening brace with a later closing one, properly nested).
 * BibTeX counts every brace, escaped or not, so only paired braces may be written as `\{` `\}`.
 */
function pairedBraces(text: string): Set<number> {
	const paired = new Set<number>();
	const open: number[] = [];
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '{') {
			open.push(i);
		} else if (text[i] === '}' && open.length > 0) {
			paired.add(open.pop()!);
			paired.add(i);
		}
	}
	return paired;
}

function escapeChar(text: string, i: number, paired: ReadonlySet<number>): string {
	const c = text[i];
	if (c === '{' || c === '}') {
		if (paired.has(i)) {
			return '\\' + c;
		}
		return c === '{' ? '\\textbraceleft{}' : '\\textbraceright{}';
	}
	return ESCAPES[c] ?? c;
}

/**
 * Escapes plain text for a BibTeX field: `\ & % $ # _ ~ ^` become their LaTeX commands, braces that pair up become
 * `\{` `\}`, and unpaired braces `\textbraceleft{}`/`\textbraceright{}`, so the field's braces always balance.
 * White space runs become one space.
 */
export function escapeBibtex(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	const paired = pairedBraces(flat);
	let out = '';
	for (let i = 0; i < flat.length; i++) {
		out += escapeChar(flat, i, paired);
	}
	return out;
}

/**
 * A title for BibTeX. Math spans (`$…$`, by pandoc's rule, see `titleMath.ts`) stay math, braced so no style changes
 * their case, with unicode symbols as LaTeX commands: `PanGu-$π$` → `{PanGu-$\pi$}`. The rest is escaped as
 * `escapeBibtex` does (a `$` that opens no math becomes `\$`), and every word whose capitals must stay (acronyms,
 * mixed case, letters with digits or `_`: `{LLM}`, `{DeepSoCS}:`, `{T3}`, `{L\_2}`) is wrapped in braces.
 */
export function bibtexTitle(title: string): string {
	const flat = title.replace(/\s+/g, ' ').trim();
	const paired = pairedBraces(flat);
	// Capitals right after a digit get braces of their own (`{3{D}}`, `{GPT-4{V}}`): pandoc's citeproc lowercases them
	// inside a plain protected word (`{3D}` prints `3d`), BibTeX and biblatex read the extra braces as more protection.
	return markTitle(flat, (u) => (u.math ? `$${latexMath(u.tex)}$` : escapeChar(flat, u.at, paired)), (core) => `{${core.replace(/(\p{N})(\p{Lu}+)/gu, '$1{$2}')}}`);
}

/**
 * One author in BibTeX's `von Last, Jr, First` form (`Huang, Chengsong`, `van der Berg, Jan`), escaped. A name
 * that is a single word stays as is; any word `and` is braced so it cannot split the name list.
 */
export function bibtexName(name: string): string {
	const n = parsePersonName(name);
	const esc = (s: string) => escapeBibtex(s).replace(/(^|\s)and(?=\s|$)/gi, '$1{and}');
	const family = esc([n.particle, n.family].filter((s) => s !== '').join(' '));
	if (n.given === '' && n.suffix === '') {
		return family;
	}
	return [family, ...(n.suffix ? [esc(n.suffix)] : []), esc(n.given)].join(', ');
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Characters a citation key may not hold in BibTeX. */
const BAD_KEY_CHARS = /[\s,{}()"#%'=\\~]/;

/** A URL made safe for a verbatim `url` field: braces, backslashes and white space percent-encoded. */
function bibtexUrl(url: string): string {
	return url.replace(/[{}\\\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
}

/**
 * The BibTeX entry for a paper, without a trailing newline: `@misc` with title, author, year and month when known,
 * `eprint`/`archivePrefix`/`primaryClass` (first category) for arXiv papers, and `url`. A paper without a year gets
 * no year, and a `note` saying where and when it was listed (`Hugging Face Daily Papers, Jul 31`); a paper without
 * an arXiv id gets `howpublished` with the source name. Throws when `key` holds characters BibTeX keys cannot.
 */
export function bibtexEntry(paper: Paper, key: string, options: BibliographyOptions = {}): string {
	if (key === '' || BAD_KEY_CHARS.test(key)) {
		throw new Error(`'${key}' cannot be a BibTeX key`);
	}
	const fields: [string, string][] = [['title', `{${bibtexTitle(paper.title)}}`]];
	if (paper.authors.length > 0) {
		fields.push(['author', `{${paper.authors.map(bibtexName).join(' and ')}}`]);
	}
	if (paper.year !== undefined) {
		fields.push(['year', `{${paper.year}}`]);
		const month = isoMonth(paper);
		if (month !== undefined) {
			fields.push(['month', MONTHS[month - 1]]);
		}
	}
	const arxivId = paper.arxivId && /^[A-Za-z0-9./-]+$/.test(paper.arxivId) ? paper.arxivId : undefined;
	if (arxivId) {
		fields.push(['eprint', `{${arxivId}}`], ['archivePrefix', '{arXiv}']);
		const primary = paper.categories[0];
		if (primary && /^[A-Za-z0-9.-]+$/.test(primary)) {
			fields.push(['primaryClass', `{${primary}}`]);
		}
	} else {
		fields.push(['howpublished', `{${escapeBibtex(options.sourceName ?? 'Hugging Face Daily Papers')}}`]);
	}
	const url = paperUrl(paper);
	if (url) {
		fields.push(['url', `{${bibtexUrl(url)}}`]);
	}
	if (paper.year === undefined) {
		fields.push(['note', `{${escapeBibtex(undatedNote(paper, options))}}`]);
	}
	return `@misc{${key},\n${fields.map(([name, value]) => `  ${name} = ${value}`).join(',\n')}\n}`;
}

// --- reading

export { parseBibtexKeys, type BibliographyParseError, type BibtexKeyDefinition, type BibtexKeys } from './bibtexReader';

// --- appending

/** What to append to a bibliography, and which keys it adds or found already there. */
export interface AppendPlan {
	readonly ok: true;
	/** Text to insert at the very end of the file; empty when nothing is missing. */
	readonly textToAppend: string;
	/** Keys the text adds, in the order given. */
	readonly added: string[];
	/** Keys the file already defines (or that were given twice), left alone. */
	readonly alreadyPresent: string[];
}

/** The separator to put between existing text and appended blocks: nothing for an empty file, else a blank line. */
export function separatorBefore(existing: string, eol: string): string {
	if (existing.trim() === '') {
		return '';
	}
	if (existing.endsWith(eol + eol)) {
		return '';
	}
	return existing.endsWith('\n') ? eol : eol + eol;
}

/**
 * Plans adding entries for `cited` to an existing .bib text: keys the file defines already (exactly) are left out,
 * the rest become BibTeX entries separated by blank lines, in the file's own line ending. The existing text is never
 * changed: the plan is only text to append. An unparseable file gives an error naming its line.
 */
export function planBibliographyAppend(existingText: string, cited: readonly CitedPaper[], options: BibliographyOptions = {}): AppendPlan | BibliographyParseError {
	const parsed = parseBibtexKeys(existingText);
	if (!parsed.ok) {
		return parsed;
	}
	const { missing, added, alreadyPresent } = missingEntries(cited, new Set(parsed.entries.map((e) => e.key)));
	const blocks = missing.map(({ paper, key }) => bibtexEntry(paper, key, options));
	if (blocks.length === 0) {
		return { ok: true, textToAppend: '', added, alreadyPresent };
	}
	// `\n` only: planBibliographyEdit gives the planners `\n` text and puts the file's own line ending back.
	return { ok: true, textToAppend: separatorBefore(existingText, '\n') + blocks.join('\n\n') + '\n', added, alreadyPresent };
}
