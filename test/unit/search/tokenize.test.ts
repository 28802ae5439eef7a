import * as assert from 'node:assert/strict';
import { maxTermLength, normalizeTerm, tokenSpans, tokenize, indexTerms } from '../../../src/core/search/tokenize';
import { prng } from '../../support/corpus';

/** The definition the character-code scanner must agree with: runs of letters and digits, normalized. */
function referenceSpans(text: string): { term: string; start: number; end: number }[] {
	const spans: { term: string; start: number; end: number }[] = [];
	for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
		const term = normalizeTerm(m[0]);
		if (term.length > 0 && term.length <= maxTermLength) spans.push({ term, start: m.index, end: m.index + m[0].length });
	}
	return spans;
}

/** Characters that stress the scanner: ASCII, accents (precomposed and combining), CJK, astral letters and digits, lone surrogates. */
const pieces = ['a', 'Z', '7', ' ', '-', '_', '.', 'é', 'e\u0301', 'Ö', 'ß', 'ﬁ', 'İ', '中', '文', '٣', '𝐀', '𝟘', '😀', '\ud800', '\udc00', '\u00a0', '\u200b', 'x'.repeat(39), 'y'.repeat(41)];

suite('tokenize', () => {
	test('Words are runs of letters and digits, lower-cased without diacritics, with offsets into the original', () => {
		assert.deepStrictEqual(tokenSpans('Über-fast Quantización, 2× v1.5'), [
			{ term: 'uber', start: 0, end: 4 },
			{ term: 'fast', start: 5, end: 9 },
			{ term: 'quantizacion', start: 10, end: 22 },
			{ term: '2', start: 24, end: 25 },
			{ term: 'v1', start: 27, end: 29 },
			{ term: '5', start: 30, end: 31 },
		]);
	});

	test('Astral letters stay inside a word and emoji split words', () => {
		assert.deepStrictEqual(tokenize('a𠀀b😀c'), ['a𠀀b', 'c']);
	});

	test('Words longer than the maximum are dropped, the maximum itself is kept', () => {
		assert.deepStrictEqual(tokenize(`${'x'.repeat(maxTermLength)} ${'y'.repeat(maxTermLength + 1)} end`), ['x'.repeat(maxTermLength), 'end']);
	});

	test('Index terms leave out stopwords, tokenize keeps them', () => {
		assert.deepStrictEqual(tokenize('The theory of it'), ['the', 'theory', 'of', 'it']);
		assert.deepStrictEqual(indexTerms('The theory of it'), ['theory']);
	});

	test('On random mixed-script text the scanner finds exactly the words of the regular-expression definition', () => {
		const random = prng(20261128);
		for (let round = 0; round < 500; round++) {
			let text = '';
			const length = Math.floor(random() * 30);
			for (let i = 0; i < length; i++) text += pieces[Math.floor(random() * pieces.length)];
			assert.deepStrictEqual(tokenSpans(text), referenceSpans(text), JSON.stringify(text));
			assert.deepStrictEqual(tokenize(text), referenceSpans(text).map((s) => s.term), JSON.stringify(text));
		}
	});

	test('Empty and word-less text has no words', () => {
		assert.deepStrictEqual(tokenSpans(''), []);
		assert.deepStrictEqual(tokenize(' .,;— \u200b😀 '), []);
	});
});
