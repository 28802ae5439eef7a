import * as assert from 'node:assert/strict';
import { MAX_RATIO, timeRatio } from './linearTime';

/** The check the hostile-input tests rely on must tell the two kinds of code apart, or it proves nothing. */
suite('The linear-time check itself', () => {
	test('a quadratic scan fails it and a linear one passes', function () {
		this.timeout(120_000);
		// Quadratic: for every position, look back over everything before it (what a backtracking regex does).
		const quadratic = (text: string) => {
			let n = 0;
			for (let i = 0; i < text.length; i++) {
				for (let j = i; j >= 0 && text.charCodeAt(j) === 32; j--) n++;
			}
			return n;
		};
		const linear = (text: string) => {
			let n = 0;
			for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) n++;
			return n;
		};
		const q = timeRatio(quadratic, ' '.repeat(2_000), ' '.repeat(20_000));
		assert.ok(q.ratio > MAX_RATIO, `a quadratic scan measured ${q.ratio.toFixed(1)}x, not above ${MAX_RATIO}`);
		const l = timeRatio(linear, ' '.repeat(200_000), ' '.repeat(2_000_000));
		assert.ok(l.ratio < MAX_RATIO, `a linear scan measured ${l.ratio.toFixed(1)}x, not below ${MAX_RATIO}`);
	});
});
