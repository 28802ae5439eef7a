import * as assert from 'node:assert/strict';
import { slug } from '../../../src/core/topics';
import { prng } from '../../support/corpus';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

/** `slug` as it was, with a pattern that scans to the end of the label from each `(` when no `)` follows. */
function slugBefore(label: string): string {
	const s = label.toLowerCase().replace(/\([^)]*\)/g, ' ').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
	return s.length > 0 ? s : 'topic';
}

suite('Topic slugs', () => {
	test('A slug drops parenthesized parts exactly as before', () => {
		const pieces = ['(', ')', 'LLM', ' ', 'serving', '-', 'é', '(MoE)'];
		const random = prng(114);
		for (let k = 0; k < 20_000; k++) {
			let label = '';
			for (let p = Math.floor(random() * 12); p > 0; p--) label += pieces[Math.floor(random() * pieces.length)];
			assert.equal(slug(label), slugBefore(label), JSON.stringify(label));
		}
	});

	test('A 1 MB label of `(` makes a slug in time linear in its size', function () {
		this.timeout(60_000);
		const r = timeRatio(slug, '('.repeat(100_000), '('.repeat(1_000_000));
		assert.ok(r.ratio <= MAX_RATIO, ratioMessage(r, 100_000, 1_000_000));
	});
});
