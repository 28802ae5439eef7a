/**
 * The second ranking stage: the first stage (ranking.ts, over the field indexes) gives the best few dozen candidates;
 * this stage reads their text and orders them by what a reader expects:
 *
 * 1. how many query words the paper has (a stopword typed last counts as a word: "kaiming he");
 * 2. a full author name: every query word in one author's name ("kaiming he" → Kaiming He) before other papers;
 * 3. a quoted phrase (`"in-memory computing"`) must be there, words adjacent and in order (hyphens count as spaces);
 * 4. a BM25-like score summed over the query words: rarer words count more (idf), a match in a short field more
 *    than in a long one (length normalization per field), repeats saturate; fields weigh title > authors/keywords
 *    > abstract, except that an abstract defining the word as an acronym ("processing-in-memory (PIM)") counts nearly
 *    like a title; the word as typed counts fully, its plural or singular nearly, a typo or an acronym link less, and a
 *    prefix's completions little when the prefix is itself a word (exact before completion, in every field);
 *    query words adjacent and in order in a field (a phrase, or the hyphenated compound) add a bonus, and three or
 *    more of them within one sentence-long stretch of the abstract (or all in the title) another;
 * 5. ties: the newer paper, then the more upvoted, then the one added first.
 *
 * Everything here is per candidate and linear in its text; nothing grows with the index.
 */
import type { Paper } from '../model';
import { tokenize } from './tokenize';

/** One form of a query word as the second stage matches it. */
export interface RerankForm {
	readonly word: string;
	/** Matches every word starting with `word` (a prefix being typed). */
	readonly prefix: boolean;
	/** How much a match counts (1 = the word as typed). */
	readonly weight: number;
	/** Prefix forms only: shortest field where completions count ('all' or 'short' = titles and authors/keywords). */
	readonly inAbstract?: boolean;
}

/** A query word for the second stage. */
export interface RerankTerm {
	readonly word: string;
	readonly forms: readonly RerankForm[];
	/** The long form of an acronym the word is ("pim" → processing in memory), as words; a phrase counts as the word. */
	readonly longForm?: readonly string[];
	/** Inverse document frequency of the word. */
	readonly idf: number;
}

export interface RerankQuery {
	readonly terms: readonly RerankTerm[];
	/** Quoted phrases, as words; a paper must hold each of them. */
	readonly phrases: readonly (readonly string[])[];
}

export interface Reranked {
	readonly docId: number;
	/** Integer part: words matched; fraction: the score, squashed into [0, 1). */
	readonly score: number;
}

const K1 = 1.2;
/**
 * Per field (title, authors/keywords, abstract): what a match is worth, from `low` (a single mention in a very long
 * field) towards `high` (repeated in a short one), with BM25's saturation and length normalization (`b`, typical
 * length `avg` in words) in between. The ranges do not overlap, so for one word the field order always holds.
 */
const FIELDS = [
	{ low: 2, high: 3, b: 0.5, avg: 11 },
	{ low: 1.2, high: 1.8, b: 0.3, avg: 12 },
	{ low: 0.4, high: 1, b: 0.75, avg: 170 },
] as const;
/** The other fields' worth adds this share to the best field's. */
const OTHER_FIELDS = 0.25;
const PHRASE_BONUS = 0.6;
/**
 * Three or more query words all within one stretch of the abstract this long (about a sentence), or all in the title,
 * add this share of their idf: the sentence the words came from beats an abstract holding them far apart plus one of
 * them in a title (known items on 10k papers, abstract style, MRR@10 +0.083 [0.059, 0.106] over main, S@1 +11%; a
 * title holding them all counts as near too, or title queries lost 0.02–0.03).
 */
const PROXIMITY_BONUS = 0.5;
const PROXIMITY_CHARS = 160;
/**
 * An acronym typed, matched by its long form spelled out ("pim" in "processing in memory"): a title spelling it out
 * weighs about what the acronym itself does in an abstract, so papers using the acronym are not crowded out by papers
 * spelling out a common long form (known items on 10k papers, acronym style, MRR@10 against 0.9: +0.03).
 */
