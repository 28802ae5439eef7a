/**
 * Citation keys in Better BibTeX's style.
 *
 * The default formula is Better BibTeX's own, `auth.lower + shorttitle(3,3) + year`: the first author's family name
 * in lower case, the first three significant title words (Better BibTeX's skip words and one-letter words left out),
 * each capitalized, and the year — `vaswaniAttentionAllYou2017`. Every part is folded to ASCII (é→e, ß→ss) and keeps
 * only letters and digits.
 *
 * Fallback: a part with nothing to say is empty, so a paper without authors or year (the bundled Daily Papers digest
 * has neither) gets the readable short title alone (`DeepSoCSNeuralScheduler`). When the whole formula yields nothing
 * (a title with no Latin letters or digits), the key is `arxiv` + the arXiv id (`arxiv2401_09603`), else `paper_` +
 * the paper id's letters and digits.
 *
 * Clashes: papers whose keys are equal (ignoring case, as BibTeX does) are sorted by paper id; the first keeps the key,
 * the next get `a`, `b`, … `z`, `aa`, … (as Better BibTeX does), skipping suffixed keys some other paper already owns.
 * Keys are at most `MAX_CITATION_KEY_LENGTH` (100) characters: longer ones are cut, before the suffix.
 * Keys depend only on the set of papers, never on their order, so they are stable across re-indexing.
 *
 * The formula language (the `paperShelf.citationKeyFormat` setting):
 *
 *     formula  := term ('+' term)*
 *     term     := (field | literal) ('.' modifier)*
 *     field    := name ['(' integer [',' integer] ')']
 *     literal  := "'" chars "'" | '"' chars '"'      chars: letters, digits, '_', '-', ':'
 *     modifier := lower | upper | capitalize
 *
 * Fields: `auth` (first author's family name; `auth(n)` its first n letters), `authors(n)` (the first n family names,
 * default 2), `year`, `shortyear` (two digits), `shorttitle(n,m)` (the first n significant title words, the first m
 * of them capitalized; default 3,0), `veryshorttitle(n,m)` (default 1,0), `title` (every significant word,
 * capitalized), `id` (the paper id, letters and digits), `arxiv` (the arXiv id, letters and digits).
 */
import type { Paper } from '../model';
import { SETTINGS } from '../settings';
import { familyName } from './personName';
import { compareStrings } from '../text/compareStrings';

// --- ASCII folding

/** Letters that Unicode decomposition does not turn into a plain letter and a mark. */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
	ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
	þ: 'th', Þ: 'TH', ł: 'l', Ł: 'L', ı: 'i', ħ: 'h', Ħ: 'H', ŋ: 'n', Ŋ: 'N', ĸ: 'k', ſ: 's',
};

/** Folds text to ASCII: accents dropped (é→e), special letters spelled out (ß→ss, ø→o); other characters kept. */
export function foldToAscii(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\p{ASCII}]/gu, (c) => SPECIAL_LETTERS[c] ?? c);
}

/** Folds to ASCII and keeps only letters and digits. */
export function keyCharacters(text: string): string {
	return foldToAscii(text).replace(/[^A-Za-z0-9]/g, '');
}

// --- title words

/** Better BibTeX's default `skipWords` preference: words `shorttitle` and friends pass over. */
export const SKIP_WORDS: ReadonlySet<string> = new Set(
	(
		'a,ab,aboard,about,above,across,after,against,al,along,amid,among,an,and,anti,around,as,at,before,behind,below,' +
		'beneath,beside,besides,between,beyond,but,by,d,da,das,de,del,dell,dello,dei,degli,della,dell,delle,dem,den,der,' +
		'des,despite,die,do,down,du,during,ein,eine,einem,einen,einer,eines,el,en,et,except,for,from,gli,i,il,in,inside,' +
		'into,is,l,la,las,le,les,like,lo,los,near,nor,of,off,on,onto,or,over,past,per,plus,round,save,since,so,some,sur,' +
		'than,the,through,to,toward,towards,un,una,unas,under,underneath,une,unlike,uno,unos,until,up,upon,versus,via,' +
		'von,while,with,within,without,yet,zu,zum'
	).split(','),
);

/**
 * The significant words of a title, folded to ASCII: words are split at white space, `/`, `:` and apostrophes;
 * other punctuation inside a word is dropped (`Cost-Effective` → `CostEffective`); skip words and one-letter words
 * (but not single digits) are left out.
 */
