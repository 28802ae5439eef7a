/**
 * The papers of a digest analysed once for topic grouping: per paper, its weighted terms (for similarity) and
 * the label candidates it supports, with how strongly (title, keyword or section: strong; abstract: weaker).
 *
 * Label candidates are born in titles, keywords and section headings (where a paper names its own subject)
 * and then counted in abstracts too. Everything is keyed by paper id order, so the analysis does not depend on
 * the order papers arrive in.
 */
import type { Paper } from '../model';
import { AcronymTable, forEachPhrase, mostFrequent, toUnits, tokenize, type Token } from './analyzeText';
import { stem } from './stem';

/** Evidence that a paper is about a candidate phrase. */
export const titleEvidence = 1;
const repeatedAbstractEvidence = 0.5;
const singleAbstractEvidence = 0.2;
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
	/** Evidence per phrase, parallel to `phrases`: 1 title/keyword/section, 0.5 repeated in the abstract, 0.2 once. */
	readonly phraseEvidence: Float32Array;
}

/** A label candidate. */
export interface Phrase {
	readonly key: string;
	/** Stemmed keys of its content words, for spotting near-duplicate labels. */
	readonly contentKeys: readonly string[];
	/** Number of units (space-separated words). */
	readonly units: number;
	/** How it is shown, in the papers' own words ("LLM serving", "Processing-in-memory (PIM)"). */
	readonly label: string;
	/** False for a lone adjective ("generative", "neuromorphic"): it may help grouping but names nothing. */
	readonly labelable: boolean;
}

/** The analysed papers of a digest, sorted by id. */
export class TopicCorpus {
	readonly papers: readonly AnalyzedPaper[];
	readonly phrases: readonly Phrase[];
	readonly termCount: number;

	private constructor(papers: AnalyzedPaper[], phrases: Phrase[], termCount: number) {
		this.papers = papers;
		this.phrases = phrases;
		this.termCount = termCount;
	}

