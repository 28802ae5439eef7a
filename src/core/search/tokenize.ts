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

const combiningMarks = /[\u0300-\u036f]/g;
const plainAscii = /^[a-z0-9]*$/;

/** Words longer than this are not indexed (base64 blobs, hashes, run-together garbage). */
export const maxTermLength = 40;

/** Lower-cases and strips diacritics from one word. */
export function normalizeTerm(word: string): string {
	const lower = word.toLowerCase();
	return plainAscii.test(lower) ? lower : lower.normalize('NFKD').replace(combiningMarks, '');
}

/** 1 where an ASCII code unit is a letter or digit. */
const asciiWordChar = new Uint8Array(128);
for (let c = 0; c < 128; c++) asciiWordChar[c] = /[a-zA-Z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
const wordCodePoint = /^[\p{L}\p{N}]$/u;
/** Per BMP code unit: 0 not yet asked, 1 a letter or digit, 2 not. */
const bmpWordChar = new Uint8Array(0x10000);

function isWordCodePoint(cp: number): boolean {
	if (cp > 0xffff) return wordCodePoint.test(String.fromCodePoint(cp));
	let known = bmpWordChar[cp];
	if (known === 0) {
		known = wordCodePoint.test(String.fromCharCode(cp)) ? 1 : 2;
		bmpWordChar[cp] = known;
	}
	return known === 1;
}

/**
 * Calls `visit` with every word of `text` (normalized, at most `maxTermLength` long) and its offsets, in
 * order. The same words as matching `/[\p{L}\p{N}]+/gu`, without a match object per word: a scan over
 * character codes that asks the Unicode tables only for non-ASCII characters (and remembers the answer).
 * With `firstChars` (128 flags by lower-case ASCII code), all-ASCII words whose first letter is not flagged
 * are skipped unread: a filter for callers that look for a few known words.
 */
export function forEachWord(
	text: string,
	visit: (term: string, start: number, end: number) => void,
	firstChars?: Uint8Array,
): void {
	const n = text.length;
	let start = -1;
	let ascii = true;
	for (let i = 0; i < n; ) {
		const c = text.charCodeAt(i);
		let width = 1;
		let inWord: boolean;
		if (c < 128) {
			inWord = asciiWordChar[c] === 1;
		} else {
			let cp = c;
			if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
				const low = text.charCodeAt(i + 1);
				if (low >= 0xdc00 && low <= 0xdfff) {
					cp = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
					width = 2;
				}
			}
			inWord = isWordCodePoint(cp);
		}
		if (inWord) {
			if (start < 0) {
				start = i;
				ascii = true;
			}
			if (c >= 128) ascii = false;
		} else if (start >= 0) {
			if (!(ascii && firstChars && firstChars[text.charCodeAt(start) | 0x20] !== 1)) emitWord(text, start, i, ascii, visit);
			start = -1;
		}
		i += width;
	}
	if (start >= 0 && !(ascii && firstChars && firstChars[text.charCodeAt(start) | 0x20] !== 1)) emitWord(text, start, n, ascii, visit);
}

function emitWord(text: string, start: number, end: number, ascii: boolean, visit: (term: string, start: number, end: number) => void): void {
	if (ascii && end - start > maxTermLength) return;
	const raw = text.slice(start, end);
	const term = ascii ? raw.toLowerCase() : normalizeTerm(raw);
	if (term.length > 0 && term.length <= maxTermLength) visit(term, start, end);
}

/** Every word of `text` with its offsets. */
export function tokenSpans(text: string): TokenSpan[] {
	const spans: TokenSpan[] = [];
	forEachWord(text, (term, start, end) => {
		spans.push({ term, start, end });
	});
	return spans;
}

/** The normalized words of `text`, in order, stopwords included. */
export function tokenize(text: string): string[] {
	const terms: string[] = [];
	forEachWord(text, (term) => {
		terms.push(term);
	});
	return terms;
}

/** The normalized words of `text` that are worth indexing: stopwords dropped. */
export function indexTerms(text: string): string[] {
	const terms: string[] = [];
	forEachWord(text, (term) => {
		if (!stopwords.has(term)) terms.push(term);
	});
	return terms;
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
