/**
 * One level of topic grouping over some papers of a `TopicCorpus`:
 *
 * 1. choose labels by greedy set cover: repeatedly take the candidate phrase that names the most papers not yet
 *    named (titles count fully, abstracts partly), weighted by how distinctive it is (papers naming it in a title
 *    vs papers merely mentioning it) and skipping phrases that repeat a chosen one;
 * 2. assign every paper to the label it fits best: TF-IDF similarity to the topic's centroid plus a bonus when the
 *    paper itself uses the label, refined a few rounds like k-means;
 * 3. enforce sizes: no topic above `maxShare` of the papers, topics below `minSize` dissolve, papers that fit
 *    nowhere go to "Other" (at most `otherShare`).
 *
 * Cost is linear in the papers' terms and phrases times a small number of rounds. All ties are broken by
 * phrase key or paper index, so the result depends only on the papers, never on their order.
 */
import { titleEvidence, type TopicCorpus } from './topicCorpus';

/** Tuning for one level of grouping. */
export interface GroupingOptions {
	readonly minTopics: number;
	readonly maxTopics: number;
	/** Largest share of the papers one topic may hold (0.3). */
	readonly maxShare: number;
	/** Largest share of the papers "Other" may hold (0.1). */
	readonly otherShare: number;
	/** Fewest papers a topic needs. */
	readonly minSize: number;
	/** Phrases not to use as labels (a parent topic's own label). */
	readonly excludeKeys?: ReadonlySet<string>;
}

/** A topic of one level: its label phrase and its papers (corpus indices, best fitting first). */
export interface Group {
	readonly phrase: number;
	readonly members: readonly number[];
}

/** What one level of grouping gives. */
export interface Grouping {
	readonly groups: readonly Group[];
	readonly other: readonly number[];
}

/** Weight of "the paper uses this label" next to cosine similarity (0…1). */
const labelBonus = 0.2;
/** Papers scoring below this fraction of the median best score fit nowhere. */
const otherThreshold = 0.4;
const centroidTerms = 300;
const refineRounds = 3;

/** Groups the papers `members` (indices into `corpus.papers`). */
export function groupPapers(corpus: TopicCorpus, members: readonly number[], options: GroupingOptions): Grouping {
	const n = members.length;
	if (n === 0) return { groups: [], other: [] };
	const vectors = tfidfVectors(corpus, members);
	const cap = Math.max(options.minSize, Math.floor(options.maxShare * n));
	const chosen = chooseLabels(corpus, members, vectors, options, cap);
	if (chosen.length === 0) return { groups: [], other: [...members] };
	return assign(corpus, members, vectors, chosen, options, cap);
}

// --- vectors

interface SparseVector {
	readonly terms: Int32Array;
	readonly weights: Float32Array;
}

function tfidfVectors(corpus: TopicCorpus, members: readonly number[]): SparseVector[] {
	const df = new Int32Array(corpus.termCount);
	for (const m of members) {
		for (const t of corpus.papers[m].terms) df[t]++;
	}
	const n = members.length;
	return members.map((m) => {
		const p = corpus.papers[m];
		const terms: number[] = [];
		const weights: number[] = [];
		let norm = 0;
		for (let i = 0; i < p.terms.length; i++) {
			const d = df[p.terms[i]];
			if (d < 2 && n > 2) continue;
			const w = (1 + Math.log(p.termWeights[i])) * Math.log((n + 1) / d);
			if (w <= 0) continue;
			terms.push(p.terms[i]);
			weights.push(w);
			norm += w * w;
		}
		norm = Math.sqrt(norm) || 1;
		return { terms: Int32Array.from(terms), weights: Float32Array.from(weights, (w) => w / norm) };
	});
}

// --- labels

interface Candidate {
	readonly phrase: number;
	readonly docs: Int32Array;
	readonly evidence: Float32Array;
	readonly quality: number;
}

