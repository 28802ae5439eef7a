/**
 * SHA-256 (FIPS 180-4) in plain TypeScript, so paper ids, content hashes and cache keys are the same in every host:
 * desktop and remote (Node) and the browser's web worker (vscode.dev, github.dev), where `node:crypto` does not exist
 * and Web Crypto is asynchronous only. Its output equals `node:crypto`'s `createHash('sha256')` (a unit test pins that),
 * so ids and caches written before stay valid.
 */

const K = new Int32Array([
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const encoder = new TextEncoder();

/** An incremental SHA-256: `update` with bytes or text (UTF-8) any number of times, then `hex()` once. */
export class Sha256 {
	private readonly _h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
	private readonly _w = new Int32Array(64);
	/** The bytes of an unfinished 64-byte block. */
	private readonly _block = new Uint8Array(64);
	private _blockLength = 0;
	/** Bytes hashed so far (a double: exact up to 2^53). */
	private _length = 0;
	private _done = false;

	update(data: Uint8Array | string): this {
		if (this._done) throw new Error('Sha256: update after hex()');
		const bytes = typeof data === 'string' ? encoder.encode(data) : data;
		this._length += bytes.length;
		let at = 0;
		if (this._blockLength > 0) {
			const take = Math.min(64 - this._blockLength, bytes.length);
			this._block.set(bytes.subarray(0, take), this._blockLength);
			this._blockLength += take;
			at = take;
			if (this._blockLength < 64) return this;
			this._compress(this._block, 0);
			this._blockLength = 0;
		}
		for (; at + 64 <= bytes.length; at += 64) this._compress(bytes, at);
		if (at < bytes.length) {
			this._block.set(bytes.subarray(at), 0);
			this._blockLength = bytes.length - at;
		}
		return this;
	}

	/** The digest as 64 lower-case hex digits. */
	hex(): string {
		if (this._done) throw new Error('Sha256: hex() twice');
		this._done = true;
		const bitsHigh = Math.floor(this._length / 0x20000000);
		const bitsLow = (this._length * 8) >>> 0;
		const block = this._block;
		block[this._blockLength++] = 0x80;
		if (this._blockLength > 56) {
			block.fill(0, this._blockLength);
			this._compress(block, 0);
			this._blockLength = 0;
		}
		block.fill(0, this._blockLength);
		block[56] = bitsHigh >>> 24;
		block[57] = bitsHigh >>> 16;
		block[58] = bitsHigh >>> 8;
		block[59] = bitsHigh;
		block[60] = bitsLow >>> 24;
		block[61] = bitsLow >>> 16;
		block[62] = bitsLow >>> 8;
		block[63] = bitsLow;
		this._compress(block, 0);
		let out = '';
		for (const word of this._h) out += (word >>> 0).toString(16).padStart(8, '0');
		return out;
	}

	private _compress(bytes: Uint8Array, at: number): void {
		const w = this._w;
		for (let i = 0; i < 16; i++, at += 4) {
			w[i] = (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
		}
		for (let i = 16; i < 64; i++) {
			const a = w[i - 15];
			const b = w[i - 2];
			const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
			const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
			w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
		}
		const h = this._h;
		let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
		for (let i = 0; i < 64; i++) {
			const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
			const ch = (e & f) ^ (~e & g);
			const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
			const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
			const maj = (a & b) ^ (a & c) ^ (b & c);
			const t2 = (S0 + maj) | 0;
			hh = g;
			g = f;
			f = e;
			e = (d + t1) | 0;
			d = c;
			c = b;
			b = a;
			a = (t1 + t2) | 0;
		}
		h[0] = (h[0] + a) | 0;
		h[1] = (h[1] + b) | 0;
		h[2] = (h[2] + c) | 0;
		h[3] = (h[3] + d) | 0;
		h[4] = (h[4] + e) | 0;
		h[5] = (h[5] + f) | 0;
		h[6] = (h[6] + g) | 0;
		h[7] = (h[7] + hh) | 0;
	}
}

/** SHA-256 of `data` (text is hashed as UTF-8) as 64 lower-case hex digits. */
export function sha256Hex(data: Uint8Array | string): string {
	return new Sha256().update(data).hex();
}
