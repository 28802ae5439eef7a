/**
 * CSL-JSON: items for papers, reading the ids of a user's .json bibliography, and planning insertions into it.
 *
 * Reading uses `jsonc-parser` (VS Code's own JSON parser) in strict mode — no comments, no trailing commas, as pandoc
 * requires — for error positions and node offsets, after a linear check that the nesting is shallow enough for its
 * recursion; only the spans of the items are kept. New items are inserted just before the array's closing `]`, so
 * existing items stay byte-identical.
 */
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser';
import type { Paper } from '../model';
import type { BibliographyParseError } from './bibtex';
import { DEFAULT_SOURCE_NAME, isoDay, isoMonth, missingEntries, paperUrl, undatedNote, type BibliographyOptions, type CitedPaper } from './citedPaper';
import { LineIndex } from '../text/lineIndex';
import { parsePersonName } from './personName';
import { TextMemo } from './textMemo';
import { cslTitle } from './titleMath';

/** A CSL name. */
export interface CslName {
	readonly family?: string;
	readonly given?: string;
	readonly 'non-dropping-particle'?: string;
	readonly suffix?: string;
	/** A name that is not split (a one-word name). */
	readonly literal?: string;
}

/** The CSL-JSON item Paper Shelf writes (a subset of the CSL 1.0.2 schema). */
export interface CslItem {
	readonly id: string;
	readonly type: 'article';
	readonly title: string;
	readonly author?: readonly CslName[];
	readonly issued?: { readonly 'date-parts': readonly (readonly number[])[] };
	readonly URL?: string;
	readonly number?: string;
	readonly archive?: string;
	readonly publisher?: string;
	readonly note?: string;
}

/** A CSL name for an author as a digest writes it (`Jan van der Berg` → family `Berg`, particle `van der`). */
export function cslName(name: string): CslName {
	const n = parsePersonName(name);
	if (n.given === '' && n.particle === '' && n.suffix === '') {
		return { literal: n.family };
	}
	return {
		family: n.family,
		...(n.given ? { given: n.given } : {}),
		...(n.particle ? { 'non-dropping-particle': n.particle } : {}),
		...(n.suffix ? { suffix: n.suffix } : {}),
	};
}

/**
 * The CSL-JSON item for a paper: type `article` (CSL's type for preprints), title (math as text, capitals protected:
 * `cslTitle`), authors, `issued` (year, and month
 * and day when the date is ISO), `URL`, and for arXiv papers `number` = the arXiv id with `archive` = `arXiv` (and
 * `publisher` = `arXiv`). Papers without an arXiv id get the source name as `publisher`; without a year, a `note`
 * saying where and when they were listed.
 */
export function cslItem(paper: Paper, key: string, options: BibliographyOptions = {}): CslItem {
	const month = isoMonth(paper);
	const day = isoDay(paper);
	const url = paperUrl(paper);
	const dateParts = paper.year === undefined ? undefined : [paper.year, ...(month !== undefined ? [month, ...(day !== undefined ? [day] : [])] : [])];
	return {
		id: key,
		type: 'article',
		title: cslTitle(paper.title),
		...(paper.authors.length > 0 ? { author: paper.authors.map(cslName) } : {}),
		...(dateParts ? { issued: { 'date-parts': [dateParts] } } : {}),
		...(url ? { URL: url } : {}),
		...(paper.arxivId ? { number: paper.arxivId, archive: 'arXiv', publisher: 'arXiv' } : { publisher: options.sourceName ?? DEFAULT_SOURCE_NAME }),
		...(paper.year === undefined ? { note: undatedNote(paper, options) } : {}),
	};
}

// --- reading

/** An item found in a CSL-JSON file: its id and the 1-based line its `{` is on. */
export interface CslKeyDefinition {
	readonly key: string;
	readonly line: number;
}

