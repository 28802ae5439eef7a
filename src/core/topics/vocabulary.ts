/**
 * The interned vocabulary of a topic analysis: every word as written, every grouping key and every shown
 * surface gets a small integer id once, so the texts of thousands of papers become runs of integers in typed
 * arrays instead of one object (and one string) per word.
 *
 * Written words are looked up by the character codes of the text itself (a hash computed while scanning), so
 * a word seen before costs no allocation at all.
 */
import { stem } from './stem';
import { isGenericKey, isStopKey } from './stopwords';

// --- words

/** Whether a word is written like an acronym: two or more capitals ("LLM", "MoE", "SpiNNaker"), or a capital and a digit. */
export function isAcronymLike(word: string): boolean {
	let upper = 0;
	let digit = false;
	for (let i = 0; i < word.length; i++) {
		const c = word.charCodeAt(i);
		if (c >= 65 && c <= 90) upper++;
		else if (c >= 48 && c <= 57) digit = true;
	}
	return upper >= 2 || (upper >= 1 && digit && /^[A-Za-z]/.test(word));
}

/** The singular of an acronym as written: `LLMs` → `LLM`, `MoEs` → `MoE`, `NAS` stays. */
export function acronymSingular(word: string): string {
	return word.length > 2 && word.endsWith('s') && /[A-Z0-9]/.test(word[word.length - 2]) ? word.slice(0, -1) : word;
}

/** The grouping key of one word as written. */
export function wordKey(word: string): string {
	return isAcronymLike(word) ? acronymSingular(word).toLowerCase() : stem(word.toLowerCase());
}

// --- token flags (a word's own flags and its position in the text share one byte)

/** Joined to the previous word by a hyphen or slash ("on-device"). */
export const joinPrevFlag = 1;
/** Punctuation (other than a joining hyphen) stands between the previous word and this one. */
export const breakBeforeFlag = 2;
/** The first word of a sentence (its capital says nothing). */
export const sentenceStartFlag = 4;
/** A function word or research boilerplate. */
export const stopFlag = 8;
/** A content word too common in research to name a topic alone. */
export const genericFlag = 16;
/** Written with a capital initial, not an acronym ("Verilog"). */
export const capitalizedFlag = 32;
/** Shown with capitals that say nothing about proper nouns (acronyms, replaced long forms). */
export const upperFlag = 64;
/** Shown as an acronym ("LLM", "MoE", "SpiNNaker"). */
export const acronymFlag = 128;

/** The flags that describe where a token stands rather than what word it is. */
export const positionFlags = joinPrevFlag | breakBeforeFlag | sentenceStartFlag;

/** A typed array at least `length` long, keeping its contents. */
export function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, length: number): T {
	if (a.length >= length) return a;
	const b = new (a.constructor as new (n: number) => T)(Math.max(length, a.length * 2));
	b.set(a);
	return b;
}

/** Words, keys and surfaces of one analysis, each interned to an id. */
export class Vocabulary {
	/** Words as written, by word id. */
	readonly words: string[] = [];
	/** Per word id: its key id, its surface id and its flags (`stopFlag`… `acronymFlag`). */
	wordKey = new Int32Array(1024);
	wordSurface = new Int32Array(1024);
	wordFlags = new Uint8Array(1024);
	private _wordHash = new Int32Array(1024);
	private _slots = new Int32Array(4096);

	/** Grouping keys by key id. */
	readonly keys: string[] = [];
	private readonly _keyIds = new Map<string, number>();

	/** Shown forms by surface id. */
	readonly surfaces: string[] = [];
	private readonly _surfaceIds = new Map<string, number>();
	/** Per surface id: 1 when the surface is written like an acronym. */
	surfaceAcronym = new Uint8Array(1024);
	private _singular = new Int32Array(1024);

	get keyCount(): number {
		return this.keys.length;
	}

	/** The id of a grouping key (`cat:cs.CV`, `sec:…` and words' stems share one space). */
	keyId(key: string): number {
		let id = this._keyIds.get(key);
		if (id === undefined) {
			id = this.keys.length;
			this.keys.push(key);
			this._keyIds.set(key, id);
		}
		return id;
	}

