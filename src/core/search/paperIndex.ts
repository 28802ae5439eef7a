/**
 * The search index over papers: FlexSearch 0.8 inverted indexes per field, combined by Paper Shelf's own
 * ranking so that a query behaves the way people expect while typing:
 *
 * - title matches rank first, then authors/keywords, then the abstract;
 * - the last word of a query is a prefix (`quantiz` finds quantization): the FlexSearch indexes store whole
 *   words only (`strict`; `forward` prefixes on titles cost 5 s and ~150 MB more at 100k papers) and a
 *   prefix is expanded against the index's sorted vocabulary to its most frequent completions (titles and
 *   authors/keywords from the first letter, abstracts from the third);
 * - one slip (insert, delete, substitute, swap) in a word of five letters or more is forgiven when the word
 *   itself is unknown, or rare (under 3 papers) next to a 10 times more frequent spelling;
 * - with several words, papers containing all of them (in any field) rank before papers with most of them.
 *
 * Papers are added and removed per digest without a rebuild; removals leave tombstones that are swept
 * when they pile up.
 */
import { Index, type IndexOptions } from 'flexsearch';
import type { Paper } from '../model';
import { indexTerms, stopwords, tokenize } from './tokenize';
import { wordMatcher, wordRanges, type WordMatcher } from './wordRanges';

/** A character range `[start, end)` in a paper's title or abstract. */
export interface MatchRange {
	readonly start: number;
	readonly end: number;
}

/** One search result. */
export interface SearchHit {
	readonly paper: Paper;
	/**
	 * Higher is better. The integer part is the number of query words the paper matched; the fraction
	 * (0–1) says how well (title over authors/keywords over abstract, rarer words weigh more).
	 */
	readonly score: number;
	/** Where the query words are, for highlighting; sorted and non-overlapping. */
	readonly matches: { readonly title: MatchRange[]; readonly abstract: MatchRange[] };
}

/** Options of `PaperIndex.search`. */
export interface SearchOptions {
	/** At most this many hits (default 20). */
	readonly limit?: number;
}

/** Options of the chunked asynchronous builds. */
export interface BuildOptions {
	/** Called after each chunk with the number of papers indexed so far and the total. */
	readonly onProgress?: (done: number, total: number) => void;
	/** Aborting rejects the build with an `AbortError` and leaves nothing of it in the index. */
	readonly signal?: AbortSignal;
	/** Papers indexed between two yields to the event loop (default 500). */
	readonly chunkSize?: number;
}

/** A digest's papers under the key the index knows it by (its file, usually). */
export interface DigestPapers {
	readonly key: string;
	readonly papers: readonly Paper[];
}

/**
 * Everything that changes what the index holds or how it ranks. Part of the cache key: change any of it
 * and cached indexes are rebuilt.
 */
export const paperIndexConfig = {
	tokenizer: 'unicode-words-v1',
	title: { tokenize: 'strict', resolution: 9 },
	meta: { tokenize: 'strict', resolution: 3 },
	abstract: { tokenize: 'strict', resolution: 3 },
	weights: { title: 1, meta: 0.6, abstract: 0.35 },
	stopwords: [...stopwords].sort().join(','),
} as const;

/** The key `build(papers)` files its papers under. */
export const defaultDigestKey = '';

/** A serializable picture of a `PaperIndex`, for the cache (see indexCache.ts). */
export interface PaperIndexSnapshot {
	/** Paper id per internal document number; null for removed ones. */
	readonly docs: (string | null)[];
	/** Digest key → ids of its papers. */
	readonly digests: [string, string[]][];
	/** Term → occurrences in live papers, sorted by term. */
	readonly vocabulary: [string, number][];
	/** FlexSearch export records per field. */
	readonly fields: Record<FieldName, [string, string][]>;
}

type FieldName = 'title' | 'meta' | 'abstract';
const fieldNames: readonly FieldName[] = ['title', 'meta', 'abstract'];

/** One form of a query word to look up, with how much a match on it counts. */
interface Variant {
	readonly word: string;
	readonly prefix: boolean;
	readonly factor: number;
}

/** A query word and the forms it is looked up in. */
interface QueryTerm {
	readonly word: string;
	readonly prefix: boolean;
	readonly variants: Variant[];
}