const LONG_FORM_WEIGHT = 0.3;
const TITLE_PHRASE_BONUS = 1;
/**
 * A query word the abstract defines as an acronym ("processing-in-memory (PIM)" for `pim`): the paper is about it, so
 * that match counts in this range, between the authors/keywords' and the title's, instead of the abstract's. Known
 * items on 10k papers, acronym style (targets define the acronym in the abstract, the query's other word is from the
 * title): MRR@10 +0.066 [0.047, 0.088] over main; keywords' range (1.2–1.8) +0.047, the title's (2–3) +0.074 but title
 * queries −0.003 [−0.008, 0.000]; every other style unchanged within ±0.001, topical precision 0.792 (main 0.775).
 */
const DEFINED = { low: 1.6, high: 2.4, b: 0.75, avg: 170 } as const;

/** Whether `text` (lower case) defines the term as an acronym: it stands in parentheses, as typed or in the plural. */
function definesTerm(term: RerankTerm, text: string): boolean {
	if (text.indexOf('(') < 0) return false;
	return term.forms.some((f) => !f.prefix && f.weight >= 0.8 && (text.includes(`(${f.word})`) || text.includes(`(${f.word}s)`)));
}

/**
 * One field of a candidate as the second stage reads it: ASCII text (most papers) lower-cased as it is, other text
 * as its normalized words (tokenize.ts) joined by spaces; and its length in words.
 */
interface FieldText {
	readonly text: string;
	readonly words: number;
	/** the words joined by single spaces, padded with spaces (made when a phrase is looked for) */
	spaced?: string;
}

const nonAscii = /[\u0080-\uffff]/;

/** A letter or digit of the field's text (non-ASCII only appears as letters there). */
function isWordCode(c: number): boolean {
	return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c >= 128;
}

function fieldText(raw: string): FieldText {
	const text = nonAscii.test(raw) ? tokenize(raw).join(' ') : raw.toLowerCase();
	// a long text's length in words is estimated (about 6.8 characters a word in abstracts): counting costs a scan
	if (text.length > 400) return { text, words: Math.round(text.length / 6.8) };
	let words = 0;
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const w = isWordCode(text.charCodeAt(i));
		if (w && !inWord) words++;
		inWord = w;
	}
	return { text, words };
}

/**
 * Whether `field` holds the words of `phrase` adjacent and in order (hyphens and punctuation read as spaces); with
 * `pluralLast`, its last word may be in the plural or singular too ("mixture of experts" for "mixture of expert").
 */
function hasPhrase(field: FieldText, phrase: readonly string[], pluralLast = false): boolean {
	if (phrase.length === 0) return false;
	field.spaced ??= ` ${field.text.replace(/[^a-z0-9\u0080-\uffff]+/g, ' ').trim()} `;
	const head = ` ${phrase.slice(0, -1).join(' ')}${phrase.length > 1 ? ' ' : ''}`;
	const last = phrase[phrase.length - 1];
	if (field.spaced.includes(`${head}${last} `)) return true;
	return pluralLast && wordForms(last).some((form) => field.spaced!.includes(`${head}${form} `));
}

/** Word starts and ends of the matches of `term` in `text`, with the best form weight per start. */
function occurrences(term: RerankTerm, text: string, abstract: boolean, out: Map<number, [end: number, weight: number]>): void {
	out.clear();
	const n = text.length;
	for (const f of term.forms) {
		if (f.prefix && abstract && f.inAbstract === false) continue;
		const needle = f.word;
		for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
			if (at > 0 && isWordCode(text.charCodeAt(at - 1))) continue;
			let end = at + needle.length;
			if (f.prefix) {
				while (end < n && isWordCode(text.charCodeAt(end))) end++;
			} else if (end < n && isWordCode(text.charCodeAt(end))) continue;
			const old = out.get(at);
			if (!old || old[1] < f.weight) out.set(at, [end, f.weight]);
		}
	}
}

