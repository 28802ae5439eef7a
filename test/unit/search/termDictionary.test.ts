import * as assert from 'node:assert/strict';
import { PaperIndex } from '../../../src/core/search/paperIndex';
import { editsOf, maxPrefixCompletions, TermDictionary } from '../../../src/core/search/termDictionary';
import { fakePaper, ids } from './fakePapers';

/** A dictionary of one-field documents, each a list of terms; pending terms merged. */
function dictionaryOf(docs: readonly (readonly string[])[]): TermDictionary {
	const dictionary = new TermDictionary();
	docs.forEach((terms, docId) => dictionary.addDocument(docId, [terms], true));
	dictionary.mergePending();
	return dictionary;
}

/** `n` one-field documents holding `term`. */
const times = (n: number, term: string): string[][] => Array.from({ length: n }, () => [term]);

suite('TermDictionary', () => {
	test('Completions of a prefix are its live terms, most frequent first, equally frequent ones alphabetically', () => {
		const d = dictionaryOf([...times(1, 'quantum'), ...times(3, 'quantization'), ...times(2, 'quantize'), ...times(2, 'quantile'), ...times(4, 'quark')]);
		assert.deepStrictEqual(d.completions('quant'), ['quantization', 'quantile', 'quantize', 'quantum']);
		assert.deepStrictEqual(d.completions('quantiz'), ['quantization', 'quantize']);
		assert.deepStrictEqual(d.completions('quantize'), ['quantize'], 'the prefix itself, when it is a term');
		assert.deepStrictEqual(d.completions('qx'), []);
		assert.deepStrictEqual(d.completions('q'), ['quark', 'quantization', 'quantile', 'quantize', 'quantum']);
	});

	test('At most 24 completions are given: the most frequent ones', () => {
		// term00 in 1 document, term01 in 2, … term29 in 30.
		const docs = Array.from({ length: 30 }, (_, i) => times(i + 1, `term${String(i).padStart(2, '0')}`)).flat();
		const completions = dictionaryOf(docs).completions('term');
		assert.equal(completions.length, maxPrefixCompletions);
		assert.equal(maxPrefixCompletions, 24);
		assert.deepStrictEqual(completions, Array.from({ length: 24 }, (_, i) => `term${String(29 - i).padStart(2, '0')}`));
	});

	test('A new term is completed only after mergePending, and a short prefix asked before is not stuck on the old answer', () => {
		const d = dictionaryOf([['model']]);
		assert.deepStrictEqual(d.completions('mo'), ['model']);
		d.addDocument(1, [['momentum']], true);
		assert.deepStrictEqual(d.completions('mom'), [], 'not merged yet');
		d.mergePending();
		assert.deepStrictEqual(d.completions('mo'), ['model', 'momentum']);
		assert.deepStrictEqual(d.completions('mom'), ['momentum']);
	});

	test('A document counts once per term over all its fields; each field gets its distinct terms in order of first occurrence', () => {
		const d = new TermDictionary();
		const distinct = d.addDocument(0, [['b', 'a', 'b'], ['a', 'c', 'c'], ['a']], true);
		assert.deepStrictEqual(distinct, [['b', 'a'], ['a', 'c'], ['a']]);
		assert.deepStrictEqual([d.documentFrequency('a'), d.documentFrequency('b'), d.documentFrequency('c')], [1, 1, 1]);
		d.addDocument(1, [['a'], [], ['d']], true);
		assert.deepStrictEqual([d.documentFrequency('a'), d.documentFrequency('d'), d.documentFrequency('zzz')], [2, 1, 0]);
	});

	test('Re-adding documents uncounted after resetStamps gives their distinct terms and leaves the frequencies alone', () => {
		const d = dictionaryOf([['x', 'y', 'x'], ['y']]);
		d.resetStamps();
		assert.deepStrictEqual(d.addDocument(0, [['x', 'y', 'x']], false), [['x', 'y']]);
		assert.deepStrictEqual(d.addDocument(1, [['y']], false), [['y']]);
		assert.deepStrictEqual(d.entries(), [
			['x', 1],
			['y', 2],
		]);
	});

	test('Removing a document lowers the frequencies of its terms once each; a term held by no paper is neither counted nor completed', () => {
		const d = dictionaryOf([['graph', 'graph', 'network'], ['graph'], ['grammar']]);
		assert.deepStrictEqual(d.completions('gra'), ['graph', 'grammar']);
		d.removeDocument(['graph', 'graph', 'network']);
		assert.equal(d.documentFrequency('graph'), 1);
		assert.equal(d.has('network'), false);
		d.removeDocument(['graph']);
		assert.equal(d.has('graph'), false);
		assert.deepStrictEqual(d.completions('gra'), ['grammar'], 'the cached completion of a short prefix was dropped');
		assert.equal(d.size, 1);
	});

	test('The prefix frequency sums the document frequencies of the words a prefix starts', () => {
		const d = dictionaryOf([...times(3, 'diffusion'), ...times(2, 'diffuse'), ['different'], ['dog']]);
		assert.equal(d.prefixFrequency('diffus'), 5);
		assert.equal(d.prefixFrequency('diff'), 6);
		assert.equal(d.prefixFrequency('cat'), 0);
	});

	test('Typo candidates are the known words one slip away, most frequent first', () => {
		const d = dictionaryOf([...times(2, 'transformer'), ...times(5, 'transformed'), ['transformers'], ['transform']]);
		// 'transformes' → transformer (substitute), transformed (substitute), transformers (insert); 'transform' is two away.
		assert.deepStrictEqual(d.typoCandidates('transformes', false), [
			['transformed', 5],
			['transformer', 2],
			['transformers', 1],
		]);
		assert.deepStrictEqual(d.typoCandidates('xyzzyq', false), []);
		// As a prefix, a candidate counts the words it starts: 'tarnsf' → 'transf' (a swap) starts all nine.
		assert.deepStrictEqual(d.typoCandidates('tarnsf', true), [['transf', 9]]);
	});

	test('The edits of a word are its deletes, swaps, substitutions and inserts, never the word itself', () => {
		const edits = editsOf('abc');
		for (const e of ['bc', 'ac', 'ab', 'bac', 'acb', 'xbc', 'azc', 'abz', 'zabc', 'azbc', 'abzc', 'abcz']) assert.ok(edits.has(e), e);
		assert.ok(!edits.has('abc'));
		assert.ok(!edits.has('cba'), 'two slips');
		assert.ok([...edits].every((e) => Math.abs(e.length - 3) <= 1));
	});

	test('Entries are sorted by term and restore a dictionary with the same frequencies and completions, unsorted input included', () => {
		const d = dictionaryOf([['beta', 'alpha'], ['alpha'], ['gamma']]);
		const entries = d.entries();
		assert.deepStrictEqual(entries, [
			['alpha', 2],
			['beta', 1],
			['gamma', 1],
		]);
		for (const input of [entries, [...entries].reverse()]) {
			const restored = TermDictionary.fromEntries(input);
			assert.deepStrictEqual(restored.entries(), entries);
			assert.deepStrictEqual(restored.completions('a'), ['alpha']);
			assert.deepStrictEqual(restored.completions('g'), ['gamma']);
			assert.equal(restored.prefixFrequency(''), 4);
		}
	});
});

