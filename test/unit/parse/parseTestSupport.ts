/** Paths and checks shared by the digest parser tests. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as zlib from 'node:zlib';
import type { ParsedDigest } from '../../../src/core/model';

/** The repo root (tests run from out/test/unit/parse). */
export const repoRoot = path.resolve(__dirname, '../../../..');
/** The read-only `shared` folder beside the repo. */
export const sharedDir = path.resolve(repoRoot, '../shared');
export const dailyPapersFile = path.join(sharedDir, 'digests/000_ecc204a87dcb40f2.txt');
export const hfDayFile = path.join(sharedDir, 'digests/hf-daily-papers-2026-08-21.json');
export const corpusFile = path.join(sharedDir, 'corpus/papers-130k.jsonl.gz');

/** A fixture of test/fixtures/digests, as bytes. */
export function fixture(name: string): Buffer {
	return fs.readFileSync(path.join(repoRoot, 'test/fixtures/digests', name));
}

/** The first `count` lines of the gzip corpus, streamed (the file is never unpacked whole). */
export async function corpusHead(count: number): Promise<string[]> {
	const input = fs.createReadStream(corpusFile);
	const lines = readline.createInterface({ input: input.pipe(zlib.createGunzip()), crlfDelay: Infinity });
	const out: string[] = [];
	try {
		for await (const line of lines) {
			out.push(line);
			if (out.length >= count) break;
		}
	} finally {
		lines.close();
		input.destroy();
	}
	return out;
}

/** A seeded PRNG (mulberry32), so fuzz failures replay. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ID = /^(?:t-[0-9a-f]{12}|\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})$/i;
const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Asserts the invariants every parse result keeps, whatever the input: ids well formed and unique,
 * non-empty titles, http(s) links only, line ranges inside the text, diagnostics well formed.
 */
export function assertWellFormed(digest: ParsedDigest, file: string, lineCount: number): void {
	assert.equal(digest.file, file);
	assert.match(digest.contentHash, /^[0-9a-f]{64}$/);
	assert.ok(Array.isArray(digest.papers) && Array.isArray(digest.diagnostics));
	const ids = new Set<string>();
	for (const p of digest.papers) {
		assert.match(p.id, ID, `bad id ${p.id}`);
		assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
		ids.add(p.id);
		assert.ok(p.title.trim().length > 0 && p.title === p.title.trim(), `bad title ${JSON.stringify(p.title)}`);
		assert.equal(typeof p.abstract, 'string');
		for (const list of [p.authors, p.keywords, p.categories]) {
			assert.ok(list.every((s: string) => typeof s === 'string' && s.trim() !== ''));
		}
		for (const url of Object.values(p.links)) assert.match(String(url), /^https?:\/\//i);
		assert.equal(p.source.file, file);
		assert.ok(p.source.startLine >= 1 && p.source.startLine <= p.source.endLine && p.source.endLine <= lineCount,
			`bad range ${p.source.startLine}-${p.source.endLine} of ${lineCount}`);
		if (p.year !== undefined) assert.ok(Number.isInteger(p.year));
	}
	for (const d of digest.diagnostics) {
		assert.equal(d.file, file);
		assert.ok(Number.isInteger(d.line) && d.line >= 1, `bad line ${d.line}`);
		assert.ok(d.column === undefined || (Number.isInteger(d.column) && d.column >= 1));
		assert.ok(SEVERITIES.has(d.severity));
		assert.match(d.message, /^[^A-Z\s]/, `message should start lower-case: ${d.message}`);
	}
}
