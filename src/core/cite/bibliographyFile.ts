/**
 * A bibliography file whatever its format, chosen by extension: `.bib` is BibTeX, `.json` is CSL-JSON. These are the
 * two calls the VS Code layer and the CLI need: the keys a file defines, and the edit that adds missing entries.
 */
import { parseTree } from 'jsonc-parser';
import { LineIndex } from '../text/lineIndex';
import { parseBibtexKeys, planBibliographyAppend, type BibliographyParseError } from './bibtex';
import { cslItemMissingIdOrType, parseCslJsonKeys, planCslJsonAppend, type TextInsertion } from './cslJson';
import type { BibliographyOptions, CitedPaper } from './citedPaper';

/** The bibliography formats Paper Shelf reads and writes. */
export type BibliographyFormat = 'bibtex' | 'csl-json';

/** The format of a bibliography file by its extension (case-insensitive), or undefined for others. */
export function bibliographyFormatOf(fileName: string): BibliographyFormat | undefined {
	const lower = fileName.toLowerCase();
	if (lower.endsWith('.bib') || lower.endsWith('.bibtex')) {
		return 'bibtex';
	}
	if (lower.endsWith('.json')) {
		return 'csl-json';
	}
	return undefined;
}

/** A key a bibliography file defines, with the 1-based line of its entry. */
export interface BibliographyKey {
	readonly key: string;
	readonly line: number;
}

/** An error for a file whose extension is neither `.bib` nor `.json`. */
function unsupported(fileName: string): BibliographyParseError {
	return { ok: false, line: 1, column: 1, message: `${fileName}: unsupported bibliography format (use .bib for BibTeX or .json for CSL-JSON)` };
}

/** The keys of a parse result, made once per result (the readers remember their results for equal texts). */
const keysOfEntries = new WeakMap<readonly BibliographyKey[], readonly BibliographyKey[]>();

/**
 * The keys a .bib or CSL-JSON file defines, in file order; or why it cannot be read (with the line). Never throws:
 * reading is linear and parsing an equal text again costs only the comparison of the texts.
 */
export function readBibliographyKeys(fileName: string, text: string): { ok: true; keys: readonly BibliographyKey[] } | BibliographyParseError {
	const format = bibliographyFormatOf(fileName);
	if (!format) {
		return unsupported(fileName);
	}
	// Read as `planBibliographyEdit` plans, with `\n` line endings: one reading serves both, and a CR-only file's
	// lines are counted as the editor counts them.
	const lf = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
	let parsed;
	try {
		parsed = format === 'bibtex' ? parseBibtexKeys(lf) : parseCslJsonKeys(lf);
	} catch (e) {
		// The readers report every problem of a file as a result; this is only the last line of defence.
		return { ok: false, line: 1, column: 1, message: `line 1: ${fileName} cannot be read: ${e instanceof Error ? e.message : String(e)}` };
	}
	if (!parsed.ok) {
		return parsed;
	}
	let keys = keysOfEntries.get(parsed.entries);
	if (!keys) {
		keys = Object.freeze(parsed.entries.map(({ key, line }) => Object.freeze({ key, line })));
		keysOfEntries.set(parsed.entries, keys);
	}
	return { ok: true, keys };
}

/** What adding entries to a bibliography file comes to. */
export interface BibliographyEditPlan {
	readonly ok: true;
	readonly format: BibliographyFormat;
	/** Text to insert at an offset of the current text; undefined when nothing is missing. Nothing is ever deleted. */
	readonly insertion: TextInsertion | undefined;
	readonly added: string[];
	readonly alreadyPresent: string[];
}

/**
 * Plans adding entries for `cited` to the bibliography `fileName` whose current text is `existingText` (empty for a
 * new file): BibTeX is appended at the end, CSL-JSON items go after the last item. Keys already defined are left
 * alone. The new text uses the file's own line ending — the most frequent one when a file mixes them, CR alone
 * included — and nothing of the file is ever changed or deleted. An unparseable file, and a JSON file that is not a
 * CSL-JSON bibliography (an array of items with `id` and `type`), give an error naming the line, and must then be
 * left untouched.
 */
