import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ParsedDigest } from '../../../src/core/model';
import { mergeDigests, parseDigest } from '../../../src/core/parse';
import { hfDayFile } from './parseTestSupport';

function permutations<T>(items: readonly T[]): T[][] {
	if (items.length <= 1) return [items.slice()];
	return items.flatMap((item, k) => permutations([...items.slice(0, k), ...items.slice(k + 1)]).map((rest) => [item, ...rest]));
}

suite('Merging digests', () => {
	const hf = parseDigest(fs.readFileSync(hfDayFile), 'hf.json');
	const envTitle = hf.papers[0].title;
	const text = parseDigest(`Daily Papers\n\nAug 21\n\n${envTitle.toUpperCase()}\n\n${'A shorter abstract of the same paper, as the page printed it. '.repeat(5)}\n\nOnly On The Page\n\n${'An abstract. '.repeat(30)}\n`, 'page.txt');
	const md = parseDigest(`## ${envTitle}\n\nAuthors: Someone Else\nCode: https://github.com/other/fork\n\nShort.\n\n## Only In Markdown\n\nText.\n`, 'notes.md');

	test('The same paper in two digests appears once, under its arXiv id', () => {
		const merged = mergeDigests([hf, text, md]);
		assert.equal(merged.length, hf.papers.length + 2);
		const env = merged.filter((p) => p.id === '2608.19880');
		assert.equal(env.length, 1);
		assert.equal(merged.filter((p) => p.title.toLowerCase() === envTitle.toLowerCase()).length, 1);
	});

	test('The richer record is kept and borrows only what it lacks', () => {
		const env = mergeDigests([text, md, hf]).find((p) => p.id === '2608.19880');
		assert.ok(env);
		assert.deepEqual(env, hf.papers[0]);
		const textOnly = mergeDigests([text, md]).find((p) => p.title.toLowerCase() === envTitle.toLowerCase());
		assert.ok(textOnly);
		assert.equal(textOnly.source.file, 'notes.md', 'the record with authors and links is the richer');
		assert.equal(textOnly.title, envTitle);
		assert.deepEqual(textOnly.authors, ['Someone Else']);
		assert.equal(textOnly.abstract, text.papers[0].abstract, 'the longest abstract is kept');
		assert.equal(textOnly.links.code, 'https://github.com/other/fork');
		assert.equal(textOnly.date, 'Aug 21');
	});

	test('Every order of the digests gives the same result', () => {
		const expected = mergeDigests([hf, text, md]);
		for (const order of permutations<ParsedDigest>([hf, text, md])) {
			assert.deepEqual(mergeDigests(order), expected);
		}
		const reversedPapers = { ...hf, papers: hf.papers.slice().reverse() };
		assert.deepEqual(mergeDigests([reversedPapers, md, text]), expected);
	});

	test('Papers with different arXiv ids stay apart even with the same title', () => {
		const a = parseDigest('[{"id": "2401.00001", "title": "Introduction"}]', 'a.json');
		const b = parseDigest('[{"id": "2401.00002", "title": "Introduction"}]', 'b.json');
		assert.deepEqual(mergeDigests([a, b]).map((p) => p.id), ['2401.00001', '2401.00002']);
	});

	test('No digests merge to nothing', () => {
		assert.deepEqual(mergeDigests([]), []);
	});
});