/**
 * How deep a CSL-JSON file may nest arrays and objects. Real items nest five levels (`issued.date-parts[0][0]`);
 * jsonc-parser recurses once per level, so a file nested 100,000 deep would overflow the stack.
 */
export const MAX_CSL_JSON_NESTING = 256;

const ERROR_WORDS: Readonly<Record<string, string>> = {
	InvalidSymbol: 'invalid symbol',
	InvalidNumberFormat: 'invalid number',
	PropertyNameExpected: 'expected a property name',
	ValueExpected: 'expected a value',
	ColonExpected: "expected ':'",
	CommaExpected: "expected ','",
	CloseBraceExpected: "expected '}'",
	CloseBracketExpected: "expected ']'",
	EndOfFileExpected: 'expected the end of the file',
	InvalidCommentToken: 'comments are not allowed in JSON',
	UnexpectedEndOfComment: 'unterminated comment',
	UnexpectedEndOfString: 'unterminated string',
	UnexpectedEndOfNumber: 'unterminated number',
	InvalidUnicode: 'invalid unicode escape',
	InvalidEscapeCharacter: 'invalid escape character',
	InvalidCharacter: 'invalid character',
};

function parseError(text: string, offset: number, message: string): BibliographyParseError {
	const { line, column } = new LineIndex(text).positionAt(offset);
	return { ok: false, line, column, message: `line ${line}, column ${column}: ${message}` };
}

/**
 * The offset of the first `[` or `{` nested deeper than `MAX_CSL_JSON_NESTING`, outside strings; one pass, so the
 * recursive parser is only called on text it can finish.
 */
export function tooDeepAt(text: string): number | undefined {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x22) {
			// Skip the string (a `"` after an odd run of backslashes is inside it); an unterminated one is the
			// parser's to report.
			for (;;) {
				const end = text.indexOf('"', i + 1);
				if (end < 0) return undefined;
				let slashes = 0;
				while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
				i = end;
				if (slashes % 2 === 0) break;
			}
		} else if (c === 0x5b || c === 0x7b) {
			if (++depth > MAX_CSL_JSON_NESTING) return i;
		} else if (c === 0x5d || c === 0x7d) {
			depth--;
		}
	}
	return undefined;
}

/** A top-level item of a CSL-JSON array: where it is and its `id` (a string, or a number as a string). */
interface CslItemSpan {
	readonly offset: number;
	readonly length: number;
	readonly id: string | undefined;
	/** Whether the item's (first) `type` is a string. */
	readonly typed: boolean;
	readonly line: number;
}

/** What planning and key reading need of a CSL-JSON file: its array's span and items; no JSON tree is kept. */
interface CslArray {
	readonly offset: number;
	readonly length: number;
	readonly children: readonly CslItemSpan[];
}

/**
 * Parses a CSL-JSON file into the spans of its top-level array and items, or an error naming the line. jsonc-parser's
 * `visit` walks the text once without building a tree; only the items' spans and ids are kept.
 */
