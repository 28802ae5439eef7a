/**
 * Text analysis for topic grouping: a tokenizer that turns a text into interned ids in a `TokenBuffer` (no
 * object or string per word), and acronym handling ("Large Language Models (LLMs)" makes "large language
 * models" and "LLM" one term).
 */
import { IntPairMap } from './intPairMap';
import * as vocabulary from './vocabulary';
import { TokenBuffer, type Vocabulary } from './vocabulary';
import { isGenericKey } from './stopwords';

export { acronymSingular, isAcronymLike, wordKey } from './vocabulary';

// Local copies: in the unbundled build every use of an imported binding is a getter call, too slow for hot loops.
const acronymFlag = vocabulary.acronymFlag;
const breakBeforeFlag = vocabulary.breakBeforeFlag;
const genericFlag = vocabulary.genericFlag;
const grown = vocabulary.grown;
const joinPrevFlag = vocabulary.joinPrevFlag;
const positionFlags = vocabulary.positionFlags;
const sentenceStartFlag = vocabulary.sentenceStartFlag;
const stopFlag = vocabulary.stopFlag;
const upperFlag = vocabulary.upperFlag;
const acronymSingular = vocabulary.acronymSingular;
const isAcronymLike = vocabulary.isAcronymLike;

// --- cleaning and tokens

const nonAsciiWordChar = /[\p{L}\p{N}]/u;
const needsCleaning = /[\\{}~]|textbf|textit|https?:\/\//;

