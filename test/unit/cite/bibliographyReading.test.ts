import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as bibtexParse } from 'bibtex-parse';
import { readBibliographyKeys } from '../../../src/core/cite/bibliographyFile';
import { latexBibliographies } from '../../../src/core/cite/bibliographyLocator';
import { parseBibtexKeys } from '../../../src/core/cite/bibtex';
import { parseCslJsonKeys } from '../../../src/core/cite/cslJson';
import { scanCitations } from '../../../src/core/cite/citationScanner';
import { prng } from '../../support/corpus';
import { generatedKey, realisticBibtex, realisticCslJson, repeatedBibtexEntries } from './bibliographyCorpus';
import { repoRoot } from './citeTestSupport';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

type Read = ReturnType<typeof readBibliographyKeys>;

/** Reads a bibliography, failing the test (not crashing it) when the reader throws. */
function read(fileName: string, text: string): Read {
	try {
		return readBibliographyKeys(fileName, text);
	} catch (e) {
		assert.fail(`readBibliographyKeys threw on ${fileName}: ${e instanceof Error ? e.message : String(e)}`);
	}
}

function keysOf(result: Read): string[] {
	assert.ok(result.ok, result.ok ? '' : result.message);
	return result.keys.map((k) => k.key);
}

function problemOf(result: Read): { line: number; column: number; message: string } {
	assert.ok(!result.ok, 'expected a problem, got keys');
	return result;
}

suite('Reading hostile bibliographies', () => {
	test('A .bib with 10,000 nested braces in a field is read, with the keys around it', () => {
		const text = `@misc{deep,\n  title = {${'{'.repeat(10_000)}x${'}'.repeat(10_000)}},\n}\n@misc{after, title = {A}}\n`;
		const result = read('refs.bib', text);
		assert.deepEqual(result.ok && result.keys, [{ key: 'deep', line: 1 }, { key: 'after', line: 4 }]);
	});

	test('A .bib with 10,000 braces opened and never closed is a problem at the line of its entry', () => {
		const text = `@misc{fine, title = {F}}\n\n@misc{deep,\n  title = {${'{'.repeat(10_000)}x\n`;
		const problem = problemOf(read('refs.bib', text));
		assert.equal(problem.line, 3);
		assert.match(problem.message, /^line 3, column 1: .*'\}' is missing/);
	});

	test('10,000 brace groups side by side in one value, and a field name of 10,000 words, are read', () => {
		const siblings = `@misc{groups, title = {${'{a}'.repeat(10_000)}}, note = "${'{b}'.repeat(10_000)}"}\n`;
		const words = `@misc{words, ${'w '.repeat(10_000)}= {x}}\n`;
		assert.deepEqual(keysOf(read('refs.bib', siblings + words)), ['groups', 'words']);
	});

	test('Braces outside any entry are comment text, however deep', () => {
		assert.deepEqual(keysOf(read('refs.bib', `${'{'.repeat(10_000)}\n@misc{k, title = {T}}\n`)), ['k']);
	});

	test('A quoted string or an entry left open at the end of the file is a problem at its line', () => {
		const quoted = problemOf(read('refs.bib', '@misc{a, title = {A}}\n@misc{b,\n  title = "never closed'));
		assert.equal(quoted.line, 2);
		const open = problemOf(read('refs.bib', '@misc{a, title = {A}}\n\n\n@article{b,\n  year = 2020,\n'));
		assert.equal(open.line, 4);
	});

	test('A 1 MB entry on one line and a 1 MB key are read', () => {
		const big = `@misc{big, abstract = {${'word '.repeat(200_000)}}}\n`;
		const longKey = 'k'.repeat(1_000_000);
		assert.deepEqual(keysOf(read('refs.bib', big + `@misc{${longKey}, title = {T}}\n`)), ['big', longKey]);
	});

	test('CSL-JSON nested 100,000 deep is a problem at its line, naming the limit', () => {
		const text = `[\n  {"id": "a"},\n  {"id": "b", "note": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n]\n`;
		const problem = problemOf(read('refs.json', text));
		assert.equal(problem.line, 3);
		assert.match(problem.message, /^line 3, column \d+: .*nested deeper than \d+ levels/);
	});

	test('CSL-JSON objects nested 100,000 deep and never closed are a problem, not a crash', () => {
		const problem = problemOf(read('refs.json', `[${'{"a":'.repeat(100_000)}`));
		assert.equal(problem.line, 1);
	});

	test('CSL-JSON with a string left open at the end of the file is a problem at its line', () => {
		const problem = problemOf(read('refs.json', '[\n  {"id": "a"},\n  {"id": "b, "title": "x}\n'));
		assert.equal(problem.line, 3);
	});

	test('A 1 MB CSL-JSON item on one line and a 1 MB id are read', () => {
		const longId = 'i'.repeat(1_000_000);
		const text = `[{"id": "big", "abstract": "${'word '.repeat(200_000)}"}, {"id": "${longId}"}]`;
		assert.deepEqual(keysOf(read('refs.json', text)), ['big', longId]);
	});
});

