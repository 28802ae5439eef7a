/**
 * The library file (`papers/library.json` by default): the user's starred papers, named reading lists, read marks and
 * the record of every starred or listed paper, so a star survives its digest being removed. A workspace file meant to
 * be committed and shared, so:
 *
 * - human-readable JSON with a fixed layout: one id or one paper record per line, so a star or a list entry is a
 *   one-line git diff, and `serializeLibrary(parseLibrary(text))` is byte-identical for a file in that layout;
 * - fields it does not know (top-level ones, and fields inside paper records) are kept, in their order, on write;
 * - a text it cannot read is never written over: `parseLibrary` reports `writable: false` with the problems at their
 *   lines, and keeps whatever it could read for display;
 * - concurrent edits merge: `mergeLibraries(base, mine, theirs)` is a three-way merge of the sets it holds.
 *
 * Pure: no `vscode`, no Node modules. Parsing uses `jsonc-parser` in strict mode for node offsets (linear, iterative
 * for our shallow depth: the tree is at most four levels deep before a paper record's own fields).
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Paper, PaperLinks } from '../model';
import { tooDeepAt } from '../cite/cslJson';
import { LineIndex } from '../text/lineIndex';

/** The file format version this code writes. */
export const LIBRARY_VERSION = 1;

/** A named reading list: its ids in the user's order. */
export interface ReadingList {
	readonly name: string;
	readonly ids: readonly string[];
}

/** A field of the file Paper Shelf does not know, kept as written (its raw JSON text) so a write keeps it. */
export interface UnknownField {
	readonly key: string;
	readonly raw: string;
}

/** The library as a value. Arrays keep the file's order; new entries go at the end. */
export interface LibraryData {
	readonly starred: readonly string[];
	readonly lists: readonly ReadingList[];
	readonly read: readonly string[];
	/** Paper records by id (as JSON objects, unknown fields included), for starred and listed papers. */
	readonly papers: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
	/** Top-level fields Paper Shelf does not know, kept with their text. */
	readonly unknown: readonly UnknownField[];
	/** The top-level key order as read (known and unknown keys), so a write keeps it. */
	readonly keyOrder: readonly string[];
}

export const EMPTY_LIBRARY: LibraryData = { starred: [], lists: [], read: [], papers: new Map(), unknown: [], keyOrder: [] };

/** A problem found in the library file, at a 1-based line and column. */
export interface LibraryProblem {
	readonly line: number;
	readonly column: number;
	readonly severity: 'error' | 'warning';
	readonly message: string;
}

/** Where an id is written in the file, for "not on the shelf" diagnostics the editor adds. */
export interface IdOccurrence {
	readonly id: string;
	readonly line: number;
	readonly column: number;
	/** `starred`, `read`, or `list:<name>`. */
	readonly where: string;
}

export interface ParsedLibrary {
	readonly data: LibraryData;
	readonly problems: readonly LibraryProblem[];
	/** False when the text could not be read as a library (invalid JSON, wrong shapes): it must not be written over. */
	readonly writable: boolean;
	readonly occurrences: readonly IdOccurrence[];
}

const KNOWN_KEYS = ['version', 'starred', 'lists', 'read', 'papers'] as const;

