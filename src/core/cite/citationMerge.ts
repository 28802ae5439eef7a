/**
 * Inserting a citation where one already is: the cursor inside or right after an existing citation gets the new keys
 * added to that citation, by the language's rules, instead of a second citation nested in or glued to the first.
 *
 * - Pandoc (markdown, quarto, rmd, …): inside `[@a|]` or right after `[@a]` → `[@a; @b]`.
 * - LaTeX: inside `\cite{a|}` (any `…cite…` command, with optional arguments) or right after it → `\cite{a,b}`.
 * - Typst: inside or right after `@a` (or a run `@a @b`) → `@a @b @c`.
 * - Org: inside or right after `[cite:@a]` (`[cite/style:…]` too) → `[cite:@a;@b]`.
 * - reStructuredText: inside or right after `` :cite:`a` `` (`:cite:p:` etc.) → `` :cite:`a,b` ``.
 *
 * Keys already in the citation are never added again. Only a window of `WINDOW` characters either side of the cursor
 * is looked at, so planning is linear in the number of cursors, however long the line or the note.
 */
import { citationTemplateFor } from './citationSyntax';

/** How far either side of the cursor a citation around it is looked for. */
export const WINDOW = 4096;

/** A citation the cursor is inside or right after. */
export interface CitationGroup {
	/** Offset of the citation's first character (`[`, `\`, `@`, `:`). */
	readonly start: number;
	/** Offset just past the citation. */
	readonly end: number;
	/** The keys it holds, in order. */
	readonly keys: readonly string[];
	/** Where new keys go, and the text that goes before each of them (the language's separator). */
	readonly insertAt: number;
	readonly separator: string;
	/** What goes before the first new key (nothing after `\cite{` or `\cite{a,`). */
	readonly firstSeparator: string;
}

/** One planned change of the note: replace `[start, end)` by `text`; the cursor then goes `skip` characters past it. */
export interface CitationEdit {
	readonly start: number;
	readonly end: number;
	readonly text: string;
	/** Characters of the original text after `end` the cursor moves past (the closing `]` of a merged citation). */
	readonly skip: number;
	/** True when the keys went into an existing citation (or were all there already). */
	readonly merged: boolean;
	/** The keys the edit adds to the note. */
	readonly added: readonly string[];
}

type Family = 'pandoc' | 'latex' | 'typst' | 'org' | 'rst';

const FAMILIES: Readonly<Record<string, Family>> = {
	markdown: 'pandoc', quarto: 'pandoc', rmd: 'pandoc', rmarkdown: 'pandoc', pandoc: 'pandoc',
	latex: 'latex', tex: 'latex', doctex: 'latex', 'latex-expl3': 'latex',
	typst: 'typst', org: 'org', restructuredtext: 'rst',
};

/** The citation family of a language, or undefined when its citations are plain references (nothing to merge into). */
function familyOf(languageId: string, templates?: Readonly<Record<string, string>>): Family | undefined {
	const family = FAMILIES[languageId];
	// A user template that renders per paper (`${ref}`, `${link}`) makes no citations to merge into.
	if (!family || /\$\{(?:key|title|authors|year|url|ref|link)\}/.test(citationTemplateFor(languageId, { templates }))) {
		return undefined;
	}
	return family;
}