/** Strips LaTeX-ish debris seen in scraped abstracts (`textbf{Gen}`, `we~present`, `{\deg}`). */
export function cleanText(text: string): string {
	if (!needsCleaning.test(text)) return text;
	return text
		.replace(/\\[a-zA-Z]+/g, ' ')
		.replace(/textbf|textit|emph(?=\{)/g, '')
		.replace(/[{}]/g, '')
		.replace(/~/g, ' ')
		.replace(/https?:\/\/\S+/g, ' ');
}

/** Whether char code `c` (at `i` of `text`) belongs to a word: a letter or digit of any script. */
function isWordCode(c: number, text: string, i: number): boolean {
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
	return nonAsciiWordChar.test(text[i]);
}

/** Whitespace as `\s` knows it. */
function isSpaceCode(c: number): boolean {
	return (
		c === 32 || (c >= 9 && c <= 13) || c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279
	);
}

/**
 * Tokenizes `text` into `out` (cleared first): each word's key, surface and flags, with joins (hyphen, slash),
 * breaks (other punctuation) and sentence starts. Long forms of acronyms `acronyms` knows become the acronym.
 */
export function tokenize(vocab: Vocabulary, text: string, out: TokenBuffer, acronyms?: AcronymTable, inTitle = false): void {
	const s = cleanText(text);
	out.clear();
	const length = s.length;
	let i = 0;
	let lastEnd = 0;
	let sentenceStart = true;
	while (i < length) {
		let c = s.charCodeAt(i);
		while (!isWordCode(c, s, i)) {
			if (++i >= length) break;
			c = s.charCodeAt(i);
		}
		if (i >= length) break;
		const start = i;
		let hash = 0x811c9dc5 | 0;
		do {
			hash = Math.imul(hash ^ c, 16777619);
			if (++i >= length) break;
			c = s.charCodeAt(i);
		} while (isWordCode(c, s, i));
		let position = 0;
		if (start > lastEnd && out.length > 0) {
			position = gapFlags(s, lastEnd, start);
			if (position & sentenceStartFlag) {
				sentenceStart = true;
				position &= ~sentenceStartFlag;
			}
		}
		if (sentenceStart) position |= sentenceStartFlag;
		lastEnd = i;
		const word = vocab.wordAt(s, start, i, hash);
		out.push(vocab.wordKey[word], vocab.wordSurface[word], vocab.wordFlags[word] | position);
		sentenceStart = false;
	}
	if (acronyms) acronyms.replaceLongForms(out, inTitle);
}

/** What the characters between two words say: a join, a break, and (as `sentenceStartFlag`) a sentence end. */
function gapFlags(s: string, from: number, to: number): number {
	if (to - from === 1) {
		const c = s.charCodeAt(from);
		if (c === 32) return 0;
		if (c === 45 || c === 0x2010 || c === 47) return joinPrevFlag;
		if (isSpaceCode(c)) return 0;
		// A single punctuation mark: `.!?:;` end a sentence (the gap ends with them).
		return breakBeforeFlag | (c === 46 || c === 33 || c === 63 || c === 58 || c === 59 ? sentenceStartFlag : 0);
	}
	let nonSpace = false;
	let sentence = false;
	let lastNonSpace = -1;
	for (let k = from; k < to; k++) {
		const c = s.charCodeAt(k);
		if (isSpaceCode(c)) {
			// `[.!?]\s` anywhere in the gap
			if (k > from) {
				const p = s.charCodeAt(k - 1);
				if (p === 46 || p === 33 || p === 63) sentence = true;
			}
			continue;
		}
		nonSpace = true;
		lastNonSpace = c;
	}
	if (!nonSpace) return 0;
	// `[.!?:;]\s*$`
	if (lastNonSpace === 46 || lastNonSpace === 33 || lastNonSpace === 63 || lastNonSpace === 58 || lastNonSpace === 59) sentence = true;
	return breakBeforeFlag | (sentence ? sentenceStartFlag : 0);
}

// --- acronyms

interface ResolvedLongForm {
	readonly acronymKey: number;
	readonly keys: Int32Array;
	readonly singular: number;
	readonly plural: number;
	readonly generic: boolean;
	readonly longKey: string;
	/** Whether the acronym has other long forms too ("PC": point cloud, political correctness). */
	readonly ambiguous: boolean;
}

/**
 * Acronyms defined in the papers ("Process-in-memory (PIM)"), found with the Schwartz–Hearst rule: the
 * acronym's letters appear in order in the words before it, the first one starting a word.
 */
export class AcronymTable {
	/** long-form key (token keys joined by spaces) → acronym key → count */
	private readonly _longToAcronym = new Map<string, Map<string, number>>();
	/** long-form key → its key ids */
	private readonly _longKeyIds = new Map<string, Int32Array>();
	/** acronym key → long-form key → count (how far its definitions agree, whatever their case or plural) */
	private readonly _acronymLongKeys = new Map<string, Map<string, number>>();
	/** acronym key → long-form surface → count */
	private readonly _acronymLongForms = new Map<string, Map<string, number>>();
	/** acronym key → singular surface as written → count */
	private readonly _acronymSurfaces = new Map<string, Map<string, number>>();
	/** Resolved long forms grouped by their first two key ids (`_byPair` → index into `_resolved`). */
	private _resolved: ResolvedLongForm[][] | undefined;
	private _byPair = new IntPairMap();
	private _starts = new Uint8Array(0);
	private _seconds = new Uint8Array(0);
	/** acronym keys whose long form some title spells out */
	private readonly _spelledInTitles = new Set<string>();
	/** long-form key → long-form surface → count */
	private readonly _longSurfaces = new Map<string, Map<string, number>>();
	/** acronym key of several meanings → long-form key → the owners (paper indices) that wrote that long form out */
	private readonly _writtenOut = new Map<string, Map<string, Set<number>>>();
	/** The paper whose texts are being tokenized (see `longFormAmong`); -1 for none. */
	owner = -1;
	private readonly _scratch = new TokenBuffer();

	constructor(private readonly _vocab: Vocabulary) {}

	/** Records the acronym definitions of one text. */
	addDefinitions(text: string): void {
		if (text.indexOf('(') < 0) return;
		const cleaned = cleanText(text);
		const tokens = this._scratch;
		const vocab = this._vocab;
		for (const match of cleaned.matchAll(/\(([A-Za-z][A-Za-z0-9-]{1,11})\)/g)) {
			const acronym = match[1];
			if (!isAcronymLike(acronym) || acronym.includes('-')) continue;
			const singular = acronymSingular(acronym);
			const before = cleaned.slice(Math.max(0, match.index - 120), match.index).replace(/\s+$/, '');
			const longForm = findLongForm(singular, before);
			if (!longForm) continue;
			tokenize(vocab, longForm, tokens);
			const n = tokens.length;
			if (n < 2 || n > Math.min(singular.length + 5, singular.length * 2) || tokens.flags[0] & stopFlag) continue;
			const keys = tokens.key.slice(0, n);
			const longKey = Array.from(keys, (k) => vocab.keys[k]).join(' ');
			const acronymKey = singular.toLowerCase();
			let surface = '';
			for (let k = 0; k < n; k++) surface += (k > 0 ? (tokens.flags[k] & joinPrevFlag ? '-' : ' ') : '') + vocab.surfaces[tokens.surface[k]];
			bump(this._longToAcronym, longKey, acronymKey);
			this._longKeyIds.set(longKey, keys);
			bump(this._acronymLongForms, acronymKey, surface);
			bump(this._acronymLongKeys, acronymKey, longKey);
			bump(this._acronymSurfaces, acronymKey, singular);
			bump(this._longSurfaces, longKey, surface);
			this._resolved = undefined;
		}
	}

	/**
	 * The acronym's long form as most often written ("process-in-memory"), if the papers define it, some title
	 * spells it out (an acronym titles only ever abbreviate, like "GPU", needs no expansion) and most of its
	 * definitions agree: an acronym with several meanings across the digest ("PC": point cloud, personal
	 * computer…) keeps no long form rather than a wrong one.
	 */
	longForm(acronymKey: string): string | undefined {
		if (!this._spelledInTitles.has(acronymKey)) return undefined;
		const forms = this._acronymLongForms.get(acronymKey);
		if (!forms) return undefined;
		const meanings = this._acronymLongKeys.get(acronymKey)!;
		let total = 0;
		for (const c of meanings.values()) total += c;
		return meanings.get(mostFrequent(meanings))! * 2 > total ? mostFrequent(forms) : undefined;
	}

	/**
	 * The long form of an acronym of several meanings among some papers only (a topic's): "PC" means point cloud
	 * in a topic of point-cloud papers though not across the digest. The meaning most of those papers write out
	 * (at least two of them and a twentieth of all), as most often written; null when those papers write out no
	 * meaning most of them share; undefined when the acronym has one meaning (see `longForm`) or no title spells
	 * it out.
	 */
	longFormAmong(acronymKey: string, owners: ReadonlySet<number>): string | null | undefined {
		const meanings = this._writtenOut.get(acronymKey);
		if (!meanings || !this._spelledInTitles.has(acronymKey)) return undefined;
		let best = '';
		let bestCount = 0;
		let total = 0;
		for (const [longKey, writers] of [...meanings].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
			let count = 0;
			for (const w of writers) if (owners.has(w)) count++;
			total += count;
			if (count > bestCount) {
				best = longKey;
				bestCount = count;
			}
		}
		return bestCount >= Math.max(2, owners.size / 20) && bestCount * 2 > total ? mostFrequent(this._longSurfaces.get(best)!) : null;
	}

	/** Replaces each known long form in `tokens` by one acronym token, in place (`inTitle`: remember it was spelled out). */
	replaceLongForms(tokens: TokenBuffer, inTitle = false): void {
		const table = this._resolve();
		if (table.length === 0) return;
		const starts = this._starts;
		const seconds = this._seconds;
		const byPair = this._byPair;
		const { key, surface, flags } = tokens;
		const n = tokens.length;
		let w = 0;
		for (let i = 0; i < n; i++) {
			const k = key[i];
			const k2 = i + 1 < n ? key[i + 1] : -1;
			const list = k < starts.length && starts[k] && k2 >= 0 && k2 < seconds.length && seconds[k2] && (flags[i + 1] & breakBeforeFlag) === 0 ? byPair.get(k, k2) : -1;
			if (list >= 0) {
				let done = false;
				for (const form of table[list]) {
					const length = form.keys.length;
					if (i + length > n) continue;
					let ok = true;
					for (let m = 1; m < length && ok; m++) ok = key[i + m] === form.keys[m] && (flags[i + m] & breakBeforeFlag) === 0;
					if (!ok) continue;
					const last = this._vocab.surfaces[surface[i + length - 1]];
					const plural = last.endsWith('s') && !last.endsWith('ss');
					const next = i + length;
					key[w] = form.acronymKey;
					surface[w] = plural ? form.plural : form.singular;
					flags[w] = (flags[i] & positionFlags) | upperFlag | acronymFlag | (form.generic ? genericFlag : 0);
					w++;
					if (inTitle) this._spelledInTitles.add(this._vocab.keys[form.acronymKey]);
					if (form.ambiguous && this.owner >= 0) this._noteWrittenOut(form, this.owner);
					i += length - 1;
					// "Large Language Models (LLMs)": the parenthesised acronym would count the term twice.
					if (next < n && key[next] === form.acronymKey && flags[next] & breakBeforeFlag) i++;
					done = true;
					break;
				}
				if (done) continue;
			}
			if (w !== i) {
				key[w] = key[i];
				surface[w] = surface[i];
				flags[w] = flags[i];
			}
			w++;
		}
		tokens.length = w;
	}

	private _noteWrittenOut(form: ResolvedLongForm, owner: number): void {
		const acronymKey = this._vocab.keys[form.acronymKey];
		let meanings = this._writtenOut.get(acronymKey);
		if (!meanings) {
			meanings = new Map();
			this._writtenOut.set(acronymKey, meanings);
		}
		let writers = meanings.get(form.longKey);
		if (!writers) {
			writers = new Set();
			meanings.set(form.longKey, writers);
		}
		writers.add(owner);
	}

	private _resolve(): ResolvedLongForm[][] {
		if (this._resolved) return this._resolved;
		const vocab = this._vocab;
		const resolved: ResolvedLongForm[][] = [];
		const byPair = new IntPairMap();
		const order = new Map<ResolvedLongForm, string>();
		const longKeys = [...this._longToAcronym.keys()].sort();
		for (const longKey of longKeys) {
			const acronym = mostFrequent(this._longToAcronym.get(longKey)!);
			const singular = mostFrequent(this._acronymSurfaces.get(acronym) ?? new Map([[acronym.toUpperCase(), 1]]));
			const keys = this._longKeyIds.get(longKey)!;
			const form: ResolvedLongForm = {
				acronymKey: vocab.keyId(acronym),
				keys,
				singular: vocab.surfaceId(singular),
				plural: vocab.surfaceId(singular + 's'),
				generic: isGenericKey(acronym),
				longKey,
				ambiguous: (this._acronymLongKeys.get(acronym)?.size ?? 0) > 1,
			};
			order.set(form, acronym);
			let list = byPair.get(keys[0], keys[1]);
			if (list < 0) {
				list = resolved.length;
				resolved.push([]);
				byPair.set(keys[0], keys[1], list);
			}
			resolved[list].push(form);
		}
		// Longest long form first, so "deep neural network" wins over "neural network".
		for (const list of resolved) list.sort((a, b) => b.keys.length - a.keys.length || (order.get(a)! < order.get(b)! ? -1 : 1));
		this._starts = grown(new Uint8Array(0), vocab.keyCount);
		this._seconds = grown(new Uint8Array(0), vocab.keyCount);
		for (const list of resolved) {
			this._starts[list[0].keys[0]] = 1;
			this._seconds[list[0].keys[1]] = 1;
		}
		this._byPair = byPair;
		this._resolved = resolved;
		return resolved;
	}
}

/** The long form of `acronym` at the end of `text` (Schwartz & Hearst 2003), or undefined. */
export function findLongForm(acronym: string, text: string): string | undefined {
	const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
	let s = acronym.length - 1;
	let l = text.length - 1;
	while (s >= 0) {
		const c = acronym[s].toLowerCase();
		if (!isAlnum(c)) {
			s--;
			continue;
		}
		while ((l >= 0 && text[l].toLowerCase() !== c) || (s === 0 && l > 0 && isAlnum(text[l - 1]))) {
			l--;
		}
		if (l < 0) return undefined;
		l--;
		s--;
	}
	const start = Math.max(text.lastIndexOf(' ', l), text.lastIndexOf('(', l), text.lastIndexOf(',', l)) + 1;
	const longForm = text.slice(start).trim();
	return longForm.length > acronym.length ? longForm : undefined;
}

// --- small helpers

function bump<K, L>(map: Map<K, Map<L, number>>, key: K, inner: L): void {
	let m = map.get(key);
	if (!m) {
		m = new Map();
		map.set(key, m);
	}
	m.set(inner, (m.get(inner) ?? 0) + 1);
}

/** The most frequent key (ties: the smaller string), so choices do not depend on input order. */
export function mostFrequent(counts: ReadonlyMap<string, number>): string {
	let best = '';
	let bestCount = -1;
	for (const [k, c] of counts) {
		if (c > bestCount || (c === bestCount && k < best)) {
			best = k;
			bestCount = c;
		}
	}
	return best;
}
