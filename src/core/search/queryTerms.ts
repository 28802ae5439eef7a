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
const completionFactor = 0.9;

/** The query's distinct words (stopwords dropped, the last one a prefix while being typed) with their variants. */
export function parseQuery(query: string, dictionary: TermDictionary): QueryTerm[] {
	const words = tokenize(query);
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
	return [...terms].slice(0, maxQueryTerms).map(([word, prefix]) => ({ word, prefix, variants: variants(word, prefix, dictionary) }));
}

/** The word itself, plus the forms of one slip away when the word is unknown or rare. */
export function variants(word: string, prefix: boolean, dictionary: TermDictionary): Variant[] {
	const found: Variant[] = [{ word, prefix, factor: 1 }];
	if (word.length < typoMinLength || /^\d+$/.test(word)) {
		return found;
	}
	const df = prefix ? dictionary.prefixFrequency(word) : dictionary.documentFrequency(word);
	if (df >= knownWordPapers) {
		return found;
	}
	const candidates = dictionary.typoCandidates(word, prefix).filter(([, n]) => df === 0 || n >= typoFrequencyRatio * df);
	for (const [candidate] of candidates.slice(0, maxTypoVariants)) {
		found.push({ word: candidate, prefix, factor: typoFactor });
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
export function lookups(term: QueryTerm, completions: (prefix: string) => readonly string[]): Lookup[] {
	const found: Lookup[] = [];
	for (const v of term.variants) {
		if (!v.prefix) {
			found.push({ field: 'title', word: v.word, factor: v.factor });
			found.push({ field: 'meta', word: v.word, factor: v.factor });
			found.push({ field: 'abstract', word: v.word, factor: v.factor });
			continue;
		}
		const inAbstract = v.word.length >= prefixExpansionMinLength;
		completions(v.word).forEach((completion, i) => {
			const factor = v.factor * (completion === v.word ? 1 : completionFactor);
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
