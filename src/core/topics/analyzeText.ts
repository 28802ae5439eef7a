/**
 * Text analysis for topic grouping: tokens with grouping keys, acronym handling ("Large Language Models (LLMs)"
 * makes "large language models" and "LLM" one term) and label candidates (noun-phrase-ish runs of one to three
 * words that neither start nor end with a function word).
 */
import { stem } from './stem';
import { isGenericKey, isStopKey } from './stopwords';

/** One word of a text. */
export interface Token {
	/** The grouping key (stemmed; acronyms lower-case without a plural `s`). */
	readonly key: string;
	/** How the word is shown: acronyms as written, other words lower-case. */
	readonly surface: string;
	/** Written with a capital initial (and not an acronym) — proper nouns such as "Verilog". */
	readonly capitalized: boolean;
	/** The first word of a sentence (its capital says nothing). */
	readonly sentenceStart: boolean;
	/** Joined to the previous word by a hyphen ("on-device"). */
	readonly joinPrev: boolean;
	/** Punctuation (other than a joining hyphen) stands between the previous word and this one. */
	readonly breakBefore: boolean;
	readonly stop: boolean;
	readonly generic: boolean;
}

/** A run of hyphen-joined words ("processing-in-memory"), the unit labels are built from. */
export interface Unit {
	readonly key: string;
	readonly surface: string;
	readonly breakBefore: boolean;
	/** Only function words (or numbers): never starts or ends a label. */
	readonly stop: boolean;
	/** Has a word that is neither a function word nor a generic research word. */
	readonly specific: boolean;
	/** Index of its first token. */
	readonly start: number;
	readonly length: number;
	/** Acronyms inside a compound ("SNN" in "SNN-based", "PIM" in "NPU-PIM"), which name subjects of their own. */
	readonly innerAcronyms: readonly { readonly key: string; readonly surface: string }[];
}

// --- cleaning and tokens

const nonAsciiWordChar = /[\p{L}\p{N}]/u;

/** Whether the character at `i` belongs to a word (a letter or digit of any script). */
function isWordChar(text: string, i: number): boolean {
	const c = text.charCodeAt(i);
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
	return nonAsciiWordChar.test(text[i]);
}

