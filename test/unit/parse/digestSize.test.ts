import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_DIGEST_SIZE_MB, digestSizeProblem, maxDigestBytes } from '../../../src/core/parse/digestSize';
import { parseDigest } from '../../../src/core/parse/parseDigest';

const MIB = 1024 * 1024;

suite('The digest size limit', () => {
	test('A size up to the limit is fine; one byte more is refused with the size, the limit and the setting', () => {
		assert.equal(digestSizeProblem(MIB, MIB), undefined);
		assert.equal(digestSizeProblem(0, MIB), undefined);
		assert.equal(digestSizeProblem(MIB + 1, MIB), 'file too large: 1.0 MB is over the 1 MB limit (setting paperShelf.maxDigestSizeMB)');
		assert.equal(digestSizeProblem(200 * MIB, MIB), 'file too large: 200 MB is over the 1 MB limit (setting paperShelf.maxDigestSizeMB)');
	});

	test('The setting value becomes bytes: at least 1 MB, the default for anything that is not a number', () => {
		assert.equal(maxDigestBytes(2), 2 * MIB);
		assert.equal(maxDigestBytes(0.5), MIB);
		assert.equal(maxDigestBytes(-3), MIB);
		assert.equal(maxDigestBytes('12'), DEFAULT_MAX_DIGEST_SIZE_MB * MIB);
		assert.equal(maxDigestBytes(Number.NaN), DEFAULT_MAX_DIGEST_SIZE_MB * MIB);
	});

	test('The default is the one package.json declares for paperShelf.maxDigestSizeMB', () => {
		const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8'));
		assert.equal(pkg.contributes.configuration.properties['paperShelf.maxDigestSizeMB'].default, DEFAULT_MAX_DIGEST_SIZE_MB);
	});

	test('The parser refuses content over the limit with the same message', () => {
		const parsed = parseDigest('x'.repeat(MIB + 1), 'big.txt', { maxBytes: MIB });
		assert.deepStrictEqual(parsed.diagnostics.map((d) => d.message), [digestSizeProblem(MIB + 1, MIB)]);
	});
});
