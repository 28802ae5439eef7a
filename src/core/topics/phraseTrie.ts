/**
 * Label candidates as a trie over key ids: a phrase ("llm serving", "processing-in-memory") is a path of
 * tokens from the root, each edge a key id and whether the token is hyphen-joined to the previous one. Phrases
 * are born in titles, keywords and section headings (`scan` with `insert`), then counted in abstracts by
 * walking the trie (`scan` without `insert`), which prunes every run of words no phrase starts with.
 *
 * A candidate is one to three units (hyphen-joined runs of words) without punctuation between them, neither
 * starting nor ending with a function word, with at least one specific word; acronyms inside a compound
 * ("SNN" in "SNN-based") are candidates of their own.
 */
import { IntPairMap } from './intPairMap';
import * as vocabulary from './vocabulary';
import { type TokenBuffer, type Vocabulary } from './vocabulary';

// Local copies: in the unbundled build every use of an imported binding is a getter call, too slow for hot loops.
const acronymFlag = vocabulary.acronymFlag;
const breakBeforeFlag = vocabulary.breakBeforeFlag;
const genericFlag = vocabulary.genericFlag;
const grown = vocabulary.grown;
const joinPrevFlag = vocabulary.joinPrevFlag;
const stopFlag = vocabulary.stopFlag;

/** The longest label, in units (space-separated words). */
export const maxPhraseUnits = 3;

/** Function words allowed inside a label ("mixture of experts", "processing in memory"). */
const innerWords = ['of', 'in', 'for', 'on'];

/** A trie of (id, joined) paths: node 0 is the root. */
class PathTrie {
	private readonly _edges = new IntPairMap();
	parent = new Int32Array(1024);
	/** The edge label of each node: id·2 + 1 when hyphen-joined to the previous token. */
	label = new Int32Array(1024);
	size = 1;

	child(node: number, id: number, joined: number): number {
		return this._edges.get(node, id * 2 + joined);
	}

	childOrAdd(node: number, id: number, joined: number): number {
		const edge = id * 2 + joined;
		let c = this._edges.get(node, edge);
		if (c < 0) {
			c = this.size++;
			this.parent = grown(this.parent, c + 1);
			this.label = grown(this.label, c + 1);
			this.parent[c] = node;
			this.label[c] = edge;
			this._edges.set(node, edge, c);
		}
		return c;
	}

	/** The path to `node` as text: `names(id)` per token, `-` before joined tokens, spaces between units. */
	text(node: number, names: readonly string[]): string {
		const parts: string[] = [];
		for (let n = node; n > 0; n = this.parent[n]) {
			const l = this.label[n];
			parts.push(names[l >> 1], this.parent[n] > 0 ? (l & 1 ? '-' : ' ') : '');
		}
		return parts.reverse().join('');
	}
}

/** The label candidates of a digest: phrase ids over key paths, with how each is written. */
export class PhraseTrie {
	private readonly _keys = new PathTrie();
	private readonly _surfaces = new PathTrie();
	private _phraseOfNode = new Int32Array(1024).fill(-1);
	/** Per phrase id: its node in the key trie. */
	private readonly _nodes: number[] = [];
	/** Per phrase id: its most seen surface node so far and counts (a map only when it was written several ways). */
	private readonly _surfaceCounts: (Map<number, number> | number)[] = [];
	private readonly _innerKeys: Set<number>;
	private _unitStart = new Int32Array(64);
	private _unitFlags = new Uint8Array(64);

	constructor(private readonly _vocab: Vocabulary) {
		this._innerKeys = new Set(innerWords.map((w) => _vocab.keyId(w)));
	}

	get phraseCount(): number {
		return this._nodes.length;
	}

	/** The phrase's key: unit keys joined by spaces, hyphen-joined tokens by `-` ("llm serv", "process-in-memory"). */
	key(phrase: number): string {
		return this._keys.text(this._nodes[phrase], this._vocab.keys);
	}

	/** The key ids of the phrase's tokens, in order. */
	tokenKeys(phrase: number): number[] {
		const out: number[] = [];
		for (let n = this._nodes[phrase]; n > 0; n = this._keys.parent[n]) out.push(this._keys.label[n] >> 1);
		return out.reverse();
	}

	/** The key id of a one-token phrase ("linear"), else -1 ("linear probing", "low-rank"). */
	loneKey(phrase: number): number {
		const node = this._nodes[phrase];
		return this._keys.parent[node] === 0 ? this._keys.label[node] >> 1 : -1;
	}