suite('Reading realistic bibliographies', function () {
	this.timeout(120_000);

	test('Every key of a generated Better BibTeX export is read, with the line of its @', () => {
		const text = realisticBibtex(300, 7);
		const result = read('refs.bib', text);
		assert.deepEqual(keysOf(result), Array.from({ length: 300 }, (_, i) => generatedKey(i)));
		const lines = text.split('\n');
		for (const { key, line } of result.ok ? result.keys : []) {
			assert.match(lines[line - 1], new RegExp(`^@\\w+[{(]${key},`));
		}
	});

	test('Every id of a generated CSL-JSON export is read, with the line of its item', () => {
		const text = realisticCslJson(200, 7);
		const result = read('refs.json', text);
		assert.deepEqual(keysOf(result), Array.from({ length: 200 }, (_, i) => generatedKey(i)));
		const lines = text.split('\n');
		for (const { line } of result.ok ? result.keys : []) {
			assert.equal(lines[line - 1], '  {');
		}
	});

	test('The keys read agree with bibtex-parse on every valid file of its own test suite', () => {
		const dir = path.join(repoRoot, 'node_modules/bibtex-parse/test/valid');
		const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bib'));
		assert.ok(files.length > 20);
		for (const file of files) {
			const text = fs.readFileSync(path.join(dir, file), 'utf8');
			const items = bibtexParse(text).flatMap((item) => (item.itemtype === 'entry' ? [item.key?.trim() ?? null] : []));
			const parsed = parseBibtexKeys(text);
			if (items.includes(null)) {
				// Paper Shelf refuses an entry without a key (it could not tell which key a new entry would clash with).
				assert.match(parsed.ok ? '' : parsed.message, /has no citation key/, file);
				continue;
			}
			assert.ok(parsed.ok, `${file}: ${parsed.ok ? '' : parsed.message}`);
			assert.deepEqual(parsed.entries.map((e) => e.key), items, file);
		}
	});
});

// --- fuzzing

/** Text that breaks parsers: structure characters more often than letters. */
const FUZZ_CHARS = '{}{}()""@@,,==##\\\n\n \t%[]ab1é';

function mutate(text: string, rand: () => number): string {
	let out = text;
	const edits = 1 + Math.floor(rand() * 6);
	for (let e = 0; e < edits; e++) {
		const at = Math.floor(rand() * (out.length + 1));
		const op = rand();
		if (op < 0.45) {
			out = out.slice(0, at) + FUZZ_CHARS[Math.floor(rand() * FUZZ_CHARS.length)] + out.slice(at);
		} else if (op < 0.7) {
			out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 8));
		} else if (op < 0.8) {
			out = out.slice(0, at);
		} else if (op < 0.9) {
			const c = '{[('[Math.floor(rand() * 3)];
			out = out.slice(0, at) + c.repeat(Math.floor(rand() * 3000)) + out.slice(at);
		} else {
			const len = Math.floor(rand() * 40);
			out = out.slice(0, at) + out.slice(at, at + len) + out.slice(at);
		}
	}
	return out;
}

