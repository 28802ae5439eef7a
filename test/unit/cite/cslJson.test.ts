import * as assert from 'node:assert/strict';
import { applyInsertion, planBibliographyEdit, readBibliographyKeys } from '../../../src/core/cite/bibliographyFile';
import { cslItem, cslName, parseCslJsonKeys, planCslJsonAppend } from '../../../src/core/cite/cslJson';
import { citeFixture, makePaper, vaswani } from './citeTestSupport';

const undated = makePaper({ title: 'OHQ: On-chip Hardware-aware Quantization', date: 'Jul 31' });

suite('CSL-JSON items', () => {
	test('An arXiv paper becomes an article with authors, issued date, URL and the arXiv number', () => {
		assert.deepEqual(cslItem(vaswani, 'vaswaniAttentionAllYou2017'), {
			id: 'vaswaniAttentionAllYou2017',
			type: 'article',
			title: 'Attention Is All You Need',
			author: [
				{ family: 'Vaswani', given: 'Ashish' },
				{ family: 'Shazeer', given: 'Noam' },
				{ family: 'Parmar', given: 'Niki' },
			],
			issued: { 'date-parts': [[2017, 6, 12]] },
			URL: 'https://arxiv.org/abs/1706.03762',
			number: '1706.03762',
			archive: 'arXiv',
			publisher: 'arXiv',
		});
	});

	test('A paper without year or authors has neither, and a note saying where it was listed', () => {
		const item = cslItem(undated, 'OHQOnchipHardwareaware');
		assert.equal(item.issued, undefined);
		assert.equal(item.author, undefined);
		assert.equal(item.note, 'Hugging Face Daily Papers, Jul 31');
		assert.equal(item.publisher, 'Hugging Face Daily Papers');
	});

	test('Names keep particles apart and one-word names whole', () => {
		assert.deepEqual(cslName('Jan van der Berg'), { family: 'Berg', given: 'Jan', 'non-dropping-particle': 'van der' });
		assert.deepEqual(cslName('Plato'), { literal: 'Plato' });
	});
});

suite('CSL-JSON bibliographies', () => {
	test('Ids are read with the line of their item', () => {
		const parsed = parseCslJsonKeys(citeFixture('existing.json'));
		assert.ok(parsed.ok);
		assert.deepEqual(parsed.entries, [
			{ key: 'knuth1984literate', line: 2 },
			{ key: 'vaswaniAttentionAllYou2017', line: 8 },
		]);
	});

	test('Missing items are inserted before the closing bracket; existing items stay byte-identical', () => {
		const existing = citeFixture('existing.json');
		const plan = planCslJsonAppend(existing, [
			{ paper: vaswani, key: 'vaswaniAttentionAllYou2017' },
			{ paper: undated, key: 'OHQOnchipHardwareaware' },
		]);
		assert.ok(plan.ok && plan.insertion);
		assert.deepEqual(plan.added, ['OHQOnchipHardwareaware']);
		assert.deepEqual(plan.alreadyPresent, ['vaswaniAttentionAllYou2017']);
		const after = applyInsertion(existing, plan.insertion);
		assert.equal(after.slice(0, plan.insertion.offset), existing.slice(0, plan.insertion.offset));
		assert.equal(after.slice(plan.insertion.offset + plan.insertion.text.length), existing.slice(plan.insertion.offset));
		const items = JSON.parse(after) as { id: string }[];
		assert.deepEqual(items.map((i) => i.id), ['knuth1984literate', 'vaswaniAttentionAllYou2017', 'OHQOnchipHardwareaware']);
		assert.match(plan.insertion.text, /^,\n\t\{\n\t\t"id": "OHQOnchipHardwareaware"/, 'indented with the file’s tabs');
	});

	test('An empty file gets a new array and an empty array gets its first items', () => {
		for (const existing of ['', '[]', '[ ]\n']) {
			const plan = planBibliographyEdit('refs.json', existing, [{ paper: vaswani, key: 'v' }, { paper: undated, key: 'o' }]);
			assert.ok(plan.ok);
			const items = JSON.parse(applyInsertion(existing, plan.insertion)) as { id: string }[];
			assert.deepEqual(items.map((i) => i.id), ['v', 'o'], JSON.stringify(existing));
		}
	});

	test('Adding what is already there inserts nothing', () => {
		const plan = planCslJsonAppend(citeFixture('existing.json'), [{ paper: vaswani, key: 'knuth1984literate' }]);
		assert.ok(plan.ok);
		assert.equal(plan.insertion, undefined);
	});

	test('Unparseable JSON is refused with its line and column', () => {
		const plan = planCslJsonAppend(citeFixture('broken.json'), [{ paper: vaswani, key: 'v' }]);
		assert.ok(!plan.ok);
		assert.equal(plan.line, 3);
		assert.match(plan.message, /^line 3, column \d+: JSON syntax error/);
	});

	test('JSON with comments, or that is not an array of objects, is refused', () => {
		for (const [text, message] of [
			['// refs\n[]', /comments are not allowed/],
			['{"id": "a"}', /must be an array/],
			['[1, 2]', /must be an object/],
		] as const) {
			const keys = readBibliographyKeys('refs.json', text);
			assert.ok(!keys.ok, text);
			assert.match(keys.message, message);
		}
	});
});
