/**
 * The papers of a digest analysed once for topic grouping: per paper, its weighted terms (for similarity) and
 * the label candidates it supports, with how strongly (title, keyword or section: strong; abstract: weaker).
 *
 * Label candidates are born in titles, keywords and section headings (where a paper names its own subject)
 * and then counted in abstracts too. Everything is keyed by paper id order, so the analysis does not depend on
 * the order papers arrive in.
 */
import { AcronymTable, mostFrequent, tokenize } from './analyzeText';
import { PhraseTrie } from './phraseTrie';
import type { TopicPaper } from './topic';
import { stem } from './stem';
import * as vocabulary from './vocabulary';
import { TokenBuffer, Vocabulary } from './vocabulary';
import { compareStrings } from '../text/compareStrings';

// Local copies: in the unbundled build every use of an imported binding is a getter call, too slow for hot loops.
const acronymFlag = vocabulary.acronymFlag;
const capitalizedFlag = vocabulary.capitalizedFlag;
const genericFlag = vocabulary.genericFlag;
const grown = vocabulary.grown;
const sentenceStartFlag = vocabulary.sentenceStartFlag;
const stopFlag = vocabulary.stopFlag;
const upperFlag = vocabulary.upperFlag;

/** Evidence that a paper is about a candidate phrase. */
export const titleEvidence = 1;
const repeatedAbstractEvidence = 0.5;
const singleAbstractEvidence = 0.2;
/** From this many papers on, only an even sample of this size has its abstract scanned for label phrases. */
const abstractPhraseSample = 25000;
/** Generic research words ("model", "energy") count this much toward similarity. */
const genericWeight = 0.5;

/** One paper, analysed. */
export interface AnalyzedPaper {
	readonly id: string;
	readonly title: string;
	/** Feature ids, ascending. */
	readonly terms: Int32Array;
	/** Raw term weights (title words count triple), parallel to `terms`. */
	readonly termWeights: Float32Array;
	/** Candidate phrase ids, ascending. */
	readonly phrases: Int32Array;
	/**
	 * Evidence per phrase, parallel to `phrases`: 1 title/keyword/section, 0.5 repeated in the abstract, 0.2 once; a
	 * lone word inside a longer keyword counts as one abstract mention.
	 */
	readonly phraseEvidence: Float32Array;
}

/** A label candidate. */
export interface Phrase {
	readonly key: string;
	/** Stemmed keys of its content words, for spotting near-duplicate labels. */
	readonly contentKeys: readonly string[];
	/** Its content keys longer than two characters, each once: what near-duplicate labels share. */
	readonly significantKeys: readonly string[];
	/** Number of units (space-separated words). */
	readonly units: number;
	/** How it is shown, in the papers' own words ("LLM serving", "Processing-in-memory (PIM)"). */
	readonly label: string;
	/** False for a lone adjective ("generative", "neuromorphic"): it may help grouping but names nothing. */
	readonly labelable: boolean;
	/**
	 * A bare common word ("image", "object", "reasoning"): one unit, no hyphen, written in lower case, not a proper
	 * noun or named method ("Mamba"), not an acronym ("GPU") and shown without a long form. Such a word names a
	 * field only when its papers earn it (see `clusterTopicLevel`).
	 */
	readonly plainWord: boolean;
}

/** The analysed papers of a digest, sorted by id. */
export class TopicCorpus {
	readonly papers: readonly AnalyzedPaper[];
	readonly termCount: number;
	/** Abstracts were scanned for phrases in papers whose index is a multiple of this only (1: all of them). */
	readonly abstractStride: number;
	private readonly _phrases: (Phrase | undefined)[];
	private _properNouns: Set<string> | undefined;

	private constructor(
		papers: AnalyzedPaper[],
		termCount: number,
		private readonly _trie: PhraseTrie,
		private readonly _vocab: Vocabulary,
		private readonly _acronyms: AcronymTable,
		private readonly _capitalCount: Int32Array,
		private readonly _lowerCount: Int32Array,
		abstractStride: number,
	) {
		this.papers = papers;
		this.abstractStride = abstractStride;
		this.termCount = termCount;
		this._phrases = new Array<Phrase | undefined>(_trie.phraseCount);
	}

