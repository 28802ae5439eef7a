import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { mergeDigests, parseDigest, parseDigestAsync, type ParseProgress } from '../../../src/core/parse';
import { corpusLines, corpusSampleSize } from '../../support/corpus';
import { hfDayFile } from './parseTestSupport';

async function corpusDigest(): Promise<Buffer> {
	const lines: string[] = [];
	for await (const line of corpusLines()) {
		lines.push(line);
	}
	// A broken line and a duplicate, so diagnostics are compared too.
	lines.splice(100, 0, '{"id": "broken', lines[5]);
	return Buffer.from(lines.join('\n') + '\n', 'utf8');
}

suite('Parsing a digest in chunks', function () {
	this.timeout(60_000);

	test('parseDigestAsync gives exactly what parseDigest gives, and reports growing paper counts on the way', async () => {
		const bytes = await corpusDigest();
		const progress: ParseProgress[] = [];
		const chunked = await parseDigestAsync(bytes, 'corpus.jsonl', { onProgress: (p) => progress.push(p) });
		assert.deepEqual(chunked, parseDigest(bytes, 'corpus.jsonl'));
		assert.ok(chunked.diagnostics.length >= 2, 'the broken line and the duplicate are reported');
		assert.ok(progress.length >= 1, 'progress was reported between chunks');
		for (let k = 1; k < progress.length; k++) {
			assert.ok(progress[k].papers > progress[k - 1].papers && progress[k].done > progress[k - 1].done, 'counts grow');
		}
		assert.ok(progress.every((p) => p.done <= p.total && p.papers <= corpusSampleSize));
	});

	test('parseDigestAsync gives what parseDigest gives for a format read in one step (a Hugging Face day)', async () => {
		const bytes = fs.readFileSync(hfDayFile);
		assert.deepEqual(await parseDigestAsync(bytes, 'hf.json'), parseDigest(bytes, 'hf.json'));
	});

	test('an aborted parse rejects with an AbortError', async () => {
		const bytes = await corpusDigest();
		const abort = new AbortController();
		const parsing = parseDigestAsync(bytes, 'corpus.jsonl', { signal: abort.signal, onProgress: () => abort.abort() });
		await assert.rejects(parsing, (e: unknown) => e instanceof Error && e.name === 'AbortError');
	});
});

suite('Merging keeps one copy of each paper', function () {
	this.timeout(60_000);

	test('a paper found in one digest only is the parsed paper itself, not a copy (so the shelf holds each paper once)', async () => {
		const parsed = parseDigest(await corpusDigest(), 'corpus.jsonl');
		const other = parseDigest(fs.readFileSync(hfDayFile), 'hf.json');
		const merged = mergeDigests([parsed, other]);
		const parsedObjects = new Set([...parsed.papers, ...other.papers]);
		assert.equal(merged.length, parsed.papers.length + other.papers.length);
		const copies = merged.filter((p) => !parsedObjects.has(p));
		assert.deepEqual(copies.map((p) => p.id), [], 'every merged paper is one of the parsed objects');
	});
});