	/** How often each written form of the phrase was seen, as text → count. */
	surfaces(phrase: number): Map<string, number> {
		const counts = this._surfaceCounts[phrase];
		const names = this._vocab.surfaces;
		if (typeof counts === 'number') return new Map([[this._surfaces.text(counts, names), 1]]);
		const out = new Map<string, number>();
		for (const [node, c] of counts) {
			const text = this._surfaces.text(node, names);
			out.set(text, (out.get(text) ?? 0) + c);
		}
		return out;
	}

	/**
	 * Calls `visit(phrase)` for every candidate in `tokens`. With `insert`, unknown candidates become phrases and
	 * their written forms are counted; without, only known phrases are visited.
	 */
	scan(tokens: TokenBuffer, insert: boolean, visit: (phrase: number) => void): void {
		const { key, surface, flags } = tokens;
		const n = tokens.length;
		// Units: runs of hyphen-joined tokens; per unit, bit 1 = only function words, bit 2 = has a specific word.
		if (this._unitStart.length < n + 1) {
			this._unitStart = grown(this._unitStart, n + 1);
			this._unitFlags = grown(this._unitFlags, n + 1);
		}
		const unitStart = this._unitStart;
		const unitFlags = this._unitFlags;
		let units = 0;
		for (let i = 0; i < n; ) {
			let j = i;
			let stop = 1;
			let specific = 0;
			do {
				const f = flags[j];
				if (!(f & stopFlag)) {
					stop = 0;
					if (!(f & genericFlag)) specific = 2;
				}
				j++;
			} while (j < n && flags[j] & joinPrevFlag);
			unitStart[units] = i;
			unitFlags[units] = stop | specific;
			units++;
			i = j;
		}
		unitStart[units] = n;
		const keys = this._keys;
		const surfaces = this._surfaces;
		for (let u = 0; u < units; u++) {
			const from = unitStart[u];
			const to = unitStart[u + 1];
			if (to - from > 1) {
				for (let k = from; k < to; k++) {
					if ((flags[k] & (genericFlag | acronymFlag)) !== acronymFlag) continue;
					const node = insert ? keys.childOrAdd(0, key[k], 0) : keys.child(0, key[k], 0);
					if (node < 0) continue;
					const phrase = this._phrase(node, insert);
					if (phrase < 0) continue;
					if (insert) this._countSurface(phrase, surfaces.childOrAdd(0, this._vocab.singularSurface(surface[k]), 0));
					visit(phrase);
				}
			}
			if (unitFlags[u] & 1) continue;
			let node = 0;
			let surfaceNode = 0;
			let specific = false;
			for (let m = 0; m < maxPhraseUnits && u + m < units; m++) {
				const s = unitStart[u + m];
				const e = unitStart[u + m + 1];
				const stop = (unitFlags[u + m] & 1) !== 0;
				if (m > 0) {
					if (flags[s] & breakBeforeFlag) break;
					if (stop && !(e - s === 1 && this._innerKeys.has(key[s]))) break;
				}
				for (let k = s; k < e && node >= 0; k++) {
					const joined = k > s ? 1 : 0;
					if (insert) {
						node = keys.childOrAdd(node, key[k], joined);
						surfaceNode = surfaces.childOrAdd(surfaceNode, surface[k], joined);
					} else {
						node = keys.child(node, key[k], joined);
					}
				}
				if (node < 0) break;
				specific = specific || (unitFlags[u + m] & 2) !== 0;
				if (!stop && specific) {
					const phrase = this._phrase(node, insert);
					if (phrase >= 0) {
						if (insert) this._countSurface(phrase, surfaceNode);
						visit(phrase);
					}
				}
			}
		}
	}

	private _phrase(node: number, insert: boolean): number {
		if (node >= this._phraseOfNode.length) {
			if (!insert) return -1;
			const old = this._phraseOfNode.length;
			this._phraseOfNode = grown(this._phraseOfNode, node + 1);
			this._phraseOfNode.fill(-1, old);
		}
		let p = this._phraseOfNode[node];
		if (p < 0 && insert) {
			p = this._nodes.length;
			this._nodes.push(node);
			this._surfaceCounts.push(-1);
			this._phraseOfNode[node] = p;
		}
		return p;
	}

	private _countSurface(phrase: number, surfaceNode: number): void {
		const counts = this._surfaceCounts[phrase];
		if (counts === -1) {
			this._surfaceCounts[phrase] = surfaceNode;
		} else if (typeof counts === 'number') {
			if (counts === surfaceNode) {
				this._surfaceCounts[phrase] = new Map([[counts, 2]]);
			} else {
				this._surfaceCounts[phrase] = new Map([
					[counts, 1],
					[surfaceNode, 1],
				]);
			}
		} else {
			counts.set(surfaceNode, (counts.get(surfaceNode) ?? 0) + 1);
		}
	}
}