	/** The number of label candidates (phrase ids run from 0 to this, exclusive). */
	get phraseCount(): number {
		return this._trie.phraseCount;
	}

	/** A label candidate by id, built on first use: most phrases are never looked at. */
	phrase(id: number): Phrase {
		let p = this._phrases[id];
		if (!p) {
			const key = this._trie.key(id);
			const units = key.split(' ').length;
			const surface = mostFrequent(this._trie.surfaces(id));
			const contentKeys = this._trie.tokenKeys(id).map((k) => this._vocab.keys[k]);
			// Written as a word ("spin", "Spin"), it is one, though some paper defines an acronym of its letters ("SPIN").
			const word = units === 1 && !key.includes('-') && !/\P{Ll}/u.test(surface.slice(1));
			const longForm = units === 1 && !word ? this._acronyms.longForm(key) : undefined;
			const label = displayLabel(surface, this._properNounSet(), longForm);
			p = {
				key,
				contentKeys,
				significantKeys: [...new Set(contentKeys.filter((k) => k.length > 2))],
				units,
				label,
				labelable: units > 1 || !looksLikeAdjective(surface),
				plainWord: word && !this._properNounSet().has(key),
			};
			this._phrases[id] = p;
		}
		return p;
	}

	/**
	 * How a topic labelled by phrase `id` is shown: the phrase's label, except that a lone acronym the digest uses in
	 * several senses ("PC", "MV") gets the long form its papers (`members`, corpus indices) agree on ("Point cloud
	 * (PC)", "Multi-view (MV)"), and none when they agree on none.
	 */
	labelFor(id: number, members: readonly number[]): string {
		const phrase = this.phrase(id);
		if (phrase.units !== 1 || phrase.plainWord) return phrase.label;
		const longForm = this._acronyms.longFormAmong(phrase.key, new Set(members));
		if (longForm === undefined) return phrase.label;
		return displayLabel(mostFrequent(this._trie.surfaces(id)), this._properNounSet(), longForm ?? undefined);
	}

	/** The term ids of a phrase's words (as in `AnalyzedPaper.terms`). */
	phraseTerms(id: number): readonly number[] {
		return this._trie.tokenKeys(id);
	}

	private _properNounSet(): Set<string> {
		if (!this._properNouns) {
			const set = new Set<string>();
			const keys = this._vocab.keys;
			for (let id = 0; id < this._capitalCount.length && id < keys.length; id++) {
				if (this._capitalCount[id] > this._lowerCount[id]) set.add(keys[id]);
			}
			this._properNouns = set;
		}
		return this._properNouns;
	}

