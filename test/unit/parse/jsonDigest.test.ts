import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseDigest } from '../../../src/core/parse';
import { arrayElementRanges } from '../../../src/core/parse/parseJsonDigest';
import { assertWellFormed, fixture, hfDayFile } from './parseTestSupport';

interface HfItem {
	paper: { id: string; title: string; summary: string; authors: { name: string }[]; upvotes: number; githubRepo?: string; projectPage?: string; ai_keywords?: string[] };
}

suite('Hugging Face and plain JSON digests', () => {
	const bytes = fs.readFileSync(hfDayFile);
	const text = bytes.toString('utf8');
	const items = JSON.parse(text) as HfItem[];

	test('The real Hugging Face day gives its 17 papers with ids, authors, upvotes and keywords', () => {
		const digest = parseDigest(bytes, 'hf.json');
		assert.equal(digest.format, 'hf-json');
		assert.deepEqual(digest.diagnostics, []);
		assert.equal(digest.papers.length, items.length);
		digest.papers.forEach((p, k) => {
			const src = items[k].paper;
			assert.equal(p.id, src.id);
			assert.equal(p.arxivId, src.id);
			assert.equal(p.title, src.title);
			assert.equal(p.abstract, src.summary.replace(/\s+/g, ' ').trim());
			assert.deepEqual(p.authors, src.authors.map((a) => a.name));
			assert.equal(p.upvotes, src.upvotes);
			assert.deepEqual(p.keywords, src.ai_keywords ?? []);
			assert.equal(p.links.code, src.githubRepo);
			assert.equal(p.links.project, src.projectPage);
		});
		assertWellFormed(digest, 'hf.json', text.split('\n').length);
	});

	test('Years and dates come from publishedAt, links from the arXiv id', () => {
		const p = parseDigest(bytes, 'hf.json').papers[0];
		assert.equal(p.date, '2026-08-20');
		assert.equal(p.year, 2026);
		assert.deepEqual(
			{ abs: p.links.arxivAbs, pdf: p.links.arxivPdf, hf: p.links.huggingFace },
			{ abs: 'https://arxiv.org/abs/2608.19880', pdf: 'https://arxiv.org/pdf/2608.19880', hf: 'https://huggingface.co/papers/2608.19880' },
		);
	});

	test('Each item starts on the line of its opening brace', () => {
		const digest = parseDigest(bytes, 'hf.json');
		const lines = text.split('\n');
		for (const p of digest.papers) {
			assert.equal(lines[p.source.startLine - 1].trim(), '{');
			assert.match(lines[p.source.endLine - 1].trim(), /^}/);
		}
		assert.equal(digest.papers[0].source.startLine, 2);
	});

	test('A javascript: link is dropped with a warning, an item without a title is skipped with one, a repeated id is skipped', () => {
		const digest = parseDigest(fixture('small-hf.json'), 'small.json');
		assert.deepEqual(digest.papers.map((p) => p.id), ['2608.19880', '2608.20335']);
		const [env] = digest.papers;
		assert.equal(env.links.project, undefined);
		assert.equal(env.links.code, 'https://github.com/google-research/envharness');
		assert.equal(env.abstract, 'LLM agents learn by interacting with environments, yet these environments are hand-built and static.');
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity, d.message.replace(/:.*$/, '')]), [
			[2, 'warning', 'dropped a link that is not http(s)'],
			[16, 'warning', 'skipped item 2'],
			[32, 'warning', 'duplicate paper "EnvHarness'],
		]);
		assert.match(digest.diagnostics[0].message, /javascript:alert/);
		assert.match(digest.diagnostics[1].message, /no title$/);
	});

	test('A plain JSON array of paper objects is read, authors as strings or objects', () => {
		const json = JSON.stringify([
			{ title: 'Plain One', abstract: 'First.', authors: ['Ada Lovelace', { name: 'Alan Turing' }], id: 'arXiv:2401.00001v3', date: '2024-01-02' },
			{ title: 'Plain Two', summary: 'Second.', authors: 'Grace Hopper and Edsger Dijkstra', year: 2023, links: { code: 'https://github.com/x/y' } },
		], null, 2);
		const digest = parseDigest(json, 'plain.json');
		assert.equal(digest.format, 'json-array');
		assert.deepEqual(digest.papers.map((p) => [p.id, p.title, p.abstract, p.authors, p.year]), [
			['2401.00001', 'Plain One', 'First.', ['Ada Lovelace', 'Alan Turing'], 2024],
			[digest.papers[1].id, 'Plain Two', 'Second.', ['Grace Hopper', 'Edsger Dijkstra'], 2023],
		]);
		assert.match(digest.papers[1].id, /^t-[0-9a-f]{12}$/);
		assert.equal(digest.papers[1].links.code, 'https://github.com/x/y');
		assert.deepEqual(digest.papers.map((p) => p.source.startLine), [2, 14]);
	});

	test('Invalid JSON is reported at its line and column with the reason', () => {
		const digest = parseDigest('[\n  {"title": "A"},\n    {"title" "B"}\n]', 'bad.json');
		assert.equal(digest.papers.length, 0);
		assert.equal(digest.diagnostics.length, 1);
		const [d] = digest.diagnostics;
		assert.deepEqual([d.line, d.column, d.severity], [3, 14, 'error']);
		assert.equal(d.message, "invalid JSON at line 3, column 14: unexpected character \"\\\"\", expected ':' after a property name");
	});

	test('Truncated JSON is reported at its end', () => {
		const digest = parseDigest(text.slice(0, 500), 'cut.json');
		assert.equal(digest.papers.length, 0);
		assert.equal(digest.diagnostics[0].severity, 'error');
		assert.match(digest.diagnostics[0].message, /^invalid JSON at line \d+, column \d+: /);
		assert.equal(digest.diagnostics[0].line, text.slice(0, 500).split('\n').length);
	});

	test('A JSON value that is not an array is not a digest', () => {
		const digest = parseDigest('{\n  "title": "x"\n}', 'obj.json');
		assert.equal(digest.papers.length, 0);
		assert.match(digest.diagnostics[0].message, /^not a digest: /);
		assert.equal(digest.diagnostics[0].severity, 'error');
	});

	test('An empty array gives a warning that no papers were found', () => {
		const digest = parseDigest('[]', 'empty.json');
		assert.deepEqual(digest.diagnostics.map((d) => [d.severity, d.message]), [['warning', 'not a digest: no papers found']]);
	});

	test('Item ranges skip strings holding brackets, commas and escaped quotes', () => {
		const json = '[ {"a": "],[\\"{"}, [1, [2]] ,\n"x" , 3]';
		const ranges = arrayElementRanges(json).map(([s, e]) => json.slice(s, e + 1));
		assert.deepEqual(ranges, ['{"a": "],[\\"{"}', '[1, [2]]', '"x"', '3']);
	});
});
