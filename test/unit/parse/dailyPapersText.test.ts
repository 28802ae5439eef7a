import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { parseDigest } from '../../../src/core/parse';
import { assertWellFormed, dailyPapersFile } from './parseTestSupport';

/** Title/abstract pairs read straight off the page, independently of the parser: non-blank lines after the header. */
function pairsOfBundledPage(text: string): { title: string; abstract: string }[] {
	const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
	const dateIndex = lines.findIndex((l) => /^[A-Z][a-z]{2} \d{1,2}$/.test(l));
	const body = lines.slice(dateIndex + 1);
	const pairs: { title: string; abstract: string }[] = [];
	for (let i = 0; i + 1 < body.length; i += 2) pairs.push({ title: body[i], abstract: body[i + 1] });
	return pairs;
}

const abstractA = 'We study how transformers learn in context. We show that a simple model explains the effect, and we test it on three benchmarks with consistent results across scales and tasks that matter in practice.';
const abstractB = 'We present a method for faster inference. It prunes attention heads on the fly. On two benchmarks it halves latency without measurable loss of accuracy, and it needs no retraining of the model at all.';

suite('Daily Papers text digests', () => {
	const bytes = fs.readFileSync(dailyPapersFile);
	const text = bytes.toString('utf8');
	const pairs = pairsOfBundledPage(text);

	test('The bundled page gives exactly 71 papers whose titles match the file', () => {
		const digest = parseDigest(bytes, 'daily.txt');
		assert.equal(digest.format, 'daily-papers-text');
		assert.equal(pairs.length, 71);
		assert.equal(digest.papers.length, 71);
		assert.deepEqual(digest.papers.map((p) => p.title), pairs.map((p) => p.title));
		assert.equal(digest.papers[0].title, 'DeepSoCS: A Neural Scheduler for Heterogeneous System-on-Chip (SoC) Resource Scheduling');
		assert.equal(digest.papers[70].title, 'PCB-Vision: A Multiscene RGB-Hyperspectral Benchmark Dataset of Printed Circuit Boards');
		assert.deepEqual(digest.diagnostics, []);
		assertWellFormed(digest, 'daily.txt', text.split('\n').length);
	});

	test('Every abstract of the bundled page is read, none empty', () => {
		const digest = parseDigest(bytes, 'daily.txt');
		assert.ok(digest.papers.every((p) => p.abstract.length > 0));
		const lastAbstract = pairs[70].abstract;
		assert.equal(digest.papers[70].abstract, lastAbstract.replace(/(?<=\p{L})~(?=[\p{L}(])/gu, ' '));
	});

	test('The date line is kept as written and no year is invented', () => {
		const digest = parseDigest(bytes, 'daily.txt');
		assert.equal(digest.dateLine, 'Jul 31');
		assert.ok(digest.papers.every((p) => p.date === 'Jul 31' && p.year === undefined));
	});

	test('A tilde between words becomes a space, other tildes stay', () => {
		const digest = parseDigest(bytes, 'daily.txt');
		const first = digest.papers[0].abstract;
		assert.ok(first.startsWith('In this paper, we present a novel scheduling solution'));
		assert.ok(!/\p{L}~\p{L}/u.test(digest.papers.map((p) => p.abstract).join(' ')));
		assert.ok(digest.papers.some((p) => p.abstract.includes('15~30%')));
	});

	test('Source ranges point at the title line and the abstract line', () => {
		const digest = parseDigest(bytes, 'daily.txt');
		const lines = text.split('\n');
		for (const p of digest.papers) {
			assert.equal(lines[p.source.startLine - 1], p.title);
			assert.equal(p.source.endLine, p.source.startLine + 2);
		}
	});

	test('CRLF line ends, a BOM and stray whitespace give the same papers', () => {
		const plain = parseDigest(text, 'daily.txt');
		const messy = '\uFEFF' + text.split('\n').map((l) => (l === '' ? ' \t ' : `  ${l}\t `)).join('\r\n');
		const digest = parseDigest(Buffer.from(messy, 'utf8'), 'daily.txt');
		assert.equal(digest.format, 'daily-papers-text');
		assert.deepEqual(digest.papers.map((p) => [p.id, p.title, p.abstract, p.source.startLine]), plain.papers.map((p) => [p.id, p.title, p.abstract, p.source.startLine]));
		assert.equal(digest.dateLine, 'Jul 31');
	});

	test('Reordering the papers keeps every id', () => {
		const plain = parseDigest(text, 'daily.txt');
		const header = text.split('\n').slice(0, 12).join('\n');
		const blocks = pairs.map((p) => `${p.title}\n\n${p.abstract}`).reverse();
		const reversed = parseDigest(`${header}\n${blocks.join('\n\n')}\n`, 'daily.txt');
		assert.deepEqual(reversed.papers.map((p) => p.id).sort(), plain.papers.map((p) => p.id).sort());
		assert.equal(reversed.papers[0].title, pairs[70].title);
	});

	test('An abstract broken over several lines is joined', () => {
		const wrapped = abstractB.replace(/\. /g, '.\n');
		assert.equal(wrapped.split('\n').length, 3);
		const digest = parseDigest(`Daily Papers\n\nAug 2\n\nFirst Paper Title\n\n${wrapped}\n\nSecond Paper Title\n\n${abstractA}\n`, 'page.txt');
		assert.deepEqual(digest.papers.map((p) => p.title), ['First Paper Title', 'Second Paper Title']);
		assert.equal(digest.papers[0].abstract, abstractB);
		assert.deepEqual(digest.papers[0].source, { file: 'page.txt', startLine: 5, endLine: 9 });
	});

	test('A title without an abstract gives a warning and a paper with an empty abstract', () => {
		const page = `new\n\nSubscribe\n\nAug 2\n\nFirst Paper Title\n\n${abstractA}\n\nOrphan Title Without Abstract\n\nThird Paper Title\n\n${abstractB}\n`;
		const digest = parseDigest(page, 'page.txt');
		assert.deepEqual(digest.papers.map((p) => p.title), ['First Paper Title', 'Orphan Title Without Abstract', 'Third Paper Title']);
		assert.equal(digest.papers[1].abstract, '');
		assert.equal(digest.diagnostics.length, 1);
		assert.deepEqual({ ...digest.diagnostics[0], message: digest.diagnostics[0].message.split(':')[0] }, { file: 'page.txt', line: 11, severity: 'warning', message: 'title without an abstract' });
	});

	test('A last title without an abstract is still a paper, with a warning', () => {
		const digest = parseDigest(`Aug 2\n\nFirst Paper Title\n\n${abstractA}\n\nDangling Title\n`, 'page.txt');
		assert.deepEqual(digest.papers.map((p) => [p.title, p.abstract === '']), [['First Paper Title', false], ['Dangling Title', true]]);
		assert.deepEqual(digest.diagnostics.map((d) => [d.line, d.severity]), [[7, 'warning']]);
	});

	test('A different header is recognised without knowing its words', () => {
		const page = `Trending research\n\nSign in\n\nPapers of the day\n\nJuly 30, 2024\n\nFirst Paper Title\n\n${abstractA}\n\nSecond Paper Title\n\n${abstractB}`;
		const digest = parseDigest(page, 'page.txt');
		assert.deepEqual(digest.papers.map((p) => p.title), ['First Paper Title', 'Second Paper Title']);
		assert.equal(digest.dateLine, 'July 30, 2024');
		assert.equal(digest.papers[0].year, 2024);
	});

	test('A page without a header starts with its first title and has no date', () => {
		const digest = parseDigest(`First Paper Title\n\n${abstractA}\n\nSecond Paper Title\n\n${abstractB}`, 'page.txt');
		assert.equal(digest.papers.length, 2);
		assert.equal(digest.dateLine, undefined);
		assert.equal(digest.papers[0].date, undefined);
	});

	test('Short abstracts ending in a period still pair with their titles', () => {
		const digest = parseDigest('Daily Papers\n\nAug 2\n\nTitle One\n\nShort abstract one.\n\nTitle Two\n\nShort abstract two.\n', 'page.txt');
		assert.deepEqual(digest.papers.map((p) => [p.title, p.abstract]), [['Title One', 'Short abstract one.'], ['Title Two', 'Short abstract two.']]);
	});

	test('The same title twice in one page keeps the first and warns', () => {
		const digest = parseDigest(`Aug 2\n\nSame Title\n\n${abstractA}\n\nSame  title!\n\n${abstractB}\n`, 'page.txt');
		assert.equal(digest.papers.length, 1);
		assert.equal(digest.papers[0].abstract, abstractA);
		assert.equal(digest.diagnostics[0].severity, 'warning');
		assert.match(digest.diagnostics[0].message, /^duplicate paper "Same title!" \(first at line 3\)/);
		assert.equal(digest.diagnostics[0].line, 7);
	});
});