	/** Analyses `papers` (any order; duplicates by id are kept once). */
	static build(input: readonly TopicPaper[]): TopicCorpus {
		const byId = new Map<string, TopicPaper>();
		for (const p of input) {
			const seen = byId.get(p.id);
			if (!seen || p.title < seen.title) byId.set(p.id, p);
		}
		const papers = [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
		const n = papers.length;

		const vocab = new Vocabulary();
		const acronyms = new AcronymTable(vocab);
		for (const p of papers) {
			acronyms.addDefinitions(p.title);
			acronyms.addDefinitions(p.abstract);
		}

		// --- label candidates from titles, keywords and sections; their terms kept for the second pass
		const trie = new PhraseTrie(vocab);
		const tokens = new TokenBuffer();
		const strongStart = new Int32Array(n + 1);
		let strongIds = new Int32Array(1024);
		let strongCount = 0;
		const fixedStart = new Int32Array(n + 1);
		let fixedKeys = new Int32Array(1024);
		let fixedWeights = new Float64Array(1024);
		let fixedCount = 0;
		let mark = new Int32Array(1024).fill(-1);
		const addFixed = (key: number, weight: number) => {
			if (fixedCount >= fixedKeys.length) {
				fixedKeys = grown(fixedKeys, fixedCount + 1);
				fixedWeights = grown(fixedWeights, fixedCount + 1);
			}
			fixedKeys[fixedCount] = key;
			fixedWeights[fixedCount++] = weight;
		};
		const addTokenTerms = (weight: number) => {
			for (let t = 0; t < tokens.length; t++) {
				const f = tokens.flags[t];
				if (f & stopFlag) continue;
				addFixed(tokens.key[t], f & genericFlag ? genericWeight * weight : weight);
			}
		};
		// A lone word inside a longer keyword ("linear" in "linear probing") is no name the paper gives its subject:
		// it counts as one mention in the abstract. The whole keyword, its phrases and its acronyms are strong.
		const fragmentStart = new Int32Array(n + 1);
		let fragmentIds = new Int32Array(256);
		let fragmentCount = 0;
		let fragmentMark = new Int32Array(1024).fill(-1);
		const addKeywordPhrase = (phrase: number) => {
			const lone = tokens.length > 1 ? trie.loneKey(phrase) : -1;
			if (lone < 0 || isAcronymIn(tokens, lone)) {
				addStrong(phrase);
				return;
			}
			if (phrase >= fragmentMark.length) {
				const old = fragmentMark.length;
				fragmentMark = grown(fragmentMark, phrase + 1);
				fragmentMark.fill(-1, old);
			}
			if (fragmentMark[phrase] === paperIndex) return;
			fragmentMark[phrase] = paperIndex;
			if (fragmentCount >= fragmentIds.length) fragmentIds = grown(fragmentIds, fragmentCount + 1);
			fragmentIds[fragmentCount++] = phrase;
		};
		let paperIndex = 0;
		const addStrong = (phrase: number) => {
			if (phrase >= mark.length) {
				const old = mark.length;
				mark = grown(mark, phrase + 1);
				mark.fill(-1, old);
			}
			if (mark[phrase] === paperIndex) return;
			mark[phrase] = paperIndex;
			if (strongCount >= strongIds.length) strongIds = grown(strongIds, strongCount + 1);
			strongIds[strongCount++] = phrase;
		};
		for (paperIndex = 0; paperIndex < n; paperIndex++) {
			const p = papers[paperIndex];
			acronyms.owner = paperIndex;
			strongStart[paperIndex] = strongCount;
			fragmentStart[paperIndex] = fragmentCount;
			fixedStart[paperIndex] = fixedCount;
			tokenize(vocab, p.title, tokens, acronyms, true);
			trie.scan(tokens, true, addStrong);
			addTokenTerms(3);
			for (const k of p.keywords) {
				tokenize(vocab, k, tokens, acronyms);
				trie.scan(tokens, true, addKeywordPhrase);
				addTokenTerms(2);
			}
			if (p.section && isTopicalSection(p.section)) {
				tokenize(vocab, p.section, tokens, acronyms);
				trie.scan(tokens, true, addStrong);
			}
			p.categories.forEach((c, rank) => addFixed(vocab.keyId('cat:' + c), rank === 0 ? 3 : 1));
			if (p.section) addFixed(vocab.keyId('sec:' + p.section.trim().toLowerCase()), 3);
		}
		strongStart[n] = strongCount;
		fragmentStart[n] = fragmentCount;
		fixedStart[n] = fixedCount;

		// --- abstracts: terms, proper-noun evidence and phrase counts, one pass each. In very large digests only
		// an even sample of abstracts (every `stride`-th paper by id) is scanned for phrases: titles still give
		// every paper its own, and the sample is plenty to tell how often a phrase is used.
		const stride = Math.max(1, Math.floor(n / abstractPhraseSample));
		let weights = new Float64Array(vocab.keyCount + 1024);
		let capitalCount = new Int32Array(vocab.keyCount + 1024);
		let lowerCount = new Int32Array(vocab.keyCount + 1024);
		const touched: number[] = [];
		const counts = new Int32Array(trie.phraseCount + 1);
		const evidence = new Float64Array(trie.phraseCount + 1);
		const found: number[] = [];
		const countPhrase = (phrase: number) => {
			if (counts[phrase]++ === 0 && evidence[phrase] === 0) found.push(phrase);
		};
		const analyzed: AnalyzedPaper[] = [];
		for (let i = 0; i < n; i++) {
			const p = papers[i];
			acronyms.owner = i;
			tokenize(vocab, p.abstract, tokens, acronyms);
			if (weights.length < vocab.keyCount) {
				weights = grown(weights, vocab.keyCount);
				capitalCount = grown(capitalCount, vocab.keyCount);
				lowerCount = grown(lowerCount, vocab.keyCount);
			}
			for (let f = fixedStart[i]; f < fixedStart[i + 1]; f++) {
				const k = fixedKeys[f];
				if (weights[k] === 0) touched.push(k);
				weights[k] += fixedWeights[f];
			}
			const { key, flags } = tokens;
			for (let t = 0; t < tokens.length; t++) {
				const f = flags[t];
				if (f & stopFlag) continue;
				const k = key[t];
				if (weights[k] === 0) touched.push(k);
				weights[k] += f & genericFlag ? genericWeight : 1;
				if (f & (sentenceStartFlag | upperFlag)) continue;
				if (f & capitalizedFlag) capitalCount[k]++;
				else lowerCount[k]++;
			}
			for (let s = strongStart[i]; s < strongStart[i + 1]; s++) {
				evidence[strongIds[s]] = titleEvidence;
				found.push(strongIds[s]);
			}
			for (let s = fragmentStart[i]; s < fragmentStart[i + 1]; s++) countPhrase(fragmentIds[s]);
			if (i % stride === 0) trie.scan(tokens, false, countPhrase);

			const terms = Int32Array.from(touched).sort();
			const termWeights = new Float32Array(terms.length);
			for (let t = 0; t < terms.length; t++) {
				termWeights[t] = weights[terms[t]];
				weights[terms[t]] = 0;
			}
			touched.length = 0;
			const phrases = Int32Array.from(found).sort();
			const phraseEvidence = new Float32Array(phrases.length);
			for (let e = 0; e < phrases.length; e++) {
				const id = phrases[e];
				phraseEvidence[e] = evidence[id] > 0 ? evidence[id] : counts[id] >= 2 ? repeatedAbstractEvidence : singleAbstractEvidence;
				evidence[id] = 0;
				counts[id] = 0;
			}
			found.length = 0;
			analyzed.push({ id: p.id, title: p.title, terms, termWeights, phrases, phraseEvidence });
		}
		acronyms.owner = -1;
		return new TopicCorpus(analyzed, vocab.keyCount, trie, vocab, acronyms, capitalCount, lowerCount, stride);
	}
}

/** Whether some token of `tokens` with key `key` is an acronym ("RL" in "residual off-policy RL"). */
function isAcronymIn(tokens: TokenBuffer, key: number): boolean {
	for (let t = 0; t < tokens.length; t++) if (tokens.key[t] === key && tokens.flags[t] & acronymFlag) return true;
	return false;
}

/** A single lower-case word with a typical adjective ending ("generative", "neuromorphic", "scalable"). */
function looksLikeAdjective(surface: string): boolean {
	return surface === surface.toLowerCase() && !surface.includes('-') && /(ive|ous|able|ible|ful|ic|al|ary)$/.test(surface);
}

/** Section headings that name a subject, not a date or a page part ("Jul 31", "Papers", "2026-08-21"). */
export function isTopicalSection(section: string): boolean {
	const s = section.trim();
	if (s.length < 3 || s.split(/\s+/).length > 6) return false;
	if (/\d{4}|^\d|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d/i.test(s)) return false;
	return !/^(papers?|daily papers|other|misc(ellaneous)?|today|new|trending|top)$/i.test(s);
}

/**
 * How a phrase is shown: sentence case, acronyms as written, proper nouns capitalised; a lone acronym the
 * papers define gets its long form ("Mixture of experts (MoE)") when that stays short.
 */
export function displayLabel(surface: string, properNouns: ReadonlySet<string>, longForm?: string): string {
	const words = (text: string) =>
		text.replace(/[\p{L}\p{N}]+/gu, (w) => (w === w.toLowerCase() && properNouns.has(stem(w)) ? w[0].toUpperCase() + w.slice(1) : w));
	const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
	if (longForm && longForm.split(' ').length <= 3) {
		const lower = longForm.replace(/[\p{L}\p{N}]+/gu, (w) => (/[A-Z].*[A-Z]/.test(w) ? w : w.toLowerCase()));
		return sentence(words(lower)) + ' (' + surface + ')';
	}
	return sentence(words(surface));
}
