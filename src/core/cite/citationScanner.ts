/**
 * Finding citation keys in notes — for diagnostics, hover and go-to-definition — and telling the completion provider
 * whether the cursor is where a key goes.
 *
 * Pandoc syntax: `@key`, `[@a; @b, p. 3]`, `-@key`, `@{key}`. An `@` right after a letter, digit or `_` (e-mail
 * addresses, `word@x`), after `\` (an escaped `@`) or `/` is not a citation. Keys begin with a letter, digit or `_`
 * and may hold the punctuation `: . # $ % & - + ? < > ~ /` when a letter or digit follows, as Pandoc reads them.
 * YAML front matter, fenced code blocks, inline code and HTML comments are skipped.
 *
 * LaTeX syntax: `\cite{a,b}` and every command whose name holds `cite` (`citep`, `citet`, `autocite`, `parencite`,
 * `textcite`, `nocite`, `Citeauthor`, … but not `citestyle`), with a star, optional arguments `[p.~3]` and, for the
 * multi-cite commands (`\cites`, `\parencites`, …), several key groups. `%` comments are skipped; `*` is not a key.
 */
import { LineIndex } from '../text/lineIndex';
import { blankLatexComments } from './bibliographyLocator';
import { citationSyntaxKind } from './citationSyntax';

/** A key used in a note: offsets of the key itself (UTF-16 code units, end exclusive) and its 1-based line/column. */
export interface CitationOccurrence {
	readonly key: string;
	readonly start: number;
	readonly end: number;
	readonly line: number;
	readonly column: number;
	readonly syntax: 'pandoc' | 'latex';
}

/** Where completion of a key can happen: the text typed so far and the offset the completion replaces from. */
export interface CompletionContext {
	readonly kind: 'pandoc' | 'latex';
	readonly prefix: string;
	readonly replaceStart: number;
}

/** A key character that may start or end a Pandoc key. */
const KEY_CHAR = /[\p{L}\p{N}_]/u;
/** Punctuation a Pandoc key may hold inside. */
const KEY_PUNCT = /[:.#$%&\-+?<>~/]/;
/** A Pandoc key where `lastIndex` is (sticky), read whole however long: every key the key rules make is found. */
const PANDOC_KEY = /[\p{L}\p{N}_](?:[\p{L}\p{N}_]|[:.#$%&\-+?<>~/](?=[\p{L}\p{N}_]))*/uy;
/** Characters that, right before `@`, make it no citation. */
const NOT_BEFORE_AT = /[\p{L}\p{N}_\\/@`]/u;

/** LaTeX commands whose names hold `cite` but that take no keys. */
const LATEX_NOT_CITE = new Set(['citestyle', 'citesetup', 'citereset', 'citeindextrue', 'citeindexfalse', 'citetrackertrue', 'citetrackerfalse', 'citeauthorfalse']);
const LATEX_CITE_COMMAND = /\\([A-Za-z]*cite[A-Za-z]*)(\*?)/g;

// --- skipping code in Markdown

/** Offset ranges [start, end) of a Markdown note where `@` is not a citation: front matter, code, HTML comments. */
export function pandocSkipRanges(text: string): [number, number][] {
	const ranges: [number, number][] = [];
	// Front matter.
	const fm = /^(?:\uFEFF)?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
	if (fm) {
		ranges.push([0, fm[0].length]);
	}
	// Fenced code blocks: only lines that start like a fence matter, so only those are looked at (no array of lines).
	let fence: { char: string; length: number; start: number } | undefined;
	for (const f of text.matchAll(/(?<=^|\n) {0,3}(`{3,}|~{3,})[^\n]*/g)) {
		const line = f[0];
		const offset = f.index;
		const m = /^ {0,3}(`{3,}|~{3,})/.exec(line)!;
		if (fence) {
			if (m[1][0] === fence.char && m[1].length >= fence.length && line.trim() === m[1]) {
				ranges.push([fence.start, offset + line.length]);
				fence = undefined;
			}
		} else if (!(m[1][0] === '`' && line.slice(m[0].length).includes('`'))) {
			fence = { char: m[1][0], length: m[1].length, start: offset };
		}
	}
	if (fence) {
		ranges.push([fence.start, text.length]);
	}
	// HTML comments and inline code spans (outside the ranges above). Each list is sorted and its ranges disjoint, so
	// a look-up is a binary search, not a walk over every range.
	const comments: [number, number][] = [];
	for (const m of text.matchAll(/<!--[\s\S]*?(?:-->|$)/g)) {
		if (!inside(ranges, m.index)) {
			comments.push([m.index, m.index + m[0].length]);
		}
	}
	const spans: [number, number][] = [];
	// Run lengths with no closing run after them: none further on can have one either, so they are not searched again.
	const unclosed = new Set<number>();
	const closers = new Map<number, RegExp>();
	const ticks = /`+/g;
	for (let m = ticks.exec(text); m; m = ticks.exec(text)) {
		if (unclosed.has(m[0].length) || inside(ranges, m.index) || inside(comments, m.index)) {
			continue;
		}
		let close = closers.get(m[0].length);
		if (!close) {
			close = new RegExp(`(?<!\`)${m[0]}(?!\`)`, 'g');
			closers.set(m[0].length, close);
		}
		close.lastIndex = m.index + m[0].length;
		const c = close.exec(text);
		if (c) {
			spans.push([m.index, c.index + c[0].length]);
			ticks.lastIndex = c.index + c[0].length;
		} else {
			unclosed.add(m[0].length);
		}
	}
	return [...ranges, ...comments, ...spans].sort((a, b) => a[0] - b[0]);
}

/** Sorted ranges made disjoint: overlapping ones (a code span around an HTML comment) joined. */
function disjoint(ranges: readonly [number, number][]): [number, number][] {
	const out: [number, number][] = [];
	for (const [s, e] of ranges) {
		const last = out[out.length - 1];
		if (last && s <= last[1]) last[1] = Math.max(last[1], e);
		else out.push([s, e]);
	}
	return out;
}

/** Whether `i` is inside one of `ranges` (sorted by start, disjoint): a binary search. */
function inside(ranges: readonly (readonly [number, number])[], i: number): boolean {
	let lo = 0;
	let hi = ranges.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (ranges[mid][0] <= i) lo = mid + 1;
		else hi = mid;
	}
	return lo > 0 && i < ranges[lo - 1][1];
}

// --- scanning

/** Pandoc citations (`@key`, `@{key}`) in a Markdown-like note, skipping code, front matter and e-mail addresses. */
export function scanPandocCitations(text: string): CitationOccurrence[] {
	const skip = disjoint(pandocSkipRanges(text));
	const lines = new LineIndex(text);
	const found: CitationOccurrence[] = [];
	for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
		if ((at > 0 && NOT_BEFORE_AT.test(text[at - 1])) || inside(skip, at)) {
			continue;
		}
		let key: string | undefined;
		let start = at + 1;
		if (text[at + 1] === '{') {
			// `@{key}`: the key holds no brace or line break, so the search stops at the first one (never rescans).
			let close = at + 2;
			while (close < text.length && !/[{}\n]/.test(text[close])) close++;
			const inner = text.slice(at + 2, close);
			if (text[close] === '}' && inner.trim() !== '') {
				key = inner;
				start = at + 2;
			}
		} else {
			PANDOC_KEY.lastIndex = at + 1;
			key = PANDOC_KEY.exec(text)?.[0];
		}
		if (key) {
			const { line, column } = lines.positionAt(start);
			found.push({ key, start, end: start + key.length, line, column, syntax: 'pandoc' });
		}
	}
	return found;
}

