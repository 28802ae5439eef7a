import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { checkHttpUrl, findArxivId, normalizeTitle, paperIdFor, parseArxivId } from '../../../src/core/parse';
import { normalizeInline, normalizeText } from '../../../src/core/parse/normalizeText';

suite('Paper ids', () => {
	test('Titles are normalized: NFKC, lower case, punctuation and whitespace folded', () => {
		assert.equal(normalizeTitle('  Flash-LLM:  Enabling\tCost-Effective   Inference! '), 'flash llm enabling cost effective inference');
		assert.equal(normalizeTitle('ＦＵＬＬＷＩＤＴＨ ﬁne‐tuning'), 'fullwidth fine tuning');
		assert.equal(normalizeTitle('we~present'), 'we present');
	});

	test('The arXiv id without version is the id when known', () => {
		assert.equal(paperIdFor('Anything', '2401.09603v3'), '2401.09603');
		assert.equal(paperIdFor('Anything', 'arXiv:2401.09603'), '2401.09603');
		assert.equal(paperIdFor('Anything', 'hep-th/9901001v2'), 'hep-th/9901001');
	});

	test('Without an arXiv id the id is t- and 12 hex digits of the sha256 of the normalized title', () => {
		const expected = `t-${createHash('sha256').update('zero bubble pipeline parallelism').digest('hex').slice(0, 12)}`;
		assert.equal(paperIdFor('Zero Bubble Pipeline Parallelism'), expected);
		assert.equal(paperIdFor('zero-bubble  PIPELINE parallelism.'), expected);
		assert.equal(paperIdFor('Zero Bubble Pipeline Parallelism', 'not an id'), expected);
		assert.notEqual(paperIdFor('Zero Bubble Pipeline Parallelism 2'), expected);
	});

	test('arXiv ids are found in ids, prefixes and URLs, and nothing is made up', () => {
		assert.equal(parseArxivId('https://arxiv.org/abs/2401.09603v2'), '2401.09603');
		assert.equal(parseArxivId('https://arxiv.org/pdf/2401.09603.pdf'), '2401.09603');
		assert.equal(parseArxivId('https://huggingface.co/papers/2608.19880'), '2608.19880');
		assert.equal(parseArxivId('12345'), undefined);
		assert.equal(parseArxivId('2401.09603 extra'), undefined);
		assert.equal(findArxivId('see [2401.09603](https://arxiv.org/abs/2401.09603)'), '2401.09603');
		assert.equal(findArxivId('version 1.2.3'), undefined);
	});
});

suite('Link hygiene', () => {
	test('Only http(s) URLs written with a host are kept', () => {
		assert.deepEqual(checkHttpUrl('  https://github.com/x/y '), { url: 'https://github.com/x/y' });
		assert.deepEqual(checkHttpUrl('http://example.org/a b'), { url: 'http://example.org/a%20b' });
		for (const bad of ['javascript:alert(1)', 'JAVASCRIPT://x', 'file:///etc/passwd', 'https:}//github.com/x', 'https:github.com', '/relative', 'data:text/html,x']) {
			assert.deepEqual(checkHttpUrl(bad), { rejected: bad }, bad);
		}
		assert.deepEqual(checkHttpUrl(''), {});
		assert.deepEqual(checkHttpUrl(42), {});
	});
});

suite('Text clean-up', () => {
	test('Whitespace folds, controls become spaces, invisible characters go, word tildes become spaces', () => {
		assert.equal(normalizeInline('  a\t b\u00a0\u00a0c \n'), 'a b c');
		assert.equal(normalizeInline('a\u0007b\u200Bc\uFEFF'), 'a bc');
		assert.equal(normalizeInline('we~present models~(LLMs) at 15~30% and ~20%'), 'we present models (LLMs) at 15~30% and ~20%');
		assert.equal(normalizeInline('already clean'), 'already clean');
	});

	test('Paragraphs stay apart by one blank line, lines inside them join', () => {
		assert.equal(normalizeText('one\ntwo\r\n\r\n  \n three \n'), 'one two\n\nthree');
		assert.equal(normalizeText('  single  line '), 'single line');
	});
});
