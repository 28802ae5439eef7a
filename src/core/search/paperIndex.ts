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
 * when they pile up. A digest indexed on its own (or restored from its cache) is adopted into a shelf's
 * index with its postings and term counts as they are (`adoptDigest`), not tokenized again.
 *
 * This module is the facade and the per-digest lifecycle; the parts, split by operation:
 * - indexFields.ts: the fields, their FlexSearch options and weights (the cache key's `paperIndexConfig`), and
 *   a paper's terms per field;
 * - documentTable.ts: papers by document number and id, and the digests holding them;
 * - flexFieldIndex.ts: the FlexSearch adapter (the only module that talks to FlexSearch);
 * - termDictionary.ts: vocabulary, document frequencies, prefix completion, typo candidates;
 * - queryTerms.ts: from a query to the words to look up and to highlight;
 * - ranking.ts: the ranker and its scoring kernels over typed arrays;
 * - indexSnapshot.ts: the snapshot the disk cache keeps, and restoring from it.
 */
import type { Paper } from '../model';
import { DocumentTable, type DigestPapers } from './documentTable';
import { createFieldIndexes, type FieldIndexes } from './flexFieldIndex';
import { fieldNames, fieldTerms } from './indexFields';
import { restoreSnapshot, takeSnapshot, type PaperIndexSnapshot } from './indexSnapshot';
import { AcronymLinks } from './acronymLinks';
import { completionFactorFor, highlightMatcher, lookups, parseQuery, prefixExpansionMinLength, wholeWords, type QueryTerm } from './queryTerms';
import { Ranker, type Ranked } from './ranking';
import type { IntermediateSearchResults } from 'flexsearch';
import type { FieldName } from './indexFields';
import { rerank, wordForms, type RerankForm, type RerankQuery, type RerankTerm } from './rerank';
import { TermDictionary } from './termDictionary';
import { indexTerms, stopwords, tokenize } from './tokenize';
import { mergeRanges, phraseMatcher, phraseRanges, wordRanges, type MatchRange } from './wordRanges';
import { yieldToEventLoop } from '../runtime';

export { paperIndexConfig } from './indexFields';
export type { DigestPapers } from './documentTable';
export type { PaperIndexSnapshot } from './indexSnapshot';
export type { MatchRange } from './wordRanges';

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

/**
 * How many first-stage candidates the second stage (rerank.ts) orders; more when a quoted phrase filters them. 40 and
 * 20 gave the same known-item figures on 10k papers (pooled MRR@10 +0.001 [−0.000, 0.003]); each costs a read of its
 * text per query.
 */
const rerankCandidates = 24;
const quotedCandidates = 400;
/** A query word's link to an acronym (the query spells out its long form) counts this much. */
const acronymFactor = 0.9;
/**
 * An acronym typed also looks up the papers spelling out its long form (all its words in one field) in the first
 * stage, under this key (the long form's words after it); at a factor that ranks them, in the first stage, after papers holding the acronym itself anywhere (the abstract
 * weighs 0.35): they fill the second stage's candidates when the acronym is rare, not crowd out its users when it is common.
 */
const longFormKey = '\u0001';
const longFormFactor = 0.3;
/**
 * ...and only for an acronym fewer papers than a page of results use: a common acronym's users are the evidence (papers
 * spelling out "large language model" for `llm` crowded out the one defining LLM that was looked for: known-item
 * acronym MRR@10 −0.020 on 10k papers when every acronym was expanded).
 */
const longFormFillBelow = 10;
/**
 * An acronym typed that the shelf defines also looks up, in abstracts only, the papers whose abstract holds it and
 * every word of its long form (those defining it, near enough), under this key and at this factor: 0.7 of a title
 * match (the abstract weighs 0.35), so such a paper reaches the second stage's candidates (which count the definition
 * too, rerank.ts) instead of ranking after every paper with the acronym in its title (known items on 100k papers,
 * acronym style: S@10 +2.7% [1.0%, 4.7%], MRR@10 +0.008 [0.002, 0.017]; 10k: +0.7% S@10).
 */
const definesKey = '\u0002';
const definesFactor = 2;

/**
 * Whether a prefix being typed is taken as the word it already is, its completions ranked below it in every field
 * (`edl` the word, not Edler): when the shelf holds it as a word that is not far rarer than its completions together
 * (`mode` next to the many `model`s is still a prefix).
 */
function exactFirst(dictionary: TermDictionary, word: string): boolean {
	const df = dictionary.documentFrequency(word);
	return df > 0 && df * exactFirstShare >= dictionary.prefixFrequency(word);
}
const exactFirstShare = 10;

/** The key `build(papers)` files its papers under. */
export const defaultDigestKey = '';

function abortError(signal: AbortSignal): DOMException {
	const error = new DOMException('Index build cancelled', 'AbortError');
	(error as { cause?: unknown }).cause = signal.reason;
	return error;
}


/** The search index over the papers of one or more digests. */
export class PaperIndex {
	private _table = new DocumentTable();
	private _dictionary = new TermDictionary();
	private _fields: FieldIndexes = createFieldIndexes();
	private readonly _ranker = new Ranker();
	/** Acronym ↔ long form links of the live papers, kept up to date as papers come and go (and in the snapshot). */
	private _acronyms = new AcronymLinks();
	/** Per field and long form, the papers holding all its words (first-stage postings), until the papers change. */
	private readonly _longFormPostings = new Map<string, IntermediateSearchResults>();

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
		this._dictionary.mergePending();
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
				this._dictionary.mergePending();
				this.removeDigest(key);
				throw abortError(signal);
			}
		}
		this._dictionary.mergePending();
		if (papers.length === 0) {
			onProgress?.(0, 0);
		}
	}

	/**
	 * Adds (or replaces) the digest `key` with the papers and postings of `other`, an index holding that one
	 * digest (built alone, or restored from its cache): its terms are taken over, not tokenized again, and
	 * the result answers exactly like `addDigest(key, papers)` would. Only papers the shelf already holds
	 * through another digest are tokenized, to take them out of the adopted document frequencies.
	 */
	adoptDigest(key: string, other: PaperIndex): void {
		const keys = other.digestKeys();
		if (keys.length !== 1) {
			throw new Error(`an index adopted as a digest must hold exactly one digest, not ${keys.length}`);
		}
		this._beginDigest(key);
		other._dictionary.mergePending();
		const remap = new Int32Array(other._table.docs.length).fill(-1);
		const shared: Paper[] = [];
		for (const id of other._table.digests().get(keys[0]) ?? []) {
			const from = other._table.docId(id);
			const paper = other._table.get(id);
			if (from === undefined || !paper) continue;
			const docId = this._table.addPaper(key, paper);
			if (docId === undefined) shared.push(paper);
			else remap[from] = docId;
		}
		for (const name of fieldNames) {
			this._fields[name].adopt(other._fields[name], remap);
		}
		this._dictionary.adopt(other._dictionary);
		for (const paper of shared) {
			this._dictionary.removeDocument(fieldTerms(paper).flat());
		}
		this._dictionary.mergePending();
		// the other index's definitions are taken over as counted; papers the shelf already held were counted twice
		this._acronyms.merge(other._acronyms);
		for (const paper of shared) this._acronyms.remove(paper);
	}

	/** Removes the digest `key`; its papers go unless another digest holds them. Unknown keys are ignored. */
	removeDigest(key: string): void {
		this._longFormPostings.clear();
		const gone = this._table.removeDigest(key);
		if (!gone) {
			return;
		}
		for (const paper of gone) {
			this._dictionary.removeDocument(fieldTerms(paper).flat());
			this._acronyms.remove(paper);
		}
		if (this._table.needsSweep()) {
			this._sweepTombstones();
		}
	}

	private _beginDigest(key: string): void {
		this.removeDigest(key); // (which also forgets the long-form postings)
		this._table.openDigest(key);
	}

	private _addPaper(key: string, paper: Paper): void {
		if (this._longFormPostings.size > 0) this._longFormPostings.clear();
		const docId = this._table.addPaper(key, paper);
		if (docId !== undefined) {
			this._indexDocument(docId, paper, true);
			this._acronyms.add(paper);
		}
	}

	/**
	 * Adds one paper to the FlexSearch indexes, each field's terms once (in order of first occurrence), and
	 * with `count` to its terms' document frequencies.
	 */
	private _indexDocument(docId: number, paper: Paper, count: boolean): void {
		this._dictionary.addDocument(docId, fieldTerms(paper), count).forEach((distinct, f) => {
			if (distinct.length) this._fields[fieldNames[f]].add(docId, distinct);
		});
	}

	/** Rebuilds the FlexSearch indexes from the live papers, keeping document numbers. */
	private _sweepTombstones(): void {
		this._fields = createFieldIndexes();
		this._dictionary.resetStamps();
		this._table.docs.forEach((paper, docId) => {
			if (paper) this._indexDocument(docId, paper, false);
		});
		this._dictionary.resort();
		this._table.swept();
	}

	// --- reading

	/** Number of papers in the index. */
	get size(): number {
		return this._table.size;
	}

	/** The paper with this id, if indexed. */
	get(id: string): Paper | undefined {
		return this._table.get(id);
	}

	/** Every indexed paper, in the order they were added. */
	all(): Paper[] {
		return this._table.all();
	}

	/** The digest keys the index holds. */
	digestKeys(): string[] {
		return this._table.digestKeys();
	}

	// --- searching

	/**
	 * The papers matching `query`, best first. Synchronous: a query over 100k papers takes a few ms.
	 * An empty query (or one of stopwords only) finds nothing.
	 */
	search(query: string, options: SearchOptions = {}): SearchHit[] {
		const limit = Math.max(0, Math.floor(options.limit ?? 20));
		this._dictionary.mergePending();
		const terms = parseQuery(query, this._dictionary);
		if (terms.length === 0 || limit === 0) {
			return [];
		}
		const second = this._secondStage(query, terms);
		const quoted = second.query.phrases.length > 0;
		const pool = quoted ? quotedCandidates : rerankCandidates;
		const candidates = this._rank(second.terms, quoted ? pool : Math.max(limit, pool), -1, true);
		const docs = this._table.docs;
		// The first `pool` are ordered by their text; any further ones (a large limit) follow in the first stage's
		// order, so a larger limit only adds papers after the same top ones.
		const ranked: Ranked[] = rerank(second.query, candidates.slice(0, pool).map((c) => c.docId), (docId) => docs[docId] as Paper);
		for (let i = pool; !quoted && i < candidates.length && ranked.length < limit; i++) {
			const last = ranked.length > 0 ? ranked[ranked.length - 1].score : Infinity;
			ranked.push({ docId: candidates[i].docId, score: Math.min(candidates[i].score, last) });
		}
		const longForms = second.query.terms.flatMap((t) => (t.longForm ? [t.longForm] : []));
		return this._hits(ranked.slice(0, limit), second.terms, longForms);
	}

	/**
	 * The query as the second stage reads it (rerank.ts): each word's forms with their weights and rarity, acronym
	 * links both ways (learned from the shelf's definitions), and quoted phrases; and the first stage's terms with
	 * the acronym of a spelled-out long form added as a variant of its words.
	 */
	private _secondStage(query: string, parsed: readonly QueryTerm[]): { terms: QueryTerm[]; query: RerankQuery } {
		const dictionary = this._dictionary;
		const links = this._acronyms;
		const n = Math.max(1, this.size);
		const isWord = (w: string) => exactFirst(dictionary, w);
		const words = tokenize(query.replace(/"/g, ' '));
		const linked = new Map<string, string>();
		for (const [start, length, acronym] of links.longFormsIn(words)) {
			if (!dictionary.has(acronym)) continue;
			for (let k = start; k < start + length; k++) linked.set(words[k], acronym);
		}
		const linkedTerms = parsed.map((t): QueryTerm => {
			const acronym = linked.get(t.word);
			return acronym && !t.variants.some((v) => v.word === acronym) ? { ...t, variants: [...t.variants, { word: acronym, prefix: false, factor: acronymFactor }] } : t;
		});
		// an acronym typed finds the papers spelling out its long form too (the second stage checks the words stand together)
		const terms = linkedTerms.map((t): QueryTerm => {
			const defined = links.longForm(t.word);
			if (!defined) return t;
			// (and, in abstracts, the papers defining it: definesKey)
			const variants = [...t.variants, { word: definesKey + [t.word, ...defined].join(' '), prefix: false, factor: definesFactor }];
			if (dictionary.documentFrequency(t.word) < longFormFillBelow) variants.push({ word: longFormKey + defined.join(' '), prefix: false, factor: longFormFactor });
			return { ...t, variants };
		});
		const rerankTerms = linkedTerms.map((t): RerankTerm => {
			const forms: RerankForm[] = [];
			let df = 0;
			for (const v of t.variants) {
				forms.push({ word: v.word, prefix: false, weight: v.factor });
				df = Math.max(df, v.prefix && !isWord(v.word) ? dictionary.prefixFrequency(v.word) : dictionary.documentFrequency(v.word));
				if (v.prefix) forms.push({ word: v.word, prefix: true, weight: v.factor * completionFactorFor(v.word, isWord), inAbstract: v.word.length >= prefixExpansionMinLength });
			}
			const idf = Math.log(1 + (n - Math.min(df, n) + 0.5) / (Math.min(df, n) + 0.5));
			return { word: t.word, forms, idf, longForm: links.longForm(t.word) };
		});
		const phrases = [...query.matchAll(/"([^"]+)"/g)].map((m) => tokenize(m[1])).filter((p) => p.length > 0);
		return { terms, query: { terms: rerankTerms, phrases } };
	}

	/**
	 * The papers most similar to the paper `id` (sharing its distinctive title, keyword and abstract words),
	 * best first, without the paper itself. Unknown ids give none.
	 */
	related(id: string, limit = 10): SearchHit[] {
		const paper = this._table.get(id);
		const docId = this._table.docId(id);
		if (!paper || docId === undefined || limit <= 0) {
			return [];
		}
		const dictionary = this._dictionary;
		const n = Math.max(1, this.size);
		const idf = (t: string) => Math.log(n / (dictionary.has(t) ? dictionary.documentFrequency(t) : n));
		const shared = (t: string) => dictionary.documentFrequency(t) >= 2;
		const headline = [...new Set([...indexTerms(paper.title), ...paper.keywords.flatMap(indexTerms)])]
			.filter((t) => t.length > 2 && shared(t))
			.sort((a, b) => idf(b) - idf(a))
			.slice(0, 6);
		const counts = new Map<string, number>();
		for (const t of indexTerms(paper.abstract)) {
			if (t.length > 2 && !/^\d+$/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
		}
		const body = [...counts.keys()]
			.filter((t) => shared(t) && !headline.includes(t))
			.sort((a, b) => counts.get(b)! * idf(b) - counts.get(a)! * idf(a))
			.slice(0, 6);
		const terms = wholeWords([...headline, ...body]);
		if (terms.length === 0) {
			return [];
		}
		return this._hits(this._rank(terms, limit, docId, false), terms);
	}

	private _rank(terms: readonly QueryTerm[], limit: number, exclude: number, allFirst: boolean): Ranked[] {
		const dictionary = this._dictionary;
		const fields = this._fields;
		return this._ranker.rank(
			terms.map((term) => lookups(term, (prefix) => dictionary.completions(prefix), (word) => exactFirst(dictionary, word))),
			(field, word) =>
				word.startsWith(longFormKey) || (word.startsWith(definesKey) && field === 'abstract')
					? this._longFormPostingsOf(field, word)
					: word.startsWith(definesKey)
						? []
						: fields[field].postings(word),
			{ docs: this._table.docs, size: this.size },
			limit,
			exclude,
			allFirst,
		);
	}

	/**
	 * The papers whose `field` holds every word of a long form (`longFormKey` + words), or of an acronym and its long
	 * form (`definesKey` + words) (stopwords are not indexed; the last word also in the plural or singular), in the
	 * relevance buckets of its rarest word.
	 */
	private _longFormPostingsOf(field: FieldName, key: string): IntermediateSearchResults {
		const cacheKey = `${field}\u0000${key}`;
		const cached = this._longFormPostings.get(cacheKey);
		if (cached) return cached;
		const words = key.slice(1).split(' ').filter((w) => !stopwords.has(w));
		const index = this._fields[field];
		const lists = words.map((w, i) => {
			const forms = i === words.length - 1 ? [w, ...wordForms(w)] : [w];
			return forms.flatMap((f) => index.postings(f));
		});
		const size = (buckets: IntermediateSearchResults) => buckets.reduce((n, b) => n + (b?.length ?? 0), 0);
		let result: IntermediateSearchResults = [];
		if (lists.length > 0 && lists.every((l) => size(l) > 0)) {
			// the rarest word's papers, counted once per other word holding them too (a stamp per document number,
			// no set of a common word's many papers)
			const order = lists.map((l, i) => [size(l), i] as const).sort((a, b) => a[0] - b[0]);
			const rarest = lists[order[0][1]];
			const hits = new Uint8Array(this._table.docs.length);
			for (const bucket of rarest) for (const doc of bucket ?? []) hits[doc as number] = 1;
			for (let k = 1; k < order.length; k++) {
				for (const bucket of lists[order[k][1]]) for (const doc of bucket ?? []) if (hits[doc as number] === k) hits[doc as number] = k + 1;
			}
			result = rarest.map((bucket) => (bucket ?? []).filter((doc) => hits[doc as number] === order.length));
		}
		if (this._longFormPostings.size >= 256) this._longFormPostings.clear();
		this._longFormPostings.set(cacheKey, result);
		return result;
	}

	/**
	 * The hits with the query's words highlighted in their titles and abstracts, and the long forms of acronyms in
	 * the query ("pim" → "processing-in-memory") where a paper spells them out.
	 */
	private _hits(ranked: readonly Ranked[], terms: readonly QueryTerm[], longForms: readonly (readonly string[])[] = []): SearchHit[] {
		const inTitle = highlightMatcher(terms, 1);
		const inAbstract = highlightMatcher(terms, prefixExpansionMinLength);
		const docs = this._table.docs;
		const phrases = longForms.map((lf) => ({ matcher: phraseMatcher(lf), first: lf[0] }));
		const highlight = (text: string, words: MatchRange[]) => phrases.reduce((ranges, p) => mergeRanges(ranges, phraseRanges(text, p.matcher, p.first)), words);
		return ranked.map(({ docId, score }) => {
			const paper = docs[docId] as Paper;
			return { paper, score, matches: { title: highlight(paper.title, wordRanges(paper.title, inTitle)), abstract: highlight(paper.abstract, wordRanges(paper.abstract, inAbstract)) } };
		});
	}

	// --- cache support

	/** A serializable picture of the index (see indexCache.ts). */
	snapshot(): PaperIndexSnapshot {
		return takeSnapshot({ table: this._table, dictionary: this._dictionary, fields: this._fields, acronyms: this._acronyms });
	}

	/**
	 * Rebuilds an index from a snapshot and the digests' papers. Throws when the papers are not the ones the
	 * snapshot was taken from (the caller then builds afresh).
	 */
	static fromSnapshot(snapshot: PaperIndexSnapshot, digests: readonly DigestPapers[]): PaperIndex {
		const { table, dictionary, fields, acronyms } = restoreSnapshot(snapshot, digests);
		const index = new PaperIndex();
		index._table = table;
		index._dictionary = dictionary;
		index._fields = fields;
		index._acronyms = acronyms;
		return index;
	}
}
