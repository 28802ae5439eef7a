/**
 * One level of topic grouping over some papers of a `TopicCorpus`:
 *
 * 1. choose labels by greedy set cover: repeatedly take the candidate phrase that names the most papers not yet
 *    named (titles count fully, abstracts partly), weighted by how coherent its papers are, and skipping phrases
 *    that repeat a chosen one; a phrase whose papers share little besides the phrase itself is no candidate, and
 *    neither is a generic bare word ("Image", "Object": see `genericWord`);
 * 2. assign every paper to the label it fits best: TF-IDF similarity to the topic's centroid plus a bonus when the
 *    paper itself uses the label, refined a few rounds like k-means. Centroids leave out the label's own words,
 *    so a topic gathers papers that share its subject, not just its word;
 * 3. topics whose assigned papers share little besides the label word ("Cache") dissolve;
 * 4. enforce sizes: no topic above `maxShare` of the papers, topics below `minSize` dissolve, papers that fit
 *    nowhere go to "Other" (at most `otherShare`).
 *
 * Cost is linear in the papers' terms and phrases times a small number of rounds. All ties are broken by
 * phrase key or paper index, so the result depends only on the papers, never on their order.
 */
import * as topicCorpus from './topicCorpus';
import type { TopicCorpus } from './topicCorpus';
import * as vocabulary from './vocabulary';

// Local copies: in the unbundled build every use of an imported binding is a getter call, too slow for hot loops.
const grown = vocabulary.grown;
const titleEvidence = topicCorpus.titleEvidence;

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
/**
 * A label candidate's papers must resemble each other at least this much (times the average pair of papers) once
 * the label's own words are left out: otherwise they share a word, not a subject ("Generative", "MAC").
 */
const candidateCoherence = 0.95;
/** The same test for an assigned topic, whose centroid has already made its papers more alike. */
const topicCoherence = 1.2;
/**
 * A bare common word ("Image", "Object", "Linear") names a field only when its papers, leaving the word out, are
 * at least this much more alike than the average pair: otherwise the word is generic and a phrase
 * ("Image generation", "Object detection") or an acronym with its long form must name the topic instead.
 */
const plainWordCoherence = 2;
/** …and a bare word used (anywhere in the text) by more than this share of the level's papers is generic. */
const plainWordShare = 0.02;
/** A bare word labels a final topic only when at least this share of its papers name it (title, keyword, repeated). */
const plainWordGroupShare = 0.25;
/** Fewer papers than this say too little for either measure (a small digest's topics are all narrow). */
const plainWordMeasurable = 30;
/**
 * A topic held together by a widely used but coherent word ("Spin" over the physics papers of a shelf of machine
 * learning) is named by a phrase at least the first of these shares of its papers name, else by one the second share
 * names, else by the word (see `holdsTopic`).
 */
const heldWordPhraseShares = [0.05, 0.02];

/**
 * The one rule for a generic word: a bare common word is too generic to name a topic of a level of `levelSize`
 * papers when more than `plainWordShare` of them (and at least `plainWordMeasurable`) use it anywhere, or when the
 * `named` papers it would label (at least `plainWordMeasurable`) are less than `plainWordCoherence` times as alike
 * as the average pair once the word is left out (`beyondWords`, see `CoherenceMeter`).
 */
export function genericWord(named: number, using: number, levelSize: number, beyondWords: number): boolean {
	const widelyUsed = using > Math.max(plainWordShare * levelSize, plainWordMeasurable);
	return widelyUsed || (named >= plainWordMeasurable && beyondWords < plainWordCoherence);
}

/**
 * Grouping is not naming: a bare word generic only by how widely it is used may still hold a topic together when
 * the `named` papers it would label are at least `plainWordCoherence` times as alike as the average pair without it
 * (`beyondWords`). The physics papers of a machine-learning shelf all say "quantum", so the word is used by far more
 * than 2% of the papers, yet it gathers one field; the topic is then named by a phrase its papers use
 * (`heldWordPhraseShares`), the word itself only when none has that support.
 */
export function holdsTopic(named: number, beyondWords: number): boolean {
	return named >= plainWordMeasurable && beyondWords >= plainWordCoherence;
}