	/** Analyses `papers` (any order; duplicates by id are kept once). */
	static build(input: readonly Paper[]): TopicCorpus {
		const byId = new Map<string, Paper>();
		for (const p of input) {
			const seen = byId.get(p.id);
			if (!seen || p.title < seen.title) byId.set(p.id, p);
		}
		const papers = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

		const acronyms = new AcronymTable();
		for (const p of papers) {
			acronyms.addDefinitions(p.title);
			acronyms.addDefinitions(p.abstract);
		}

		// --- label candidates from titles, keywords and sections
		const phraseIds = new Map<string, number>();
		const surfaces: Map<string, number>[] = [];
		const strongPhrases: Map<number, number>[] = [];
		const titleTokens: Token[][] = [];
		const keywordTokens: Token[][][] = [];
		const addStrong = (tokens: readonly Token[], found: Map<number, number>) => {
			forEachPhrase(toUnits(tokens), (key, surface) => {
				let id = phraseIds.get(key);
				if (id === undefined) {
					id = surfaces.length;
					phraseIds.set(key, id);
					surfaces.push(new Map());
				}
				const s = surfaces[id];
				s.set(surface!, (s.get(surface!) ?? 0) + 1);
				found.set(id, titleEvidence);
			});
		};
		for (const p of papers) {
			const found = new Map<number, number>();
			const title = tokenize(p.title, acronyms, true);
			titleTokens.push(title);
			addStrong(title, found);
			const kws = p.keywords.map((k) => tokenize(k, acronyms));
			keywordTokens.push(kws);
			for (const k of kws) addStrong(k, found);
			if (p.section && isTopicalSection(p.section)) addStrong(tokenize(p.section, acronyms), found);
			strongPhrases.push(found);
		}
		const prefixes = new Set<string>();
		for (const key of phraseIds.keys()) {
			const parts = key.split(' ');
			for (let n = 1; n < parts.length; n++) prefixes.add(parts.slice(0, n).join(' '));
		}

		// --- terms and abstract evidence
		const termIds = new Map<string, number>();
		const termId = (key: string) => {
			let id = termIds.get(key);
			if (id === undefined) {
				id = termIds.size;
				termIds.set(key, id);
			}
			return id;
		};
		// How often each term is written capitalised mid-sentence vs in lower case (proper nouns: "Verilog").
		let capitalCount = new Int32Array(1024);
		let lowerCount = new Int32Array(1024);
		const analyzed: AnalyzedPaper[] = [];
		for (let i = 0; i < papers.length; i++) {
			const p = papers[i];
			const abstract = tokenize(p.abstract, acronyms);
			const weights = new Map<number, number>();
			const addTerms = (tokens: readonly Token[], weight: number) => {
				for (const t of tokens) {
					if (t.stop) continue;
					const id = termId(t.key);
					weights.set(id, (weights.get(id) ?? 0) + (t.generic ? genericWeight * weight : weight));
				}
			};
			addTerms(titleTokens[i], 3);
			addTerms(abstract, 1);
			for (const k of keywordTokens[i]) addTerms(k, 2);
			p.categories.forEach((c, rank) => {
				const id = termId('cat:' + c);
				weights.set(id, (weights.get(id) ?? 0) + (rank === 0 ? 3 : 1));
			});
			if (p.section) {
				const id = termId('sec:' + p.section.trim().toLowerCase());
				weights.set(id, (weights.get(id) ?? 0) + 3);
			}
			if (capitalCount.length < termIds.size) {
				const grow = (a: Int32Array) => {
					const b = new Int32Array(termIds.size * 2);
					b.set(a);
					return b;
				};
				capitalCount = grow(capitalCount);
				lowerCount = grow(lowerCount);
			}
			for (const t of abstract) {
				if (t.stop || t.sentenceStart || (t.surface !== t.surface.toLowerCase() && !t.capitalized)) continue;
				const id = termIds.get(t.key)!;
				if (t.capitalized) capitalCount[id]++;
				else lowerCount[id]++;
			}

			const counts = new Map<number, number>();
			forEachPhrase(
				toUnits(abstract),
				(key) => {
					const id = phraseIds.get(key);
					if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
				},
				(key) => prefixes.has(key),
				false,
			);
			const evidence = strongPhrases[i];
			for (const [id, n] of counts) {
				if (!evidence.has(id)) evidence.set(id, n >= 2 ? repeatedAbstractEvidence : singleAbstractEvidence);
			}
			analyzed.push(packPaper(p, weights, evidence));
		}

		const properNouns = new Set<string>();
		for (const [key, id] of termIds) {
			if (capitalCount[id] > lowerCount[id]) properNouns.add(key);
		}
		const phrases: Phrase[] = [];
		for (const [key, id] of phraseIds) {
			const surface = mostFrequent(surfaces[id]);
			const unitKeys = key.split(' ');
			phrases[id] = {
				key,
				contentKeys: unitKeys.flatMap((u) => u.split('-')),
				units: unitKeys.length,
				label: displayLabel(surface, properNouns, unitKeys.length === 1 ? acronyms.longForm(key) : undefined),
				labelable: unitKeys.length > 1 || !looksLikeAdjective(surface),
			};
		}
		return new TopicCorpus(analyzed, phrases, termIds.size);
	}
}

function packPaper(p: Paper, weights: Map<number, number>, evidence: Map<number, number>): AnalyzedPaper {
	const terms = [...weights.keys()].sort((a, b) => a - b);
	const phrases = [...evidence.keys()].sort((a, b) => a - b);
	return {
		id: p.id,
		title: p.title,
		terms: Int32Array.from(terms),
		termWeights: Float32Array.from(terms, (t) => weights.get(t)!),
		phrases: Int32Array.from(phrases),
		phraseEvidence: Float32Array.from(phrases, (t) => evidence.get(t)!),
	};
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
