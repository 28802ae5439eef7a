/**
 * Highlighting: where the words a query matched stand in a title or abstract. Used for every hit of every
 * search, so it is built for speed: all-ASCII text (most papers) is lower-cased once and searched with
 * `indexOf` per query word; other text is scanned word by word with the tokenizer.
 */
import { forEachWord, maxTermLength, stopwords } from './tokenize';

/** A character range `[start, end)` in a paper's title or abstract. */
export interface MatchRange {
	readonly start: number;
	readonly end: number;
}

/** The words to highlight: whole (normalized) words, and prefixes any word starting with matches. */
export interface WordMatcher {
	readonly words: ReadonlySet<string>;
	readonly prefixes: readonly string[];
	/** Flags (by ASCII code) the first letters of all of them, so other ASCII words are skipped unread. */
	readonly firstChars: Uint8Array;
}

/** A matcher for these whole words and prefixes (all normalized as tokenize.ts does). */
export function wordMatcher(words: Iterable<string>, prefixes: Iterable<string>): WordMatcher {
	const wordSet = new Set(words);
	const prefixList = [...new Set(prefixes)];
	const firstChars = new Uint8Array(128);
	for (const w of [...wordSet, ...prefixList]) {
		const c = w.charCodeAt(0);
		if (c < 128) firstChars[c] = 1;
	}
	return { words: wordSet, prefixes: prefixList, firstChars };
}

const nonAscii = /[\u0080-\uffff]/;

function isAsciiWordChar(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/**
 * The ranges of the words of `text` that the matcher matches (stopwords never), sorted and
 * non-overlapping: exactly the spans of `tokenSpans(text)` whose term is one of the words or starts with
 * one of the prefixes.
 */
export function wordRanges(text: string, matcher: WordMatcher): MatchRange[] {
	return nonAscii.test(text) ? scannedRanges(text, matcher) : asciiRanges(text, matcher);
}

function scannedRanges(text: string, { words, prefixes, firstChars }: WordMatcher): MatchRange[] {
	const ranges: MatchRange[] = [];
	forEachWord(
		text,
		(term, start, end) => {
			if (words.has(term) || (prefixes.length > 0 && prefixes.some((p) => term.startsWith(p)))) {
				if (!stopwords.has(term)) ranges.push({ start, end });
			}
		},
		firstChars,
	);
	return ranges;
}

function asciiRanges(text: string, { words, prefixes }: WordMatcher): MatchRange[] {
	const lower = text.toLowerCase();
	const n = lower.length;
	/** Word end per word start found (a word can be found through several needles). */
	const found = new Map<number, number>();
	const look = (needle: string, whole: boolean) => {
		if (needle.length === 0 || nonAscii.test(needle)) return;
		for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
			if (at > 0 && isAsciiWordChar(lower.charCodeAt(at - 1))) continue;
			let end = at + needle.length;
			if (whole) {
				if (end < n && isAsciiWordChar(lower.charCodeAt(end))) continue;
			} else {
				while (end < n && isAsciiWordChar(lower.charCodeAt(end))) end++;
			}
			if (end - at > maxTermLength || found.has(at)) continue;
			if (stopwords.has(lower.slice(at, end))) continue;
			found.set(at, end);
		}
	};
	for (const w of words) look(w, true);
	for (const p of prefixes) look(p, false);
	const starts = [...found.keys()].sort((a, b) => a - b);
	return starts.map((start) => ({ start, end: found.get(start) as number }));
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A matcher of `phrase` (normalized words, adjacent and in order; up to 3 hyphens, spaces or punctuation between
 * them), its last word also in the plural ("mixture of experts" for the long form "mixture of expert"); made once per
 * search, used on every hit. Case-insensitive; linear in the text: the pattern has no nested repetition.
 */
export function phraseMatcher(phrase: readonly string[]): RegExp {
	const pattern = phrase.map(escapeRegExp).join('[^\\p{L}\\p{N}]{1,3}');
	return new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?:e?s)?(?![\\p{L}\\p{N}])`, 'giu');
}

/** The ranges of a phrase (`phraseMatcher`) in `text`; `first` is its first word, looked for before the pattern runs. */
export function phraseRanges(text: string, matcher: RegExp, first: string): MatchRange[] {
	if (text.length === 0 || !text.toLowerCase().includes(first)) return [];
	const ranges: MatchRange[] = [];
	for (const m of text.matchAll(matcher)) ranges.push({ start: m.index, end: m.index + m[0].length });
	return ranges;
}

/** Two sorted lists of ranges as one, sorted, overlapping or touching ranges joined. */
export function mergeRanges(a: readonly MatchRange[], b: readonly MatchRange[]): MatchRange[] {
	if (b.length === 0) return [...a];
	if (a.length === 0) return [...b];
	const all = [...a, ...b].sort((x, y) => x.start - y.start || x.end - y.end);
	const out: MatchRange[] = [];
	for (const r of all) {
		const last = out[out.length - 1];
		if (last && r.start <= last.end) {
			if (r.end > last.end) out[out.length - 1] = { start: last.start, end: r.end };
		} else out.push(r);
	}
	return out;
}
