import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { parseDigest, parseDigestAsync } from '../../../src/core/parse';

/** A JSON Lines digest of about `megabytes` MB. */
function jsonLines(megabytes: number): string {
	const line = (i: number) => JSON.stringify({ id: `2401.${String(i % 100_000).padStart(5, '0')}`, title: `Paper ${i} on sparse attention`, abstract: 'x'.repeat(400) });
	const count = Math.ceil((megabytes * 1024 * 1024) / line(0).length);
	return Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';
}

suite('The digest content hash (cache keys in every host)', () => {
	test('is the SHA-256 of the bytes, as node:crypto gives it, for bytes and for text', () => {
		const text = jsonLines(0.1) + 'é€𝄞\n';
		const bytes = new TextEncoder().encode(text);
		const expected = createHash('sha256').update(bytes).digest('hex');
		assert.equal(parseDigest(bytes, 'a.jsonl').contentHash, expected);
		assert.equal(parseDigest(text, 'a.jsonl').contentHash, expected);
	});

	test('a digest over 4 MB is hashed in slices, with a step to the event loop between them, and hashes the same', async function () {
		this.timeout(60_000);
		const bytes = new TextEncoder().encode(jsonLines(9));
		const before: number[] = [];
		let sawPapers = false;
		const parsed = await parseDigestAsync(bytes, 'big.jsonl', {
			maxBytes: 64 * 1024 * 1024,
			onProgress: ({ papers, total }) => {
				if (papers > 0) sawPapers = true;
				if (!sawPapers) before.push(total);
			},
		});
		assert.equal(parsed.contentHash, createHash('sha256').update(bytes).digest('hex'));
		assert.ok(before.length >= 2, `${before.length} steps before the first paper: the hash is done in slices`);
		assert.equal(parsed.contentHash, parseDigest(bytes, 'big.jsonl', { maxBytes: 64 * 1024 * 1024 }).contentHash);
	});
});