const PANDOC_KEY = /@(?:\{([^{}\n]+)\}|([\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*))/gu;
const LATEX_CITE = /\\[A-Za-z]*cite[A-Za-z]*\*?$/;
const LATEX_NOT_CITE = /\\(?:citestyle|citesetup|citereset|citeindextrue|citeindexfalse|citetrackertrue|citetrackerfalse|citeauthorfalse)$/;

/**
 * The citation the cursor at `offset` is inside or right after, in a note of `languageId`; undefined when there is
 * none (or the language's citations cannot be merged into).
 */
export function citationGroupAt(text: string, offset: number, languageId: string, templates?: Readonly<Record<string, string>>): CitationGroup | undefined {
	const family = familyOf(languageId, templates);
	if (!family || offset < 0 || offset > text.length) {
		return undefined;
	}
	const from = Math.max(0, offset - WINDOW);
	const to = Math.min(text.length, offset + WINDOW);
	switch (family) {
		case 'pandoc':
			return bracketGroup(text, offset, from, to, pandocBracket);
		case 'org':
			return bracketGroup(text, offset, from, to, orgBracket);
		case 'latex':
			return latexGroup(text, offset, from, to);
		case 'rst':
			return rstGroup(text, offset, from, to);
		case 'typst':
			return typstGroup(text, offset, from, to);
	}
}

/**
 * The edit that cites `keys` at the selection `[selStart, selEnd)`: merged into the citation at or right before an
 * empty selection, else `fresh(keys)` replacing the selection. `fresh` renders a new citation (the language's
 * template). Keys already in the citation are left out; when none is left, the edit changes nothing.
 */
export function planCitationEdit(
	text: string,
	selStart: number,
	selEnd: number,
	languageId: string,
	keys: readonly string[],
	fresh: (keys: readonly string[]) => string,
	templates?: Readonly<Record<string, string>>,
): CitationEdit {
	const unique = [...new Set(keys)];
	const group = selStart === selEnd ? citationGroupAt(text, selStart, languageId, templates) : undefined;
	if (!group) {
		return { start: selStart, end: selEnd, text: fresh(unique), skip: 0, merged: false, added: unique };
	}
	const present = new Set(group.keys);
	const added = unique.filter((k) => !present.has(k));
	const inserted = added.map((k, i) => (i === 0 ? group.firstSeparator : group.separator) + k).join('');
	return { start: group.insertAt, end: group.insertAt, text: inserted, skip: group.end - group.insertAt, merged: true, added };
}

// --- bracketed citations: Pandoc and Org

interface Bracket {
	readonly keys: readonly string[];
	readonly separator: string;
	readonly firstSeparator: string;
}

/** The `[` … `]` around or right before `offset`, within a paragraph and without brackets inside, read by `read`. */
function bracketGroup(text: string, offset: number, from: number, to: number, read: (text: string, open: number, close: number) => Bracket | undefined): CitationGroup | undefined {
	let open = -1;
	let close = -1;
	if (text[offset - 1] === ']') {
		close = offset - 1;
		open = scanBack(text, close - 1, from, '[');
	}
	if (open < 0) {
		open = scanBack(text, offset - 1, from, '[');
		close = open < 0 ? -1 : scanForward(text, offset, to, ']');
	}
	if (open < 0 || close < 0) {
		return undefined;
	}
	const read1 = read(text, open, close);
	return read1 && { start: open, end: close + 1, keys: read1.keys, insertAt: close, separator: read1.separator, firstSeparator: read1.firstSeparator };
}

/** The offset of `want` going back from `i` (inclusive) to `from`, stopping at a bracket of either kind or a blank line. */
function scanBack(text: string, i: number, from: number, want: '[' | '{' | '`'): number {
	for (let j = i; j >= from; j--) {
		const c = text[j];
		if (c === want) {
			return j;
		}
		if (c === '[' || c === ']' || (want === '{' && (c === '}' || c === '\\')) || (c === '\n' && blankBefore(text, j, from))) {
			return -1;
		}
	}
	return -1;
}

/** The offset of `want` going forward from `i` to `to`, stopping at an opening bracket or a blank line. */
function scanForward(text: string, i: number, to: number, want: ']' | '}' | '`'): number {
	for (let j = i; j < to; j++) {
		const c = text[j];
		if (c === want) {
			return j;
		}
		if (c === '[' || (want === ']' && c === ']') || (want === '}' && c === '{') || (c === '\n' && blankAfter(text, j, to))) {
			return -1;
		}
	}
	return -1;
}

/** Whether the line break at `j` ends a blank line (only spaces between it and the previous break). */
function blankBefore(text: string, j: number, from: number): boolean {
	for (let k = j - 1; k >= from && k > j - 64; k--) {
		if (text[k] === '\n') return true;
		if (!/[ \t\r]/.test(text[k])) return false;
	}
	return false;
}

/** Whether the line break at `j` starts a blank line (only spaces between it and the next break). */
function blankAfter(text: string, j: number, to: number): boolean {
	for (let k = j + 1; k < to && k < j + 64; k++) {
		if (text[k] === '\n') return true;
		if (!/[ \t\r]/.test(text[k])) return false;
	}
	return false;
}

/** `[…@key…]` as Pandoc reads a bracketed citation: not a link or image, a key at an item's start. */
function pandocBracket(text: string, open: number, close: number): Bracket | undefined {
	if (text[open - 1] === '!' || text[open - 1] === '\\' || text[close + 1] === '(' || text[close + 1] === '[') {
		return undefined;
	}
	const inner = text.slice(open + 1, close);
	const keys: string[] = [];
	for (const m of inner.matchAll(PANDOC_KEY)) {
		const before = m.index === 0 ? '' : inner[m.index - 1];
		if (before === '' || /[\s;-]/.test(before)) {
			keys.push(m[1] ?? m[2]);
		}
	}
	return keys.length > 0 ? { keys, separator: '; @', firstSeparator: inner.trimEnd().endsWith(';') ? ' @' : '; @' } : undefined;
}

/** `[cite:…]` or `[cite/style:…]` of Org mode. */
function orgBracket(text: string, open: number, close: number): Bracket | undefined {
	const inner = text.slice(open + 1, close);
	const head = /^cite(?:\/[\w/-]*)?:/.exec(inner);
	if (!head) {
		return undefined;
	}
	const keys = [...inner.slice(head[0].length).matchAll(/@([^\s;\][@]+)/g)].map((m) => m[1]);
	const rest = inner.slice(head[0].length).trimEnd();
	return { keys, separator: ';@', firstSeparator: rest === '' || rest.endsWith(';') ? '@' : ';@' };
}

// --- LaTeX

/** The key group `{…}` of a `\…cite…` command around or right before `offset`. */
function latexGroup(text: string, offset: number, from: number, to: number): CitationGroup | undefined {
	let open = -1;
	let close = -1;
	if (text[offset - 1] === '}') {
		close = offset - 1;
		open = scanBack(text, close - 1, from, '{');
	}
	if (open < 0 || !isCiteGroup(text, open, from)) {
		open = scanBack(text, offset - 1, from, '{');
		close = open < 0 ? -1 : scanForward(text, offset, to, '}');
		if (open < 0 || close < 0 || !isCiteGroup(text, open, from)) {
			return undefined;
		}
	}
	const inner = text.slice(open + 1, close);
	if (/[\\%]/.test(inner)) {
		return undefined;
	}
	const keys = inner.split(',').map((k) => k.trim()).filter((k) => k !== '');
	const trimmed = inner.trimEnd();
	// Follow the citation's own spacing: `a, b` gets `, c`.
	const separator = /,\s/.test(inner) ? ', ' : ',';
	const firstSeparator = trimmed === '' || trimmed.endsWith(',') ? '' : separator;
	return { start: open, end: close + 1, keys, insertAt: close, separator, firstSeparator };
}

/** Whether the `{` at `open` is a key group of a citation command (after its optional arguments and earlier groups). */
function isCiteGroup(text: string, open: number, from: number): boolean {
	let j = open;
	for (let steps = 0; steps < 64; steps++) {
		while (j > from && /\s/.test(text[j - 1])) j--;
		const c = text[j - 1];
		const start = c === ']' ? '[' : c === ')' ? '(' : c === '}' ? '{' : undefined;
		if (!start) {
			break;
		}
		let k = j - 2;
		while (k >= from && text[k] !== start && text[k] !== c) k--;
		if (k < from || text[k] !== start) {
			return false;
		}
		j = k;
	}
	const before = text.slice(Math.max(from, j - 64), j);
	return LATEX_CITE.test(before) && !LATEX_NOT_CITE.test(before.replace(/\*$/, ''));
}

// --- reStructuredText

/** `` :cite:`a,b` `` (and `:cite:p:`, `:cite:t:`, …) around or right before `offset`. */
function rstGroup(text: string, offset: number, from: number, to: number): CitationGroup | undefined {
	const candidates: [number, number][] = [];
	if (text[offset - 1] === '`') {
		const open = scanBackTick(text, offset - 2, from);
		if (open >= 0) candidates.push([open, offset - 1]);
	}
	const open = scanBackTick(text, offset - 1, from);
	if (open >= 0) {
		const close = scanForward(text, offset, to, '`');
		if (close >= 0) candidates.push([open, close]);
	}
	for (const [o, c] of candidates) {
		const role = /:cite(?::[a-z]+)?:$/.exec(text.slice(Math.max(from, o - 16), o));
		if (!role) {
			continue;
		}
		const inner = text.slice(o + 1, c);
		const keys = inner.split(',').map((k) => k.trim()).filter((k) => k !== '');
		const separator = /,\s/.test(inner) ? ', ' : ',';
		return { start: o - role[0].length, end: c + 1, keys, insertAt: c, separator, firstSeparator: inner.trim() === '' || inner.trimEnd().endsWith(',') ? '' : separator };
	}
	return undefined;
}

/** The backtick going back from `i`, on the same line. */
function scanBackTick(text: string, i: number, from: number): number {
	for (let j = i; j >= from; j--) {
		if (text[j] === '`') return j;
		if (text[j] === '\n') return -1;
	}
	return -1;
}

// --- Typst

/** A Typst reference `@key` with an optional supplement `[…]`; a key does not end in `.` or `:`. */
const TYPST_REF = /(?<![\p{L}\p{N}_@\\])@([\p{L}\p{N}_](?:[\p{L}\p{N}_:.-]*[\p{L}\p{N}_-])?)(\[[^[\]\n]*\])?/gu;

/** A run of adjacent Typst citations `@a @b` (with optional supplements) the cursor is in or right after. */
function typstGroup(text: string, offset: number, from: number, to: number): CitationGroup | undefined {
	const lineStart = Math.max(from, text.lastIndexOf('\n', offset - 1) + 1);
	let lineEnd = text.indexOf('\n', offset);
	lineEnd = lineEnd < 0 || lineEnd > to ? to : lineEnd;
	const line = text.slice(lineStart, lineEnd);
	let run: { start: number; end: number; keys: string[] } | undefined;
	for (const m of line.matchAll(TYPST_REF)) {
		const start = lineStart + m.index;
		const end = start + m[0].length;
		if (run && run.end + 1 === start && text[run.end] === ' ') {
			run.end = end;
			run.keys.push(m[1]);
		} else if (run && run.start < offset && offset <= run.end) {
			break;
		} else {
			if (start >= offset) {
				break;
			}
			run = { start, end, keys: [m[1]] };
		}
	}
	if (!run || !(run.start < offset && offset <= run.end)) {
		return undefined;
	}
	return { start: run.start, end: run.end, keys: run.keys, insertAt: run.end, separator: ' @', firstSeparator: ' @' };
}