/** Reads a library file's text. Never throws; an empty or blank text is an empty library. */
export function parseLibrary(text: string): ParsedLibrary {
	const lines = new LineIndex(text);
	const problems: LibraryProblem[] = [];
	const occurrences: IdOccurrence[] = [];
	const at = (offset: number, severity: LibraryProblem['severity'], message: string) => {
		const { line, column } = lines.positionAt(offset);
		problems.push({ line, column, severity, message });
	};
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	if (body.trim() === '') {
		return { data: EMPTY_LIBRARY, problems, writable: true, occurrences };
	}
	// jsonc-parser recurses once per level: refuse a text nested deeper than any library before it overflows the stack.
	const deep = tooDeepAt(text);
	if (deep !== undefined) {
		at(deep, 'error', 'Nested too deeply to be a library file. Paper Shelf will not write this file until it is fixed.');
		return { data: EMPTY_LIBRARY, problems, writable: false, occurrences };
	}
	const errors: ParseError[] = [];
	const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
	if (errors.length > 0) {
		for (const e of errors.slice(0, 20)) {
			at(e.offset, 'error', `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}. Paper Shelf will not write this file until it is fixed.`);
		}
	}
	if (!root || root.type !== 'object') {
		if (root && errors.length === 0) {
			at(root.offset, 'error', 'A library file is a JSON object ({ "starred": [...], "lists": {...} }). Paper Shelf will not write this file until it is fixed.');
		}
		return { data: EMPTY_LIBRARY, problems, writable: false, occurrences };
	}
	let writable = errors.length === 0;
	const shapeError = (node: Node, message: string) => {
		at(node.offset, 'error', `${message} Paper Shelf will not write this file until it is fixed.`);
		writable = false;
	};

	const keyOrder: string[] = [];
	const unknown: UnknownField[] = [];
	let starred: string[] = [];
	let read: string[] = [];
	const lists: ReadingList[] = [];
	const papers = new Map<string, Record<string, unknown>>();
	const seenKeys = new Set<string>();

	const idArray = (node: Node, where: string): string[] => {
		if (node.type !== 'array') {
			shapeError(node, `"${where}" must be an array of paper ids.`);
			return [];
		}
		const ids: string[] = [];
		const seen = new Set<string>();
		for (const item of node.children ?? []) {
			if (item.type !== 'string' || typeof item.value !== 'string' || item.value.trim() === '') {
				shapeError(item, `Every entry of "${where}" must be a paper id (a non-empty string).`);
				continue;
			}
			const id = item.value;
			if (seen.has(id)) {
				at(item.offset, 'warning', `Duplicate id "${id}" in "${where}": it counts once.`);
			}
			seen.add(id);
			ids.push(id);
			const { line, column } = lines.positionAt(item.offset);
			occurrences.push({ id, line, column, where: where.startsWith('lists.') ? `list:${where.slice(6)}` : where });
		}
		return ids;
	};

	for (const [keyNode, valueNode] of properties(root)) {
		const key = String(keyNode.value);
		if (seenKeys.has(key)) {
			shapeError(keyNode, `The field "${key}" appears twice.`);
			continue;
		}
		seenKeys.add(key);
		keyOrder.push(key);
		switch (key) {
			case 'version':
				if (valueNode.type !== 'number') {
					shapeError(valueNode, '"version" must be a number.');
				} else if (valueNode.value > LIBRARY_VERSION) {
					shapeError(valueNode, `This library file is version ${valueNode.value}; this Paper Shelf reads version ${LIBRARY_VERSION}.`);
				}
				break;
			case 'starred':
				starred = idArray(valueNode, 'starred');
				break;
			case 'read':
				read = idArray(valueNode, 'read');
				break;
			case 'lists':
				if (valueNode.type !== 'object') {
					shapeError(valueNode, '"lists" must be an object mapping list names to arrays of paper ids.');
					break;
				}
				for (const [nameNode, idsNode] of properties(valueNode)) {
					const name = String(nameNode.value);
					if (name.trim() === '') {
						shapeError(nameNode, 'A list needs a name.');
						continue;
					}
					if (lists.some((l) => l.name === name)) {
						shapeError(nameNode, `The list "${name}" appears twice.`);
						continue;
					}
					lists.push({ name, ids: idArray(idsNode, `lists.${name}`) });
				}
				break;
			case 'papers':
				if (valueNode.type !== 'object') {
					shapeError(valueNode, '"papers" must be an object mapping paper ids to paper records.');
					break;
				}
				for (const [idNode, recordNode] of properties(valueNode)) {
					const id = String(idNode.value);
					if (papers.has(id)) {
						shapeError(idNode, `The paper "${id}" has two records.`);
						continue;
					}
					if (recordNode.type !== 'object') {
						shapeError(recordNode, `The record of "${id}" must be an object.`);
						continue;
					}
					papers.set(id, nodeValue(recordNode) as Record<string, unknown>);
				}
				break;
			default:
				unknown.push({ key, raw: text.slice(valueNode.offset, valueNode.offset + valueNode.length) });
		}
	}
	return { data: { starred, lists, read, papers, unknown, keyOrder }, problems, writable, occurrences };
}

/** An object node's properties as [key node, value node], skipping the incomplete ones a JSON error left. */
function* properties(node: Node): Generator<[Node, Node]> {
	for (const prop of node.children ?? []) {
		const [key, value] = prop.children ?? [];
		if (key && value) yield [key, value];
	}
}

/** A JSON node's value, with object keys in their written order (jsonc-parser's `getNodeValue` keeps it too). */
function nodeValue(node: Node): unknown {
	switch (node.type) {
		case 'object': {
			const out: Record<string, unknown> = {};
			for (const [k, v] of properties(node)) {
				out[String(k.value)] = nodeValue(v);
			}
			return out;
		}
		case 'array':
			return (node.children ?? []).map(nodeValue);
		default:
			return node.value;
	}
}

