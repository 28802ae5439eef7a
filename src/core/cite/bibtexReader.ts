/**
 * Reading the keys of a .bib file: one pass, no recursion, time linear in the size of the file.
 *
 * The grammar is bibtex-parse's (the PEG grammar Paper Shelf used before), read the way BibTeX reads a file:
 *
 *     file       := (comment | '@' item)*                text outside items is a comment
 *     item       := 'comment' ('{' balanced '}' | rest of line)
 *                 | 'string' open assignment close
 *                 | 'preamble' ('{' balanced '}' | '(' expression ')')
 *                 | type open [key ','] [assignment (',' assignment)*] [','] close
 *     open/close := '{' … '}' | '(' … ')'
 *     assignment := name ['=' expression]                 a name may hold spaces and '#' between its words
 *     expression := literal ('#' literal)*
 *     literal    := '{' balanced '}' | '"' text, braces balanced '"' | number | macro name
 *
 * An `@` not followed by a name and `{` or `(` is comment text. As in bibtex-parse, a brace or quote after an odd
 * number of backslashes (`\{`, `\"`) is text, not structure: real exports hold them (`Thi\{'ebaux`). Once `@type{`
 * is read the item must parse; if it does not, the file is refused at the item's line (the file is then never
 * written to), so no text is read twice and no input can make the reader backtrack.
 *
 * bibtex-parse recursed once per brace of a value and once per word of a field name, so 10,000 braces overflowed
 * the stack; it gave no offsets, and finding each entry's line by rescanning the text made large files quadratic.
 */
import { LineIndex } from '../text/lineIndex';
import { TextMemo } from './textMemo';

/**
 * An entry found in a .bib file: its key, type (lower case), the 1-based line its `@` is on, and its exact span in the
 * text read: `start` is the offset of its `@`, `end` the offset after its closing `}` or `)`.
 */
export interface BibtexKeyDefinition {
	readonly key: string;
	readonly type: string;
	readonly line: number;
	readonly start: number;
	readonly end: number;
}

/** Why a file could not be read: a 1-based line and column and a message that names them. */
export interface BibliographyParseError {
	readonly ok: false;
	readonly line: number;
	readonly column: number;
	readonly message: string;
}

/** The keys of a .bib file, or why it cannot be read. */
export type BibtexKeys = { readonly ok: true; readonly entries: readonly BibtexKeyDefinition[] } | BibliographyParseError;

// --- characters

const AT = 0x40;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const QUOTE = 0x22;
const COMMA = 0x2c;
const EQUALS = 0x3d;
const HASH = 0x23;
const SPACE = 0x20;
const BACKSLASH = 0x5c;

function isWhite(c: number): boolean {
	return c === SPACE || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** A character a name (entry type, key, field name, macro) may hold: anything but `= # , { } ( ) [ ]` and white space. */
function isNameChar(c: number): boolean {
	return !(isWhite(c) || c === EQUALS || c === HASH || c === COMMA || c === OPEN_BRACE || c === CLOSE_BRACE || c === OPEN_PAREN || c === CLOSE_PAREN || c === 0x5b || c === 0x5d || Number.isNaN(c));
}

/** Where a reading went wrong: an offset and what was expected there. */
class BibtexSyntax {
	constructor(readonly offset: number, readonly reason: string) {}
}

// --- the reader

/** Matching braces, found in one pass: for the `{` at `opens[i]`, its `}` is at `closes[i]` (-1: never closed). */
class BraceIndex {
	private readonly _opens: number[] = [];
	private readonly _closes: number[] = [];

	constructor(text: string) {
		const stack: number[] = [];
		let backslashes = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			const escaped = backslashes % 2 === 1;
			backslashes = c === BACKSLASH ? backslashes + 1 : 0;
			if (escaped) {
				continue;
			}
			if (c === OPEN_BRACE) {
				stack.push(this._opens.length);
				this._opens.push(i);
				this._closes.push(-1);
			} else if (c === CLOSE_BRACE && stack.length > 0) {
				this._closes[stack.pop()!] = i;
			}
		}
	}

	/**
	 * The offset of the `}` closing the `{` at `open`, or -1 (also for an escaped `{`). Counting from any `{`, the
	 * brace that brings the count back to zero is the one that pops it off the stack above, so one pass serves every
	 * starting point.
	 */
	closeOf(open: number): number {
		let lo = 0;
		let hi = this._opens.length - 1;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this._opens[mid] < open) lo = mid + 1;
			else hi = mid;
		}
		return this._opens[lo] === open ? this._closes[lo] : -1;
	}
}