/** Groups the papers `members` (indices into `corpus.papers`). */
export function clusterTopicLevel(corpus: TopicCorpus, members: readonly number[], options: GroupingOptions): Grouping {
	const n = members.length;
	if (n === 0) return { groups: [], other: [] };
	const vectors = tfidfVectors(corpus, members);
	const cap = Math.max(options.minSize, Math.floor(options.maxShare * n));
	const { chosen, earned, held } = chooseLabels(corpus, members, vectors, options, cap);
	if (chosen.length === 0) return { groups: [], other: [...members] };
	const naming: Naming = { mayLabel: (id) => !corpus.phrase(id).plainWord || earned.has(id), held };
	return assign(corpus, members, vectors, chosen, options, cap, naming);
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
	let scratchTerms = new Int32Array(4096);
	let scratchWeights = new Float64Array(4096);
	return members.map((m) => {
		const p = corpus.papers[m];
		if (scratchTerms.length < p.terms.length) {
			scratchTerms = grown(scratchTerms, p.terms.length);
			scratchWeights = grown(scratchWeights, p.terms.length);
		}
		let kept = 0;
		let norm = 0;
		for (let i = 0; i < p.terms.length; i++) {
			const d = df[p.terms[i]];
			if (d < 2 && n > 2) continue;
			const w = (1 + Math.log(p.termWeights[i])) * Math.log((n + 1) / d);
			if (w <= 0) continue;
			scratchTerms[kept] = p.terms[i];
			scratchWeights[kept++] = w;
			norm += w * w;
		}
		norm = Math.sqrt(norm) || 1;
		const weights = new Float32Array(kept);
		for (let i = 0; i < kept; i++) weights[i] = scratchWeights[i] / norm;
		return { terms: scratchTerms.slice(0, kept), weights };
	});
}

// --- labels

interface Candidate {
	readonly phrase: number;
	readonly docs: Int32Array;
	readonly evidence: Float32Array;
	readonly quality: number;
}

/**
 * The labels of one level, the bare common words that earned a label by the coherence of their papers
 * (`plainWordCoherence`: no other bare word may name a topic of this level), and the widely used words that only
 * hold a topic together (`holdsTopic`).
 */
