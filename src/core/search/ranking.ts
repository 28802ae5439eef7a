/**
 * Scoring documents for a list of query terms: each term's matched documents and their best field score,
 * rarer terms weighing more, then the best few by (matched terms, weighted quality). Written as small
 * functions over typed arrays, in buffers reused between queries: no allocation per query that grows
 * with the index.
 */
import type { IntermediateSearchResults } from 'flexsearch';
import { paperIndexConfig, type FieldName } from './indexFields';
import type { Lookup } from './queryTerms';

/** A document number and its score. */
export interface Ranked {
	readonly docId: number;
	readonly score: number;
}

/** The documents holding a whole word in a field, in relevance buckets (see `FlexFieldIndex.postings`). */
export type Postings = (field: FieldName, word: string) => IntermediateSearchResults;

/** What the ranker needs to know about the documents: which numbers are live, and how many are. */
export interface RankedDocuments {
	/** One slot per document number; `undefined` for removed ones. */
	readonly docs: readonly unknown[];
	/** Number of live documents. */
	readonly size: number;
}

/** Ranks documents for query terms, in typed-array buffers it keeps between calls. */
export class Ranker {
	private _scratch = new Float32Array(0);
	private _matched = new Uint8Array(0);
	private _quality = new Float32Array(0);
	private _candidates = new Int32Array(0);
	private _postIds = new Int32Array(0);
	private _postScores = new Float32Array(0);

	/**
	 * Scores every document matching any term (a term matches through any of its lookups) and keeps the
	 * best `limit`: more matched terms first, then the weighted field scores. `exclude` is a document number
	 * left out (for `related`). Without `allFirst` the score is the weighted sum alone (rare shared words
	 * beat many common ones). At most 255 terms (the match counters are bytes).
	 */
	rank(terms: readonly (readonly Lookup[])[], postings: Postings, documents: RankedDocuments, limit: number, exclude: number, allFirst: boolean): Ranked[] {
		const { docs, size } = documents;
		const capacity = docs.length;
		if (this._scratch.length < capacity) {
			const grown = Math.max(capacity, this._scratch.length * 2);
			this._scratch = new Float32Array(grown);
			this._matched = new Uint8Array(grown);
			this._quality = new Float32Array(grown);
			this._candidates = new Int32Array(grown);
		}
		const scratch = this._scratch;
		// Each term's matched documents and their best field score, one after another in reused buffers;
		// `bounds[t]` is where term t's run ends.
		const bounds: number[] = [];
		const weights: number[] = [];
		let end = 0;
		for (const term of terms) {
			if (this._postIds.length < end + capacity) this._growPostings(end + capacity);
			const start = end;
			for (const { field, word, factor } of term) {
				end = visit(postings(field, word), paperIndexConfig.weights[field] * factor, paperIndexConfig[field].resolution, scratch, this._postIds, end);
			}
			const live = collectScores(this._postIds, this._postScores, scratch, docs, start, end);
			// Rarer terms weigh more (inverse document frequency of what this term matched).
			bounds.push(end);
			weights.push(Math.log(1 + (size + 1) / (live + 1)));
		}
		const totalWeight = weights.reduce((s, w) => s + w, 0) || 1;
		// Every touched slot of these is reset below.
		const matched = this._matched;
		const quality = this._quality;
		const candidates = this._candidates;
		let count = 0;
		for (let t = 0; t < bounds.length; t++) {
			count = accumulate(this._postIds, this._postScores, t === 0 ? 0 : bounds[t - 1], bounds[t], weights[t] / totalWeight, matched, quality, candidates, count);
		}
		const best = selectTop(candidates, count, matched, quality, docs, exclude, allFirst, limit);
		for (let c = 0; c < count; c++) {
			const id = candidates[c];
			matched[id] = 0;
			quality[id] = 0;
		}
		return best;
	}

	/** Makes room for `size` entries in the posting buffers, keeping what they hold. */
	private _growPostings(size: number): void {
		const grown = Math.max(size, this._postIds.length * 2);
		const ids = new Int32Array(grown);
		const scores = new Float32Array(grown);
		ids.set(this._postIds);
		scores.set(this._postScores);
		this._postIds = ids;
		this._postScores = scores;
	}
}

// --- the kernels

/**
 * Adds the documents of one lookup's `buckets` to the current term's run of `postIds` (from `end` on, first
 * sight only) and raises their `scratch` score to `weight`, less for later buckets (of `slots`). Returns
 * the new end of the run.
 */
export function visit(buckets: IntermediateSearchResults, weight: number, slots: number, scratch: Float32Array, postIds: Int32Array, end: number): number {
	for (let b = 0; b < buckets.length; b++) {
		const bucket = buckets[b];
		if (!bucket) continue;
		const s = weight * (1 - (0.4 * b) / slots);
		for (let k = 0; k < bucket.length; k++) {
			const id = bucket[k] as number;
			const old = scratch[id];
			if (old === 0) postIds[end++] = id;
			if (s > old) scratch[id] = s;
		}
	}
	return end;
}

/** Moves the run's scores from `scratch` to `postScores` (clearing `scratch`); returns how many are live. */
export function collectScores(postIds: Int32Array, postScores: Float32Array, scratch: Float32Array, docs: readonly unknown[], start: number, end: number): number {
	let live = 0;
	for (let k = start; k < end; k++) {
		const id = postIds[k];
		postScores[k] = scratch[id];
		scratch[id] = 0;
		if (docs[id] !== undefined) live++;
	}
	return live;
}

/** Adds one term's run to the match counts and weighted quality; returns the new number of candidates. */
export function accumulate(
	postIds: Int32Array,
	postScores: Float32Array,
	from: number,
	to: number,
	w: number,
	matched: Uint8Array,
	quality: Float32Array,
	candidates: Int32Array,
	count: number,
): number {
	for (let k = from; k < to; k++) {
		const id = postIds[k];
		if (matched[id] === 0) candidates[count++] = id;
		matched[id]++;
		quality[id] += w * postScores[k];
	}
	return count;
}

/**
 * The best `limit` candidates by (matched terms, quality) — quality alone without `allFirst`; ties go to
 * the document added first (the lower number). A result object is made only for a candidate that enters
 * the list.
 */
export function selectTop(
	candidates: Int32Array,
	count: number,
	matched: Uint8Array,
	quality: Float32Array,
	docs: readonly unknown[],
	exclude: number,
	allFirst: boolean,
	limit: number,
): Ranked[] {
	const best: Ranked[] = [];
	if (limit <= 0) return best;
	const small = limit <= 64;
	for (let c = 0; c < count; c++) {
		const id = candidates[c];
		if (id === exclude || docs[id] === undefined) continue;
		const score = allFirst ? matched[id] + Math.min(quality[id], 0.999) : quality[id];
		if (!small) {
			best.push({ docId: id, score });
			continue;
		}
		if (best.length === limit) {
			const last = best[limit - 1];
			if (!(score > last.score || (score === last.score && id < last.docId))) continue;
		}
		let at = best.length;
		while (at > 0 && (score > best[at - 1].score || (score === best[at - 1].score && id < best[at - 1].docId))) at--;
		best.splice(at, 0, { docId: id, score });
		if (best.length > limit) best.pop();
	}
	if (!small) {
		best.sort((a, b) => b.score - a.score || a.docId - b.docId);
		best.length = Math.min(best.length, limit);
	}
	return best;
}