/** At most one word of up to 3 letters (and punctuation) between: "processing in memory", "mixture-of-experts". */
function adjacentGap(text: string, from: number, to: number): boolean {
	if (to <= from || to - from > 6) return false;
	let words = 0;
	let inWord = false;
	let letters = 0;
	for (let i = from; i < to; i++) {
		const w = isWordCode(text.charCodeAt(i));
		if (w) {
			if (!inWord) words++;
			letters++;
		}
		inWord = w;
	}
	return words === 0 || (words === 1 && letters <= 3);
}

/** Whether some author's name holds every query term (the last may be a prefix), each word used once. */
function fullNameMatch(terms: readonly RerankTerm[], authors: readonly (readonly string[])[]): boolean {
	if (terms.length < 2) return false;
	return authors.some((name) => {
		if (name.length < terms.length) return false;
		const used = new Array<boolean>(name.length).fill(false);
		return terms.every((t) => {
			const i = name.findIndex((w, j) => !used[j] && t.forms.some((f) => f.weight >= 0.9 && (f.prefix ? w.startsWith(f.word) : w === f.word)));
			if (i < 0) return false;
			used[i] = true;
			return true;
		});
	});
}

/**
 * One field's matches: per term the number of matching words (`tf`) and the best matching form's weight; per pair
 * of consecutive query terms whether they stand adjacent in order.
 */
function scoreField(terms: readonly RerankTerm[], field: FieldText, abstract: boolean, tf: Float64Array, weight: Float64Array, adjacent: Uint8Array, found: Map<number, [number, number]>[]): void {
	const n = terms.length;
	for (let t = 0; t < n; t++) {
		occurrences(terms[t], field.text, abstract, found[t]);
		tf[t] = found[t].size;
		let w = 0;
		for (const [, fw] of found[t].values()) if (fw > w) w = fw;
		weight[t] = w;
		const lf = terms[t].longForm;
		if (lf && tf[t] === 0 && hasPhrase(field, lf, true)) {
			tf[t] = 1;
			weight[t] = LONG_FORM_WEIGHT;
		}
	}
	for (let t = 0; t + 1 < n; t++) {
		if (tf[t] === 0 || tf[t + 1] === 0 || adjacent[t]) continue;
		search: for (const [, [end]] of found[t]) {
			for (const start of found[t + 1].keys()) {
				if (adjacentGap(field.text, end, start)) {
					adjacent[t] = 1;
					break search;
				}
			}
		}
	}
}

/**
 * Whether one stretch of `text` of at most `PROXIMITY_CHARS` characters holds a match of every term (`found`, per term
 * its match starts and ends): the smallest window over the matches, sorted by position; linear in the matches after
 * the sort.
 */
function allWithin(found: readonly Map<number, [number, number]>[], text: string): boolean {
	const n = found.length;
	const at: [start: number, end: number, term: number][] = [];
	for (let t = 0; t < n; t++) {
		if (found[t].size === 0) return false;
		for (const [start, [end]] of found[t]) at.push([start, end, t]);
	}
	if (text.length <= PROXIMITY_CHARS) return true;
	at.sort((a, b) => a[0] - b[0]);
	const inWindow = new Int32Array(n);
	let covered = 0;
	let left = 0;
	for (let right = 0; right < at.length; right++) {
		if (inWindow[at[right][2]]++ === 0) covered++;
		while (covered === n) {
			if (at[right][1] - at[left][0] <= PROXIMITY_CHARS) return true;
			if (--inWindow[at[left][2]] === 0) covered--;
			left++;
		}
	}
	return false;
}

