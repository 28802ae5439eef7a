import * as assert from 'node:assert/strict';
import { JsonLinesReader, parseDigest } from '../../../src/core/parse';
import { corpusLines, corpusSampleSize } from '../../support/corpus';
import { assertWellFormed, corpusHead, fixture } from './parseTestSupport';

interface CorpusRecord { id: string; title: string; abstract: string; authors: string[]; date: string; upvotes: number | null; keywords?: string[]; categories?: string[] }

suite('JSON Lines digests', function () {
	// These stream and gunzip the corpus sample; generous for a loaded runner, never a speed check.
	this.timeout(30_000);
	test('The first 500 corpus records load as 500 papers with their fields', async () => {
		const lines = await corpusHead(500);
		assert.equal(lines.length, 500);
		const digest = parseDigest(lines.join('\n') + '\n', 'corpus.jsonl');
		assert.equal(digest.format, 'jsonl');
		assert.deepEqual(digest.diagnostics, []);
		assert.equal(digest.papers.length, 500);
		digest.papers.forEach((p, k) => {
			const r = JSON.parse(lines[k]) as CorpusRecord;
			assert.equal(p.id, r.id);
			assert.equal(p.title, r.title.replace(/\s+/g, ' ').trim());
			assert.ok(p.abstract.length >= 250);
			assert.deepEqual(p.authors, [...new Set(r.authors.map((a) => a.trim()).filter((a) => a !== ''))], 'authors, each once');
			assert.equal(p.date, r.date);
			assert.equal(p.year, Number(r.date.slice(0, 4)));
			assert.equal(p.upvotes, r.upvotes ?? undefined);
			assert.deepEqual(p.categories, r.categories ?? []);
			assert.deepEqual(p.source, { file: 'corpus.jsonl', startLine: k + 1, endLine: k + 1 });
		});
		assertWellFormed(digest, 'corpus.jsonl', 501);
	});

	test('A bad line is skipped with an error naming it and the rest still loads', () => {
		const digest = parseDigest(fixture('papers.jsonl'), 'papers.jsonl');
		assert.equal(digest.format, 'jsonl');
		assert.deepEqual(digest.papers.map((p) => [p.id, p.source.startLine]), [['2401.09603', 1], ['2402.00001', 4]]);
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity]), [[2, 'error'], [5, 'warning'], [6, 'warning']]);
		assert.match(digest.diagnostics[0].message, /^invalid JSON at line 2, column \d+: unexpected end of input/);
		assert.equal(digest.diagnostics[1].message, 'skipped line 5: not a paper object');
		assert.equal(digest.diagnostics[2].message, 'skipped line 6: no title');
	});

	test('CRLF line ends and a BOM change nothing', () => {
		const lf = parseDigest(fixture('papers.jsonl'), 'papers.jsonl');
		const crlf = parseDigest('\uFEFF' + fixture('papers.jsonl').toString('utf8').replace(/\n/g, '\r\n'), 'papers.jsonl');
		assert.deepEqual(crlf.papers, lf.papers);
		assert.deepEqual(crlf.diagnostics.map((d) => d.line), lf.diagnostics.map((d) => d.line));
	});

	test('The incremental reader gives the same papers line by line', () => {
		const text = fixture('papers.jsonl').toString('utf8');
		const reader = new JsonLinesReader('papers.jsonl');
		const added = text.split('\n').map((line) => reader.readLine(line)?.id);
		assert.deepEqual(added, ['2401.09603', undefined, undefined, '2402.00001', undefined, undefined, undefined]);
		assert.deepEqual(reader.papers, parseDigest(text, 'papers.jsonl').papers);
		assert.equal(reader.lineCount, 7);
		assert.equal(reader.diagnostics.length, 3);
	});

	test('A corpus record repeated later is skipped as a duplicate', async () => {
		const lines = await corpusHead(3);
		const digest = parseDigest([...lines, lines[0]].join('\n'), 'dup.jsonl');
		assert.equal(digest.papers.length, 3);
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity]), [[4, 'warning']]);
	});

	test('The whole corpus sample streams through the line reader without a problem', async function () {
		this.timeout(60_000);
		const reader = new JsonLinesReader('papers-2500.jsonl');
		for await (const line of corpusLines()) {
			reader.readLine(line);
		}
		assert.equal(reader.lineCount, corpusSampleSize);
		assert.equal(reader.papers.length, corpusSampleSize);
		assert.deepEqual(reader.diagnostics, []);
		assert.ok(reader.papers.every((p) => p.arxivId === p.id && p.abstract.length >= 250));
	});
});
