import * as assert from 'node:assert/strict';
import { editDistance, keyWords, nearestKey } from '../../../src/core/cite/nearestKey';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

const shelf = [
	{ key: 'huangEnvHarness2025', title: 'EnvHarness: An Environment Harness for Agents' },
	{ key: 'VaswaniAttention2017', title: 'Attention Is All You Need' },
	{ key: 'knuth1984texbook', title: 'The TeXbook' },
	{ key: 'smith2020a', title: 'Alpha' },
	{ key: 'smith2020b', title: 'Beta' },
];

suite('Nearest key', () => {
	test('a one-letter typo, a swap or a case slip finds the key', () => {
		assert.equal(nearestKey('huangEnvHarnes2025', shelf), 'huangEnvHarness2025');
		assert.equal(nearestKey('huagnEnvHarness2025', shelf), 'huangEnvHarness2025');
		assert.equal(nearestKey('knuth1984TeXbook', shelf), 'knuth1984texbook');
		assert.equal(nearestKey('VaswaniAttention2018', shelf), 'VaswaniAttention2017');
	});

	test('words of the title find the key when the spelling is far', () => {
		assert.equal(nearestKey('huangEnvironmentHarness', shelf), 'huangEnvHarness2025');
		assert.equal(nearestKey('attentionNeed', shelf), 'VaswaniAttention2017');
	});

	test('ambiguous or far: no suggestion', () => {
		assert.equal(nearestKey('smith2020c', shelf), undefined, 'a and b are equally near');
		assert.equal(nearestKey('nobodyNowhere1999', shelf), undefined);
		assert.equal(nearestKey('', shelf), undefined);
		assert.equal(nearestKey('knuth1984texbook', shelf), undefined, 'the key itself is no suggestion');
	});

	test('the pieces', () => {
		assert.deepEqual(keyWords('huangEnvHarness2025'), ['huang', 'env', 'harness']);
		assert.equal(editDistance('abc', 'abd', 2), 1);
		assert.equal(editDistance('abc', 'bac', 2), 1);
		assert.equal(editDistance('abc', 'ABC', 2), 1.5);
		assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3);
	});

	test('hostile: a huge typed key and many candidates stay linear', function () {
		this.timeout(120_000);
		const many = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `key${i}word${i % 7}`, title: `Title number ${i} about things` }));
		const r = timeRatio((c: { key: string }[]) => nearestKey('keyWordThings', c), many(1_000), many(10_000));
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, 1_000, 10_000));
		const huge = 'a'.repeat(1_000_000);
		const started = Date.now();
		assert.equal(nearestKey(huge, shelf), undefined);
		assert.ok(Date.now() - started < 1000, 'a million-letter key is answered at once');
	});
});