/** Checks what every read must satisfy: lines inside the file, in order; a problem says its line first. */
function assertSane(result: Read, text: string, label: string): void {
	const lineCount = text.split('\n').length;
	if (result.ok) {
		let previous = 1;
		for (const { key, line } of result.keys) {
			assert.ok(typeof key === 'string' && key.length > 0, `${label}: empty key`);
			assert.ok(line >= previous && line <= lineCount, `${label}: line ${line} of ${lineCount} after ${previous}`);
			previous = line;
		}
	} else {
		assert.ok(result.line >= 1 && result.line <= lineCount, `${label}: problem line ${result.line} of ${lineCount}`);
		assert.ok(result.column >= 1, `${label}: column ${result.column}`);
		assert.ok(result.message.startsWith(`line ${result.line}`), `${label}: ${result.message}`);
	}
}

/** What JSON.parse says a CSL-JSON text defines: undefined when it is no array of objects. */
function jsonOracle(text: string): string[] | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'object' || v === null || Array.isArray(v))) {
		return undefined;
	}
	return (value as { id?: unknown }[]).flatMap((v) => (typeof v.id === 'string' || typeof v.id === 'number' ? [String(v.id)] : []));
}

suite('Fuzzing the bibliography readers (seeded, bounded)', function () {
	this.timeout(60_000);
	const budgetMs = 4000;
	const maxCases = 1500;

	test('Mutated .bib files never throw and give sane keys or a problem at a line', () => {
		const rand = prng(20261130);
		const seedText = realisticBibtex(12, 3) + '@misc(p, title = "q {x} r")\n@comment{c}\n';
		const started = Date.now();
		let cases = 0;
		for (; cases < maxCases && Date.now() - started < budgetMs; cases++) {
			const text = mutate(seedText, rand);
			assertSane(read('refs.bib', text), text, `bib case ${cases}`);
		}
		assert.ok(cases >= 50, `only ${cases} cases ran`);
	});

	test('Mutated CSL-JSON files never throw, and agree with JSON.parse on what they define', () => {
		const rand = prng(4242);
		const seedText = realisticCslJson(6, 3);
		const started = Date.now();
		let cases = 0;
		for (; cases < maxCases && Date.now() - started < budgetMs; cases++) {
			const text = mutate(seedText, rand);
			const result = read('refs.json', text);
			assertSane(result, text, `json case ${cases}`);
			const oracle = jsonOracle(text);
			const deep = !result.ok && /nested deeper/.test(result.message);
			if (!deep) {
				assert.deepEqual(result.ok ? result.keys.map((k) => k.key) : undefined, oracle, `json case ${cases}: ${text.slice(0, 200)}`);
			}
		}
		assert.ok(cases >= 50, `only ${cases} cases ran`);
	});
});

// --- linear time

/**
 * Asserts that 10× the input takes at most `MAX_RATIO` times as long, through the suite-wide check of
 * `test/unit/linearTime.ts` (batches of small runs against one large run, the best of alternating rounds, so a
 * burst of load on the shared machine cannot fake a superlinear ratio; the quadratic readers took 100× and more).
 * Each run reads a text of its own (a few trailing spaces differ), since the readers remember their results for
 * equal texts and would otherwise answer from memory.
 */
function assertLinear(label: string, make: (scale: number) => string, parse: (text: string) => void): void {
	const small = make(1);
	const large = make(10);
	let variant = 0;
	const run = (text: string) => parse(text + ' '.repeat(1 + (variant++ % 7)));
	run(small); // warm up (the compiler's tiers, the heap)
	run(large);
	const r = timeRatio(run, small, large);
	assert.ok(r.ratio <= MAX_RATIO, `${label}: ${ratioMessage(r, small.length, large.length)}`);
}