function describeParseError(code: string): string {
	return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

// --- writing

/**
 * The file's text for `data`: two-space indentation, an id per line, a paper record per line, known fields in the
 * order they were read (new ones in Paper Shelf's order), unknown fields as written. Ends with a newline.
 */
export function serializeLibrary(data: LibraryData, eol = '\n'): string {
	const order = [...data.keyOrder];
	for (const k of KNOWN_KEYS) {
		if (!order.includes(k)) {
			// version goes first in a new file; other missing known keys go at the end.
			if (k === 'version') {
				order.unshift(k);
			} else {
				order.push(k);
			}
		}
	}
	for (const u of data.unknown) {
		if (!order.includes(u.key)) {
			order.push(u.key);
		}
	}
	const ids = (list: readonly string[], indent: string) => list.length === 0
		? '[]'
		: `[${eol}${list.map((id) => `${indent}  ${JSON.stringify(id)}`).join(`,${eol}`)}${eol}${indent}]`;
	const fields: string[] = [];
	for (const key of order) {
		let value: string | undefined;
		switch (key) {
			case 'version':
				value = String(LIBRARY_VERSION);
				break;
			case 'starred':
				value = ids(data.starred, '  ');
				break;
			case 'read':
				value = ids(data.read, '  ');
				break;
			case 'lists':
				value = data.lists.length === 0
					? '{}'
					: `{${eol}${data.lists.map((l) => `    ${JSON.stringify(l.name)}: ${ids(l.ids, '    ')}`).join(`,${eol}`)}${eol}  }`;
				break;
			case 'papers':
				value = data.papers.size === 0
					? '{}'
					: `{${eol}${[...data.papers].map(([id, record]) => `    ${JSON.stringify(id)}: ${JSON.stringify(record)}`).join(`,${eol}`)}${eol}  }`;
				break;
			default:
				value = data.unknown.find((u) => u.key === key)?.raw;
		}
		if (value !== undefined) {
			fields.push(`  ${JSON.stringify(key)}: ${value}`);
		}
	}
	return `{${eol}${fields.join(`,${eol}`)}${eol}}${eol}`;
}

// --- paper records

/** The record kept for a paper (everything but where it was read from). */
export function paperRecord(paper: Paper): Record<string, unknown> {
	const record: Record<string, unknown> = { title: paper.title };
	if (paper.arxivId) record.arxivId = paper.arxivId;
	if (paper.authors.length > 0) record.authors = [...paper.authors];
	if (paper.date) record.date = paper.date;
	if (paper.year !== undefined) record.year = paper.year;
	const links = Object.fromEntries(Object.entries(paper.links).filter(([, v]) => typeof v === 'string'));
	if (Object.keys(links).length > 0) record.links = links;
	if (paper.keywords.length > 0) record.keywords = [...paper.keywords];
	if (paper.categories.length > 0) record.categories = [...paper.categories];
	if (paper.abstract) record.abstract = paper.abstract;
	return record;
}

const str = (v: unknown): string | undefined => typeof v === 'string' ? v : undefined;
const strs = (v: unknown): string[] => Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** A paper from a kept record, for a starred or listed paper no digest on the shelf holds. Only http(s) links are kept. */
export function paperFromLibraryRecord(id: string, record: Readonly<Record<string, unknown>>, file: string): Paper {
	const rawLinks = record.links && typeof record.links === 'object' ? record.links as Record<string, unknown> : {};
	const links: Record<string, string> = {};
	for (const key of ['arxivAbs', 'arxivPdf', 'huggingFace', 'code', 'project'] as const) {
		const url = str(rawLinks[key]);
		if (url && /^https?:\/\/[^\s]+$/i.test(url)) {
			links[key] = url;
		}
	}
	const year = typeof record.year === 'number' && Number.isInteger(record.year) ? record.year : undefined;
	return {
		id,
		arxivId: str(record.arxivId),
		title: str(record.title) ?? id,
		abstract: str(record.abstract) ?? '',
		authors: strs(record.authors),
		date: str(record.date),
		year,
		links: links as PaperLinks,
		keywords: strs(record.keywords),
		categories: strs(record.categories),
		source: { file, startLine: 1, endLine: 1 },
	};
}

// --- edits (pure: each returns a new LibraryData)

/** The ids a library keeps a record for: starred or in a list. */
export function keptIds(data: LibraryData): Set<string> {
	return new Set([...data.starred, ...data.lists.flatMap((l) => l.ids)]);
}

function withRecords(data: LibraryData, records: ReadonlyMap<string, Record<string, unknown>>, released: readonly string[] = []): LibraryData {
	// Every kept id gets a record: its existing one (with its unknown fields), else the fresh one given. Only the
	// records of `released` ids (just unstarred or taken off a list) that nothing keeps any more go: a record
	// written by hand for another id stays.
	const kept = keptIds(data);
	const papers = new Map(data.papers);
	for (const id of released) {
		if (!kept.has(id)) {
			papers.delete(id);
		}
	}
	for (const id of kept) {
		const fresh = records.get(id);
		if (!papers.has(id) && fresh) {
			papers.set(id, fresh);
		}
	}
	return { ...data, papers };
}

const added = (list: readonly string[], ids: readonly string[]) => [...list, ...ids.filter((id, i) => !list.includes(id) && ids.indexOf(id) === i)];
const removed = (list: readonly string[], ids: readonly string[]) => list.filter((id) => !ids.includes(id));

/** One change to the library, as the editor makes it. */
export type LibraryEdit =
	| { readonly kind: 'star' | 'unstar'; readonly ids: readonly string[] }
	| { readonly kind: 'addToList' | 'removeFromList'; readonly list: string; readonly ids: readonly string[] }
	| { readonly kind: 'createList' | 'deleteList'; readonly list: string }
	| { readonly kind: 'markRead' | 'markUnread'; readonly ids: readonly string[] };

/** Applies `edit`; `records` gives the records of papers newly kept (starred or listed). */
export function applyLibraryEdit(data: LibraryData, edit: LibraryEdit, records: ReadonlyMap<string, Record<string, unknown>> = new Map()): LibraryData {
	switch (edit.kind) {
		case 'star':
			return withRecords({ ...data, starred: added(data.starred, edit.ids) }, records);
		case 'unstar':
			return withRecords({ ...data, starred: removed(data.starred, edit.ids) }, records, edit.ids);
		case 'markRead':
			return { ...data, read: added(data.read, edit.ids) };
		case 'markUnread':
			return { ...data, read: removed(data.read, edit.ids) };
		case 'createList':
			return data.lists.some((l) => l.name === edit.list) ? data : { ...data, lists: [...data.lists, { name: edit.list, ids: [] }] };
		case 'deleteList':
			return withRecords({ ...data, lists: data.lists.filter((l) => l.name !== edit.list) }, records, data.lists.find((l) => l.name === edit.list)?.ids ?? []);
		case 'addToList': {
			const lists = data.lists.some((l) => l.name === edit.list) ? data.lists : [...data.lists, { name: edit.list, ids: [] }];
			return withRecords({ ...data, lists: lists.map((l) => l.name === edit.list ? { name: l.name, ids: added(l.ids, edit.ids) } : l) }, records);
		}
		case 'removeFromList':
			return withRecords({ ...data, lists: data.lists.map((l) => l.name === edit.list ? { name: l.name, ids: removed(l.ids, edit.ids) } : l) }, records, edit.ids);
	}
}

// --- merging

/**
 * A three-way merge of one ordered set: `theirs` (the file as it is now) plus what `mine` added since `base`, minus
 * what `mine` removed since `base`. Their order is kept; my additions go at the end in my order.
 */
export function mergeIdSets(base: readonly string[], mine: readonly string[], theirs: readonly string[]): string[] {
	const baseSet = new Set(base);
	const mineSet = new Set(mine);
	const removedByMe = new Set(base.filter((id) => !mineSet.has(id)));
	const out = theirs.filter((id) => !removedByMe.has(id));
	const present = new Set(out);
	for (const id of mine) {
		if (!baseSet.has(id) && !present.has(id)) {
			out.push(id);
			present.add(id);
		}
	}
	return out;
}

/**
 * Merges my changes (`base` → `mine`) into `theirs` (what is on disk now, perhaps changed by a `git pull`, another
 * window or a hand edit since `base` was read). Stars, read marks and each list's ids merge as sets; a list I created
 * or deleted is created or deleted; a list they created is kept. Records: theirs, plus mine for papers I added.
 * Unknown fields and key order: theirs (I never change them).
 */
export function mergeLibraries(base: LibraryData, mine: LibraryData, theirs: LibraryData): LibraryData {
	const starred = mergeIdSets(base.starred, mine.starred, theirs.starred);
	const read = mergeIdSets(base.read, mine.read, theirs.read);
	const baseLists = new Map(base.lists.map((l) => [l.name, l.ids]));
	const mineLists = new Map(mine.lists.map((l) => [l.name, l.ids]));
	const lists: ReadingList[] = [];
	for (const l of theirs.lists) {
		const inBase = baseLists.get(l.name);
		const inMine = mineLists.get(l.name);
		if (inBase && !inMine) {
			continue; // I deleted it
		}
		lists.push({ name: l.name, ids: mergeIdSets(inBase ?? [], inMine ?? [], l.ids) });
	}
	for (const l of mine.lists) {
		if (!baseLists.has(l.name) && !lists.some((x) => x.name === l.name)) {
			lists.push(l); // I created it
		}
	}
	// Records: theirs, plus mine for papers I started keeping; the ones I released go if nothing keeps them now.
	const released = [...base.papers.keys()].filter((id) => !mine.papers.has(id));
	return withRecords({ ...theirs, starred, read, lists }, new Map(mine.papers as ReadonlyMap<string, Record<string, unknown>>), released);
}

/** Whether two libraries hold the same data (what a write would change). */
export function sameLibrary(a: LibraryData, b: LibraryData): boolean {
	return serializeLibrary(a) === serializeLibrary(b);
}