/** Strips LaTeX-ish debris seen in scraped abstracts (`textbf{Gen}`, `we~present`, `{\deg}`). */
export function cleanText(text: string): string {
	return text
		.replace(/\\[a-zA-Z]+/g, ' ')
		.replace(/textbf|textit|emph(?=\{)/g, '')
		.replace(/[{}]/g, '')
		.replace(/~/g, ' ')
		.replace(/https?:\/\/\S+/g, ' ');
}

/** Whether a word is written like an acronym: two or more capitals ("LLM", "MoE", "SpiNNaker"), or a capital and a digit. */
export function isAcronymLike(word: string): boolean {
	let upper = 0;
	let digit = false;
	for (const ch of word) {
		if (ch >= 'A' && ch <= 'Z') upper++;
		else if (ch >= '0' && ch <= '9') digit = true;
	}
	return upper >= 2 || (upper >= 1 && digit && /^[A-Za-z]/.test(word));
}

/** The singular of an acronym as written: `LLMs` → `LLM`, `MoEs` → `MoE`, `NAS` stays. */
export function acronymSingular(word: string): string {
	return word.length > 2 && word.endsWith('s') && /[A-Z0-9]/.test(word[word.length - 2]) ? word.slice(0, -1) : word;
}

/** The grouping key of one word as written. */
export function wordKey(word: string): string {
	return isAcronymLike(word) ? acronymSingular(word).toLowerCase() : stem(word.toLowerCase());
}

interface WordInfo {
	readonly key: string;
	readonly surface: string;
	readonly capitalized: boolean;
	readonly stop: boolean;
	readonly generic: boolean;
}

/** What a word as written says, cached: the same words recur across thousands of abstracts. */
const wordCache = new Map<string, WordInfo>();
const wordCacheLimit = 200000;

function wordInfo(word: string): WordInfo {
	let info = wordCache.get(word);
	if (info) return info;
	const acronym = isAcronymLike(word);
	const key = wordKey(word);
	const lower = word.toLowerCase();
	info = {
		key,
		surface: acronym ? word : lower,
		capitalized: !acronym && word[0] !== lower[0],
		stop: !acronym && isStopKey(key),
		generic: isGenericKey(key),
	};
	if (wordCache.size >= wordCacheLimit) wordCache.clear();
	wordCache.set(word, info);
	return info;
}

/** Words of a text with their keys, joins and breaks. Long forms of known acronyms become the acronym. */
export function tokenize(text: string, acronyms?: AcronymTable, inTitle = false): Token[] {
	const cleaned = cleanText(text);
	const tokens: Token[] = [];
	let lastEnd = 0;
	let sentenceStart = true;
	const length = cleaned.length;
	let i = 0;
	while (i < length) {
		// Scan by character code: far cheaper than a Unicode regex over every abstract.
		while (i < length && !isWordChar(cleaned, i)) i++;
		if (i >= length) break;
		const start = i;
		while (i < length && isWordChar(cleaned, i)) i++;
		const word = cleaned.slice(start, i);
		let joinPrev = false;
		let breakBefore = false;
		if (start > lastEnd && tokens.length > 0) {
			const gap = start - lastEnd === 1 ? cleaned[lastEnd] : cleaned.slice(lastEnd, start);
			if (gap !== ' ') {
				joinPrev = gap === '-' || gap === '‐' || gap === '/';
				breakBefore = !joinPrev && /[^\s]/.test(gap);
				if (breakBefore && (/[.!?:;]\s*$/.test(gap) || /[.!?]\s/.test(gap))) sentenceStart = true;
			}
		}
		lastEnd = i;
		const info = wordInfo(word);
		tokens.push({
			key: info.key,
			surface: info.surface,
			capitalized: info.capitalized,
			sentenceStart,
			joinPrev,
			breakBefore,
			stop: info.stop,
			generic: info.generic,
		});
		sentenceStart = false;
	}
	return acronyms ? acronyms.replaceLongForms(tokens, inTitle) : tokens;
}

/** Groups hyphen-joined tokens into units. */
export function toUnits(tokens: readonly Token[]): Unit[] {
	const units: Unit[] = [];
	let i = 0;
	while (i < tokens.length) {
		let j = i + 1;
		while (j < tokens.length && tokens[j].joinPrev) j++;
		let key = tokens[i].key;
		let surface = tokens[i].surface;
		let stop = tokens[i].stop;
		let specific = !tokens[i].stop && !tokens[i].generic;
		const innerAcronyms: { key: string; surface: string }[] = [];
		if (j - i > 1) {
			for (let k = i; k < j; k++) {
				if (!tokens[k].generic && isAcronymLike(tokens[k].surface)) innerAcronyms.push({ key: tokens[k].key, surface: acronymSingular(tokens[k].surface) });
			}
		}
		for (let k = i + 1; k < j; k++) {
			key += '-' + tokens[k].key;
			surface += '-' + tokens[k].surface;
			stop = stop && tokens[k].stop;
			specific = specific || (!tokens[k].stop && !tokens[k].generic);
		}
		units.push({ key, surface, breakBefore: tokens[i].breakBefore, stop, specific, start: i, length: j - i, innerAcronyms });
		i = j;
	}
	return units;
}

/** Function words allowed inside a label ("mixture of experts", "processing in memory"). */
const innerWords = new Set(['of', 'in', 'for', 'on']);

/** The longest label, in units (space-separated words). */
export const maxPhraseUnits = 3;

/**
 * Calls `visit(key, surface)` for every label candidate of a unit sequence: one to three units without
 * punctuation between them, not starting or ending with a function word, with at least one specific word.
 * `extendable(key)` prunes: a candidate is only extended when it returns true for the shorter key.
 */
export function forEachPhrase(
	units: readonly Unit[],
	visit: (key: string, surface: string | undefined) => void,
	extendable: (key: string) => boolean = () => true,
	withSurface = true,
): void {
	for (let i = 0; i < units.length; i++) {
		const first = units[i];
		for (const a of first.innerAcronyms) visit(a.key, withSurface ? a.surface : undefined);
		if (first.stop) continue;
		let key = first.key;
		let surface = withSurface ? first.surface : undefined;
		let specific = first.specific;
		for (let n = 1; n <= maxPhraseUnits; n++) {
			const last = units[i + n - 1];
			if (n > 1) {
				if (!last || last.breakBefore) break;
				if (last.stop && !innerWords.has(last.key)) break;
				key += ' ' + last.key;
				if (surface !== undefined) surface += ' ' + last.surface;
				specific = specific || last.specific;
			}
			if (!last.stop && specific) visit(key, surface);
			if (n < maxPhraseUnits && !extendable(key)) break;
		}
	}
}

// --- acronyms

interface ResolvedLongForm {
	readonly acronymKey: string;
	readonly length: number;
	readonly keys: readonly string[];
}

/**
 * Acronyms defined in the papers ("Process-in-memory (PIM)"), found with the Schwartz–Hearst rule: the
 * acronym's letters appear in order in the words before it, the first one starting a word.
 */
export class AcronymTable {
	/** long-form key (token keys joined by spaces) → acronym → count */
	private readonly _longToAcronym = new Map<string, Map<string, number>>();
	/** acronym key → long-form surface → count */
	private readonly _acronymLongForms = new Map<string, Map<string, number>>();
	/** acronym key → singular surface as written → count */
	private readonly _acronymSurfaces = new Map<string, Map<string, number>>();
	private _resolved: Map<string, ResolvedLongForm[]> | undefined;
	/** acronym keys whose long form some title spells out */
	private readonly _spelledInTitles = new Set<string>();

	/** Records the acronym definitions of one text. */
	addDefinitions(text: string): void {
		const cleaned = cleanText(text);
		for (const match of cleaned.matchAll(/\(([A-Za-z][A-Za-z0-9-]{1,11})\)/g)) {
			const acronym = match[1];
			if (!isAcronymLike(acronym) || acronym.includes('-')) continue;
			const singular = acronymSingular(acronym);
			const before = cleaned.slice(Math.max(0, match.index - 120), match.index).replace(/\s+$/, '');
			const longForm = findLongForm(singular, before);
			if (!longForm) continue;
			const tokens = tokenize(longForm);
			if (tokens.length < 2 || tokens.length > Math.min(singular.length + 5, singular.length * 2) || tokens[0].stop) continue;
			const longKey = tokens.map((t) => t.key).join(' ');
			const acronymKey = singular.toLowerCase();
			bump(this._longToAcronym, longKey, acronymKey);
			bump(this._acronymLongForms, acronymKey, tokens.map((t, i) => (i > 0 && t.joinPrev ? '-' : i > 0 ? ' ' : '') + t.surface).join(''));
			bump(this._acronymSurfaces, acronymKey, singular);
			this._resolved = undefined;
		}
	}

	/**
	 * The acronym's long form as most often written ("process-in-memory"), if the papers define it and some
	 * title spells it out (an acronym titles only ever abbreviate, like "GPU", needs no expansion).
	 */
	longForm(acronymKey: string): string | undefined {
		if (!this._spelledInTitles.has(acronymKey)) return undefined;
		const forms = this._acronymLongForms.get(acronymKey);
		return forms ? mostFrequent(forms) : undefined;
	}

	/** Replaces each known long form in `tokens` by one acronym token (`inTitle`: remember it was spelled out). */
	replaceLongForms(tokens: Token[], inTitle = false): Token[] {
		const table = this._resolve();
		if (table.size === 0) return tokens;
		const out: Token[] = [];
		for (let i = 0; i < tokens.length; i++) {
			const candidates = table.get(tokens[i].key);
			let replaced = false;
			if (candidates) {
				for (const { acronymKey, length, keys } of candidates) {
					if (i + length > tokens.length) continue;
					let ok = true;
					for (let k = 1; k < length && ok; k++) {
						ok = tokens[i + k].key === keys[k] && !tokens[i + k].breakBefore;
					}
					if (!ok) continue;
					const lastSurface = tokens[i + length - 1].surface;
					const plural = lastSurface.endsWith('s') && !lastSurface.endsWith('ss');
					const singular = mostFrequent(this._acronymSurfaces.get(acronymKey) ?? new Map([[acronymKey.toUpperCase(), 1]]));
					const next = tokens[i + length];
					out.push({
						key: acronymKey,
						surface: plural ? singular + 's' : singular,
						capitalized: false,
						sentenceStart: tokens[i].sentenceStart,
						joinPrev: tokens[i].joinPrev,
						breakBefore: tokens[i].breakBefore,
						stop: false,
						generic: isGenericKey(acronymKey),
					});
					if (inTitle) this._spelledInTitles.add(acronymKey);
					i += length - 1;
					// "Large Language Models (LLMs)": the parenthesised acronym would count the term twice.
					if (next && next.key === acronymKey && next.breakBefore) i++;
					replaced = true;
					break;
				}
			}
			if (!replaced) out.push(tokens[i]);
		}
		return out;
	}

	private _resolve(): Map<string, ResolvedLongForm[]> {
		if (this._resolved) return this._resolved;
		const resolved = new Map<string, ResolvedLongForm[]>();
		const longKeys = [...this._longToAcronym.keys()].sort();
		for (const longKey of longKeys) {
			const acronymKey = mostFrequent(this._longToAcronym.get(longKey)!);
			const keys = longKey.split(' ');
			const list = resolved.get(keys[0]) ?? [];
			list.push({ acronymKey, length: keys.length, keys });
			resolved.set(keys[0], list);
		}
		// Longest long form first, so "deep neural network" wins over "neural network".
		for (const list of resolved.values()) list.sort((a, b) => b.length - a.length || (a.acronymKey < b.acronymKey ? -1 : 1));
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