/** How many live papers hold a term; `stamp` marks the last paper and field that counted it. */
interface TermStat {
	/** The vocabulary's own copy of the term, handed to FlexSearch so every paper shares one string. */
	readonly term: string;
	papers: number;
	stamp: number;
}

/** A document number and its score. */
interface Ranked {
	readonly docId: number;
	readonly score: number;
}

interface Entry {
	readonly docId: number;
	readonly paper: Paper;
	/** The keys of the digests holding the paper. */
	readonly digests: string[];
}

const typoMinLength = 5;
const prefixExpansionMinLength = 3;
const maxPrefixCompletions = 24;
/** Abstracts are long: only the most frequent completions are looked up there. */
const maxAbstractCompletions = 12;
const maxTypoVariants = 8;
const typoFactor = 0.7;
const completionFactor = 0.9;
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The terms `addTerms` hands to the next `encode` call, instead of a joined string to split again. */
let pendingTerms: string[] | undefined;

/**
 * Adds a document's distinct, already normalized terms to a field index. FlexSearch takes text and
 * encodes it; the field indexes' `encode` returns these terms as they are (the vocabulary's shared
 * strings), saving a join and a split per paper and field and a fresh copy of every word.
 */
function addTerms(index: Index, docId: number, terms: string[]): void {
	pendingTerms = terms;
	try {
		index.add(docId, '\u0000');
	} finally {
		pendingTerms = undefined;
	}
}

function encodeField(text: string): string[] {
	if (pendingTerms) {
		const terms = pendingTerms;
		pendingTerms = undefined;
		return terms;
	}
	return text ? text.split(' ') : [];
}

function createFieldIndex(field: FieldName): Index {
	const { tokenize: mode, resolution } = paperIndexConfig[field];
	const options: IndexOptions = {
		tokenize: mode,
		resolution,
		fastupdate: false,
		// Content is pre-tokenized by tokenize.ts (one normalizer for papers, queries and highlights).
		encode: encodeField,
	};
	return new Index(options);
}

