/**
 * From a query as typed to the whole words to look up in each field, and the words to highlight:
 *
 * - the last word of a query is a prefix (`quantiz` finds quantization) when the query ends on it; it is
 *   expanded to its most frequent completions (titles and authors/keywords from the first letter, abstracts
 *   from the third, and there only the 12 most frequent);
 * - one slip (insert, delete, substitute, swap) in a word of five letters or more is forgiven when the word
 *   itself is unknown, or rare (under 3 papers) next to a 10 times more frequent spelling;
 * - stopwords are dropped unless the query is still being typed on them (`the` may become `theory`).
 */
import type { FieldName } from './indexFields';
import type { TermDictionary } from './termDictionary';
import { stopwords, tokenize } from './tokenize';
import { wordMatcher, type WordMatcher } from './wordRanges';
import { wordForms } from './rerank';

/** One form of a query word to look up, with how much a match on it counts. */
export interface Variant {
	readonly word: string;
	readonly prefix: boolean;
	readonly factor: number;
}

/** A query word and the forms it is looked up in. */
export interface QueryTerm {
	readonly word: string;
	readonly prefix: boolean;
	readonly variants: Variant[];
}

/** One whole word to look up in one field, and how much a match on it counts. */
export interface Lookup {
	readonly field: FieldName;
	readonly word: string;
	readonly factor: number;
}

/** At most this many words of a query count (a pasted abstract is not a query; the match counters are bytes). */
export const maxQueryTerms = 32;
/** Prefixes are expanded in abstracts (and highlighted there) from this length on. */
export const prefixExpansionMinLength = 3;
/** Abstracts are long: only the most frequent completions are looked up there. */
const maxAbstractCompletions = 12;
const typoMinLength = 5;
/** A word found in this many papers is taken as typed, without typo variants. */
const knownWordPapers = 3;
/** A typo variant must be this many times more frequent than a word that is known but rare. */
const typoFrequencyRatio = 10;
const maxTypoVariants = 8;
const typoFactor = 0.7;
/** A typo variant ten times rarer than the most frequent one (often an author's name) counts less. */
const rareTypoFactor = 0.5;
const completionFactor = 0.9;
/**
 * A prefix that is itself a word of the shelf (`edl`, `wo`) is matched as that word first: its completions count
 * this little, below the word in any field (the lowest exact score is an abstract's last bucket: 0.35 × 0.73).
 */
export const completionOfWordFactor = 0.2;
/**
 * A plural or singular form of a query word counts less than the word as typed: found everywhere, but the form typed
 * wins where field length and rarity are alike (0.95 let "Story" in a short title beat "Stories" typed; 10k known
 * items with 0.8: every style's MRR@10 the same or higher, acronym +0.008, topical precision unchanged).
 */
export const wordFormFactor = 0.8;

/** How much a prefix's completions count: little when the prefix is a word of the shelf itself. */
export function completionFactorFor(prefix: string, isWord: (word: string) => boolean): number {
	return isWord(prefix) ? completionOfWordFactor : completionFactor;
}

