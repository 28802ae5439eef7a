import * as assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { Sha256, sha256Hex } from '../../src/core/hash/sha256';
import { paperIdFor } from '../../src/core/parse/paperId';
import { utf8ByteLength } from '../../src/core/runtime';

const nodeSha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

suite('The portable SHA-256 (ids and cache keys in every host)', () => {
	test('FIPS 180-4 test vectors', () => {
		assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
		assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
		assert.equal(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
		assert.equal(sha256Hex('a'.repeat(1_000_000)), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
	});

	test('equals node:crypto for every length around the block and padding edges, bytes and text', () => {
		for (let n = 0; n <= 200; n++) {
			const bytes = randomBytes(n);
			assert.equal(sha256Hex(bytes), nodeSha256(bytes), `${n} bytes`);
		}
		for (const text of ['é', '€ and 𝄞', 'Flash-LLM:  Enabling', '\u0000\uffff', 'x'.repeat(1000)]) {
			assert.equal(sha256Hex(text), nodeSha256(text), JSON.stringify(text.slice(0, 20)));
		}
	});

	test('fed in pieces of any size, it gives the hash of the whole', () => {
		const whole = randomBytes(100_000);
		for (const piece of [1, 7, 63, 64, 65, 4096, 99_999]) {
			const sha = new Sha256();
			for (let at = 0; at < whole.length; at += piece) sha.update(whole.subarray(at, at + piece));
			assert.equal(sha.hex(), nodeSha256(whole), `pieces of ${piece}`);
		}
	});

	test('paper ids from titles are the ones node:crypto gave before (persisted renames, recent papers and citation keys stay valid)', () => {
		assert.equal(paperIdFor('Flash-LLM:  Enabling Cost-Effective Inference'), `t-${nodeSha256('flash llm enabling cost effective inference').slice(0, 12)}`);
		assert.equal(paperIdFor('Attention Is All You Need'), 't-' + nodeSha256('attention is all you need').slice(0, 12));
	});

	test('a finished hash refuses more input instead of answering wrongly', () => {
		const sha = new Sha256().update('abc');
		sha.hex();
		assert.throws(() => sha.update('more'), /after hex/);
	});
});

suite('utf8ByteLength', () => {
	test('counts as TextEncoder writes: ASCII, 2-, 3- and 4-byte characters, lone surrogates as U+FFFD', () => {
		for (const text of ['', 'abc', 'é', '€', '𝄞', 'a\ud800b', '\udc00', 'x\ud83d', '😀'.repeat(10), 'mixed é € 𝄞 \ud800 end']) {
			assert.equal(utf8ByteLength(text), new TextEncoder().encode(text).length, JSON.stringify(text));
			assert.equal(utf8ByteLength(text), Buffer.byteLength(text, 'utf8'), JSON.stringify(text));
		}
	});
});