class BibtexReader {
	private _braces: BraceIndex | undefined;

	constructor(private readonly _text: string) {}

	private _at(i: number): number {
		return this._text.charCodeAt(i);
	}

	private _skipWhite(i: number): number {
		while (isWhite(this._at(i))) i++;
		return i;
	}

	/** The offset after the name starting at `i` (`i` itself when no name starts there). */
	nameEnd(i: number): number {
		while (isNameChar(this._at(i))) i++;
		return i;
	}

	private _describe(i: number): string {
		return i >= this._text.length ? 'the end of the file' : `'${this._text[i]}'`;
	}

	private _expect(i: number, code: number, what: string): number {
		if (this._at(i) !== code) {
			throw new BibtexSyntax(i, `expected ${what}, found ${this._describe(i)}`);
		}
		return i + 1;
	}

	/** The offset after the `}` closing the `{` at `open`. */
	private _afterBraces(open: number): number {
		this._braces ??= new BraceIndex(this._text);
		const close = this._braces.closeOf(open);
		if (close < 0) {
			throw new BibtexSyntax(open, "a '}' is missing");
		}
		return close + 1;
	}

	/**
	 * The offset after the `"` closing the quoted text at `quote`: a `{` inside must be closed, and `"` inside braces
	 * is text; a backslash makes the next character text. A lone `}` is text, as bibtex-parse read it.
	 */
	private _afterQuoted(quote: number): number {
		for (let i = quote + 1; i < this._text.length; i++) {
			const c = this._at(i);
			if (c === BACKSLASH) {
				i++;
			} else if (c === QUOTE) {
				return i + 1;
			} else if (c === OPEN_BRACE) {
				i = this._afterBraces(i) - 1;
			}
		}
		throw new BibtexSyntax(quote, 'a closing \'"\' is missing');
	}

	private _literal(i: number): number {
		const c = this._at(i);
		if (c === QUOTE) return this._afterQuoted(i);
		if (c === OPEN_BRACE) return this._afterBraces(i);
		const end = this.nameEnd(i);
		if (end === i) {
			throw new BibtexSyntax(i, `expected a value ({…}, "…", a number or a @string name), found ${this._describe(i)}`);
		}
		return end;
	}

	private _expression(i: number): number {
		let end = this._literal(i);
		for (;;) {
			const hash = this._skipWhite(end);
			if (this._at(hash) !== HASH) return end;
			end = this._literal(this._skipWhite(hash + 1));
		}
	}

	/** A field name (words joined by spaces or `#`), then `= expression` if an `=` follows. */
	private _assignment(i: number): number {
		let end = this.nameEnd(i);
		for (;;) {
			let gap = end;
			while (this._at(gap) === SPACE || this._at(gap) === HASH) gap++;
			const next = this.nameEnd(gap);
			if (gap === end || next === gap) break;
			end = next;
		}
		const equals = this._skipWhite(end);
		return this._at(equals) === EQUALS ? this._expression(this._skipWhite(equals + 1)) : end;
	}

	/** The body of an entry after its `{` or `(`: an optional key and comma, the fields, an optional comma. */
	private _entryBody(i: number): { key: string | undefined; end: number } {
		let p = this._skipWhite(i);
		let key: string | undefined;
		const keyEnd = this.nameEnd(p);
		if (keyEnd > p) {
			const comma = this._skipWhite(keyEnd);
			if (this._at(comma) === COMMA) {
				key = this._text.slice(p, keyEnd).trim();
				p = this._skipWhite(comma + 1);
			}
		}
		if (this.nameEnd(p) > p) {
			p = this._assignment(p);
			for (;;) {
				const comma = this._skipWhite(p);
				if (this._at(comma) !== COMMA) break;
				const next = this._skipWhite(comma + 1);
				if (this.nameEnd(next) === next) break;
				p = this._assignment(next);
			}
		}
		p = this._skipWhite(p);
		if (this._at(p) === COMMA) p = this._skipWhite(p + 1);
		return { key, end: p };
	}