suite('Document frequencies through adding and removing digests', () => {
	const vocabulary = (index: PaperIndex) => new Map(index.snapshot().vocabulary);
	const p1 = fakePaper('p1', 'Quantization methods', 'Quantization of weights.');
	const p2 = fakePaper('p2', 'Quantization', '', { keywords: ['quantization'] });
	const p3 = fakePaper('p3', 'Pruning', 'And quantization.');

	test('A paper shared by two digests counts once, and stops counting only when both are gone', () => {
		const index = new PaperIndex();
		index.addDigest('a', [p1, p2]);
		index.addDigest('b', [p2, p3]);
		assert.equal(vocabulary(index).get('quantization'), 3);
		assert.equal(vocabulary(index).get('methods'), 1);
		index.removeDigest('a');
		assert.equal(vocabulary(index).get('quantization'), 2);
		assert.equal(vocabulary(index).has('methods'), false);
		assert.deepStrictEqual(ids(index.search('method')), [], 'a removed term is not completed');
		index.removeDigest('b');
		assert.deepStrictEqual([...vocabulary(index)], []);
		assert.deepStrictEqual(ids(index.search('quantiz')), []);
		index.addDigest('b', [p2, p3]);
		assert.equal(vocabulary(index).get('quantization'), 2);
		assert.deepStrictEqual(ids(index.search('quantiz')), ['p2', 'p3']);
	});

	test('Replacing a digest recounts its papers instead of adding them twice', () => {
		const index = new PaperIndex();
		index.addDigest('a', [p1, p2]);
		index.addDigest('a', [p1, p2]);
		assert.equal(vocabulary(index).get('quantization'), 2);
		index.addDigest('a', [p3]);
		assert.equal(vocabulary(index).get('quantization'), 1);
		assert.equal(vocabulary(index).get('pruning'), 1);
	});

	test('Sweeping tombstones keeps the frequencies and what is found', () => {
		const many = Array.from({ length: 1600 }, (_, i) => fakePaper(`x${i}`, `Paper ${i} about topic${i % 7}`, 'Quantization.'));
		const index = new PaperIndex();
		index.addDigest('keep', [...many.slice(0, 400), p1]);
		index.addDigest('drop', many.slice(400));
		index.removeDigest('drop'); // 1200 tombstones > 1000 and > 401 / 3: swept
		const counts = vocabulary(index);
		assert.equal(counts.get('quantization'), 401);
		assert.equal(counts.get('topic0'), Math.ceil(400 / 7));
		assert.equal(index.search('quantization', { limit: 1000 }).length, 401);
		assert.deepStrictEqual(ids(index.search('quantization methods')).slice(0, 1), ['p1']);
	});
});
