import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { DEFAULT_MAX_DIGEST_BYTES, parseDigest } from '../../../src/core/parse';
import { assertWellFormed, dailyPapersFile, fixture, hfDayFile, prng } from './parseTestSupport';

/** How many lines a parse result may point into. */
function lineCountOf(content: Buffer): number {
	return content.toString('utf8').split(/\r\n|\r|\n/).length;
}

function parseChecked(content: Buffer, file: string): void {
	let digest;
	try {
		digest = parseDigest(content, file);
	} catch (e) {
		assert.fail(`parseDigest threw on ${JSON.stringify(content.toString('latin1').slice(0, 200))}: ${String(e)}`);
	}
	assertWellFormed(digest, file, lineCountOf(content));
}

const SAMPLE_BYTES = [...'[]{}",:\\#-*~ \n\r\t.abcXYZ019'].map((c) => c.charCodeAt(0)).concat([0x00, 0xe9, 0xc3, 0xa9, 0xef, 0xbb, 0xbf, 0xff, 0xfe]);

/** Replaces, inserts, deletes or duplicates a few bytes, biased towards bytes that matter to the formats. */
function mutate(source: Buffer, random: () => number): Buffer {
	const bytes = [...source];
	const edits = 1 + Math.floor(random() * 8);
	for (let e = 0; e < edits; e++) {
		const at = Math.floor(random() * (bytes.length + 1));
		const b = random() < 0.8 ? SAMPLE_BYTES[Math.floor(random() * SAMPLE_BYTES.length)] : Math.floor(random() * 256);
		const op = random();
		if (op < 0.3) bytes.splice(at, 1);
		else if (op < 0.6) bytes.splice(at, 0, b);
		else if (op < 0.85) bytes[at] = b;
		else bytes.splice(at, 0, ...bytes.slice(at, at + Math.floor(random() * 200)));
	}
	return Buffer.from(bytes);
}

suite('Robustness of digest parsing', function () {
	// Thousands of parses and a 20 MB page: well under a second on an idle machine, but a loaded shared runner can be
	// ten times slower than that, and mocha's 2 s default must not turn load into failures. Speed is for the benchmarks.
	this.timeout(60_000);
	const sources: [string, Buffer][] = [
		['daily.txt', fs.readFileSync(dailyPapersFile)],
		['hf.json', fs.readFileSync(hfDayFile)],
		['grouped.md', fixture('grouped.md')],
		['papers.jsonl', fixture('papers.jsonl')],
		['small.json', fixture('small-hf.json')],
	];

	test('Random bytes never make parsing throw and always give well-formed results', () => {
		const random = prng(20260821);
		for (let k = 0; k < 1500; k++) {
			const length = Math.floor(random() * 600);
			const textual = random() < 0.7;
			const bytes = Buffer.from(Array.from({ length }, () => (textual ? SAMPLE_BYTES[Math.floor(random() * (SAMPLE_BYTES.length - 9))] : Math.floor(random() * 256))));
			parseChecked(bytes, 'random.bin');
		}
	});

	test('Mutated pieces of the real digests never make parsing throw and always give well-formed results', () => {
		const random = prng(71);
		for (let k = 0; k < 2000; k++) {
			const [file, source] = sources[k % sources.length];
			const start = Math.floor(random() * source.length * 0.9);
			const piece = k % 3 === 0 ? source.subarray(0, 4000) : source.subarray(start, start + Math.floor(random() * 6000));
			parseChecked(mutate(piece, random), file);
		}
	});

	test('Mutated whole real digests never make parsing throw and always give well-formed results', () => {
		const random = prng(17);
		for (let k = 0; k < 60; k++) {
			const [file, source] = sources[k % sources.length];
			parseChecked(mutate(source, random), file);
		}
	});

	test('Content over the default 256 MB limit (the setting\'s default) is refused with the size, the limit and the setting', () => {
		assert.equal(DEFAULT_MAX_DIGEST_BYTES, 256 * 1024 * 1024, 'the parser\'s default is paperShelf.maxDigestSizeMB\'s');
		const huge = 'x'.repeat(DEFAULT_MAX_DIGEST_BYTES + 3 * 1024 * 1024);
		const digest = parseDigest(huge, 'huge.txt');
		assert.equal(digest.papers.length, 0);
		assert.deepEqual(digest.diagnostics.map((d) => [d.severity, d.message]), [
			['error', 'file too large: 259 MB is over the 256 MB limit (setting paperShelf.maxDigestSizeMB)'],
		]);
	});

	test('A 20 MB Daily Papers page parses completely', () => {
		const text = fs.readFileSync(dailyPapersFile, 'utf8');
		const [header, ...rest] = text.split('\nJul 31\n');
		const body = rest.join('');
		const copies: string[] = [];
		let size = 0;
		for (let k = 0; size < 20 * 1024 * 1024; k++) {
			const copy = body.replace(/^(\S.{0,239})\n\n(?=\S.{240})/gm, `$1 (copy ${k})\n\n`);
			copies.push(copy);
			size += copy.length;
		}
		const page = `${header}\nJul 31\n${copies.join('\n')}`;
		const digest = parseDigest(page, 'big.txt');
		assert.equal(digest.papers.length, copies.length * 71);
		assert.deepEqual(digest.diagnostics, []);
		assert.equal(digest.papers[digest.papers.length - 1].title, `PCB-Vision: A Multiscene RGB-Hyperspectral Benchmark Dataset of Printed Circuit Boards (copy ${copies.length - 1})`);
	});
});