function abortError(signal: AbortSignal): DOMException {
	const error = new DOMException('Index build cancelled', 'AbortError');
	(error as { cause?: unknown }).cause = signal.reason;
	return error;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The search index over the papers of one or more digests. */
export class PaperIndex {
	private _fields: Record<FieldName, Index> = { title: createFieldIndex('title'), meta: createFieldIndex('meta'), abstract: createFieldIndex('abstract') };
	private readonly _byId = new Map<string, Entry>();
	/** Paper per document number; undefined once removed (a tombstone still in the FlexSearch indexes). */
	private readonly _docs: (Paper | undefined)[] = [];
	private readonly _digests = new Map<string, string[]>();
	private readonly _vocabulary = new Map<string, TermStat>();
	/** Every term ever seen, sorted, for prefix expansion; may hold terms whose count fell to 0. */
	private _sortedTerms: string[] = [];
	private _newTerms: string[] = [];
	private _tombstones = 0;
	private _scratch = new Float32Array(0);
	private _matched = new Uint8Array(0);
	private _quality = new Float32Array(0);
	private _candidates = new Int32Array(0);
	private _postIds = new Int32Array(0);
	private _postScores = new Float32Array(0);
	/** Completions of short prefixes (the widest scans), until the vocabulary changes. */
	private readonly _completionCache = new Map<string, string[]>();

	// --- building

	/** Indexes `papers` (under `defaultDigestKey`) in chunks, yielding to the event loop between them. */
	static async build(papers: readonly Paper[], options: BuildOptions = {}): Promise<PaperIndex> {
		const index = new PaperIndex();
		await index.addDigestAsync(defaultDigestKey, papers, options);
		return index;
	}

	/** Indexes several digests in chunks; progress counts papers over all of them. */
	static async buildFromDigests(digests: readonly DigestPapers[], options: BuildOptions = {}): Promise<PaperIndex> {
		const index = new PaperIndex();
		const total = digests.reduce((n, d) => n + d.papers.length, 0);
		let before = 0;
		for (const digest of digests) {
			const offset = before;
			await index.addDigestAsync(digest.key, digest.papers, {
				...options,
				onProgress: options.onProgress && ((done) => options.onProgress?.(offset + done, total)),
			});
			before += digest.papers.length;
		}
		return index;
	}

	/**
	 * Adds (or replaces) the papers of the digest `key`. A paper already present through another digest is
	 * shared, not indexed twice; it stays until every digest holding it is removed.
	 */
	addDigest(key: string, papers: readonly Paper[]): void {
		this._beginDigest(key);
		for (const paper of papers) {
			this._addPaper(key, paper);
		}
		this._mergeNewTerms();
	}

	/** `addDigest` in chunks with progress and cancellation (a cancelled add leaves the digest absent). */
	async addDigestAsync(key: string, papers: readonly Paper[], options: BuildOptions = {}): Promise<void> {
		const { signal, onProgress } = options;
		const chunkSize = Math.max(1, options.chunkSize ?? 500);
		if (signal?.aborted) {
			throw abortError(signal);
		}
		this._beginDigest(key);
		for (let i = 0; i < papers.length; i += chunkSize) {
			const end = Math.min(papers.length, i + chunkSize);
			for (let j = i; j < end; j++) {
				this._addPaper(key, papers[j]);
			}
			onProgress?.(end, papers.length);
			await yieldToEventLoop();
			if (signal?.aborted) {
				this._mergeNewTerms();
				this.removeDigest(key);
				throw abortError(signal);
			}
		}
		this._mergeNewTerms();
		if (papers.length === 0) {
			onProgress?.(0, 0);
		}
	}

	/** Removes the digest `key`; its papers go unless another digest holds them. Unknown keys are ignored. */
	removeDigest(key: string): void {
		const ids = this._digests.get(key);
		if (!ids) {
			return;
		}
		this._digests.delete(key);
		for (const id of ids) {
			const entry = this._byId.get(id);
			if (!entry) {
				continue;
			}
			const at = entry.digests.indexOf(key);
			if (at >= 0) entry.digests.splice(at, 1);
			if (entry.digests.length === 0) {
				this._byId.delete(id);
				this._docs[entry.docId] = undefined;
				this._tombstones++;
				for (const term of new Set(this._fieldTerms(entry.paper).flat())) {
					const stat = this._vocabulary.get(term);
					if (stat && --stat.papers <= 0) this._vocabulary.delete(term);
				}
				this._completionCache.clear();
			}
		}
		if (this._tombstones > 1000 && this._tombstones > this._byId.size / 3) {
			this._sweepTombstones();
		}
	}

	private _beginDigest(key: string): void {
		this.removeDigest(key);
		this._digests.set(key, []);
	}

	private _addPaper(key: string, paper: Paper): void {
		const ids = this._digests.get(key);
		const existing = this._byId.get(paper.id);
		if (existing) {
			if (!existing.digests.includes(key)) {
				existing.digests.push(key);
				ids?.push(paper.id);
			}
			return;
		}
		const docId = this._docs.length;
		this._docs.push(paper);
		this._byId.set(paper.id, { docId, paper, digests: [key] });
		ids?.push(paper.id);
		this._indexDocument(docId, paper, true);
	}

	/**
	 * Adds one paper to the FlexSearch indexes, each field's terms once (in order of first occurrence), and
	 * with `count` adds the paper to its terms' paper counts — one map lookup per word, no set per paper.
	 */
	private _indexDocument(docId: number, paper: Paper, count: boolean): void {
		const vocabulary = this._vocabulary;
		const base = docId * 4;
		this._fieldTerms(paper).forEach((terms, f) => {
			const distinct: string[] = [];
			for (let i = 0; i < terms.length; i++) {
				const term = terms[i];
				let stat = vocabulary.get(term);
				if (!stat) {
					stat = { term, papers: 0, stamp: -1 };
					vocabulary.set(term, stat);
					this._newTerms.push(term);
				}
				if (stat.stamp < base && count) stat.papers++;
				if (stat.stamp !== base + f) {
					stat.stamp = base + f;
					distinct.push(stat.term);
				}
			}
			if (distinct.length) addTerms(this._fields[fieldNames[f]], docId, distinct);
		});
	}

	private _fieldTerms(paper: Paper): [string[], string[], string[]] {
		const meta: string[] = [];
		for (const name of paper.authors) meta.push(...indexTerms(name));
		for (const keyword of paper.keywords) meta.push(...indexTerms(keyword));
		return [indexTerms(paper.title), meta, indexTerms(paper.abstract)];
	}



	/** Rebuilds the FlexSearch indexes from the live papers, keeping document numbers. */
	private _sweepTombstones(): void {
		this._fields = { title: createFieldIndex('title'), meta: createFieldIndex('meta'), abstract: createFieldIndex('abstract') };
		for (const stat of this._vocabulary.values()) stat.stamp = -1;
		this._docs.forEach((paper, docId) => {
			if (paper) this._indexDocument(docId, paper, false);
		});
		this._sortedTerms = [...this._vocabulary.keys()].sort();
		this._newTerms = [];
		this._tombstones = 0;
	}

	private _mergeNewTerms(): void {
		if (this._newTerms.length === 0) {
			return;
		}
		this._completionCache.clear();
		const fresh = [...new Set(this._newTerms)].sort();
		this._newTerms = [];
		const old = this._sortedTerms;
		if (old.length === 0) {
			this._sortedTerms = fresh;
			return;
		}
		const merged: string[] = new Array(old.length + fresh.length);
		let i = 0;
		let j = 0;
		let k = 0;
		while (i < old.length && j < fresh.length) {
			if (old[i] === fresh[j]) {
				merged[k++] = old[i++];
				j++;
			} else merged[k++] = old[i] < fresh[j] ? old[i++] : fresh[j++];
		}
		while (i < old.length) merged[k++] = old[i++];
		while (j < fresh.length) merged[k++] = fresh[j++];
		merged.length = k;
		this._sortedTerms = merged;
	}

	// --- reading

	/** Number of papers in the index. */
	get size(): number {
		return this._byId.size;
	}

	/** The paper with this id, if indexed. */
	get(id: string): Paper | undefined {
		return this._byId.get(id)?.paper;
	}

	/** Every indexed paper, in the order they were added. */
	all(): Paper[] {
		return this._docs.filter((p): p is Paper => p !== undefined);
	}

	/** The digest keys the index holds. */
	digestKeys(): string[] {
		return [...this._digests.keys()];
	}

	// --- searching

	/**
	 * The papers matching `query`, best first. Synchronous: a query over 100k papers takes a few ms.
	 * An empty query (or one of stopwords only) finds nothing.
	 */
	search(query: string, options: SearchOptions = {}): SearchHit[] {
		const limit = Math.max(0, Math.floor(options.limit ?? 20));
		const terms = this._parseQuery(query);
		if (terms.length === 0 || limit === 0) {
			return [];
		}
		return matchRanges(this._rank(terms, limit, -1, true), this._docs, terms);
	}

	/**
	 * The papers most similar to the paper `id` (sharing its distinctive title, keyword and abstract words),
	 * best first, without the paper itself. Unknown ids give none.
	 */
	related(id: string, limit = 10): SearchHit[] {
		const entry = this._byId.get(id);
		if (!entry || limit <= 0) {
			return [];
		}
		const n = Math.max(1, this.size);
		const idf = (t: string) => Math.log(n / (this._vocabulary.get(t)?.papers ?? n));
		const shared = (t: string) => (this._vocabulary.get(t)?.papers ?? 0) >= 2;
		const headline = [...new Set([...indexTerms(entry.paper.title), ...entry.paper.keywords.flatMap(indexTerms)])]
			.filter((t) => t.length > 2 && shared(t))
			.sort((a, b) => idf(b) - idf(a))
			.slice(0, 6);
		const counts = new Map<string, number>();
		for (const t of indexTerms(entry.paper.abstract)) {
			if (t.length > 2 && !/^\d+$/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
		}
		const body = [...counts.keys()]
			.filter((t) => shared(t) && !headline.includes(t))
			.sort((a, b) => counts.get(b)! * idf(b) - counts.get(a)! * idf(a))
			.slice(0, 6);
		const terms: QueryTerm[] = [...headline, ...body].map((word) => ({ word, prefix: false, variants: [{ word, prefix: false, factor: 1 }] }));
		if (terms.length === 0) {
			return [];
		}
		return matchRanges(this._rank(terms, limit, entry.docId, false), this._docs, terms);
	}

	private _parseQuery(query: string): QueryTerm[] {
		this._mergeNewTerms();
		const words = tokenize(query);
		if (words.length === 0) {
			return [];
		}
		const lastIsPrefix = /[\p{L}\p{N}]$/u.test(query);
		const terms = new Map<string, boolean>();
		words.forEach((word, i) => {
			const prefix = lastIsPrefix && i === words.length - 1;
			if (prefix || !stopwords.has(word)) {
				terms.set(word, (terms.get(word) ?? false) || prefix);
			}
		});
		// At most 32 words count (a pasted abstract is not a query; the match counters are bytes).
		return [...terms].slice(0, 32).map(([word, prefix]) => ({ word, prefix, variants: this._variants(word, prefix) }));
	}

	/** The word itself, plus the forms of one slip away when the word is unknown or rare. */
	private _variants(word: string, prefix: boolean): Variant[] {
		const variants: Variant[] = [{ word, prefix, factor: 1 }];
		if (word.length < typoMinLength || /^\d+$/.test(word)) {
			return variants;
		}
		const df = prefix ? this._prefixFrequency(word) : (this._vocabulary.get(word)?.papers ?? 0);
		if (df >= 3) {
			return variants;
		}
		const candidates: [string, number][] = [];
		for (const candidate of editsOf(word)) {
			const n = prefix ? this._prefixFrequency(candidate) : (this._vocabulary.get(candidate)?.papers ?? 0);
			if (n > 0 && (df === 0 || n >= 10 * df)) candidates.push([candidate, n]);
		}
		candidates.sort((a, b) => b[1] - a[1]);
		for (const [candidate] of candidates.slice(0, maxTypoVariants)) {
			variants.push({ word: candidate, prefix, factor: typoFactor });
		}
		return variants;
	}

	/** Index of the first sorted term `>= prefix`. */
	private _lowerBound(prefix: string): number {
		const terms = this._sortedTerms;
		let lo = 0;
		let hi = terms.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (terms[mid] < prefix) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** How often words starting with `prefix` occur (sum of document counts, over at most 64 words). */
	private _prefixFrequency(prefix: string): number {
		const terms = this._sortedTerms;
		let total = 0;
		for (let i = this._lowerBound(prefix), seen = 0; i < terms.length && seen < 64 && terms[i].startsWith(prefix); i++, seen++) {
			total += this._vocabulary.get(terms[i])?.papers ?? 0;
		}
		return total;
	}

	/** The most frequent live terms starting with `prefix` (the prefix itself included when it is a term). */
	private _completions(prefix: string): string[] {
		const cached = this._completionCache.get(prefix);
		if (cached) return cached;
		const terms = this._sortedTerms;
		const found: [string, number][] = [];
		for (let i = this._lowerBound(prefix); i < terms.length && terms[i].startsWith(prefix); i++) {
			const n = this._vocabulary.get(terms[i])?.papers;
			if (n) found.push([terms[i], n]);
		}
		found.sort((a, b) => b[1] - a[1]);
		if (found.length > maxPrefixCompletions) found.length = maxPrefixCompletions;
		const completions = found.map(([t]) => t);
		if (prefix.length <= 3) this._completionCache.set(prefix, completions);
		return completions;
	}

	/**
	 * Scores every document matching any term and keeps the best `limit`: more matched terms first, then the
	 * weighted field scores. `exclude` is a document number left out (for `related`). Without `allFirst`
	 * the score is the weighted sum alone (rare shared words beat many common ones).
	 */
	private _rank(terms: readonly QueryTerm[], limit: number, exclude: number, allFirst: boolean): Ranked[] {
		const capacity = this._docs.length;
		if (this._scratch.length < capacity) {
			const size = Math.max(capacity, this._scratch.length * 2);
			this._scratch = new Float32Array(size);
			this._matched = new Uint8Array(size);
			this._quality = new Float32Array(size);
			this._candidates = new Int32Array(size);
		}
		const scratch = this._scratch;
		// Each term's matched documents and their best field score, one after another in reused buffers
		// (no allocation per query that grows with the index); `bounds[t]` is where term t's run ends.
		const bounds: number[] = [];
		const weights: number[] = [];
		let end = 0;
		for (const term of terms) {
			if (this._postIds.length < end + capacity) this._growPostings(end + capacity);
			const postIds = this._postIds;
			const start = end;
			const visit = (field: FieldName, word: string, factor: number) => {
				end = this._visit(field, word, factor, end);
			};
			for (const v of term.variants) {
				if (!v.prefix) {
					visit('title', v.word, v.factor);
					visit('meta', v.word, v.factor);
					visit('abstract', v.word, v.factor);
					continue;
				}
				const inAbstract = v.word.length >= prefixExpansionMinLength;
				this._completions(v.word).forEach((completion, i) => {
					const factor = v.factor * (completion === v.word ? 1 : completionFactor);
					visit('title', completion, factor);
					visit('meta', completion, factor);
					if (inAbstract && (i < maxAbstractCompletions || completion === v.word)) visit('abstract', completion, factor);
				});
				if (!inAbstract) visit('abstract', v.word, v.factor);
			}
			const live = collectScores(postIds, this._postScores, scratch, this._docs, start, end);
			// Rarer terms weigh more (inverse document frequency of what this term matched).
			bounds.push(end);
			weights.push(Math.log(1 + (this.size + 1) / (live + 1)));
		}
		const totalWeight = weights.reduce((s, w) => s + w, 0) || 1;
		// Reused between queries (no allocation per query); every touched slot is reset below.
		const matched = this._matched;
		const quality = this._quality;
		const candidates = this._candidates;
		const postIds = this._postIds;
		const postScores = this._postScores;
		let count = 0;
		for (let t = 0; t < bounds.length; t++) {
			count = accumulate(postIds, postScores, t === 0 ? 0 : bounds[t - 1], bounds[t], weights[t] / totalWeight, matched, quality, candidates, count);
		}
		const best = selectTop(candidates, count, matched, quality, this._docs, exclude, allFirst, limit);
		for (let c = 0; c < count; c++) {
			const id = candidates[c];
			matched[id] = 0;
			quality[id] = 0;
		}
		return best;
	}

	/**
	 * Adds the documents of `word` in `field` to the current term's run of `_postIds` (from `end` on, first
	 * sight only) and raises their `_scratch` score to the field's weight × `factor`, less for later
	 * positions. Returns the new end of the run.
	 */
	private _visit(field: FieldName, word: string, factor: number, end: number): number {
		const buckets = this._fields[field].search(word, { resolve: false }).result;
		const weight = paperIndexConfig.weights[field] * factor;
		const slots = paperIndexConfig[field].resolution;
		const scratch = this._scratch;
		const postIds = this._postIds;
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

	/** Makes room for `size` entries in the posting buffers of `_rank`, keeping what they hold. */
	private _growPostings(size: number): void {
		const grown = Math.max(size, this._postIds.length * 2);
		const ids = new Int32Array(grown);
		const scores = new Float32Array(grown);
		ids.set(this._postIds);
		scores.set(this._postScores);
		this._postIds = ids;
		this._postScores = scores;
	}

	// --- cache support

	/** A serializable picture of the index (see indexCache.ts). */
	snapshot(): PaperIndexSnapshot {
		const fields = {} as Record<FieldName, [string, string][]>;
		for (const name of fieldNames) {
			const records: [string, string][] = [];
			this._fields[name].export((key: string, data: string) => {
				records.push([key, data]);
			});
			fields[name] = records;
		}
		return {
			docs: this._docs.map((p) => (p ? p.id : null)),
			digests: [...this._digests],
			vocabulary: [...this._vocabulary]
				.map(([term, stat]): [string, number] => [term, stat.papers])
				.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
			fields,
		};
	}

	/**
	 * Rebuilds an index from a snapshot and the digests' papers. Throws when the papers are not the ones the
	 * snapshot was taken from (the caller then builds afresh).
	 */
	static fromSnapshot(snapshot: PaperIndexSnapshot, digests: readonly DigestPapers[]): PaperIndex {
		const index = new PaperIndex();
		const papersById = new Map<string, Paper>();
		const digestPaperIds = new Map(snapshot.digests);
		if (digestPaperIds.size !== digests.length) {
			throw new Error(`the cache holds ${digestPaperIds.size} digests, ${digests.length} were given`);
		}
		for (const { key, papers } of digests) {
			const ids = digestPaperIds.get(key);
			const given = [...new Set(papers.map((p) => p.id))];
			if (!ids || ids.length !== given.length || ids.some((id, i) => id !== given[i])) {
				throw new Error(`the papers of digest '${key}' differ from the cached ones`);
			}
			for (const p of papers) if (!papersById.has(p.id)) papersById.set(p.id, p);
			index._digests.set(key, [...ids]);
		}
		snapshot.docs.forEach((id, docId) => {
			const paper = id === null ? undefined : papersById.get(id);
			if (id !== null && !paper) {
				throw new Error(`cached paper '${id}' is in none of the digests`);
			}
			index._docs.push(paper);
			if (paper) index._byId.set(paper.id, { docId, paper, digests: [] });
			else index._tombstones++;
		});
		for (const [key, ids] of index._digests) {
			for (const id of ids) {
				const entry = index._byId.get(id);
				if (!entry) throw new Error(`paper '${id}' of digest '${key}' is not in the cached index`);
				entry.digests.push(key);
			}
		}
		const sorted: string[] = new Array(snapshot.vocabulary.length);
		let inOrder = true;
		snapshot.vocabulary.forEach(([term, n], i) => {
			index._vocabulary.set(term, { term, papers: n, stamp: -1 });
			sorted[i] = term;
			if (i > 0 && sorted[i - 1] >= term) inOrder = false;
		});
		index._sortedTerms = inOrder ? sorted : sorted.sort();
		for (const name of fieldNames) {
			for (const [key, data] of snapshot.fields[name]) {
				index._fields[name].import(key, data);
			}
		}
		return index;
	}
}

// --- helpers

// The hot loops of `PaperIndex._rank`, as small functions over typed arrays (optimized early and kept so).

/** Moves the run's scores from `scratch` to `postScores` (clearing `scratch`); returns how many are live. */
function collectScores(postIds: Int32Array, postScores: Float32Array, scratch: Float32Array, docs: readonly (Paper | undefined)[], start: number, end: number): number {
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
function accumulate(
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
 * the paper added first. A hit object is made only for a candidate that enters the list.
 */
function selectTop(
	candidates: Int32Array,
	count: number,
	matched: Uint8Array,
	quality: Float32Array,
	docs: readonly (Paper | undefined)[],
	exclude: number,
	allFirst: boolean,
	limit: number,
): Ranked[] {
	const best: Ranked[] = [];
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

/** Every string one edit (delete, swap, substitute, insert) away from `word`. */
function editsOf(word: string): Set<string> {
	const edits = new Set<string>();
	for (let i = 0; i <= word.length; i++) {
		const head = word.slice(0, i);
		const tail = word.slice(i);
		if (tail) {
			edits.add(head + tail.slice(1));
			if (tail.length > 1) edits.add(head + tail[1] + tail[0] + tail.slice(2));
		}
		for (const c of alphabet) {
			if (tail) edits.add(head + c + tail.slice(1));
			edits.add(head + c + tail);
		}
	}
	edits.delete(word);
	return edits;
}

/** The query's words as highlighting needs them: whole words, and prefixes from `prefixMin` letters on. */
function rangeMatcher(terms: readonly QueryTerm[], prefixMin: number): WordMatcher {
	const words: string[] = [];
	const prefixes: string[] = [];
	for (const t of terms) {
		for (const v of t.variants) {
			if (v.prefix && v.word.length >= prefixMin) prefixes.push(v.word);
			else words.push(v.word);
		}
	}
	return wordMatcher(words, prefixes);
}

/** Highlights the query's words in the titles and abstracts of its hits. */
function matchRanges(hits: readonly Ranked[], docs: readonly (Paper | undefined)[], terms: readonly QueryTerm[]): SearchHit[] {
	const inTitle = rangeMatcher(terms, 1);
	const inAbstract = rangeMatcher(terms, prefixExpansionMinLength);
	return hits.map(({ docId, score }) => {
		const paper = docs[docId] as Paper;
		return { paper, score, matches: { title: wordRanges(paper.title, inTitle), abstract: wordRanges(paper.abstract, inAbstract) } };
	});
}