	/**
	 * Reads the item whose `@` is at `at` (its type ends at `typeEnd`); adds an entry to `entries`. Returns the offset
	 * after it, or undefined when it is no item (comment text).
	 */
	item(at: number, typeEnd: number, entries: { key: string | undefined; type: string; at: number; end: number }[]): number | undefined {
		const type = this._text.slice(at + 1, typeEnd).toLowerCase();
		const open = this._skipWhite(typeEnd);
		const openChar = this._at(open);
		if (type === 'comment') {
			if (openChar === OPEN_BRACE) {
				this._braces ??= new BraceIndex(this._text);
				const close = this._braces.closeOf(open);
				if (close >= 0) return close + 1;
			}
			const eol = this._text.indexOf('\n', typeEnd);
			return eol < 0 ? this._text.length : eol + 1;
		}
		if (openChar !== OPEN_BRACE && openChar !== OPEN_PAREN) {
			return undefined;
		}
		const close = openChar === OPEN_BRACE ? CLOSE_BRACE : CLOSE_PAREN;
		const closeName = openChar === OPEN_BRACE ? "'}'" : "')'";
		if (type === 'preamble') {
			if (openChar === OPEN_BRACE) return this._afterBraces(open);
			return this._expect(this._skipWhite(this._expression(this._skipWhite(open + 1))), close, closeName);
		}
		if (type === 'string') {
			const name = this._skipWhite(open + 1);
			if (this.nameEnd(name) === name) {
				throw new BibtexSyntax(name, `expected the name of the @string, found ${this._describe(name)}`);
			}
			return this._expect(this._skipWhite(this._assignment(name)), close, closeName);
		}
		const body = this._entryBody(open + 1);
		const end = this._expect(body.end, close, `',' or ${closeName}`);
		entries.push({ key: body.key, type, at, end });
		return end;
	}
}

/**
 * Why the item at `offset` does not parse, when its braces are to blame (counted as the reader counts them: not after
 * an odd run of backslashes): an entry whose braces do not balance runs into the next entry or the end of the file.
 */
function braceProblem(text: string, offset: number, lines: LineIndex): string | undefined {
	let depth = 0;
	let backslashes = 0;
	for (let i = offset; i < text.length; i++) {
		const c = text.charCodeAt(i);
		const escaped = backslashes % 2 === 1;
		backslashes = c === BACKSLASH ? backslashes + 1 : 0;
		if (escaped) {
			continue;
		}
		if (c === OPEN_BRACE) {
			depth++;
		} else if (c === CLOSE_BRACE) {
			depth--;
			if (depth === 0) {
				return undefined;
			}
			if (depth < 0) {
				return `an unmatched '}' on line ${lines.lineAt(i)}`;
			}
		} else if (c === AT && depth >= 2 && (i === 0 || text[i - 1] === '\n') && /^@[A-Za-z]+\s*[{(]/.test(text.slice(i, i + 40))) {
			return `this entry's braces do not balance: a '}' is missing before the next entry on line ${lines.lineAt(i)}`;
		}
	}
	return depth > 0 ? `this entry's braces do not balance: a '}' is missing before the end of the file` : undefined;
}

function readBibtexKeys(text: string): BibtexKeys {
	const reader = new BibtexReader(text);
	const found: { key: string | undefined; type: string; at: number; end: number }[] = [];
	let lines: LineIndex | undefined;
	let pos = 0;
	for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', pos)) {
		const typeEnd = reader.nameEnd(at + 1);
		pos = at + 1;
		if (typeEnd === at + 1) {
			continue;
		}
		try {
			pos = reader.item(at, typeEnd, found) ?? typeEnd;
		} catch (e) {
			if (!(e instanceof BibtexSyntax)) {
				throw e;
			}
			lines ??= new LineIndex(text);
			const { line, column } = lines.positionAt(at);
			const where = e.offset >= text.length ? 'at the end of the file' : `on line ${lines.lineAt(e.offset)}`;
			const hint = text.charCodeAt(typeEnd) === OPEN_BRACE ? braceProblem(text, at, lines) : undefined;
			return { ok: false, line, column, message: `line ${line}, column ${column}: BibTeX syntax error: ${hint ?? `${e.reason} ${where}`}` };
		}
	}
	lines ??= new LineIndex(text);
	const entries: BibtexKeyDefinition[] = [];
	for (const { key, type, at, end } of found) {
		const line = lines.lineAt(at);
		if (key === undefined || key === '') {
			return { ok: false, line, column: 1, message: `line ${line}: the @${type} entry has no citation key` };
		}
		entries.push(Object.freeze({ key, type, line, start: at, end }));
	}
	return { ok: true, entries: Object.freeze(entries) };
}

const memo = new TextMemo(readBibtexKeys);

/**
 * The entries a .bib file defines (not `@string`, `@preamble`, `@comment`), in file order, with their lines; or
 * where and why it cannot be parsed. The result is shared by every caller asking about an equal text: do not change it.
 */
export function parseBibtexKeys(text: string): BibtexKeys {
	return memo.get(text);
}
