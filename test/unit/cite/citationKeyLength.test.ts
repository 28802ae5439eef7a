import * as assert from 'node:assert/strict';
import { assignCitationKeys, baseCitationKey, compileKeyFormula, MAX_CITATION_KEY_LENGTH } from '../../../src/core/cite/citationKey';
import { scanCitations } from '../../../src/core/cite/citationScanner';
import { makePaper } from './citeTestSupport';

function formula(source: string) {
	const compiled = compileKeyFormula(source);
	assert.ok(compiled.ok);
	return compiled.formula;
}

/** A title of `words` distinct significant words (≈ 10 characters each). */
function longTitle(words: number, stem = 'Word'): string {
	return Array.from({ length: words }, (_, i) => `${stem}${String(i).padStart(6, '0')}`).join(' ');
}

suite('Citation key length', () => {
	test('A key from the whole of a 600-character title is cut to the longest key', () => {
		const paper = makePaper({ title: longTitle(60), year: 2026 });
		const key = baseCitationKey(paper, formula('title + year'));
		assert.equal(key.length, MAX_CITATION_KEY_LENGTH);
		assert.ok(key.startsWith('Word000000Word000001'));
	});

	test('Papers whose long keys agree up to the cut get suffixed keys, still unique and no longer than the cut', () => {
		const papers = Array.from({ length: 30 }, (_, i) => makePaper({ title: `${longTitle(20)} Variant${i}`, arxivId: `2601.${String(i).padStart(5, '0')}` }));
		const keys = assignCitationKeys(papers, formula('title'));
		const values = [...keys.values()];
		assert.equal(new Set(values.map((k) => k.toLowerCase())).size, papers.length);
		for (const key of values) {
			assert.ok(key.length <= MAX_CITATION_KEY_LENGTH, `${key.length}: ${key}`);
		}
		assert.deepEqual(assignCitationKeys([...papers].reverse(), formula('title')), keys);
	});

	test('An id-based key of a very long paper id is cut too', () => {
		const paper = makePaper({ title: '', arxivId: undefined });
		const key = baseCitationKey({ ...paper, id: 'x'.repeat(500) }, formula('id'));
		assert.ok(key.length <= MAX_CITATION_KEY_LENGTH);
	});

	test('The scanner finds every key the rules can make, at the longest length, in Pandoc and LaTeX notes', () => {
		const papers = [
			makePaper({ title: longTitle(60), year: 2026 }),
			makePaper({ title: longTitle(60, 'Other'), year: 2026 }),
			makePaper({ title: longTitle(60, 'Other'), year: 2026, arxivId: '2601.00001' }),
		];
		const keys = [...assignCitationKeys(papers, formula('title + year')).values()];
		assert.ok(keys.some((k) => k.length === MAX_CITATION_KEY_LENGTH));
		const markdown = `See [@${keys.join('; @')}] and @${keys[0]}.`;
		assert.deepEqual(scanCitations(markdown, 'markdown').map((c) => c.key), [...keys, keys[0]]);
		const latex = `\\cite{${keys.join(',')}}`;
		assert.deepEqual(scanCitations(latex, 'latex').map((c) => c.key), keys);
	});

	test('The scanner reads a key however long (a hand-written one in a user bibliography), not the first 512 characters', () => {
		const key = 'k'.repeat(2000);
		assert.deepEqual(scanCitations(`[@${key}]`, 'markdown').map((c) => c.key), [key]);
	});
});
