import * as assert from 'node:assert/strict';
import { stopwords, tokenSpans } from '../../../src/core/search/tokenize';
import { mergeRanges, phraseMatcher, phraseRanges, wordMatcher, wordRanges } from '../../../src/core/search/wordRanges';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';
import { prng } from '../../support/corpus';

/** The definition: the spans of the tokenizer whose term is a word or starts with a prefix, stopwords never. */
function reference(text: string, words: string[], prefixes: string[]): { start: number; end: number }[] {
	return tokenSpans(text)
		.filter((s) => !stopwords.has(s.term) && (words.includes(s.term) || prefixes.some((p) => s.term.startsWith(p))))
		.map(({ start, end }) => ({ start, end }));
}

const vocabulary = ['Model', 'models', 'mod', 'the', 'theory', 'Diffusion', '3D', '3d-gen', 'x'.repeat(41), 'q', 'quant', 'é', 'Élan', 'elan', 'naïve'];
const separators = [' ', ' ', '-', ', ', '.', '(', ')', '_', '\n', '—'];

suite('wordRanges', () => {
	test('Whole words match only whole, prefixes match the whole word they start, case ignored', () => {
		const text = 'Models model remodel; Modeling';
		assert.deepStrictEqual(wordRanges(text, wordMatcher(['model'], [])), [{ start: 7, end: 12 }]);
		assert.deepStrictEqual(wordRanges(text, wordMatcher([], ['model'])), [
			{ start: 0, end: 6 },
			{ start: 7, end: 12 },
			{ start: 22, end: 30 },
		]);
	});

	test('A word found through several query words is one range, and stopwords are never highlighted', () => {
		assert.deepStrictEqual(wordRanges('The theory', wordMatcher(['theory'], ['the', 'theo'])), [{ start: 4, end: 10 }]);
	});

	test('Accented text is matched on its normalized words with offsets into the original', () => {
		assert.deepStrictEqual(wordRanges('An Élan naïve', wordMatcher(['elan'], ['naiv'])), [
			{ start: 3, end: 7 },
			{ start: 8, end: 13 },
		]);
	});

	test('On random ASCII and accented texts the ranges are exactly the tokenizer spans that match', () => {
		const random = prng(4242);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		const norm = (w: string) => tokenSpans(w).map((s) => s.term);
		for (let round = 0; round < 400; round++) {
			let text = '';
			const length = Math.floor(random() * 12);
			for (let i = 0; i < length; i++) text += pick(separators) + pick(vocabulary);
			const words = Array.from({ length: Math.floor(random() * 3) }, () => pick(vocabulary)).flatMap(norm);
			const prefixes = Array.from({ length: Math.floor(random() * 3) }, () => pick(vocabulary)).flatMap(norm);
			assert.deepStrictEqual(wordRanges(text, wordMatcher(words, prefixes)), reference(text, words, prefixes), JSON.stringify({ text, words, prefixes }));
		}
	});

	test('Nothing to match, or nothing matching, gives no ranges', () => {
		assert.deepStrictEqual(wordRanges('Diffusion models', wordMatcher([], [])), []);
		assert.deepStrictEqual(wordRanges('', wordMatcher(['model'], ['diff'])), []);
		assert.deepStrictEqual(wordRanges('Diffusion models', wordMatcher(['diffusio'], ['xyz'])), []);
	});
});

suite('Phrase highlighting (acronym long forms)', () => {
	test('a long form is found with hyphens or spaces between its words, its last word also plural, case-insensitive; words apart are not', () => {
		const text = 'Processing-in-memory (PIM) and processing in memories; processing of memory; Mixture of Experts.';
		const pim = phraseRanges(text, phraseMatcher(['processing', 'in', 'memory']), 'processing');
		assert.deepEqual(pim.map((r) => text.slice(r.start, r.end)), ['Processing-in-memory']);
		const moe = phraseRanges(text, phraseMatcher(['mixture', 'of', 'expert']), 'mixture');
		assert.deepEqual(moe.map((r) => text.slice(r.start, r.end)), ['Mixture of Experts']);
		assert.deepEqual(mergeRanges([{ start: 0, end: 10 }, { start: 30, end: 35 }], [{ start: 5, end: 20 }, { start: 40, end: 41 }]), [
			{ start: 0, end: 20 },
			{ start: 30, end: 35 },
			{ start: 40, end: 41 },
		]);
	});

	test('a hostile text (the first words over and over, never the last) is scanned in linear time', () => {
		const matcher = phraseMatcher(['processing', 'in', 'memory']);
		const hostile = (n: number) => 'processing in processing-in '.repeat(n);
		const r = timeRatio((t: string) => phraseRanges(t, matcher, 'processing'), hostile(2_000), hostile(20_000));
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, hostile(2_000).length, hostile(20_000).length));
	});
});
