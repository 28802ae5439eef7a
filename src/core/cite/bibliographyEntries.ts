/**
 * What the entries of a note's bibliography are about — title, authors, year — for completion details and quick
 * fixes. Reads only those fields, in one pass over each entry (linear in the file), from the entries the key readers
 * already found (`readBibliographyKeys`), so a file they reject is never read here.
 */
import { bibliographyFormatOf, readBibliographyKeys } from './bibliographyFile';
import { TextMemo } from './textMemo';

/** One entry of a bibliography, as completion shows it. */
export interface BibliographyEntryInfo {
	readonly key: string;
	/** 1-based line of the entry. */
	readonly line: number;
	readonly title?: string;
	/** Family names (or whole names when they cannot be split), in order. */
	readonly authors: readonly string[];
	readonly year?: string;
}

const memos = {
	bibtex: new TextMemo((text) => read('x.bib', text)),
	'csl-json': new TextMemo((text) => read('x.json', text)),
};

/**
 * The entries of a .bib or CSL-JSON text with their title, authors and year; undefined when the file cannot be read
 * (its key reader says why). Remembered per text, like the key readers.
 */
export function readBibliographyEntries(fileName: string, text: string): readonly BibliographyEntryInfo[] | undefined {
	const format = bibliographyFormatOf(fileName);
	return format ? memos[format].get(text) : undefined;
}

function read(fileName: string, text: string): readonly BibliographyEntryInfo[] | undefined {
	const keys = readBibliographyKeys(fileName, text);
	if (!keys.ok) {
		return undefined;
	}
	const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
	if (bibliographyFormatOf(fileName) === 'csl-json') {
		return cslEntries(lf, keys.keys);
	}
	const lineStarts = [0, 0];
	for (let at = lf.indexOf('\n'); at >= 0; at = lf.indexOf('\n', at + 1)) lineStarts.push(at + 1);
	return keys.keys.map((k, i) => {
		const start = lineStarts[k.line] ?? lf.length;
		const end = i + 1 < keys.keys.length ? (lineStarts[keys.keys[i + 1].line] ?? lf.length) : lf.length;
		const fields = bibtexFields(lf, lf.indexOf('@', start), Math.max(start, end));
		const title = fields.get('title');
		const year = fields.get('year') ?? /^\d{4}/.exec(fields.get('date') ?? '')?.[0];
		return { key: k.key, line: k.line, ...(title ? { title: cleanLatex(title) } : {}), authors: bibtexAuthors(fields.get('author') ?? fields.get('editor') ?? ''), ...(year ? { year: cleanLatex(year) } : {}) };
	});
}

// --- BibTeX

const WANTED = new Set(['title', 'author', 'editor', 'year', 'date']);
/** Longer values are cut here: completion shows a line, and a hostile `a # b # …` chain must not build a huge string. */
const MAX_VALUE = 2000;

/**
 * The wanted fields of the entry whose `@` is at `at`, reading no further than `end`: names lower-cased, values
 * with their outer braces or quotes removed and `#` concatenations joined (macros left as their names).
 */
