import * as assert from 'node:assert/strict';
import { parseDigest } from '../../../src/core/parse';
import { assertWellFormed, fixture } from './parseTestSupport';

suite('Markdown digests', () => {
	const bytes = fixture('grouped.md');
	const lineCount = bytes.toString('utf8').split('\n').length;

	test('Level-2 headings are papers and other headings are their sections', () => {
		const digest = parseDigest(bytes, 'grouped.md');
		assert.equal(digest.format, 'markdown');
		assert.deepEqual(digest.papers.map((p) => [p.title, p.section]), [
			['Rethinking FID: Towards a Better Evaluation Metric for Image Generation', 'Vision'],
			['Zero Bubble Pipeline Parallelism', 'Vision'],
			['A Title Nobody Wrote An Abstract For', 'Language'],
			['Safe Links Only', 'Language'],
		]);
		assertWellFormed(digest, 'grouped.md', lineCount);
	});

	test('A linked title, list-style metadata and wrapped paragraphs are read', () => {
		const [fid] = parseDigest(bytes, 'grouped.md').papers;
		assert.equal(fid.id, '2401.09603');
		assert.deepEqual(fid.authors, ['Sadeep Jayasumana', 'Srikumar Ramalingam', 'Andreas Veit']);
		assert.equal(fid.date, '2023-11-30');
		assert.equal(fid.year, 2023);
		assert.equal(fid.links.arxivAbs, 'https://arxiv.org/abs/2401.09603');
		assert.equal(fid.links.code, 'https://github.com/google-research/google-research/tree/master/cmmd');
		assert.equal(fid.abstract, 'As with many machine learning problems, the progress of image generation methods hinges on good evaluation metrics.\n\nWe call for a reevaluation of FID\'s use as the primary quality metric.');
		assert.deepEqual([fid.source.startLine, fid.source.endLine], [7, 16]);
	});

	test('Plain metadata lines give authors, the arXiv id and keywords', () => {
		const zero = parseDigest(bytes, 'grouped.md').papers[1];
		assert.equal(zero.id, '2401.10241');
		assert.deepEqual(zero.authors, ['Penghui Qi', 'Xinyi Wan', 'Min Lin']);
		assert.deepEqual(zero.keywords, ['pipeline parallelism', 'distributed training']);
		assert.equal(zero.abstract, 'Pipeline parallelism is one of the key components for large-scale distributed training.');
	});

	test('A heading without an abstract warns, and a javascript: link is dropped with a warning', () => {
		const digest = parseDigest(bytes, 'grouped.md');
		const [, , orphan, safe] = digest.papers;
		assert.equal(orphan.abstract, '');
		assert.equal(orphan.date, 'Aug 20');
		assert.equal(orphan.year, undefined);
		assert.deepEqual(safe.links, { code: 'https://github.com/example/safe', project: 'https://example.org/safe' });
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity, d.message.replace(/:.*$/, '')]), [
			[28, 'warning', 'title without an abstract'],
			[32, 'warning', 'dropped a link that is not http(s)'],
		]);
	});

	test('Level-3 papers under level-2 sections are read too', () => {
		const md = '## Vision\n\n### Paper A\n\nAbstract A.\n\n### Paper B\n\nAbstract B.\n\n## Audio\n\n### Paper C\n\nAbstract C.\n';
		const digest = parseDigest(md, 'x.md');
		assert.deepEqual(digest.papers.map((p) => [p.title, p.section, p.abstract]), [
			['Paper A', 'Vision', 'Abstract A.'],
			['Paper B', 'Vision', 'Abstract B.'],
			['Paper C', 'Audio', 'Abstract C.'],
		]);
	});

	test('Headings inside code fences and front matter are ignored', () => {
		const md = '---\ntitle: digest\n---\n## Real Paper\n\nIts abstract.\n\n```\n## Not A Paper\n```\n';
		const digest = parseDigest(md, 'x.md');
		assert.deepEqual(digest.papers.map((p) => [p.title, p.abstract]), [['Real Paper', 'Its abstract.']]);
	});

	test('CRLF line ends and a BOM give the same papers', () => {
		const crlf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bytes.toString('utf8').replace(/\n/g, '\r\n'))]);
		assert.deepEqual(parseDigest(crlf, 'grouped.md').papers, parseDigest(bytes, 'grouped.md').papers);
	});

	test('Reordering the papers keeps their ids', () => {
		const md = '## Paper A\n\nAbstract A.\n\n## Paper B\n\narXiv: 2401.00002\n\nAbstract B.\n';
		const swapped = '## Paper B\n\narXiv: 2401.00002\n\nAbstract B.\n\n## Paper A\n\nAbstract A.\n';
		const ids = (s: string) => parseDigest(s, 'x.md').papers.map((p) => p.id).sort();
		assert.deepEqual(ids(swapped), ids(md));
		assert.ok(ids(md).includes('2401.00002'));
	});

	test('A Markdown file without headings is not recognised as Markdown', () => {
		const digest = parseDigest('just some notes\nwithout headings', 'notes.md');
		assert.equal(digest.papers.length, 0);
		assert.deepEqual(digest.diagnostics.map((d) => [d.severity, d.message]), [['error', 'not a digest: no papers found']]);
	});

	test('A document title with an intro does not turn into the only paper', () => {
		const digest = parseDigest('# My Digest\n\nSome intro text.\n\n## Paper A\n\n## Paper B\n', 'x.md');
		assert.deepEqual(digest.papers.map((p) => [p.title, p.section]), [['Paper A', 'My Digest'], ['Paper B', 'My Digest']]);
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.message.replace(/:.*$/, '')]), [[5, 'title without an abstract'], [7, 'title without an abstract']]);
	});

	test('A single level-1 heading with text is a one-paper digest', () => {
		const digest = parseDigest('# Only Paper\n\nAuthors: A. Author\n\nIts abstract.\n', 'x.md');
		assert.deepEqual(digest.papers.map((p) => [p.title, p.authors, p.abstract, p.section]), [['Only Paper', ['A. Author'], 'Its abstract.', undefined]]);
	});
});