export function planBibliographyEdit(fileName: string, existingText: string, cited: readonly CitedPaper[], options: BibliographyOptions = {}): BibliographyEditPlan | BibliographyParseError {
	const format = bibliographyFormatOf(fileName);
	if (!format) {
		return unsupported(fileName);
	}
	// The planners read and write `\n`; the file's own line ending is put back into what they add, and their offset is
	// mapped back into the file's text, so a CR-only or mixed file keeps every one of its bytes.
	const eol = dominantLineEnding(existingText);
	const text = existingText.includes('\r') ? existingText.replace(/\r\n?/g, '\n') : existingText;
	let insertion: TextInsertion | undefined;
	let added: string[];
	let alreadyPresent: string[];
	if (format === 'bibtex') {
		const plan = planBibliographyAppend(text, cited, options);
		if (!plan.ok) {
			return plan;
		}
		insertion = plan.textToAppend === '' ? undefined : { offset: text.length, text: plan.textToAppend };
		({ added, alreadyPresent } = plan);
	} else {
		const plan = planCslJsonAppend(text, cited, options);
		if (!plan.ok) {
			return plan;
		}
		const notCsl = cslJsonShapeProblem(text);
		if (notCsl) {
			return notCsl;
		}
		({ insertion, added, alreadyPresent } = plan);
	}
	return {
		ok: true,
		format,
		insertion: insertion && { offset: offsetInOriginal(existingText, insertion.offset), text: eol === '\n' ? insertion.text : insertion.text.replace(/\n/g, eol) },
		added,
		alreadyPresent,
	};
}

/** The line ending a text uses most (`\r\n`, `\n` or a lone `\r`); ties go to the one met first; `\n` for none. */
export function dominantLineEnding(text: string): '\n' | '\r\n' | '\r' {
	const counts = { '\n': 0, '\r\n': 0, '\r': 0 };
	let first: keyof typeof counts | undefined;
	for (let i = text.search(/[\r\n]/); i >= 0 && i < text.length; i++) {
		const c = text[i];
		if (c !== '\r' && c !== '\n') {
			continue;
		}
		const kind = c === '\n' ? '\n' : text[i + 1] === '\n' ? '\r\n' : '\r';
		counts[kind]++;
		first ??= kind;
		if (kind === '\r\n') {
			i++;
		}
	}
	const best = Math.max(...Object.values(counts));
	if (best === 0 || !first) {
		return '\n';
	}
	return counts[first] === best ? first : (Object.keys(counts) as (keyof typeof counts)[]).find((k) => counts[k] === best)!;
}

/** The offset in `original` of an offset in `original` with every `\r\n` and lone `\r` turned into `\n`. */
function offsetInOriginal(original: string, offset: number): number {
	if (!original.includes('\r')) {
		return offset;
	}
	let i = 0;
	for (let j = 0; j < offset && i < original.length; j++) {
		i += original[i] === '\r' && original[i + 1] === '\n' ? 2 : 1;
	}
	return i;
}

/**
 * Why a JSON text that parses is not a CSL-JSON bibliography, which Paper Shelf must then never write into: a
 * CSL-JSON bibliography is an array (possibly empty) of objects that each have an `id` (string or number) and a
 * `type` (string). Undefined for an empty text (a new file) and for a bibliography.
 */
export function cslJsonShapeProblem(text: string): BibliographyParseError | undefined {
	if (text.trim() === '') {
		return undefined;
	}
	const problem = (node: { offset: number } | undefined, what: string): BibliographyParseError => {
		const offset = node?.offset ?? 0;
		const { line, column } = new LineIndex(text).positionAt(offset);
		return { ok: false, line, column, message: `line ${line}: not a CSL-JSON bibliography (${what}); Paper Shelf writes entries only into a .json file that is an array of CSL items, each with "id" and "type"` };
	};
	// A readable array of objects: the reading `parseCslJsonKeys` and the planner share answers (no second parse).
	const items = cslItemMissingIdOrType(text);
	if (items === undefined) {
		return undefined;
	}
	if (!('ok' in items)) {
		return problem(items, `item ${items.index} has no "${items.missing}"`);
	}
	if (/nested deeper/.test(items.message)) {
		return items;
	}
	// Not an array of objects (or not JSON): say how, from the tree.
	const root = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
	if (!root || root.type !== 'array') {
		return problem(root, 'it is not an array');
	}
	for (const [index, item] of (root.children ?? []).entries()) {
		const property = (name: string) => item.children?.find((p) => p.children?.[0]?.value === name)?.children?.[1];
		const id = property('id');
		const type = property('type');
		if (item.type !== 'object') {
			return problem(item, `item ${index + 1} is not an object`);
		}
		if (!id || (id.type !== 'string' && id.type !== 'number')) {
			return problem(item, `item ${index + 1} has no "id"`);
		}
		if (!type || type.type !== 'string') {
			return problem(item, `item ${index + 1} has no "type"`);
		}
	}
	return undefined;
}

/** Applies an insertion to a text (for the CLI and tests; the editor applies it as a `WorkspaceEdit`). */
export function applyInsertion(text: string, insertion: TextInsertion | undefined): string {
	return insertion ? text.slice(0, insertion.offset) + insertion.text + text.slice(insertion.offset) : text;
}