/** Orders the candidates (see the module comment); drops those missing a quoted phrase. */
export function rerank(query: RerankQuery, candidates: readonly number[], paperOf: (docId: number) => Paper): Reranked[] {
	const { terms, phrases } = query;
	const n = terms.length;
	const tf = new Float64Array(n);
	const weight = new Float64Array(n);
	const found = terms.map(() => new Map<number, [number, number]>());
	const scored: { docId: number; matched: number; author: number; score: number; date: string; upvotes: number }[] = [];
	for (const docId of candidates) {
		const paper = paperOf(docId);
		const fields = [fieldText(paper.title), fieldText([...paper.authors, ...paper.keywords].join(' ; ')), fieldText(paper.abstract)];
		if (phrases.length > 0 && !phrases.every((ph) => fields.some((f) => hasPhrase(f, ph)))) continue;
		const best = new Float64Array(n);
		const sum = new Float64Array(n);
		const adjacentTitle = new Uint8Array(Math.max(0, n - 1));
		const adjacentOther = new Uint8Array(Math.max(0, n - 1));
		let allInMeta = false;
		let near = false;
		for (let f = 0; f < 3; f++) {
			const field = fields[f];
			if (field.words === 0) continue;
			scoreField(terms, field, f === 2, tf, weight, f === 0 ? adjacentTitle : adjacentOther, found);
			if (f === 1) allInMeta = tf.every((x) => x > 0);
			// a title holding every word is itself such a stretch
			if (f !== 1 && n >= 3 && !near) near = allWithin(found, field.text);
			for (let t = 0; t < n; t++) {
				if (tf[t] <= 0) continue;
				const { low, high, b, avg } = f === 2 && weight[t] >= 0.8 && definesTerm(terms[t], field.text) ? DEFINED : FIELDS[f];
				const norm = 1 - b + (b * field.words) / avg;
				// BM25's saturating, length-normalized term frequency, in [0, 1); the best matching form's weight scales it
				const strength = weight[t] * (low + ((high - low) * tf[t]) / (tf[t] + K1 * norm));
				sum[t] += strength;
				if (strength > best[t]) best[t] = strength;
			}
		}
		let matched = 0;
		let score = 0;
		for (let t = 0; t < n; t++) {
			if (best[t] <= 0) continue;
			matched++;
			score += terms[t].idf * (best[t] + OTHER_FIELDS * (sum[t] - best[t]));
		}
		for (let t = 0; t + 1 < n; t++) {
			const idf = Math.min(terms[t].idf, terms[t + 1].idf);
			if (adjacentTitle[t]) score += TITLE_PHRASE_BONUS * idf;
			else if (adjacentOther[t]) score += PHRASE_BONUS * idf;
		}
		if (near) {
			let idf = 0;
			for (let t = 0; t < n; t++) idf += terms[t].idf;
			score += PROXIMITY_BONUS * idf;
		}
		const date = /^\d{4}-\d{2}(-\d{2})?/.test(paper.date ?? '') ? paper.date! : paper.year ? String(paper.year) : '';
		// only a paper whose authors/keywords hold every query word can have one author of that full name
		const author = n >= 2 && allInMeta && paper.authors.length > 0 && fullNameMatch(terms, paper.authors.map((a) => tokenize(a))) ? 1 : 0;
		scored.push({ docId, matched, author, score, date, upvotes: paper.upvotes ?? 0 });
	}
	scored.sort((a, b) => b.matched - a.matched || b.author - a.author || b.score - a.score || (a.date === b.date ? 0 : a.date < b.date ? 1 : -1) || b.upvotes - a.upvotes || a.docId - b.docId);
	return scored.map((s) => ({ docId: s.docId, score: s.matched + s.score / (s.score + 10) }));
}

/** The plural or singular forms of an English word worth looking up too ("network" ↔ "networks", "policy" ↔ "policies"). */
export function wordForms(word: string): string[] {
	if (word.length < 3 || !/^[a-z]+$/.test(word)) return [];
	const forms: string[] = [];
	if (word.endsWith('ies') && word.length > 4) forms.push(word.slice(0, -3) + 'y');
	else if (/(ss|us|is)$/.test(word)) forms.push(word + 'es');
	else if (word.endsWith('es') && /(ch|sh|x|ss|z)es$/.test(word)) forms.push(word.slice(0, -2));
	else if (word.endsWith('s')) forms.push(word.slice(0, -1));
	else if (word.endsWith('y') && !/[aeiou]y$/.test(word)) forms.push(word.slice(0, -1) + 'ies');
	else if (/(ch|sh|x|z)$/.test(word)) forms.push(word + 'es');
	else forms.push(word + 's');
	return forms;
}
