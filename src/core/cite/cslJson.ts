/**
 * CSL-JSON: items for papers, reading the ids of a user's .json bibliography, and planning insertions into it.
 *
 * Reading uses `jsonc-parser` (VS Code's own JSON parser) in strict mode — no comments, no trailing commas, as pandoc
 * requires — for error positions and node offsets. New items are inserted just before the array's closing `]`, so
 * existing items stay byte-identical.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Paper } from '../model';
import { lineEndingOf, type BibliographyParseError } from './bibtex';
import { DEFAULT_SOURCE_NAME, isoDay, isoMonth, missingEntries, paperUrl, undatedNote, type BibliographyOptions, type CitedPaper } from './citedPaper';
import { parsePersonName } from './personName';

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
 * The CSL-JSON item for a paper: type `article` (CSL's type for preprints), title, authors, `issued` (year, and month
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
		title: paper.title.replace(/\s+/g, ' ').trim(),
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

function position(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
		line++;
		lineStart = i + 1;
	}
	return { line, column: offset - lineStart + 1 };
}

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
	const { line, column } = position(text, offset);
	return { ok: false, line, column, message: `line ${line}, column ${column}: ${message}` };
}

/** Parses a CSL-JSON file into its top-level array node, or an error naming the line. */
function parseCslArray(text: string): { ok: true; array: Node | undefined } | BibliographyParseError {
	if (text.trim() === '') {
		return { ok: true, array: undefined };
	}
	const errors: ParseError[] = [];
	const root = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
	if (errors.length > 0) {
		const code = printParseErrorCode(errors[0].error);
		return parseError(text, errors[0].offset, `JSON syntax error: ${ERROR_WORDS[code] ?? code}`);
	}
	if (!root || root.type !== 'array') {
		return parseError(text, root?.offset ?? 0, 'a CSL-JSON bibliography must be an array of items');
	}
	for (const item of root.children ?? []) {
		if (item.type !== 'object') {
			return parseError(text, item.offset, 'every item of a CSL-JSON bibliography must be an object');
		}
	}
	return { ok: true, array: root };
}

function itemId(item: Node): string | undefined {
	const prop = item.children?.find((p) => p.children?.[0]?.value === 'id');
	const value = prop?.children?.[1]?.value as unknown;
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The items a CSL-JSON file defines (those with an `id`), in file order with their lines; or why it cannot be read. */
export function parseCslJsonKeys(text: string): { ok: true; entries: CslKeyDefinition[] } | BibliographyParseError {
	const parsed = parseCslArray(text);
	if (!parsed.ok) {
		return parsed;
	}
	const entries: CslKeyDefinition[] = [];
	for (const item of parsed.array?.children ?? []) {
		const key = itemId(item);
		if (key !== undefined) {
			entries.push({ key, line: position(text, item.offset).line });
		}
	}
	return { ok: true, entries };
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
		const id = itemId(item);
		if (id !== undefined) {
			present.add(id);
		}
	}
	const { missing, added, alreadyPresent } = missingEntries(cited, present);
	const items = missing.map(({ paper, key }) => cslItem(paper, key, options));
	if (items.length === 0) {
		return { ok: true, insertion: undefined, added, alreadyPresent };
	}
	const eol = lineEndingOf(existingText);
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
