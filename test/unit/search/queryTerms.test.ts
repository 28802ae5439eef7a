import * as assert from 'node:assert/strict';
import { highlightMatcher, lookups, maxQueryTerms, parseQuery, variants, wholeWords, type QueryTerm } from '../../../src/core/search/queryTerms';
import { TermDictionary } from '../../../src/core/search/termDictionary';

/** A dictionary where each term is held by the given number of papers. */
function dictionaryOf(frequencies: Record<string, number>): TermDictionary {
	const dictionary = new TermDictionary();
	let docId = 0;
	for (const [term, n] of Object.entries(frequencies)) {
		for (let i = 0; i < n; i++) dictionary.addDocument(docId++, [[term]], true);
	}
	dictionary.mergePending();
	return dictionary;
}

const words = (terms: readonly QueryTerm[]) => terms.map((t) => [t.word, t.prefix]);
const forms = (list: readonly { word: string; factor: number }[]) => list.map((v) => `${v.word}×${v.factor}`);

suite('Query terms', () => {
	const dictionary = dictionaryOf({ transformer: 40, transformers: 5, quantization: 12, quantisation: 1, model: 30, models: 8 });

	test('The last word is a prefix only while the query ends on it', () => {
		assert.deepStrictEqual(words(parseQuery('vision transfo', dictionary)), [
			['vision', false],
			['transfo', true],
		]);
		assert.deepStrictEqual(words(parseQuery('vision transfo ', dictionary)), [
			['vision', false],
			['transfo', false],
		]);
		assert.deepStrictEqual(words(parseQuery('vision transfo-', dictionary)), [
			['vision', false],
			['transfo', false],
		]);
	});

	test('Stopwords are dropped unless still being typed, repeated words count once, an empty query has no terms', () => {
		assert.deepStrictEqual(words(parseQuery('the model of the', dictionary)), [
			['model', false],
			['the', true],
		]);
		assert.deepStrictEqual(words(parseQuery('model Model MODEL', dictionary)), [['model', true]]);
		assert.deepStrictEqual(parseQuery('', dictionary), []);
		assert.deepStrictEqual(parseQuery(' -- ', dictionary), []);
		assert.deepStrictEqual(parseQuery('the of ', dictionary), []);
	});

	test('At most 32 distinct words of a query count', () => {
		const query = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
		const terms = parseQuery(query, dictionary);
		assert.equal(maxQueryTerms, 32);
		assert.deepStrictEqual(
			terms.map((t) => t.word),
			Array.from({ length: 32 }, (_, i) => `w${i}`),
		);
	});

	test('An unknown word of five letters or more gets the known words one slip away, at 0.7', () => {
		assert.deepStrictEqual(forms(variants('transfomer', false, dictionary)), ['transfomer×1', 'transformer×0.7']);
		assert.deepStrictEqual(forms(variants('modle', false, dictionary)), ['modle×1', 'model×0.7']);
	});

	test('A rare word gets only variants ten times as frequent; a word in three papers or more, a short word or a number gets none', () => {
		assert.deepStrictEqual(forms(variants('quantisation', false, dictionary)), ['quantisation×1', 'quantization×0.7'], '12 ≥ 10 × 1');
		const rarer = dictionaryOf({ quantization: 9, quantisation: 1 });
		assert.deepStrictEqual(forms(variants('quantisation', false, rarer)), ['quantisation×1'], '9 < 10 × 1');
		assert.deepStrictEqual(forms(variants('models', false, dictionary)), ['models×1'], 'known in 8 papers');
		assert.deepStrictEqual(forms(variants('mdoel', false, dictionary)), ['mdoel×1', 'model×0.7']);
		assert.deepStrictEqual(forms(variants('mdl', false, dictionary)), ['mdl×1'], 'three letters');
		assert.deepStrictEqual(forms(variants('12345', false, dictionary)), ['12345×1'], 'a number');
	});

	test('A prefix is judged by the words it starts, and its typo variants are prefixes too', () => {
		assert.deepStrictEqual(variants('trans', true, dictionary), [{ word: 'trans', prefix: true, factor: 1 }]);
		assert.deepStrictEqual(variants('tarns', true, dictionary), [
			{ word: 'tarns', prefix: true, factor: 1 },
			{ word: 'trans', prefix: true, factor: 0.7 },
		]);
	});

	test('At most eight typo variants, the most frequent', () => {
		const crowded = dictionaryOf(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`abcde${String.fromCharCode(97 + i)}`, i + 1])));
		assert.deepStrictEqual(
			variants('abcde', false, crowded).map((v) => v.word),
			['abcde', 'abcdel', 'abcdek', 'abcdej', 'abcdei', 'abcdeh', 'abcdeg', 'abcdef', 'abcdee'],
		);
	});

	test('A whole word is looked up in every field; a prefix through its completions, in abstracts from three letters on', () => {
		const [whole] = wholeWords(['model']);
		assert.deepStrictEqual(
			lookups(whole, () => assert.fail('no completion for whole words')).map((l) => `${l.field}:${l.word}×${l.factor}`),
			['title:model×1', 'meta:model×1', 'abstract:model×1'],
		);
		const completions = (prefix: string) => (prefix === 'mo' ? ['model', 'mo'] : ['models', 'mod', 'modern']);
		const short: QueryTerm = { word: 'mo', prefix: true, variants: [{ word: 'mo', prefix: true, factor: 1 }] };
		assert.deepStrictEqual(
			lookups(short, completions).map((l) => `${l.field}:${l.word}×${l.factor}`),
			['title:model×0.9', 'meta:model×0.9', 'title:mo×1', 'meta:mo×1', 'abstract:mo×1'],
		);
		const longer: QueryTerm = { word: 'mod', prefix: true, variants: [{ word: 'mod', prefix: true, factor: 0.7 }] };
		assert.deepStrictEqual(
			lookups(longer, completions).map((l) => `${l.field}:${l.word}×${l.factor.toFixed(2)}`),
			['title:models×0.63', 'meta:models×0.63', 'abstract:models×0.63', 'title:mod×0.70', 'meta:mod×0.70', 'abstract:mod×0.70', 'title:modern×0.63', 'meta:modern×0.63', 'abstract:modern×0.63'],
		);
	});

	test('A completion that is also a whole-word variant of the term with a factor at least as high is not looked up twice', () => {
		// `model` typed as the last word: its completions include `models`, which is also its plural (a whole word at 0.8).
		const term: QueryTerm = { word: 'model', prefix: true, variants: [{ word: 'model', prefix: true, factor: 1 }, { word: 'models', prefix: false, factor: 0.8 }] };
		const completions = () => ['models', 'model', 'modeling'];
		const found = lookups(term, completions, (w) => w === 'model').map((l) => `${l.field}:${l.word}×${l.factor.toFixed(2)}`);
		assert.deepStrictEqual(found.filter((l) => l.includes(':models×')), ['title:models×0.80', 'meta:models×0.80', 'abstract:models×0.80'], 'models once, at its higher factor');
		assert.ok(found.includes('abstract:modeling×0.20') && found.includes('abstract:model×1.00'), found.join(' '));
		// A whole-word variant with a lower factor than the completion's does not hide it.
		const low: QueryTerm = { word: 'mode', prefix: true, variants: [{ word: 'mode', prefix: true, factor: 1 }, { word: 'model', prefix: false, factor: 0.1 }] };
		assert.ok(lookups(low, () => ['model'], () => false).some((l) => l.word === 'model' && l.factor === 0.9), 'the completion at 0.9 stays');
	});

	test('Abstracts look up only the 12 most frequent completions of a prefix, and the prefix itself wherever it ranks', () => {
		const many = Array.from({ length: 20 }, (_, i) => `pre${i}`);
		const term: QueryTerm = { word: 'pre', prefix: true, variants: [{ word: 'pre', prefix: true, factor: 1 }] };
		const inAbstract = lookups(term, () => [...many, 'pre'])
			.filter((l) => l.field === 'abstract')
			.map((l) => l.word);
		assert.deepStrictEqual(inAbstract, [...many.slice(0, 12), 'pre']);
	});

	test('Highlighting matches whole words, and prefixes only from the given length on', () => {
		const terms = parseQuery('model qu', dictionary);
		const inTitle = highlightMatcher(terms, 1);
		assert.deepStrictEqual([...inTitle.words], ['model', 'models'], 'with its plural');
		assert.deepStrictEqual(inTitle.prefixes, ['qu']);
		const inAbstract = highlightMatcher(terms, 3);
		assert.deepStrictEqual([...inAbstract.words], ['model', 'models', 'qu']);
		assert.deepStrictEqual(inAbstract.prefixes, []);
	});
});
