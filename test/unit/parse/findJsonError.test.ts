import * as assert from 'node:assert/strict';
import { findJsonError } from '../../../src/core/parse/findJsonError';
import { prng } from './parseTestSupport';

function parses(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

suite('Locating JSON syntax errors', function () {
	// Hundreds of mutated documents and 200,000-deep nesting; generous for a loaded runner, never a speed check.
	this.timeout(30_000);
	test('Each kind of mistake is found where it is', () => {
		const cases: [string, number, RegExp][] = [
			['{"a": x}', 6, /unexpected character "x", expected a value/],
			['[1,2', 4, /unexpected end of input/],
			['[1,,2]', 3, /expected a value/],
			['{"a":1,}', 7, /expected a double-quoted property name/],
			['{"a" 1}', 5, /expected ':' after a property name/],
			['["a\u0001"]', 3, /control character U\+0001 inside a string/],
			['["\\x"]', 2, /bad escape \\x/],
			['[01]', 1, /bad number/],
			['[1] x', 4, /expected the end after the JSON value/],
			['"open', 0, /unterminated string/],
		];
		for (const [text, offset, reason] of cases) {
			const error = findJsonError(text);
			assert.ok(error, text);
			assert.equal(error.offset, offset, text);
			assert.match(error.reason, reason);
		}
	});

	test('It agrees with JSON.parse on valid and mutated JSON', () => {
		const random = prng(7);
		const seed = JSON.stringify([{ title: 'T "q" \\ é', n: -1.5e3, ok: true, x: null, list: [1, [2, {}], ''] }], null, 1);
		const alphabet = '[]{}",:\\ \n01-.eEtrufalsn\u0001x';
		for (let k = 0; k < 3000; k++) {
			const chars = [...seed];
			const edits = 1 + Math.floor(random() * 3);
			for (let e = 0; e < edits; e++) {
				const at = Math.floor(random() * chars.length);
				const c = alphabet[Math.floor(random() * alphabet.length)];
				const op = random();
				if (op < 0.33) chars.splice(at, 1);
				else if (op < 0.66) chars.splice(at, 0, c);
				else chars[at] = c;
			}
			const text = chars.join('');
			assert.equal(findJsonError(text) === undefined, parses(text), JSON.stringify(text));
		}
		assert.equal(findJsonError(seed), undefined);
	});

	test('Deep nesting does not overflow the stack', () => {
		const deep = '['.repeat(200000);
		assert.equal(findJsonError(deep)?.offset, 200000);
		assert.equal(findJsonError('['.repeat(100000) + ']'.repeat(100000)), undefined);
	});
});