function readCslArray(text: string): { ok: true; array: CslArray | undefined; entries: readonly CslKeyDefinition[] } | BibliographyParseError {
	if (!/\S/.test(text)) {
		return { ok: true, array: undefined, entries: [] };
	}
	const deep = tooDeepAt(text);
	if (deep !== undefined) {
		return parseError(text, deep, `JSON nested deeper than ${MAX_CSL_JSON_NESTING} levels: this is not a CSL-JSON bibliography`);
	}
	let error: { code: ParseErrorCode; offset: number } | undefined;
	let root: { offset: number; length: number; type: 'array' | 'other' } | undefined;
	let notObject: number | undefined;
	const children: { offset: number; length: number; id: string | undefined; typed: boolean }[] = [];
	let depth = 0;
	let item: { offset: number; id: string | undefined; idSeen: boolean; typed: boolean; typeSeen: boolean } | undefined;
	let readingId = false;
	let readingType = false;
	/** A value starting at `offset`: the root, an item, or (at depth 2) an item's property value. */
	const value = (offset: number, length: number, kind: 'array' | 'object' | 'literal') => {
		if (depth === 0) {
			root ??= { offset, length, type: kind === 'array' ? 'array' : 'other' };
		} else if (depth === 1 && kind !== 'object') {
			notObject ??= offset;
		}
	};
	try {
		visit(
			text,
			{
				onArrayBegin: (offset, length) => {
					value(offset, length, 'array');
					readingId = readingType = false;
					depth++;
				},
				onArrayEnd: (offset, length) => {
					depth--;
					if (depth === 0 && root) root.length = offset + length - root.offset;
				},
				onObjectBegin: (offset, length) => {
					value(offset, length, 'object');
					if (depth === 1) item = { offset, id: undefined, idSeen: false, typed: false, typeSeen: false };
					readingId = readingType = false;
					depth++;
				},
				onObjectEnd: (offset, length) => {
					depth--;
					if (depth === 1 && item) {
						children.push({ offset: item.offset, length: offset + length - item.offset, id: item.id, typed: item.typed });
						item = undefined;
					}
				},
				onObjectProperty: (property) => {
					readingId = depth === 2 && property === 'id' && item !== undefined && !item.idSeen;
					readingType = depth === 2 && property === 'type' && item !== undefined && !item.typeSeen;
					if (readingId) item!.idSeen = true;
					if (readingType) item!.typeSeen = true;
				},
				onLiteralValue: (literal: unknown, offset, length) => {
					value(offset, length, 'literal');
					if (readingId && (typeof literal === 'string' || typeof literal === 'number')) item!.id = String(literal);
					if (readingType && typeof literal === 'string') item!.typed = true;
					readingId = readingType = false;
				},
				onError: (code, offset) => {
					error ??= { code, offset };
				},
			},
			{ disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
		);
	} catch (e) {
		// The nesting check above keeps the parser's recursion shallow; this is only the last line of defence.
		if (e instanceof RangeError) {
			return parseError(text, 0, `this JSON cannot be read: ${e.message}`);
		}
		throw e;
	}
	if (error) {
		const code = printParseErrorCode(error.code);
		return parseError(text, error.offset, `JSON syntax error: ${ERROR_WORDS[code] ?? code}`);
	}
	if (!root || root.type !== 'array') {
		return parseError(text, root?.offset ?? 0, 'a CSL-JSON bibliography must be an array of items');
	}
	if (notObject !== undefined) {
		return parseError(text, notObject, 'every item of a CSL-JSON bibliography must be an object');
	}
	const lines = new LineIndex(text);
	const spans: CslItemSpan[] = [];
	const entries: CslKeyDefinition[] = [];
	for (const child of children) {
		const span = { ...child, line: lines.lineAt(child.offset) };
		spans.push(span);
		if (span.id !== undefined) {
			entries.push(Object.freeze({ key: span.id, line: span.line }));
		}
	}
	return { ok: true, array: { offset: root.offset, length: root.length, children: spans }, entries: Object.freeze(entries) };
}

const memo = new TextMemo(readCslArray);

/** The spans of a CSL-JSON file's array and items (shared by every caller asking about an equal text). */
function parseCslArray(text: string): ReturnType<typeof readCslArray> {
	return memo.get(text);
}

/**
 * The first item of a CSL-JSON file without an `id` (string or number) or a `type` (string), with its 1-based index;
 * undefined when every item has both, or the file is empty. Reads the file as `parseCslJsonKeys` does (one reading per
 * text); an unreadable file gives its error.
 */
export function cslItemMissingIdOrType(text: string): { index: number; offset: number; missing: 'id' | 'type' } | BibliographyParseError | undefined {
	const parsed = parseCslArray(text);
	if (!parsed.ok) {
		return parsed;
	}
	const children = parsed.array?.children ?? [];
	for (let i = 0; i < children.length; i++) {
		const item = children[i];
		if (item.id === undefined || !item.typed) {
			return { index: i + 1, offset: item.offset, missing: item.id === undefined ? 'id' : 'type' };
		}
	}
	return undefined;
}

/**
 * The exact spans of a CSL-JSON file's items, in file order (`offset` of the item's `{`, `length` to its `}`), with
 * their ids (undefined for an item without one); or why the file cannot be read. An empty file has no items.
 */
export function cslItemSpans(text: string): { ok: true; items: readonly { readonly id: string | undefined; readonly offset: number; readonly length: number; readonly line: number }[] } | BibliographyParseError {
	const parsed = parseCslArray(text);
	return parsed.ok ? { ok: true, items: parsed.array?.children ?? [] } : parsed;
}

/**
 * The items a CSL-JSON file defines (those with an `id`), in file order with their lines; or why it cannot be read.
 * The result is shared by every caller asking about an equal text: do not change it.
 */
export function parseCslJsonKeys(text: string): { ok: true; entries: readonly CslKeyDefinition[] } | BibliographyParseError {
	const parsed = parseCslArray(text);
	return parsed.ok ? { ok: true, entries: parsed.entries } : parsed;
}

// --- inserting

/** An insertion into a file: `text` goes at `offset` (UTF-16 code units), nothing is deleted. */
export interface TextInsertion {
	readonly offset: number;
	readonly text: string;
}

/** What to insert into a CSL-JSON bibliography, and which keys that adds or found already there. */
export interface CslInsertPlan {
	readonly ok: true;
	/** Undefined when nothing is missing. */
	readonly insertion: TextInsertion | undefined;
	readonly added: string[];
	readonly alreadyPresent: string[];
}

/** The indentation of a file's first indented line (tabs or spaces), or two spaces. */
function indentOf(text: string): string {
	return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

function serializeItem(item: CslItem, indent: string, eol: string): string {
	return indent + JSON.stringify(item, null, indent).split('\n').join(eol + indent);
}

/**
 * Plans adding items for `cited` to an existing CSL-JSON text: ids already there are left out; the rest are inserted
 * just before the closing `]` (existing items stay byte-identical), indented like the file. An empty file gets a new
 * array. An unparseable file, or one that is not an array of objects, gives an error naming its line.
 */
export function planCslJsonAppend(existingText: string, cited: readonly CitedPaper[], options: BibliographyOptions = {}): CslInsertPlan | BibliographyParseError {
	const parsed = parseCslArray(existingText);
	if (!parsed.ok) {
		return parsed;
	}
	const present = new Set<string>();
	for (const item of parsed.array?.children ?? []) {
		if (item.id !== undefined) {
			present.add(item.id);
		}
	}
	const { missing, added, alreadyPresent } = missingEntries(cited, present);
	const items = missing.map(({ paper, key }) => cslItem(paper, key, options));
	if (items.length === 0) {
		return { ok: true, insertion: undefined, added, alreadyPresent };
	}
	// `\n` only: planBibliographyEdit gives the planners `\n` text and puts the file's own line ending back.
	const eol = '\n';
	const indent = indentOf(existingText);
	const body = items.map((i) => serializeItem(i, indent, eol)).join(',' + eol);
	const array = parsed.array;
	if (!array) {
		const lead = existingText.length > 0 && !existingText.endsWith('\n') ? eol : '';
		return { ok: true, insertion: { offset: existingText.length, text: `${lead}[${eol}${body}${eol}]${eol}` }, added, alreadyPresent };
	}
	const close = array.offset + array.length - 1;
	const children = array.children ?? [];
	if (children.length === 0) {
		return { ok: true, insertion: { offset: close, text: `${eol}${body}${eol}` }, added, alreadyPresent };
	}
	// Insert right after the last item: `,` + the new items; what follows it (white space, `]`) stays as it is.
	const last = children[children.length - 1];
	const after = last.offset + last.length;
	return { ok: true, insertion: { offset: after, text: `,${eol}${body}` }, added, alreadyPresent };
}