suite('Reading bibliographies takes time linear in their size', function () {
	this.timeout(300_000);

	test('Many small .bib entries (100 KB vs 1 MB)', () => {
		assertLinear('bib entries', (s) => repeatedBibtexEntries(2500 * s), (t) => keysOf(read('refs.bib', t)));
	});

	test('Many CSL-JSON items (100 KB vs 1 MB)', () => {
		assertLinear('csl items', (s) => realisticCslJson(400 * s), (t) => keysOf(read('refs.json', t)));
	});

	test("Many '@' that do not start entries, each followed by an unclosed brace (100 KB vs 1 MB)", () => {
		assertLinear('@-a{', (s) => '@-a{ '.repeat(20_000 * s), (t) => read('refs.bib', t));
	});

	test('A note with many unclosed \\cite{ or \\cite[ (100 KB vs 1 MB)', () => {
		assertLinear('\\cite{', (s) => '\\cite{a '.repeat(12_000 * s), (t) => scanCitations(t, 'latex'));
		assertLinear('\\cite[', (s) => '\\cite[a '.repeat(12_000 * s), (t) => scanCitations(t, 'latex'));
	});

	test('A LaTeX note naming many bibliographies (100 KB vs 1 MB)', () => {
		assertLinear('\\addbibresource', (s) => '\\addbibresource{a.bib}\n'.repeat(4_000 * s), (t) => latexBibliographies(t));
	});

	test('A note with many code spans, unclosed @{ or unclosed backticks (100 KB vs 1 MB)', () => {
		assertLinear('`@k`', (s) => '`x` `@k`\n'.repeat(10_000 * s), (t) => scanCitations(t, 'markdown'));
		assertLinear('@{', (s) => '@{a '.repeat(25_000 * s) + '}', (t) => scanCitations(t, 'markdown'));
		assertLinear('<!-- @k -->', (s) => '<!-- @k --> `x`\n'.repeat(6_000 * s), (t) => scanCitations(t, 'markdown'));
	});
});

suite('Reading a CSL-JSON bibliography', () => {
	test('parseCslJsonKeys reports a deep nesting at its line, like readBibliographyKeys', () => {
		const parsed = parseCslJsonKeys(`[\n${'['.repeat(50_000)}`);
		assert.ok(!parsed.ok);
		assert.equal(parsed.line, 2);
	});
});

suite('Reading an equal text again', () => {
	test('An equal text (not the same string) is not parsed again: the keys come back as they were', () => {
		for (const [fileName, text] of [['refs.bib', realisticBibtex(50, 9)], ['refs.json', realisticCslJson(50, 9)]]) {
			const first = read(fileName, text);
			const copy = (' ' + text).slice(1);
			const second = read(fileName, copy);
			assert.ok(first.ok && second.ok);
			assert.equal(second.keys, first.keys, fileName);
		}
	});

	test('A CRLF bibliography is read once for its keys and for planning an edit (both read it with \\n endings)', () => {
		const lf = realisticBibtex(20, 11);
		const crlf = read('refs.bib', lf.replace(/\n/g, '\r\n'));
		const planned = read('refs.bib', lf);
		assert.ok(crlf.ok && planned.ok);
		assert.equal(crlf.keys, planned.keys);
		assert.equal(crlf.keys[0].line, lf.split('\n').findIndex((l) => l.startsWith('@article')) + 1);
	});

	test('parseBibtexKeys, which planning an edit calls too, gives one result per text', () => {
		const text = realisticBibtex(20, 9);
		const parsed = parseBibtexKeys(text);
		assert.equal(parseBibtexKeys((' ' + text).slice(1)), parsed);
	});
});