function chooseLabels(
	corpus: TopicCorpus,
	members: readonly number[],
	vectors: readonly SparseVector[],
	options: GroupingOptions,
	cap: number,
): { chosen: Candidate[]; earned: Set<number>; held: Set<number> } {
	const phraseCount = corpus.phraseCount;
	const strong = new Int32Array(phraseCount);
	const any = new Int32Array(phraseCount);
	// How many papers use a phrase anywhere, counted where abstracts were scanned (every one below 50k papers).
	const anySampled = new Int32Array(phraseCount);
	let sampled = 0;
	for (const m of members) {
		const p = corpus.papers[m];
		const inSample = m % corpus.abstractStride === 0;
		if (inSample) sampled++;
		for (let i = 0; i < p.phrases.length; i++) {
			any[p.phrases[i]]++;
			if (inSample) anySampled[p.phrases[i]]++;
			if (p.phraseEvidence[i] >= 0.5) strong[p.phrases[i]]++;
		}
	}
	const usingScale = sampled > 0 ? members.length / sampled : 1;
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
	const earned = new Set<number>();
	const held = new Set<number>();
	for (const [id, d] of docs) {
		const beyondWords = coherence.of(d, corpus.phraseTerms(id)) / coherence.baseline;
		if (beyondWords < candidateCoherence) continue;
		const phrase = corpus.phrase(id);
		if (phrase.plainWord) {
			if (!genericWord(d.length, Math.max(any[id], Math.round(anySampled[id] * usingScale)), members.length, beyondWords)) earned.add(id);
			else if (holdsTopic(d.length, beyondWords)) held.add(id);
			else continue;
		}
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
	return { chosen, earned, held };
}

/** Labels that repeat each other: one's content words contain the other's ("neuromorphic", "neuromorphic chips"). */
function nearDuplicate(corpus: TopicCorpus, a: Candidate, b: Candidate): boolean {
	return nearDuplicatePhrases(corpus, a.phrase, b.phrase);
}

function nearDuplicatePhrases(corpus: TopicCorpus, a: number, b: number): boolean {
	const ka = corpus.phrase(a).significantKeys;
	const kb = corpus.phrase(b).significantKeys;
	return (ka.length > 0 && ka.every((k) => kb.includes(k))) || (kb.length > 0 && kb.every((k) => ka.includes(k)));
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

	/** Coherence of `docs`, optionally leaving out the terms `without` (a label's own words). */
	of(docs: readonly number[], without?: readonly number[]): number {
		const s = docs.length;
		let sample = docs;
		if (s > CoherenceMeter._sample) {
			const step = s / CoherenceMeter._sample;
			sample = Array.from({ length: CoherenceMeter._sample }, (_, i) => docs[Math.floor(i * step)]);
		}
		const raw = this._raw(sample, without);
		const m = sample.length;
		const prior = CoherenceMeter._prior;
		return (raw * (m - 1) + this.baseline * prior) / (m - 1 + prior);
	}

	private _raw(docs: readonly number[], without?: readonly number[]): number {
		const m = docs.length;
		if (m < 2) return 0;
		const touched: number[] = [];
		// The sum over ordered pairs of v_a·v_b is |Σ v|² − Σ |v|²; |v|² is 1 unless terms are left out.
		let self = 0;
		for (const d of docs) {
			const v = this._vectors[d];
			for (let i = 0; i < v.terms.length; i++) {
				const term = v.terms[i];
				if (without !== undefined && without.includes(term)) continue;
				if (this._sum[term] === 0) touched.push(term);
				this._sum[term] += v.weights[i];
				self += v.weights[i] * v.weights[i];
			}
		}
		let sq = 0;
		for (const t of touched) {
			sq += this._sum[t] * this._sum[t];
			this._sum[t] = 0;
		}
		return (sq - self) / (m * (m - 1));
	}
}

// --- assignment

/** Which phrases may name a topic of the level (`mayLabel`), and the seeds that hold a topic without naming it. */
interface Naming {
	readonly mayLabel: (phrase: number) => boolean;
	readonly held: ReadonlySet<number>;
}

function assign(
	corpus: TopicCorpus,
	members: readonly number[],
	vectors: readonly SparseVector[],
	chosen: readonly Candidate[],
	options: GroupingOptions,
	cap: number,
	naming: Naming,
): Grouping {
	const n = members.length;
	const k = chosen.length;
	const topicOfPhrase = new Map<number, number>();
	chosen.forEach((c, t) => topicOfPhrase.set(c.phrase, t));
	// The label evidence each paper has for each topic, sparse (CSR): entries evStart[d] … evStart[d + 1].
	const evStart = new Int32Array(n + 1);
	const evTopicList: number[] = [];
	const evList: number[] = [];
	for (let d = 0; d < n; d++) {
		const p = corpus.papers[members[d]];
		for (let i = 0; i < p.phrases.length; i++) {
			const t = topicOfPhrase.get(p.phrases[i]);
			if (t === undefined) continue;
			evTopicList.push(t);
			evList.push(p.phraseEvidence[i]);
		}
		evStart[d + 1] = evTopicList.length;
	}
	const evTopic = Int32Array.from(evTopicList);
	const evidence = Float64Array.from(evList);

	// Seed centroids from the papers that name each label; later rounds from the papers assigned to them.
	const feeds = new Feeds(n + evTopic.length);
	for (let d = 0; d < n; d++) {
		for (let e = evStart[d]; e < evStart[d + 1]; e++) if (evidence[e] >= 0.5) feeds.push(d, evTopic[e], evidence[e]);
	}
	const scratch = new Float64Array(corpus.termCount);
	const ownTerms = chosen.map((c) => corpus.phraseTerms(c.phrase));
	let best = new Int32Array(n);
	let bestScore = new Float64Array(n);
	let second = new Int32Array(n);
	let secondScore = new Float64Array(n);
	const scores = new Float64Array(k);
	/** Fills `scores` with paper `d`'s fit to every topic: similarity to its centroid plus the label bonus. */
	const scoreAll = (d: number, centroids: CentroidIndex): Float64Array => {
		scores.fill(0);
		const v = vectors[d];
		for (let i = 0; i < v.terms.length; i++) {
			const term = v.terms[i];
			const w = v.weights[i];
			for (let j = centroids.start[term], end = centroids.start[term + 1]; j < end; j++) scores[centroids.topics[j]] += w * centroids.weights[j];
		}
		for (let e = evStart[d]; e < evStart[d + 1]; e++) scores[evTopic[e]] += labelBonus * Math.min(evidence[e], titleEvidence);
		return scores;
	};
	let centroids: CentroidIndex | undefined;
	for (let round = 0; round < refineRounds; round++) {
		centroids = buildCentroids(vectors, k, feeds, corpus.termCount, scratch, ownTerms);
		best = new Int32Array(n).fill(-1);
		bestScore = new Float64Array(n);
		second = new Int32Array(n).fill(-1);
		secondScore = new Float64Array(n);
		for (let d = 0; d < n; d++) {
			scoreAll(d, centroids);
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
		feeds.length = 0;
		for (let d = 0; d < n; d++) {
			feeds.push(d, best[d], Math.max(bestScore[d], 0.01));
			for (let e = evStart[d]; e < evStart[d + 1]; e++) if (evidence[e] >= 0.5 && evTopic[e] !== best[d]) feeds.push(d, evTopic[e], evidence[e] * 0.5);
		}
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
	const otherCap = Math.floor(options.otherShare * n);
	for (const d of weak.slice(0, otherCap)) topicOf[d] = -1;

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

	const finalCentroids = centroids!;
	dissolveIncoherent(vectors, corpus.termCount, ownTerms, { topicOf, fit: bestScore, alive, fits: (d) => scoreAll(d, finalCentroids) }, otherCap, cap);
	const groups: { phrase: number; members: number[] }[] = [];
	for (let t = 0; t < k; t++) {
		if (!alive[t]) continue;
		const local = membersOf(t);
		if (local.length === 0) continue;
		local.sort((a, b) => bestScore[b] - bestScore[a] || a - b);
		groups.push({ phrase: chosen[t].phrase, members: local.map((d) => members[d]) });
	}
	relabel(corpus, members, groups, options, naming);
	const other = [...Array(n).keys()].filter((d) => topicOf[d] < 0).map((d) => members[d]);
	return { groups, other };
}

/** A level's assignment while sizes are being enforced: each paper's topic (-1: "Other") and its fit to each topic. */
interface Placement {
	readonly topicOf: Int32Array;
	/** Each paper's fit to its topic (orders a topic's papers). */
	readonly fit: Float64Array;
	readonly alive: Uint8Array;
	/** Paper `d`'s fit to every topic (a shared array, valid until the next call). */
	readonly fits: (d: number) => Float64Array;
}

/**
 * Dissolves the topics whose papers share little besides the label's own words (run after sizes are enforced):
 * their papers go to the best fitting remaining topic with room under `cap`, else to "Other" while it stays within
 * `otherCap` (a topic that would overfill it stays).
 */
function dissolveIncoherent(
	vectors: readonly SparseVector[],
	termCount: number,
	ownTerms: readonly (readonly number[])[],
	placement: Placement,
	otherCap: number,
	cap: number,
): void {
	const { topicOf, fit: fitOf, alive, fits } = placement;
	const n = topicOf.length;
	const k = ownTerms.length;
	const meter = new CoherenceMeter(vectors, termCount);
	const size = new Int32Array(k);
	let otherCount = 0;
	for (let d = 0; d < n; d++) {
		if (topicOf[d] < 0) otherCount++;
		else size[topicOf[d]]++;
	}
	for (let t = 0; t < k; t++) {
		if (!alive[t] || size[t] < 2) continue;
		const inT: number[] = [];
		for (let d = 0; d < n; d++) if (topicOf[d] === t) inT.push(d);
		if (meter.of(inT, ownTerms[t]) >= topicCoherence * meter.baseline) continue;
		const room = Int32Array.from(size);
		const targetFit = new Float64Array(inT.length);
		const target = inT.map((d, i) => {
			const fit = fits(d);
			let alt = -1;
			for (let u = 0; u < k; u++) {
				if (u !== t && alive[u] && room[u] < cap && (alt < 0 || fit[u] > fit[alt])) alt = u;
			}
			if (alt >= 0) {
				room[alt]++;
				targetFit[i] = fit[alt];
			}
			return alt;
		});
		const homeless = target.filter((x) => x < 0).length;
		if (otherCount + homeless > otherCap) continue;
		alive[t] = 0;
		size[t] = 0;
		otherCount += homeless;
		inT.forEach((d, i) => {
			topicOf[d] = target[i];
			if (target[i] < 0) return;
			size[target[i]]++;
			fitOf[d] = targetFit[i];
		});
	}
}

/**
 * Names each final group by the phrase that best describes it: used (in titles above all) by many of its
 * papers and by few papers outside it. The seed phrase competes like any other; no two groups share a label.
 */
function relabel(
	corpus: TopicCorpus,
	members: readonly number[],
	groups: { phrase: number; members: number[] }[],
	options: GroupingOptions,
	naming: Naming,
): void {
	const { mayLabel, held } = naming;
	const seeds = groups.map((g) => g.phrase);
	const phraseCount = corpus.phraseCount;
	const total = new Float64Array(phraseCount);
	for (const m of members) {
		const p = corpus.papers[m];
		for (let i = 0; i < p.phrases.length; i++) total[p.phrases[i]] += p.phraseEvidence[i];
	}
	const sum = new Float64Array(phraseCount);
	const strong = new Int32Array(phraseCount);
	// Papers naming a phrase where abstracts were scanned (all of them below 50k papers): the support of a phrase.
	const strongSampled = new Int32Array(phraseCount);
	const touched: number[] = [];
	const choices: { group: number; phrase: number; score: number; key: string; support: number }[] = [];
	// Bare words no candidate of the level but named by a good share of one group: only for a group whose seed is a
	// bare word too few of its papers name, and no other phrase is free.
	const fallbacks: typeof choices = [];
	const weakSeed = new Uint8Array(groups.length);
	groups.forEach((g, gi) => {
		let sampled = 0;
		for (const m of g.members) {
			const p = corpus.papers[m];
			const inSample = m % corpus.abstractStride === 0;
			if (inSample) sampled++;
			for (let i = 0; i < p.phrases.length; i++) {
				const id = p.phrases[i];
				if (sum[id] === 0) touched.push(id);
				sum[id] += p.phraseEvidence[i];
				if (p.phraseEvidence[i] >= 0.5) {
					strong[id]++;
					if (inSample) strongSampled[id]++;
				}
			}
		}
		const needed = Math.min(2, g.members.length);
		// A topic a widely used word holds is named by several words: a phrase, or an acronym's long form
		// ("Retrieval-augmented generation (RAG)"), never one word ("Two-dimensional", "Real-world (RW)").
		const isHeld = held.has(g.phrase);
		for (const id of touched) {
			const s = sum[id];
			const named = strong[id];
			const support = sampled > 0 ? strongSampled[id] / sampled : named / g.members.length;
			sum[id] = 0;
			strong[id] = 0;
			strongSampled[id] = 0;
			const phrase = corpus.phrase(id);
			// A bare word names a topic only if a good share of its papers name it ("Spin" for 13,000 physics papers: no);
			// so does a proper word ("Indian" for 9 papers on languages of India, 2 of which name it).
			const fewName = (phrase.plainWord || oneWord(phrase)) && named < plainWordGroupShare * g.members.length;
			if (id === g.phrase && fewName) weakSeed[gi] = 1;
			if (named < needed || fewName) continue;
			if (!phrase.labelable || options.excludeKeys?.has(phrase.key)) continue;
			if (isHeld && !severalWords(phrase.label)) continue;
			const score = (s / g.members.length) * (s / total[id]) * (1 + 0.3 * (phrase.units - 1));
			(mayLabel(id) ? choices : fallbacks).push({ group: gi, phrase: id, score, key: phrase.key, support });
		}
		touched.length = 0;
	});
	const byScore = (a: (typeof choices)[number], b: (typeof choices)[number]) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : a.group - b.group);
	const labelled = new Set<number>();
	const used: number[] = [];
	const take = (list: typeof choices, accept: (choice: (typeof choices)[number]) => boolean) => {
		for (const o of list.sort(byScore)) {
			if (labelled.size === groups.length) break;
			if (labelled.has(o.group) || !accept(o) || used.some((u) => u === o.phrase || nearDuplicatePhrases(corpus, u, o.phrase))) continue;
			groups[o.group].phrase = o.phrase;
			labelled.add(o.group);
			used.push(o.phrase);
		}
	};
	// A topic a widely used word holds is named by a phrase a good share of its papers name, or keeps the word.
	const heldSeed = seeds.map((id) => held.has(id));
	for (const share of heldWordPhraseShares) take(choices, (o) => !heldSeed[o.group] || o.support >= share);
	for (let gi = 0; gi < groups.length; gi++) if (!labelled.has(gi) && !weakSeed[gi]) used.push(groups[gi].phrase);
	take(fallbacks, (o) => weakSeed[o.group] === 1);
}

/** A label of several words, an acronym's long form counting ("Retrieval-augmented generation (RAG)", not "Real-world (RW)"). */
function severalWords(label: string): boolean {
	return /\s/.test(label.replace(/\s*\([^)]*\)$/, '').trim());
}

/** A phrase shown as one word, lower case after its first letter: a bare word or a proper one ("Indian", "Mamba"). */
function oneWord(phrase: topicCorpus.Phrase): boolean {
	return phrase.units === 1 && /^\p{Lu}?\p{Ll}+$/u.test(phrase.label);
}

/** Centroids as an inverted index in CSR form: the postings of `term` are `topics`/`weights` from `start[term]` to `start[term + 1]`. */
interface CentroidIndex {
	readonly start: Int32Array;
	readonly topics: Int32Array;
	readonly weights: Float64Array;
}

/** Which papers feed which centroid with what weight: (doc, topic, weight) triples in doc order. */
class Feeds {
	length = 0;
	doc: Int32Array;
	topic: Int32Array;
	weight: Float64Array;

	constructor(capacity: number) {
		this.doc = new Int32Array(capacity);
		this.topic = new Int32Array(capacity);
		this.weight = new Float64Array(capacity);
	}

	push(doc: number, topic: number, weight: number): void {
		if (this.length >= this.doc.length) {
			this.doc = grown(this.doc, this.length + 1);
			this.topic = grown(this.topic, this.length + 1);
			this.weight = grown(this.weight, this.length + 1);
		}
		this.doc[this.length] = doc;
		this.topic[this.length] = topic;
		this.weight[this.length++] = weight;
	}
}

/** Each centroid keeps its heaviest terms, leaving out its label's own terms, and has unit length. `sum` is all-zero scratch of `termCount`, left all-zero. */
function buildCentroids(
	vectors: readonly SparseVector[],
	k: number,
	feeds: Feeds,
	termCount: number,
	sum: Float64Array,
	ownTerms: readonly (readonly number[])[],
): CentroidIndex {
	// Bucket the feeds by topic, keeping doc order within each topic (counting sort).
	const topicStart = new Int32Array(k + 1);
	for (let e = 0; e < feeds.length; e++) if (feeds.topic[e] >= 0) topicStart[feeds.topic[e] + 1]++;
	for (let t = 0; t < k; t++) topicStart[t + 1] += topicStart[t];
	const fillAt = topicStart.slice(0, k);
	const order = new Int32Array(topicStart[k]);
	for (let e = 0; e < feeds.length; e++) if (feeds.topic[e] >= 0) order[fillAt[feeds.topic[e]]++] = e;

	const keptTerms: Int32Array[] = [];
	const keptWeights: Float64Array[] = [];
	const touched: number[] = [];
	for (let t = 0; t < k; t++) {
		const own = ownTerms[t];
		for (let j = topicStart[t]; j < topicStart[t + 1]; j++) {
			const e = order[j];
			const weight = feeds.weight[e];
			const v = vectors[feeds.doc[e]];
			for (let i = 0; i < v.terms.length; i++) {
				const term = v.terms[i];
				if (own.includes(term)) continue;
				if (sum[term] === 0) touched.push(term);
				sum[term] += weight * v.weights[i];
			}
		}
		const top = Int32Array.from(touched).sort((a, b) => sum[b] - sum[a] || a - b);
		const terms = top.slice(0, Math.min(top.length, centroidTerms));
		const weights = Float64Array.from(terms, (term) => sum[term]);
		for (const term of touched) sum[term] = 0;
		touched.length = 0;
		let sq = 0;
		for (let i = 0; i < weights.length; i++) sq += weights[i] * weights[i];
		const norm = Math.sqrt(sq) || 1;
		for (let i = 0; i < weights.length; i++) weights[i] /= norm;
		keptTerms.push(terms);
		keptWeights.push(weights);
	}
	const start = new Int32Array(termCount + 1);
	for (const terms of keptTerms) for (const term of terms) start[term + 1]++;
	for (let t = 0; t < termCount; t++) start[t + 1] += start[t];
	const fill = start.slice(0, termCount);
	const topics = new Int32Array(start[termCount]);
	const weights = new Float64Array(start[termCount]);
	for (let t = 0; t < k; t++) {
		const terms = keptTerms[t];
		for (let i = 0; i < terms.length; i++) {
			topics[fill[terms[i]]] = t;
			weights[fill[terms[i]]++] = keptWeights[t][i];
		}
	}
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

// --- fitting papers into groups that already exist (topics remembered from an earlier day)

/**
 * Places each of the papers `candidates` (corpus indices) in the group of `groups` (lists of corpus indices) whose
 * centroid it resembles most, the way `assign` places papers: TF-IDF over the groups' papers and the candidates
 * together, each centroid the sum of its papers' vectors (its heaviest terms, unit length). A candidate fits nowhere
 * (-1) when its best fit is below `otherThreshold` of the median fit of the groups' own papers to their group, or
 * when it shares no term with any centroid. Ties go to the lower group index, so the answer depends only on the inputs.
 * Returns one group index (or -1) per candidate, in the order given.
 */
export function fitToGroups(corpus: TopicCorpus, groups: readonly (readonly number[])[], candidates: readonly number[]): Int32Array {
	const result = new Int32Array(candidates.length).fill(-1);
	const k = groups.length;
	if (k === 0 || candidates.length === 0) return result;
	const members: number[] = [];
	const groupOf: number[] = [];
	groups.forEach((g, t) => {
		for (const m of g) {
			members.push(m);
			groupOf.push(t);
		}
	});
	const grouped = members.length;
	members.push(...candidates);
	const vectors = tfidfVectors(corpus, members);
	const feeds = new Feeds(grouped);
	for (let d = 0; d < grouped; d++) feeds.push(d, groupOf[d], 1);
	const centroids = buildCentroids(vectors, k, feeds, corpus.termCount, new Float64Array(corpus.termCount), groups.map(() => []));
	const scores = new Float64Array(k);
	const scoreAll = (d: number) => {
		scores.fill(0);
		const v = vectors[d];
		for (let i = 0; i < v.terms.length; i++) {
			const term = v.terms[i];
			for (let j = centroids.start[term], end = centroids.start[term + 1]; j < end; j++) scores[centroids.topics[j]] += v.weights[i] * centroids.weights[j];
		}
	};
	const ownFits = new Float64Array(grouped);
	for (let d = 0; d < grouped; d++) {
		scoreAll(d);
		ownFits[d] = scores[groupOf[d]];
	}
	ownFits.sort();
	const floor = grouped > 0 ? otherThreshold * ownFits[Math.floor(grouped / 2)] : 0;
	for (let c = 0; c < candidates.length; c++) {
		scoreAll(grouped + c);
		let best = -1;
		for (let t = 0; t < k; t++) if (scores[t] > 0 && (best < 0 || scores[t] > scores[best])) best = t;
		if (best >= 0 && scores[best] >= floor) result[c] = best;
	}
	return result;
}