/** The query's distinct words (stopwords dropped, the last one a prefix while being typed) with their variants. */
export function parseQuery(query: string, dictionary: TermDictionary): QueryTerm[] {
	const words = tokenize(query.replace(/"/g, ' '));
	if (words.length === 0) {
		return [];
	}
	const lastIsPrefix = /[\p{L}\p{N}]$/u.test(query);
	const terms = new Map<string, boolean>();
	words.forEach((word, i) => {
		const prefix = lastIsPrefix && i === words.length - 1;
		if (prefix || !stopwords.has(word)) {
			terms.set(word, (terms.get(word) ?? false) || prefix);
		}
	});
	return [...terms].slice(0, maxQueryTerms).map(([word, prefix]) => ({ word, prefix, variants: withWordForms(variants(word, prefix, dictionary), dictionary) }));
}

/** Plural and singular forms of the word as typed and of its typo variants (`network` ↔ `networks`) that the shelf holds. */
function withWordForms(found: Variant[], dictionary: TermDictionary): Variant[] {
	for (const v of [...found]) {
		for (const form of wordForms(v.word)) {
			if (dictionary.has(form) && !found.some((f) => f.word === form)) found.push({ word: form, prefix: false, factor: v.factor * wordFormFactor });
		}
	}
	return found;
}

/** The word itself, plus the forms of one slip away when the word is unknown or rare. */
export function variants(word: string, prefix: boolean, dictionary: TermDictionary): Variant[] {
	const found: Variant[] = [{ word, prefix, factor: 1 }];
	const short = word.length === typoMinLength - 1 && !prefix;
	if ((word.length < typoMinLength && !short) || /^\d+$/.test(word)) {
		return found;
	}
	const df = prefix ? dictionary.prefixFrequency(word) : dictionary.documentFrequency(word);
	if (df >= knownWordPapers || (short && df > 0)) {
		return found;
	}
	let candidates = dictionary.typoCandidates(word, prefix).filter(([, n]) => df === 0 || n >= typoFrequencyRatio * df);
	// A 4-letter word gets one edit only when the vocabulary makes it unambiguous: one candidate, or one far more frequent.
	if (short) candidates = candidates.length === 1 || (candidates.length > 1 && candidates[0][1] >= typoFrequencyRatio * candidates[1][1]) ? candidates.slice(0, 1) : [];
	const top = candidates[0]?.[1] ?? 1;
	for (const [candidate, n] of candidates.slice(0, maxTypoVariants)) {
		// the frequent vocabulary word over a rare one (often an author's name) one slip away
		found.push({ word: candidate, prefix, factor: n * typoFrequencyRatio >= top ? typoFactor : rareTypoFactor });
	}
	return found;
}

/** Whole words looked up as they are (no prefix, no typos), as `related` asks. */
export function wholeWords(words: readonly string[]): QueryTerm[] {
	return words.map((word) => ({ word, prefix: false, variants: [{ word, prefix: false, factor: 1 }] }));
}

/**
 * The lookups a query term makes, in order: a whole word in every field; a prefix's completions in titles
 * and authors/keywords, and in abstracts the most frequent ones (the prefix itself always) once the prefix
 * has 3 letters; a shorter prefix is looked up in abstracts only as a whole word.
 */
export function lookups(term: QueryTerm, completions: (prefix: string) => readonly string[], isWord: (word: string) => boolean = () => false): Lookup[] {
	const found: Lookup[] = [];
	// A term scores each paper by its best lookup per field, so a completion that is also a whole-word variant with a
	// factor at least as high (`models` for the prefix `model`, also its plural) adds nothing but the cost of visiting
	// its postings again: skip it.
	const whole = new Map<string, number>();
	for (const v of term.variants) if (!v.prefix) whole.set(v.word, Math.max(whole.get(v.word) ?? 0, v.factor));
	const covered = (word: string, factor: number) => (whole.get(word) ?? -1) >= factor;
	for (const v of term.variants) {
		if (!v.prefix) {
			found.push({ field: 'title', word: v.word, factor: v.factor });
			found.push({ field: 'meta', word: v.word, factor: v.factor });
			found.push({ field: 'abstract', word: v.word, factor: v.factor });
			continue;
		}
		const inAbstract = v.word.length >= prefixExpansionMinLength;
		const each = v.factor * completionFactorFor(v.word, isWord);
		completions(v.word).forEach((completion, i) => {
			const factor = completion === v.word ? v.factor : each;
			if (covered(completion, factor)) return;
			found.push({ field: 'title', word: completion, factor });
			found.push({ field: 'meta', word: completion, factor });
			if (inAbstract && (i < maxAbstractCompletions || completion === v.word)) found.push({ field: 'abstract', word: completion, factor });
		});
		if (!inAbstract) found.push({ field: 'abstract', word: v.word, factor: v.factor });
	}
	return found;
}

/** The query's words as highlighting needs them: whole words, and prefixes from `prefixMin` letters on. */
export function highlightMatcher(terms: readonly QueryTerm[], prefixMin: number): WordMatcher {
	const words: string[] = [];
	const prefixes: string[] = [];
	for (const t of terms) {
		for (const v of t.variants) {
			if (v.prefix && v.word.length >= prefixMin) prefixes.push(v.word);
			else words.push(v.word);
		}
	}
	return wordMatcher(words, prefixes);
}
