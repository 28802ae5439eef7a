/** Paths and checks shared by the digest parser tests. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ParsedDigest } from '../../../src/core/model';

import { corpusLines, repoRoot } from '../../support/corpus';

/** The real digests the parser tests read: the bundled Daily Papers page and one Hugging Face API day (in the repo). */
export { corpusFile, dailyPapersFile, hfDayFile, repoRoot } from '../../support/corpus';

/** A fixture of test/fixtures/digests, as bytes. */
export function fixture(name: string): Buffer {
	return fs.readFileSync(path.join(repoRoot, 'test/fixtures/digests', name));
}

/** The first `count` lines of the corpus sample (test/fixtures/corpus), streamed (the file is never unpacked whole). */
export async function corpusHead(count: number): Promise<string[]> {
	const out: string[] = [];
	for await (const line of corpusLines()) {
		out.push(line);
		if (out.length >= count) break;
	}
	return out;
}

/** A seeded PRNG, so fuzz failures replay. */
export { prng } from '../../support/corpus';

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