function chooseLabels(corpus: TopicCorpus, members: readonly number[], vectors: readonly SparseVector[], options: GroupingOptions, cap: number): Candidate[] {
	const phraseCount = corpus.phraseCount;
	const strong = new Int32Array(phraseCount);
	const any = new Int32Array(phraseCount);
	for (const m of members) {
		const p = corpus.papers[m];
		for (let i = 0; i < p.phrases.length; i++) {
			any[p.phrases[i]]++;
			if (p.phraseEvidence[i] >= 0.5) strong[p.phrases[i]]++;
		}
	}
	const eligible = (id: number) =>
		strong[id] >= options.minSize && strong[id] <= cap && !options.excludeKeys?.has(corpus.phrase(id).key);
	const docs = new Map<number, number[]>();
	const evidence = new Map<number, number[]>();
	members.forEach((m, local) => {
		const p = corpus.papers[m];
		for (let i = 0; i < p.phrases.length; i++) {
			const id = p.phrases[i];
			if (p.phraseEvidence[i] < 0.5 || !eligible(id)) continue;
			let d = docs.get(id);
			if (!d) {
				d = [];
				docs.set(id, d);
				evidence.set(id, []);
			}
			d.push(local);
			evidence.get(id)!.push(p.phraseEvidence[i]);
		}
	});
	const coherence = new CoherenceMeter(vectors, corpus.termCount);
	const candidates: Candidate[] = [];
	for (const [id, d] of docs) {
		const phrase = corpus.phrase(id);
		// Coherent (its papers resemble each other), not mentioned everywhere, multi-word a little preferred.
		const spread = 1 - any[id] / members.length;
		const quality = (1 + 0.3 * (phrase.units - 1)) * spread * spread * coherence.of(d);
		candidates.push({ phrase: id, docs: Int32Array.from(d), evidence: Float32Array.from(evidence.get(id)!), quality });
	}

	// Lazy greedy set cover: gains only shrink as papers get covered, so a stale gain is an upper bound.
	const covered = new Uint8Array(members.length);
	const gainOf = (c: Candidate) => {
		let g = 0;
		for (let i = 0; i < c.docs.length; i++) if (!covered[c.docs[i]]) g += c.evidence[i];
		return g * c.quality;
	};
	const heap = new MaxHeap<{ c: Candidate; gain: number; key: string }>((a, b) => a.gain - b.gain || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
	for (const c of candidates) heap.push({ c, gain: gainOf(c), key: corpus.phrase(c.phrase).key });
	const minGain = options.minSize * 0.75 * coherence.baseline;
	const chosen: Candidate[] = [];
	while (chosen.length < options.maxTopics && heap.size > 0) {
		const top = heap.pop()!;
		const gain = gainOf(top.c);
		const next = heap.peek();
		if (next && gain < next.gain - 1e-9) {
			top.gain = gain;
			heap.push(top);
			continue;
		}
		if (gain < minGain) break;
		if (chosen.some((c) => nearDuplicate(corpus, c, top.c))) continue;
		chosen.push(top.c);
		for (const d of top.c.docs) covered[d] = 1;
	}
	return chosen;
}

/** Labels that repeat each other: one's content words contain the other's ("neuromorphic", "neuromorphic chips"). */
function nearDuplicate(corpus: TopicCorpus, a: Candidate, b: Candidate): boolean {
	return nearDuplicateKeys(corpus.phrase(a.phrase).contentKeys, corpus.phrase(b.phrase).contentKeys);
}

function nearDuplicateKeys(a: readonly string[], b: readonly string[]): boolean {
	const ka = new Set(a.filter((k) => k.length > 2));
	const kb = new Set(b.filter((k) => k.length > 2));
	const aInB = [...ka].every((k) => kb.has(k));
	const bInA = [...kb].every((k) => ka.has(k));
	return (ka.size > 0 && aInB) || (kb.size > 0 && bInA);
}

/**
 * Average pairwise cosine similarity of a set of papers, shrunk toward the average over all papers for small
 * sets (two papers alike by chance say little). Large sets are measured on an even sample.
 */
class CoherenceMeter {
	readonly baseline: number;
	private readonly _sum: Float64Array;
	private static readonly _sample = 60;
	private static readonly _prior = 2;

	constructor(private readonly _vectors: readonly SparseVector[], termCount: number) {
		this._sum = new Float64Array(termCount);
		const step = Math.max(1, Math.floor(_vectors.length / 200));
		const sample: number[] = [];
		for (let i = 0; i < _vectors.length; i += step) sample.push(i);
		this.baseline = Math.max(this._raw(sample), 0.005);
	}

	of(docs: readonly number[]): number {
		const s = docs.length;
		let sample = docs;
		if (s > CoherenceMeter._sample) {
			const step = s / CoherenceMeter._sample;
			sample = Array.from({ length: CoherenceMeter._sample }, (_, i) => docs[Math.floor(i * step)]);
		}
		const raw = this._raw(sample);
		const m = sample.length;
		const prior = CoherenceMeter._prior;
		return (raw * (m - 1) + this.baseline * prior) / (m - 1 + prior);
	}

	private _raw(docs: readonly number[]): number {
		const m = docs.length;
		if (m < 2) return 0;
		const touched: number[] = [];
		for (const d of docs) {
			const v = this._vectors[d];
			for (let i = 0; i < v.terms.length; i++) {
				if (this._sum[v.terms[i]] === 0) touched.push(v.terms[i]);
				this._sum[v.terms[i]] += v.weights[i];
			}
		}
		let sq = 0;
		for (const t of touched) {
			sq += this._sum[t] * this._sum[t];
			this._sum[t] = 0;
		}
		return (sq - m) / (m * (m - 1));
	}
}

// --- assignment

function assign(
	corpus: TopicCorpus,
	members: readonly number[],
	vectors: readonly SparseVector[],
	chosen: readonly Candidate[],
	options: GroupingOptions,
	cap: number,
): Grouping {
	const n = members.length;
	const k = chosen.length;
	const topicOfPhrase = new Map<number, number>();
	chosen.forEach((c, t) => topicOfPhrase.set(c.phrase, t));
	// The label evidence each paper has for each topic (sparse).
	const labelEvidence: { topic: number; evidence: number }[][] = members.map((m) => {
		const p = corpus.papers[m];
		const out: { topic: number; evidence: number }[] = [];
		for (let i = 0; i < p.phrases.length; i++) {
			const t = topicOfPhrase.get(p.phrases[i]);
			if (t !== undefined) out.push({ topic: t, evidence: p.phraseEvidence[i] });
		}
		return out;
	});

	// Seed centroids from the papers that name each label.
	let weightsOf: (local: number) => { topic: number; weight: number }[] = (local) =>
		labelEvidence[local].filter((e) => e.evidence >= 0.5).map((e) => ({ topic: e.topic, weight: e.evidence }));
	let best = new Int32Array(n);
	let bestScore = new Float64Array(n);
	let second = new Int32Array(n);
	let secondScore = new Float64Array(n);
	const scores = new Float64Array(k);
	for (let round = 0; round < refineRounds; round++) {
		const centroids = buildCentroids(vectors, k, weightsOf, corpus.termCount);
		best = new Int32Array(n).fill(-1);
		bestScore = new Float64Array(n);
		second = new Int32Array(n).fill(-1);
		secondScore = new Float64Array(n);
		for (let d = 0; d < n; d++) {
			scores.fill(0);
			const v = vectors[d];
			for (let i = 0; i < v.terms.length; i++) {
				const term = v.terms[i];
				const w = v.weights[i];
				for (let j = centroids.start[term], end = centroids.start[term + 1]; j < end; j++) scores[centroids.topics[j]] += w * centroids.weights[j];
			}
			for (const e of labelEvidence[d]) scores[e.topic] += labelBonus * Math.min(e.evidence, titleEvidence);
			for (let t = 0; t < k; t++) {
				const s = scores[t];
				if (best[d] < 0 || s > bestScore[d]) {
					second[d] = best[d];
					secondScore[d] = bestScore[d];
					best[d] = t;
					bestScore[d] = s;
				} else if (second[d] < 0 || s > secondScore[d]) {
					second[d] = t;
					secondScore[d] = s;
				}
			}
		}
		const assigned = best;
		const fit = bestScore;
		weightsOf = (local) => {
			const out = [{ topic: assigned[local], weight: Math.max(fit[local], 0.01) }];
			for (const e of labelEvidence[local]) if (e.evidence >= 0.5 && e.topic !== assigned[local]) out.push({ topic: e.topic, weight: e.evidence * 0.5 });
			return out;
		};
	}

	// --- sizes
	const topicOf = Int32Array.from(best);
	const alive = new Uint8Array(k).fill(1);
	const sizes = () => {
		const s = new Int32Array(k);
		for (let d = 0; d < n; d++) if (topicOf[d] >= 0) s[topicOf[d]]++;
		return s;
	};
	// Papers that fit nowhere: far below the typical fit.
	const sortedFits = Float64Array.from(bestScore).sort();
	const median = sortedFits[Math.floor(n / 2)];
	const weak = [...Array(n).keys()].filter((d) => bestScore[d] < otherThreshold * median).sort((a, b) => bestScore[a] - bestScore[b] || a - b);
	for (const d of weak.slice(0, Math.floor(options.otherShare * n))) topicOf[d] = -1;

	const scoreFor = (d: number, t: number): number => (t === best[d] ? bestScore[d] : t === second[d] ? secondScore[d] : -1);
	const membersOf = (t: number) => {
		const out: number[] = [];
		for (let d = 0; d < n; d++) if (topicOf[d] === t) out.push(d);
		return out;
	};
	for (let pass = 0; pass < 4; pass++) {
		let s = sizes();
		// Too big: the papers that fit their second choice almost as well move there.
		for (let t = 0; t < k; t++) {
			if (!alive[t] || s[t] <= cap) continue;
			const inT = membersOf(t);
			inT.sort((a, b) => bestScore[a] - scoreFor(a, second[a]) - (bestScore[b] - scoreFor(b, second[b])) || a - b);
			for (const d of inT) {
				if (s[t] <= cap) break;
				const alt = second[d];
				const target = alt >= 0 && alive[alt] && s[alt] < cap ? alt : -1;
				topicOf[d] = target;
				s[t]--;
				if (target >= 0) s[target]++;
			}
		}
		// Too small: dissolve the smallest, its papers go to their next choice.
		s = sizes();
		let smallest = -1;
		for (let t = 0; t < k; t++) {
			if (alive[t] && s[t] < options.minSize && (smallest < 0 || s[t] < s[smallest])) smallest = t;
		}
		if (smallest < 0) break;
		alive[smallest] = 0;
		for (let d = 0; d < n; d++) {
			if (topicOf[d] !== smallest) continue;
			const alt = best[d] === smallest ? second[d] : best[d];
			topicOf[d] = alt >= 0 && alive[alt] ? alt : -1;
		}
	}

	const groups: { phrase: number; members: number[] }[] = [];
	for (let t = 0; t < k; t++) {
		if (!alive[t]) continue;
		const local = membersOf(t);
		if (local.length === 0) continue;
		local.sort((a, b) => bestScore[b] - bestScore[a] || a - b);
		groups.push({ phrase: chosen[t].phrase, members: local.map((d) => members[d]) });
	}
	relabel(corpus, members, groups, options);
	const other = [...Array(n).keys()].filter((d) => topicOf[d] < 0).map((d) => members[d]);
	return { groups, other };
}

/**
 * Names each final group by the phrase that best describes it: used (in titles above all) by many of its
 * papers and by few papers outside it. The seed phrase competes like any other; no two groups share a label.
 */
function relabel(corpus: TopicCorpus, members: readonly number[], groups: { phrase: number; members: number[] }[], options: GroupingOptions): void {
	const total = new Map<number, number>();
	for (const m of members) {
		const p = corpus.papers[m];
		for (let i = 0; i < p.phrases.length; i++) total.set(p.phrases[i], (total.get(p.phrases[i]) ?? 0) + p.phraseEvidence[i]);
	}
	const options_: { group: number; phrase: number; score: number; key: string }[] = [];
	groups.forEach((g, gi) => {
		const sum = new Map<number, number>();
		const strong = new Map<number, number>();
		for (const m of g.members) {
			const p = corpus.papers[m];
			for (let i = 0; i < p.phrases.length; i++) {
				const id = p.phrases[i];
				sum.set(id, (sum.get(id) ?? 0) + p.phraseEvidence[i]);
				if (p.phraseEvidence[i] >= 0.5) strong.set(id, (strong.get(id) ?? 0) + 1);
			}
		}
		const needed = Math.min(2, g.members.length);
		for (const [id, s] of sum) {
			const phrase = corpus.phrase(id);
			if ((strong.get(id) ?? 0) < needed || !phrase.labelable || options.excludeKeys?.has(phrase.key)) continue;
			const score = (s / g.members.length) * (s / total.get(id)!) * (1 + 0.3 * (phrase.units - 1));
			options_.push({ group: gi, phrase: id, score, key: phrase.key });
		}
	});
	options_.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.group - b.group));
	const labelled = new Set<number>();
	const used: number[] = [];
	for (const o of options_) {
		if (labelled.has(o.group) || used.some((u) => u === o.phrase || nearDuplicateKeys(corpus.phrase(u).contentKeys, corpus.phrase(o.phrase).contentKeys))) continue;
		groups[o.group].phrase = o.phrase;
		labelled.add(o.group);
		used.push(o.phrase);
	}
}