/**
 * The offset just past a bracketed group opening at `i` (`[` or `(`), skipping `{…}` inside; or, when it is not closed
 * before a blank line (LaTeX's citation arguments cannot hold a paragraph break), `-1 - ` the offset it stopped at.
 */
function skipGroup(text: string, i: number): number {
	const open = text[i];
	const close = open === '[' ? ']' : ')';
	let depth = 0;
	let braces = 0;
	for (let j = i; j < text.length; j++) {
		const c = text[j];
		if (c === '\\') {
			j++;
		} else if (c === '\n' && /^\n[ \t\r]*\n/.test(text.slice(j, j + 64))) {
			return -1 - j;
		} else if (c === '{') {
			braces++;
		} else if (c === '}') {
			braces = Math.max(0, braces - 1);
		} else if (braces === 0 && c === open) {
			depth++;
		} else if (braces === 0 && c === close && --depth === 0) {
			return j + 1;
		}
	}
	return -1 - text.length;
}

/** LaTeX citations (`\cite{a,b}` and variants) in a note, outside `%` comments. */
export function scanLatexCitations(text: string): CitationOccurrence[] {
	const clean = blankLatexComments(text);
	const lines = new LineIndex(text);
	const found: CitationOccurrence[] = [];
	// No `}` at or after this offset: a later `\cite{` need not search again (the searches would add up to n²).
	let noCloseFrom = clean.length + 1;
	LATEX_CITE_COMMAND.lastIndex = 0;
	for (let m = LATEX_CITE_COMMAND.exec(clean); m; m = LATEX_CITE_COMMAND.exec(clean)) {
		const name = m[1];
		if (LATEX_NOT_CITE.has(name)) {
			continue;
		}
		const multi = /cites$/.test(name);
		let i = m.index + m[0].length;
		for (;;) {
			while (i < clean.length && /[ \t\r\n]/.test(clean[i])) {
				i++;
			}
			const c = clean[i];
			if (c === '[' || (c === '(' && multi)) {
				const end = skipGroup(clean, i);
				if (end < 0) {
					// Unclosed in its paragraph: LaTeX would swallow what follows, and reading on from the next
					// command would scan the same text again.
					i = -1 - end;
					break;
				}
				i = end;
				continue;
			}
			if (c !== '{') {
				break;
			}
			const close = i + 1 >= noCloseFrom ? -1 : clean.indexOf('}', i + 1);
			if (close < 0) {
				noCloseFrom = Math.min(noCloseFrom, i + 1);
				break;
			}
			let keyStart = i + 1;
			for (const part of clean.slice(i + 1, close).split(',')) {
				const lead = part.length - part.trimStart().length;
				const key = part.trim();
				if (key !== '' && key !== '*' && !/[{\\\s]/.test(key)) {
					const start = keyStart + lead;
					const { line, column } = lines.positionAt(start);
					found.push({ key, start, end: start + key.length, line, column, syntax: 'latex' });
				}
				keyStart += part.length + 1;
			}
			i = close + 1;
			if (!multi) {
				break;
			}
		}
		LATEX_CITE_COMMAND.lastIndex = Math.max(LATEX_CITE_COMMAND.lastIndex, i);
	}
	return found;
}

/**
 * Every citation key used in a note, in order. `languageId` picks the syntax: Pandoc languages (markdown, quarto,
 * rmd) are scanned for `@key`, LaTeX languages for `\cite{…}`; other languages, or none, for both.
 */
export function scanCitations(text: string, languageId?: string): CitationOccurrence[] {
	const kind = languageId === undefined ? 'other' : citationSyntaxKind(languageId);
	if (kind === 'pandoc') {
		return scanPandocCitations(text);
	}
	if (kind === 'latex') {
		return scanLatexCitations(text);
	}
	return [...scanPandocCitations(text), ...scanLatexCitations(text)].sort((a, b) => a.start - b.start);
}

// --- completion

function pandocCompletion(text: string, offset: number): CompletionContext | undefined {
	let start = offset;
	while (start > 0 && (KEY_CHAR.test(text[start - 1]) || KEY_PUNCT.test(text[start - 1]))) {
		start--;
	}
	// The prefix must begin with a key character (punctuation only inside).
	while (start < offset && !KEY_CHAR.test(text[start])) {
		if (text[start - 1] === '@') {
			return undefined;
		}
		start++;
	}
	const at = start - 1;
	if (at < 0 || text[at] !== '@' || (at > 0 && NOT_BEFORE_AT.test(text[at - 1]))) {
		return undefined;
	}
	if (inside(disjoint(pandocSkipRanges(text)), at)) {
		return undefined;
	}
	return { kind: 'pandoc', prefix: text.slice(start, offset), replaceStart: start };
}

function latexCompletion(text: string, offset: number): CompletionContext | undefined {
	const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
	if (blankLatexComments(text.slice(lineStart, offset)) !== text.slice(lineStart, offset)) {
		return undefined;
	}
	let start = offset;
	while (start > 0 && !/[{},\s\\%]/.test(text[start - 1])) {
		start--;
	}
	// Back over earlier keys of the same group to its `{`.
	let i = start - 1;
	while (i >= 0 && text[i] !== '{') {
		if (/[}\\%]/.test(text[i])) {
			return undefined;
		}
		i--;
	}
	if (i < 0) {
		return undefined;
	}
	// Back over optional arguments (and, for multi-cite commands, earlier key groups) to the command.
	let j = i;
	let sawKeyGroup = false;
	for (;;) {
		while (j > 0 && /\s/.test(text[j - 1])) {
			j--;
		}
		const c = text[j - 1];
		const open = c === ']' ? '[' : c === ')' ? '(' : c === '}' ? '{' : undefined;
		if (!open) {
			break;
		}
		sawKeyGroup ||= c === '}';
		let depth = 0;
		let k = j - 1;
		for (; k >= 0; k--) {
			if (text[k] === c) {
				depth++;
			} else if (text[k] === open && --depth === 0) {
				break;
			}
		}
		if (k < 0) {
			return undefined;
		}
		j = k;
	}
	const command = /\\([A-Za-z]*cite[A-Za-z]*)\*?$/.exec(text.slice(Math.max(0, j - 64), j));
	if (!command || LATEX_NOT_CITE.has(command[1]) || (sawKeyGroup && !/cites$/.test(command[1]))) {
		return undefined;
	}
	return { kind: 'latex', prefix: text.slice(start, offset), replaceStart: start };
}

/**
 * Whether `offset` is where a citation key is being typed: after `@` (not in a word, e-mail address or code) for
 * Pandoc languages, Typst and Org; inside `\cite{…}` after `{` or `,` for LaTeX. `languageId` undefined tries both.
 */
export function completionContext(text: string, offset: number, languageId?: string): CompletionContext | undefined {
	const kind = languageId === undefined ? undefined : citationSyntaxKind(languageId);
	if (kind === 'pandoc' || languageId === 'typst' || languageId === 'org' || kind === undefined) {
		const ctx = pandocCompletion(text, offset);
		if (ctx || kind !== undefined) {
			return ctx;
		}
	}
	if (kind === 'latex' || kind === undefined) {
		return latexCompletion(text, offset);
	}
	return undefined;
}
