/**
 * A small hash map for the hot loops of topic analysis.
 */

/** An open-addressing hash map from a pair of non-negative int32s to an int32, on typed arrays. */
export class IntPairMap {
	private _a = new Int32Array(1 << 12).fill(-1);
	private _b = new Int32Array(1 << 12);
	private _v = new Int32Array(1 << 12);
	private _size = 0;

	private static _hash(a: number, b: number): number {
		let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
		h ^= h >>> 15;
		h = Math.imul(h, 0x2c1b3c6d);
		return h ^ (h >>> 13);
	}

	get(a: number, b: number): number {
		const mask = this._a.length - 1;
		let slot = IntPairMap._hash(a, b) & mask;
		for (;;) {
			const sa = this._a[slot];
			if (sa === -1) return -1;
			if (sa === a && this._b[slot] === b) return this._v[slot];
			slot = (slot + 1) & mask;
		}
	}

	set(a: number, b: number, value: number): void {
		if ((this._size + 1) * 2 > this._a.length) this._grow();
		const mask = this._a.length - 1;
		let slot = IntPairMap._hash(a, b) & mask;
		for (;;) {
			const sa = this._a[slot];
			if (sa === -1) {
				this._a[slot] = a;
				this._b[slot] = b;
				this._v[slot] = value;
				this._size++;
				return;
			}
			if (sa === a && this._b[slot] === b) {
				this._v[slot] = value;
				return;
			}
			slot = (slot + 1) & mask;
		}
	}

	private _grow(): void {
		const [a, b, v] = [this._a, this._b, this._v];
		this._a = new Int32Array(a.length * 2).fill(-1);
		this._b = new Int32Array(a.length * 2);
		this._v = new Int32Array(a.length * 2);
		this._size = 0;
		for (let i = 0; i < a.length; i++) if (a[i] !== -1) this.set(a[i], b[i], v[i]);
	}
}