	/** The id of a key if known, else -1. */
	knownKeyId(key: string): number {
		return this._keyIds.get(key) ?? -1;
	}

	/** The id of a shown form. */
	surfaceId(surface: string): number {
		let id = this._surfaceIds.get(surface);
		if (id === undefined) {
			id = this.surfaces.length;
			this.surfaces.push(surface);
			this._surfaceIds.set(surface, id);
			this.surfaceAcronym = grown(this.surfaceAcronym, id + 1);
			this.surfaceAcronym[id] = isAcronymLike(surface) ? 1 : 0;
			this._singular = grown(this._singular, id + 1);
			this._singular[id] = -1;
		}
		return id;
	}

	/** The surface id of an acronym's singular (`LLMs` → `LLM`). */
	singularSurface(surface: number): number {
		let s = this._singular[surface];
		if (s < 0) {
			s = this.surfaceId(acronymSingular(this.surfaces[surface]));
			this._singular[surface] = s;
		}
		return s;
	}

	/**
	 * The id of the word `text[start, end)` whose FNV-1a hash over its char codes is `hash`, interning it when
	 * new. Looks the word up without slicing the text.
	 */
	wordAt(text: string, start: number, end: number, hash: number): number {
		const length = end - start;
		const mask = this._slots.length - 1;
		let slot = hash & mask;
		for (;;) {
			const id = this._slots[slot] - 1;
			if (id < 0) break;
			if (this._wordHash[id] === hash) {
				const w = this.words[id];
				if (w.length === length) {
					let same = true;
					for (let k = 0; k < length; k++) {
						if (w.charCodeAt(k) !== text.charCodeAt(start + k)) {
							same = false;
							break;
						}
					}
					if (same) return id;
				}
			}
			slot = (slot + 1) & mask;
		}
		const id = this._addWord(text.slice(start, end), hash);
		if (this.words.length * 2 > this._slots.length) {
			this._rehash();
		} else {
			this._slots[slot] = id + 1;
		}
		return id;
	}

	private _addWord(word: string, hash: number): number {
		const id = this.words.length;
		this.words.push(word);
		this.wordKey = grown(this.wordKey, id + 1);
		this.wordSurface = grown(this.wordSurface, id + 1);
		this.wordFlags = grown(this.wordFlags, id + 1);
		this._wordHash = grown(this._wordHash, id + 1);
		const acronym = isAcronymLike(word);
		const key = wordKey(word);
		const lower = word.toLowerCase();
		const capitalized = !acronym && word[0] !== lower[0];
		this.wordKey[id] = this.keyId(key);
		this.wordSurface[id] = this.surfaceId(acronym ? word : lower);
		this.wordFlags[id] =
			(!acronym && isStopKey(key) ? stopFlag : 0) | (isGenericKey(key) ? genericFlag : 0) | (capitalized ? capitalizedFlag : 0) | (acronym ? upperFlag | acronymFlag : 0);
		this._wordHash[id] = hash;
		return id;
	}

	private _rehash(): void {
		const slots = new Int32Array(this._slots.length * 2);
		const mask = slots.length - 1;
		for (let id = 0; id < this.words.length; id++) {
			let slot = this._wordHash[id] & mask;
			while (slots[slot] !== 0) slot = (slot + 1) & mask;
			slots[slot] = id + 1;
		}
		this._slots = slots;
	}
}

/** One text as parallel arrays of key ids, surface ids and flags; reused from text to text. */
export class TokenBuffer {
	length = 0;
	key = new Int32Array(256);
	surface = new Int32Array(256);
	flags = new Uint8Array(256);

	clear(): void {
		this.length = 0;
	}

	push(key: number, surface: number, flags: number): void {
		const i = this.length;
		if (i >= this.key.length) {
			this.key = grown(this.key, i + 1);
			this.surface = grown(this.surface, i + 1);
			this.flags = grown(this.flags, i + 1);
		}
		this.key[i] = key;
		this.surface[i] = surface;
		this.flags[i] = flags;
		this.length = i + 1;
	}
}
