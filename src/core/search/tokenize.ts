/**
 * The one tokenizer search uses for papers and queries alike: words are runs of letters and digits,
 * lower-cased with diacritics removed, so `Quantización` and `quantizacion` meet. Spans keep the
 * character offsets of each word in the original text, for highlighting.
 */

/** A word of a text and where it stands in it (`end` exclusive, UTF-16 offsets into the original). */
export interface TokenSpan {
	readonly term: string;
	readonly start: number;
	readonly end: number;
}

const wordPattern = /[\p{L}\p{N}]+/gu;
const combiningMarks = /[\u0300-\u036f]/g;
const plainAscii = /^[a-z0-9]*$/;

/** Words longer than this are not indexed (base64 blobs, hashes, run-together garbage). */
export const maxTermLength = 40;

/** Lower-cases and strips diacritics from one word. */
export function normalizeTerm(word: string): string {
	const lower = word.toLowerCase();
	return plainAscii.test(lower) ? lower : lower.normalize('NFKD').replace(combiningMarks, '');
}

/** Every word of `text` with its offsets. */
export function tokenSpans(text: string): TokenSpan[] {
	const spans: TokenSpan[] = [];
	for (const m of text.matchAll(wordPattern)) {
		const term = normalizeTerm(m[0]);
		if (term.length > 0 && term.length <= maxTermLength) {
			spans.push({ term, start: m.index, end: m.index + m[0].length });
		}
	}
	return spans;
}

/** The normalized words of `text`, in order, stopwords included. */
export function tokenize(text: string): string[] {
	const words = text.match(wordPattern);
	if (!words) {
		return [];
	}
	const terms: string[] = [];
	for (const w of words) {
		const term = normalizeTerm(w);
		if (term.length > 0 && term.length <= maxTermLength) {
			terms.push(term);
		}
	}
	return terms;
}

/** The normalized words of `text` that are worth indexing: stopwords dropped. */
export function indexTerms(text: string): string[] {
	return tokenize(text).filter((t) => !stopwords.has(t));
}

/**
 * English function words that every abstract contains: not indexed, and ignored in queries unless the
 * query is still being typed on them (a last word is a prefix: `the` may become `theory`).
 */
export const stopwords: ReadonlySet<string> = new Set(
	(
		'a an and are as at be been but by can do does for from had has have he her his how i if in into is it its ' +
		'may more most no not of on or our over she so such than that the their them then there these they this ' +
		'those through to under up us was we were what when where which while who whom why will with within without ' +
		'would you your also both each other only same some very via'
	).split(' '),
);