export function significantTitleWords(title: string): string[] {
	return foldToAscii(title)
		.split(/[\s/:'\u2018\u2019\u201a\u201b`]+/)
		.map((w) => w.replace(/[^A-Za-z0-9]/g, ''))
		.filter((w) => w.length > 0 && (w.length > 1 || /\d/.test(w)) && !SKIP_WORDS.has(w.toLowerCase()));
}

function capitalize(word: string): string {
	return word.charAt(0).toUpperCase() + word.slice(1);
}

// --- formula

/** A part of a compiled formula. */
export type KeyFormulaTerm =
	| { readonly kind: 'field'; readonly name: KeyFieldName; readonly args: readonly number[]; readonly modifiers: readonly KeyModifier[] }
	| { readonly kind: 'literal'; readonly text: string; readonly modifiers: readonly KeyModifier[] };

/** The fields a formula can use. */
export type KeyFieldName = 'auth' | 'authors' | 'year' | 'shortyear' | 'shorttitle' | 'veryshorttitle' | 'title' | 'id' | 'arxiv';
/** The modifiers a term can take. */
export type KeyModifier = 'lower' | 'upper' | 'capitalize';

/** A formula checked and ready to apply; build it with `compileKeyFormula`. */
export interface KeyFormula {
	/** The source text it was compiled from. */
	readonly source: string;
	readonly terms: readonly KeyFormulaTerm[];
}

/** Why a formula does not compile: a message and the 1-based column it points at. */
export interface KeyFormulaError {
	readonly column: number;
	readonly message: string;
}

/** The formula used when the setting is empty: Better BibTeX's default. */
export const DEFAULT_KEY_FORMULA_SOURCE = SETTINGS.citationKeyFormat.default;

/** How many numeric arguments each field takes, at most. */
const FIELD_ARITY: Readonly<Record<KeyFieldName, number>> = {
	auth: 1, authors: 1, year: 0, shortyear: 0, shorttitle: 2, veryshorttitle: 2, title: 0, id: 0, arxiv: 0,
};
const MODIFIERS: readonly KeyModifier[] = ['lower', 'upper', 'capitalize'];

class FormulaSyntaxError extends Error {
	constructor(readonly offset: number, message: string) {
		super(message);
	}
}

/** A small recursive-descent reader over the formula text. */
class FormulaReader {
	private _pos = 0;
	constructor(private readonly _src: string) {}

	get pos(): number {
		return this._pos;
	}

	skipSpace(): void {
		while (this._pos < this._src.length && /\s/.test(this._src[this._pos])) {
			this._pos++;
		}
	}

	atEnd(): boolean {
		this.skipSpace();
		return this._pos >= this._src.length;
	}

	peek(): string {
		this.skipSpace();
		return this._src[this._pos] ?? '';
	}

	take(ch: string, what: string): void {
		if (this.peek() !== ch) {
			throw new FormulaSyntaxError(this._pos, `expected ${what}${this._found()}`);
		}
		this._pos++;
	}

	word(what: string): { text: string; start: number } {
		this.skipSpace();
		const start = this._pos;
		while (this._pos < this._src.length && /[A-Za-z]/.test(this._src[this._pos])) {
			this._pos++;
		}
		if (start === this._pos) {
			throw new FormulaSyntaxError(start, `expected ${what}${this._found()}`);
		}
		return { text: this._src.slice(start, this._pos), start };
	}

	integer(): number {
		this.skipSpace();
		const start = this._pos;
		while (this._pos < this._src.length && /[0-9]/.test(this._src[this._pos])) {
			this._pos++;
		}
		if (start === this._pos) {
			throw new FormulaSyntaxError(start, `expected a number${this._found()}`);
		}
		const n = Number(this._src.slice(start, this._pos));
		if (n < 1 || n > 99) {
			throw new FormulaSyntaxError(start, `expected a number from 1 to 99, got ${n}`);
		}
		return n;
	}

	literal(): string {
		this.skipSpace();
		const quote = this._src[this._pos];
		const start = this._pos;
		const end = this._src.indexOf(quote, start + 1);
		if (end < 0) {
			throw new FormulaSyntaxError(start, `unterminated text: no closing ${quote}`);
		}
		const text = this._src.slice(start + 1, end);
		const bad = text.search(/[^A-Za-z0-9_:-]/);
		if (bad >= 0) {
			throw new FormulaSyntaxError(start + 1 + bad, `'${text[bad]}' cannot be part of a citation key (text may hold letters, digits, '_', '-', ':')`);
		}
		this._pos = end + 1;
		return text;
	}

	private _found(): string {
		return this._pos >= this._src.length ? ', found the end of the formula' : `, found '${this._src[this._pos]}'`;
	}
}

function readTerm(r: FormulaReader): KeyFormulaTerm {
	const ch = r.peek();
	let term: KeyFormulaTerm;
	if (ch === "'" || ch === '"') {
		term = { kind: 'literal', text: r.literal(), modifiers: [] };
	} else {
		const { text: name, start } = r.word(`a field (${Object.keys(FIELD_ARITY).join(', ')}) or quoted text`);
		if (!Object.prototype.hasOwnProperty.call(FIELD_ARITY, name)) {
			throw new FormulaSyntaxError(start, `unknown field '${name}' (known: ${Object.keys(FIELD_ARITY).join(', ')})`);
		}
		const field = name as KeyFieldName;
		const args: number[] = [];
		if (r.peek() === '(') {
			const open = r.pos;
			r.take('(', "'('");
			args.push(r.integer());
			while (r.peek() === ',') {
				r.take(',', "','");
				args.push(r.integer());
			}
			r.take(')', "')'");
			if (args.length > FIELD_ARITY[field]) {
				throw new FormulaSyntaxError(open, FIELD_ARITY[field] === 0 ? `'${field}' takes no arguments` : `'${field}' takes at most ${FIELD_ARITY[field]} argument(s)`);
			}
		}
		term = { kind: 'field', name: field, args, modifiers: [] };
	}
	const modifiers: KeyModifier[] = [];
	while (r.peek() === '.') {
		r.take('.', "'.'");
		const { text, start } = r.word(`a modifier (${MODIFIERS.join(', ')})`);
		if (!(MODIFIERS as readonly string[]).includes(text)) {
			throw new FormulaSyntaxError(start, `unknown modifier '.${text}' (known: ${MODIFIERS.map((m) => '.' + m).join(', ')})`);
		}
		modifiers.push(text as KeyModifier);
	}
	return { ...term, modifiers };
}

/**
 * Compiles a citation-key formula (see the module comment for the language). An empty or blank source compiles the
 * default formula. Errors carry the 1-based column they point at, for a settings diagnostic.
 */
export function compileKeyFormula(source: string): { ok: true; formula: KeyFormula } | { ok: false; error: KeyFormulaError } {
	const src = source.trim() === '' ? DEFAULT_KEY_FORMULA_SOURCE : source;
	const r = new FormulaReader(src);
	try {
		const terms = [readTerm(r)];
		while (!r.atEnd()) {
			r.take('+', "'+' between parts");
			terms.push(readTerm(r));
		}
		return { ok: true, formula: { source: src, terms } };
	} catch (e) {
		if (e instanceof FormulaSyntaxError) {
			return { ok: false, error: { column: e.offset + 1, message: e.message } };
		}
		throw e;
	}
}

function mustCompile(source: string): KeyFormula {
	const compiled = compileKeyFormula(source);
	if (!compiled.ok) {
		throw new Error(`citation key formula: column ${compiled.error.column}: ${compiled.error.message}`);
	}
	return compiled.formula;
}

/** Better BibTeX's default formula, compiled. */
export const DEFAULT_KEY_FORMULA: KeyFormula = mustCompile(DEFAULT_KEY_FORMULA_SOURCE);

// --- applying a formula

function fieldValue(paper: Paper, name: KeyFieldName, args: readonly number[]): string {
	switch (name) {
		case 'auth': {
			const family = paper.authors.length > 0 ? keyCharacters(familyName(paper.authors[0])) : '';
			return args[0] !== undefined ? family.slice(0, args[0]) : family;
		}
		case 'authors':
			return paper.authors.slice(0, args[0] ?? 2).map((a) => capitalize(keyCharacters(familyName(a)))).join('');
		case 'year':
			return paper.year !== undefined ? String(paper.year) : '';
		case 'shortyear':
			return paper.year !== undefined ? String(paper.year).slice(-2) : '';
		case 'shorttitle':
		case 'veryshorttitle': {
			const n = args[0] ?? (name === 'shorttitle' ? 3 : 1);
			const m = args[1] ?? 0;
			return significantTitleWords(paper.title).slice(0, n).map((w, i) => (i < m ? capitalize(w) : w)).join('');
		}
		case 'title':
			return significantTitleWords(paper.title).map(capitalize).join('');
		case 'id':
			return keyCharacters(paper.id);
		case 'arxiv':
			return paper.arxivId ? keyCharacters(paper.arxivId) : '';
	}
}

function applyModifiers(text: string, modifiers: readonly KeyModifier[]): string {
	return modifiers.reduce((t, m) => (m === 'lower' ? t.toLowerCase() : m === 'upper' ? t.toUpperCase() : capitalize(t)), text);
}

/**
 * The longest key Paper Shelf gives a paper, clash suffix included. `title` on a long title, or `id` on a long id,
 * would otherwise make keys of hundreds of characters that no one can type or read. Better BibTeX's default formula
 * gives about 30. The citation scanner reads keys of any length, so every key this allows is found in notes.
 */
export const MAX_CITATION_KEY_LENGTH = 100;

/** `key` cut to at most `length` characters, without the `-`/`:` a cut can leave at its end. */
function capKey(key: string, length = MAX_CITATION_KEY_LENGTH): string {
	return key.length <= length ? key : key.slice(0, length).replace(/[-:]+$/, '');
}

/**
 * The key a formula gives one paper, before clashes are resolved (see `assignCitationKeys`); never empty (the
 * fallback is documented in the module comment), never longer than `MAX_CITATION_KEY_LENGTH`.
 */
export function baseCitationKey(paper: Paper, formula: KeyFormula = DEFAULT_KEY_FORMULA): string {
	const key = capKey(
		formula.terms
			.map((t) => applyModifiers(t.kind === 'literal' ? t.text : fieldValue(paper, t.name, t.args), t.modifiers))
			.join('')
			// Pandoc ends a key at punctuation not followed by a letter or digit (`[@a--b]` cites `a`): runs of `-`/`:`
			// from literals keep their first mark, and none is left at either end (see keySafety.ts).
			.replace(/[-:]{2,}/g, (run) => run[0])
			.replace(/^[-:]+|[-:]+$/g, ''),
	);
	if (/[A-Za-z0-9]/.test(key)) {
		return key;
	}
	if (paper.arxivId) {
		return capKey('arxiv' + foldToAscii(paper.arxivId).replace(/[^A-Za-z0-9]+/g, '_'));
	}
	return capKey('paper_' + keyCharacters(paper.id));
}

/** Suffixes in Better BibTeX's order: a … z, aa, ab, … */
function suffix(n: number): string {
	let s = '';
	let i = n;
	do {
		s = String.fromCharCode(97 + (i % 26)) + s;
		i = Math.floor(i / 26) - 1;
	} while (i >= 0);
	return s;
}

/** How much a paper says, to pick one when the same id comes twice (from two digests). */
function richness(p: Paper): number {
	return (p.authors.length > 0 ? 4 : 0) + (p.year !== undefined ? 2 : 0) + (p.arxivId ? 1 : 0);
}

/**
 * Assigns every paper a unique citation key: `baseCitationKey`, then `a`, `b`, … for clashes (papers sorted by id;
 * the first keeps the plain key). The result depends only on the set of papers, not their order. A paper id that
 * comes more than once gets one key, computed from its richest copy (authors, then year, then arXiv id).
 */
export function assignCitationKeys(papers: Iterable<Paper>, formula: KeyFormula = DEFAULT_KEY_FORMULA): Map<string, string> {
	return assignCitationKeysFromBases(Array.from(papers, (paper) => ({ paper, base: baseCitationKey(paper, formula) })));
}

/**
 * `assignCitationKeys` from each paper's `baseCitationKey`, computed beforehand (the editor computes them a slice at
 * a time when the shelf loads, so that the first citation does not wait for them). The same papers and bases give
 * the same keys as `assignCitationKeys`.
 */
export function assignCitationKeysFromBases(papers: Iterable<{ readonly paper: Paper; readonly base: string }>): Map<string, string> {
	const byId = new Map<string, { paper: Paper; base: string }>();
	for (const { paper, base } of papers) {
		const seen = byId.get(paper.id);
		if (!seen || richness(paper) > richness(seen.paper) || (richness(paper) === richness(seen.paper) && compareStrings(base, seen.base) < 0)) {
			byId.set(paper.id, { paper, base });
		}
	}
	const groups = new Map<string, string[]>();
	for (const [id, { base }] of byId) {
		const fold = base.toLowerCase();
		const group = groups.get(fold);
		if (group) {
			group.push(id);
		} else {
			groups.set(fold, [id]);
		}
	}
	const taken = new Set(groups.keys());
	const keys = new Map<string, string>();
	for (const fold of [...groups.keys()].sort(compareStrings)) {
		const ids = groups.get(fold)!.sort(compareStrings);
		keys.set(ids[0], byId.get(ids[0])!.base);
		let n = 0;
		for (const id of ids.slice(1)) {
			const base = byId.get(id)!.base;
			let key: string;
			do {
				// The suffix stays whole; the base gives way so the key keeps to MAX_CITATION_KEY_LENGTH.
				const s = suffix(n++);
				key = capKey(base, MAX_CITATION_KEY_LENGTH - s.length) + s;
			} while (taken.has(key.toLowerCase()));
			taken.add(key.toLowerCase());
			keys.set(id, key);
		}
	}
	return keys;
}