/** Centroids as an inverted index in CSR form: the postings of `term` are `topics`/`weights` from `start[term]` to `start[term + 1]`. */
interface CentroidIndex {
	readonly start: Int32Array;
	readonly topics: Int32Array;
	readonly weights: Float64Array;
}

/** Each centroid keeps its heaviest terms and has unit length. */
function buildCentroids(
	vectors: readonly SparseVector[],
	k: number,
	weightsOf: (local: number) => readonly { topic: number; weight: number }[],
	termCount: number,
): CentroidIndex {
	const byTopic: { doc: number; weight: number }[][] = Array.from({ length: k }, () => []);
	for (let d = 0; d < vectors.length; d++) {
		for (const { topic, weight } of weightsOf(d)) if (topic >= 0) byTopic[topic].push({ doc: d, weight });
	}
	const sum = new Float64Array(termCount);
	const kept: [number, number][][] = byTopic.map((docs) => {
		const touched: number[] = [];
		for (const { doc, weight } of docs) {
			const v = vectors[doc];
			for (let i = 0; i < v.terms.length; i++) {
				const term = v.terms[i];
				if (sum[term] === 0) touched.push(term);
				sum[term] += weight * v.weights[i];
			}
		}
		const top = touched.map((term): [number, number] => [term, sum[term]]);
		for (const term of touched) sum[term] = 0;
		top.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
		top.length = Math.min(top.length, centroidTerms);
		const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
		for (const e of top) e[1] /= norm;
		return top;
	});
	const start = new Int32Array(termCount + 1);
	for (const top of kept) for (const [term] of top) start[term + 1]++;
	for (let t = 0; t < termCount; t++) start[t + 1] += start[t];
	const fill = start.slice(0, termCount);
	const topics = new Int32Array(start[termCount]);
	const weights = new Float64Array(start[termCount]);
	kept.forEach((top, t) => {
		for (const [term, w] of top) {
			topics[fill[term]] = t;
			weights[fill[term]++] = w;
		}
	});
	return { start, topics, weights };
}

// --- a small binary max-heap

class MaxHeap<T> {
	private readonly _items: T[] = [];
	constructor(private readonly _compare: (a: T, b: T) => number) {}
	get size(): number {
		return this._items.length;
	}
	peek(): T | undefined {
		return this._items[0];
	}
	push(item: T): void {
		const a = this._items;
		a.push(item);
		let i = a.length - 1;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (this._compare(a[i], a[parent]) <= 0) break;
			[a[i], a[parent]] = [a[parent], a[i]];
			i = parent;
		}
	}
	pop(): T | undefined {
		const a = this._items;
		if (a.length === 0) return undefined;
		const top = a[0];
		const last = a.pop()!;
		if (a.length > 0) {
			a[0] = last;
			let i = 0;
			for (;;) {
				const l = 2 * i + 1;
				const r = l + 1;
				let m = i;
				if (l < a.length && this._compare(a[l], a[m]) > 0) m = l;
				if (r < a.length && this._compare(a[r], a[m]) > 0) m = r;
				if (m === i) break;
				[a[i], a[m]] = [a[m], a[i]];
				i = m;
			}
		}
		return top;
	}
}
