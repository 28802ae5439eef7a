import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { detectFormat, parseDigest } from '../../../src/core/parse';
import { dailyPapersFile, fixture, hfDayFile } from './parseTestSupport';

suite('Reading any digest', () => {
	test('The format comes from the content, whatever the file is called', () => {
		const cases: [Buffer, string][] = [
			[fs.readFileSync(dailyPapersFile), 'daily-papers-text'],
			[fs.readFileSync(hfDayFile), 'hf-json'],
			[fixture('papers.jsonl'), 'jsonl'],
			[fixture('grouped.md'), 'markdown'],
		];
		for (const [bytes, format] of cases) {
			assert.equal(detectFormat(bytes.toString('utf8'), 'misleading.txt'), format);
			assert.equal(parseDigest(bytes, 'misleading.json').format, format);
		}
		assert.equal(detectFormat('[{"title": "x"}]'), 'json-array');
		assert.equal(detectFormat('{\n  "title": "x"\n}', 'a.json'), 'json-array');
		assert.equal(detectFormat('{\n  "title": "x"\n}', 'a.jsonl'), 'jsonl');
		assert.equal(detectFormat('  \n'), undefined);
		assert.equal(detectFormat('hello'), undefined);
	});

	test('A single Markdown heading is enough for Markdown, whatever the file name', () => {
		const md = '# Only Paper\n\nIts abstract.\n';
		assert.equal(detectFormat(md, 'digest.txt'), 'markdown');
		assert.deepEqual(parseDigest(md, 'digest.txt').papers.map((p) => [p.title, p.abstract]), [['Only Paper', 'Its abstract.']]);
		assert.notEqual(detectFormat('#hashtag line\n\nnot a heading.'), 'markdown');
	});

	test('A format hint decides between formats the content could be, never against it', () => {
		const md = '# Only Paper\n\nIts abstract.\n';
		assert.equal(parseDigest(md, 'x.txt', { formatHint: 'markdown' }).papers[0]?.title, 'Only Paper');
		const json = parseDigest('[{"title": "T"}]', 'x.txt', { formatHint: 'markdown' });
		assert.equal(json.format, 'json-array');
		assert.equal(json.papers.length, 1);
	});

	test('The content hash is the sha256 of the raw bytes, for bytes and strings alike', () => {
		const bytes = fs.readFileSync(hfDayFile);
		const expected = createHash('sha256').update(bytes).digest('hex');
		assert.equal(parseDigest(bytes, 'a.json').contentHash, expected);
		assert.equal(parseDigest(bytes.toString('utf8'), 'a.json').contentHash, expected);
		assert.notEqual(parseDigest(bytes.subarray(1), 'a.json').contentHash, expected);
	});

	test('A file over the size limit is refused unread, naming its size, the limit and the setting', () => {
		const digest = parseDigest(fs.readFileSync(dailyPapersFile), 'daily.txt', { maxBytes: 100 * 1024 });
		assert.equal(digest.papers.length, 0);
		assert.equal(digest.format, undefined);
		assert.deepEqual(digest.diagnostics, [{
			file: 'daily.txt',
			line: 1,
			severity: 'error',
			message: 'file too large: 0.1 MB is over the 0.1 MB limit (setting paperShelf.maxDigestSizeMB)',
		}]);
	});

	test('NUL bytes make a binary file', () => {
		const bytes = Buffer.concat([Buffer.from('line one\nline two\n'), Buffer.from([0x00, 0x01, 0x02])]);
		const digest = parseDigest(bytes, 'image.png');
		assert.equal(digest.papers.length, 0);
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity, d.message]), [[3, 'error', 'binary file: it holds NUL bytes (byte offset 18)']]);
	});

	test('Bytes that are not UTF-8 are reported with their offset', () => {
		const latin1 = Buffer.concat([Buffer.from('Title\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' abstract.')]);
		const digest = parseDigest(latin1, 'latin1.txt');
		assert.equal(digest.papers.length, 0);
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity, d.message]), [[3, 'error', 'not UTF-8 text (byte offset 10)']]);
	});

	test('UTF-16 with a byte order mark is decoded', () => {
		const text = fixture('papers.jsonl').toString('utf8');
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
		assert.deepEqual(parseDigest(utf16, 'p.jsonl').papers.map((p) => p.id), parseDigest(text, 'p.jsonl').papers.map((p) => p.id));
	});

	test('Text that is no digest says so', () => {
		const digest = parseDigest('hello', 'notes.txt');
		assert.equal(digest.format, undefined);
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity, d.message]), [[1, 'error', 'not a digest: no papers found']]);
		assert.deepEqual(parseDigest('', 'empty.txt').diagnostics.map((d) => d.message), ['not a digest: no papers found']);
	});

	test('A hopeless file lists a bounded number of problems and counts the rest', () => {
		const lines = Array.from({ length: 1000 }, (_, k) => `{"title": "Paper ${k}"`).join('\n');
		const digest = parseDigest(lines, 'broken.jsonl');
		assert.equal(digest.diagnostics.length, 201);
		assert.deepEqual(digest.diagnostics[200], { file: 'broken.jsonl', line: 200, severity: 'info', message: '800 more problems not listed' });
	});
});