export function bibtexFields(text: string, at: number, end: number): Map<string, string> {
	const fields = new Map<string, string>();
	if (at < 0 || at >= end) {
		return fields;
	}
	const open = text.slice(at, Math.min(end, at + 256)).search(/[{(]/);
	if (open < 0) {
		return fields;
	}
	let i = at + open + 1;
	// Past the key.
	while (i < end && text[i] !== ',' && text[i] !== '}' && text[i] !== ')') i++;
	while (i < end && text[i] === ',') {
		i++;
		while (i < end && isSpace(text.charCodeAt(i))) i++;
		const nameStart = i;
		while (i < end && /[\w.:+-]/.test(text[i])) i++;
		const name = text.slice(nameStart, i).toLowerCase();
		while (i < end && isSpace(text.charCodeAt(i))) i++;
		if (name === '' || text[i] !== '=') {
			break;
		}
		i++;
		let value = '';
		for (;;) {
			while (i < end && isSpace(text.charCodeAt(i))) i++;
			const c = text[i];
			if (c === '{' || c === '"') {
				const close = valueEnd(text, i, end);
				value += value.length < MAX_VALUE ? text.slice(i + 1, close - 1) : '';
				i = close;
			} else {
				const s = i;
				while (i < end && !isSpace(text.charCodeAt(i)) && !',#})'.includes(text[i])) i++;
				value += value.length < MAX_VALUE ? text.slice(s, i) : '';
			}
			while (i < end && isSpace(text.charCodeAt(i))) i++;
			if (text[i] !== '#') break;
			i++;
		}
		if (WANTED.has(name) && !fields.has(name)) {
			fields.set(name, value.slice(0, MAX_VALUE));
		}
		while (i < end && isSpace(text.charCodeAt(i))) i++;
	}
	return fields;
}

/** Whether a character code is BibTeX white space. */
function isSpace(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

/** The offset just past the braced or quoted value opening at `i` (braces nest; a quote ends only at depth 0). */
function valueEnd(text: string, i: number, end: number): number {
	const quoted = text[i] === '"';
	let depth = quoted ? 0 : 1;
	for (let j = i + 1; j < end; j++) {
		const c = text[j];
		if (c === '\\') {
			j++;
		} else if (c === '{') {
			depth++;
		} else if (c === '}') {
			depth--;
			if (!quoted && depth === 0) return j + 1;
		} else if (quoted && c === '"' && depth === 0) {
			return j + 1;
		}
	}
	return end;
}

/** Family names of a BibTeX name list (`Knuth, Donald E. and Lamport, Leslie` or `Donald Knuth and others`). */
function bibtexAuthors(value: string): string[] {
	if (value.trim() === '') {
		return [];
	}
	return value
		.split(/\s+and\s+/i)
		.map((n) => cleanLatex(n))
		.filter((n) => n !== '' && n.toLowerCase() !== 'others')
		.map((n) => (n.includes(',') ? n.slice(0, n.indexOf(',')).trim() : n.split(/\s+/).pop() ?? n));
}

/** A BibTeX value as plain text: accents and commands reduced to their letters, braces and `~` gone. */
function cleanLatex(value: string): string {
	return value
		.replace(/\\[`'^"~=.uvHcdbk]\s*\{?\s*(\w)\}?/g, '$1')
		.replace(/\\(?:textbf|textit|emph|mathrm|textrm|texttt)\b/g, '')
		.replace(/\\([&%$#_{}])/g, '$1')
		.replace(/[{}]/g, '')
		.replace(/~/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

// --- CSL-JSON

function cslEntries(text: string, keys: readonly { key: string; line: number }[]): BibliographyEntryInfo[] {
	let items: unknown;
	try {
		items = JSON.parse(text);
	} catch {
		items = undefined;
	}
	const byId = new Map<string, Record<string, unknown>>();
	if (Array.isArray(items)) {
		for (const item of items) {
			if (item && typeof item === 'object' && typeof (item as Record<string, unknown>).id === 'string') {
				byId.set((item as Record<string, unknown>).id as string, item as Record<string, unknown>);
			}
		}
	}
	return keys.map((k) => {
		const item = byId.get(k.key);
		const title = typeof item?.title === 'string' ? item.title.replace(/\s+/g, ' ').trim() : undefined;
		const authors = Array.isArray(item?.author)
			? item.author.flatMap((a: unknown) => {
				const name = a as { family?: unknown; literal?: unknown };
				return typeof name?.family === 'string' ? [name.family] : typeof name?.literal === 'string' ? [name.literal] : [];
			})
			: [];
		const issued = item?.issued as { 'date-parts'?: unknown[][] } | undefined;
		const year = issued?.['date-parts']?.[0]?.[0];
		return { key: k.key, line: k.line, ...(title ? { title } : {}), authors, ...(year !== undefined ? { year: String(year) } : {}) };
	});
}
