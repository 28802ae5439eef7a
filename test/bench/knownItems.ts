/**
 * The known-item evaluation of `npm run bench:relevance`, designed before any run (issue 15):
 *
 * From the first N papers of the corpus, a seeded generator (mulberry32, seed fixed below) draws target papers and
 * writes one query per target in each style, the way a researcher would type it when looking for that paper:
 *
 * - `title`: 3 content words of the title (not stopwords, ≥ 3 letters), in the title's order.
 * - `typo`: the `title` query with one edit (substitute, delete, insert or swap neighbours) in its longest word (≥ 5
 *   letters; the edit is never at the first letter).
 * - `prefix`: the `title` query typed half-way: its last word cut to ⌈60%⌉ of its letters (at least 3).
 * - `abstract`: 4 content words (≥ 4 letters, not in the title) from one sentence of the abstract, in order.
 * - `acronym`: an acronym the abstract defines ("processing-in-memory (PIM)": its letters are the initials of the
 *   words before it), and one content word of the title that is not part of its expansion. Only papers whose title
 *   does not spell the acronym out are drawn, so the acronym is what links query and paper.
 * - `expansion`: the other direction: a paper whose title uses an acronym the abstract defines; the query is the
 *   expansion's words plus one other content word of the title (not the acronym itself).
 * - `author`: the full name of one of the first three authors ("kaiming he", lower case). Any paper listing an author
 *   of exactly that name (case- and accent-insensitive) counts as a hit; success@1 is the share of queries whose top
 *   hit is such a paper.
 *
 * For the other styles only the target counts. Metrics: MRR@10 (1/rank of the first hit in the top 10, else 0) and
 * success@10 (a hit in the top 10) per style; success@1 for `author`. Differences between two libraries are paired
 * (same queries) with 95% bootstrap confidence intervals (2,000 resamples, seeded).
 */
import type { Paper } from '../../src/core/model';
import { prng } from '../support/corpus';

export type Style = 'title' | 'typo' | 'prefix' | 'abstract' | 'acronym' | 'expansion' | 'author';
export const styles: readonly Style[] = ['title', 'typo', 'prefix', 'abstract', 'acronym', 'expansion', 'author'];

export interface KnownItemQuery {
	readonly style: Style;
	readonly query: string;
	/** The paper the query was written for. */
	readonly target: string;
	/** Papers that count as a hit (the target, or for `author` every paper by that name). */
	readonly relevant: ReadonlySet<string>;
}

export const SEED = 20261130;

/** The seeded generator of numbers in [0, 1) the test support uses (mulberry32). */
export const mulberry32 = prng;

/** Short English function words a person leaves out of a query (the bench's own list, not the index's). */
const STOP = new Set(
	'a an and are as at be but by can do does for from has have how in into is it its not of on or our over than that the their them then there these this those through to towards toward under up upon using via vs was we were what when where which while who why will with within without you your'.split(' '),
);

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
const isContent = (w: string, min: number) => w.length >= min && !STOP.has(w) && !/^\d+$/.test(w);

function pick<T>(rand: () => number, items: readonly T[]): T {
	return items[Math.floor(rand() * items.length)];
}

/** `k` items of `items` in their order, chosen at random. */
function pickInOrder<T>(rand: () => number, items: readonly T[], k: number): T[] {
	const chosen = new Set<number>();
	while (chosen.size < Math.min(k, items.length)) chosen.add(Math.floor(rand() * items.length));
	return [...chosen].sort((a, b) => a - b).map((i) => items[i]);
}

function distinct(words: readonly string[]): string[] {
	return [...new Set(words)];
}

/** One edit in `word` (never its first letter): substitute, delete, insert, or swap two neighbours. */
export function oneEdit(rand: () => number, word: string): string {
	const letters = 'abcdefghijklmnopqrstuvwxyz';
	for (;;) {
		const i = 1 + Math.floor(rand() * (word.length - 1));
		const kind = Math.floor(rand() * 4);
		let out: string;
		if (kind === 0) out = word.slice(0, i) + pick(rand, [...letters]) + word.slice(i + 1);
		else if (kind === 1) out = word.slice(0, i) + word.slice(i + 1);
		else if (kind === 2) out = word.slice(0, i) + pick(rand, [...letters]) + word.slice(i);
		else out = i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
		if (out !== word) return out;
	}
}

/** Acronyms an abstract defines: "long form words (ACR)" where ACR's capitals are the initials of the words before it. */
export function acronymDefinitions(text: string): { acronym: string; expansion: string[] }[] {
	const found: { acronym: string; expansion: string[] }[] = [];
	const re = /\(([A-Z][A-Za-z0-9]{0,2}[A-Z][A-Za-z]{0,3})s?\)/g;
	for (let m = re.exec(text); m; m = re.exec(text)) {
		const acronym = m[1];
		const initials = acronym.replace(/[^A-Z]/g, '').toLowerCase();
		if (initials.length < 2 || initials.length > 6) continue;
		const before = text.slice(Math.max(0, m.index - 120), m.index).split(/[\s]+/).filter(Boolean);
		const parts: string[] = [];
		// the words before, hyphenated compounds split into their parts, last `initials.length` of them
		for (const w of before) parts.push(...w.split('-').filter(Boolean));
		const tail = parts.slice(-initials.length).map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''));
		if (tail.length === initials.length && tail.every((w, i) => w.length > 0 && w[0].toLowerCase() === initials[i])) {
			found.push({ acronym, expansion: tail.map((w) => w.toLowerCase()) });
		}
	}
	return found;
}

/** Writes `perStyle` queries per style for papers drawn (seeded) from `papers`. */
export function knownItemQueries(papers: readonly Paper[], perStyle: number, seed = SEED): KnownItemQuery[] {
	const rand = mulberry32(seed);
	const byAuthor = new Map<string, string[]>();
	for (const p of papers) {
		for (const a of p.authors) {
			const key = fold(a);
			if (key === '') continue;
			let list = byAuthor.get(key);
			if (!list) byAuthor.set(key, (list = []));
			list.push(p.id);
		}
	}
	const out: KnownItemQuery[] = [];
	const target = (p: Paper) => new Set([p.id]);
	for (const style of styles) {
		let made = 0;
		for (let tries = 0; made < perStyle && tries < perStyle * 200; tries++) {
			const p = pick(rand, papers);
			const titleWords = distinct(wordsOf(p.title).filter((w) => isContent(w, 3)));
			let query: string | undefined;
			let relevant: ReadonlySet<string> = target(p);
			switch (style) {
				case 'title':
				case 'typo':
				case 'prefix': {
					if (titleWords.length < 3) break;
					const words = pickInOrder(rand, titleWords, 3);
					if (style === 'typo') {
						const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
						if (longest.length < 5) break;
						words[words.indexOf(longest)] = oneEdit(rand, longest);
					} else if (style === 'prefix') {
						const last = words[2];
						if (last.length < 5) break;
						words[2] = last.slice(0, Math.max(3, Math.ceil(last.length * 0.6)));
					}
					query = words.join(' ');
					break;
				}
				case 'abstract': {
					const title = new Set(wordsOf(p.title));
					const sentences = p.abstract.split(/(?<=[.!?])\s+/).map((s) => distinct(wordsOf(s).filter((w) => isContent(w, 4) && !title.has(w)))).filter((s) => s.length >= 4);
					if (sentences.length === 0) break;
					query = pickInOrder(rand, pick(rand, sentences), 4).join(' ');
					break;
				}
				case 'acronym': {
					const titleLower = p.title.toLowerCase();
					const defs = acronymDefinitions(p.abstract).filter((d) => !titleLower.includes(d.expansion.join(' ')) && !wordsOf(p.title).includes(d.acronym.toLowerCase()));
					if (defs.length === 0) break;
					const d = pick(rand, defs);
					const others = titleWords.filter((w) => !d.expansion.includes(w));
					if (others.length === 0) break;
					query = `${d.acronym} ${pick(rand, others)}`;
					break;
				}
				case 'expansion': {
					const inTitle = new Set(wordsOf(p.title));
					const defs = acronymDefinitions(p.abstract).filter((d) => inTitle.has(d.acronym.toLowerCase()) && !d.expansion.every((w) => inTitle.has(w)));
					if (defs.length === 0) break;
					const d = pick(rand, defs);
					const others = titleWords.filter((w) => w !== d.acronym.toLowerCase() && !d.expansion.includes(w));
					if (others.length === 0) break;
					query = `${d.expansion.join(' ')} ${pick(rand, others)}`;
					break;
				}
				case 'author': {
					const authors = p.authors.slice(0, 3).map(fold).filter((a) => a.split(' ').length >= 2);
					if (authors.length === 0) break;
					const name = pick(rand, authors);
					query = name;
					relevant = new Set(byAuthor.get(name) ?? [p.id]);
					break;
				}
			}
			if (query === undefined) continue;
			out.push({ style, query, target: p.id, relevant });
			made++;
		}
	}
	return out;
}

/** Rank (1-based) of the first relevant id in `top`, or 0. */
export function firstHit(top: readonly string[], relevant: ReadonlySet<string>): number {
	const i = top.findIndex((id) => relevant.has(id));
	return i < 0 ? 0 : i + 1;
}

export interface Scores {
	readonly rr: number[];
	readonly s10: number[];
	readonly s1: number[];
}

export function scoresOf(ranks: readonly number[]): Scores {
	return {
		rr: ranks.map((r) => (r > 0 && r <= 10 ? 1 / r : 0)),
		s10: ranks.map((r) => (r > 0 && r <= 10 ? 1 : 0)),
		s1: ranks.map((r) => (r === 1 ? 1 : 0)),
	};
}

export const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);

/** The mean of a − b over paired samples and its 95% bootstrap interval. */
export function pairedDifference(a: readonly number[], b: readonly number[], resamples = 2000, seed = SEED): { diff: number; low: number; high: number } {
	const d = a.map((x, i) => x - b[i]);
	const rand = mulberry32(seed ^ 0x5bd1e995);
	const means: number[] = [];
	for (let r = 0; r < resamples; r++) {
		let s = 0;
		for (let i = 0; i < d.length; i++) s += d[Math.floor(rand() * d.length)];
		means.push(s / Math.max(1, d.length));
	}
	means.sort((x, y) => x - y);
	return { diff: mean(d), low: means[Math.floor(0.025 * resamples)], high: means[Math.ceil(0.975 * resamples) - 1] };
}

/**
 * The `acronym` style broken down (written 2026-12-01, before any run of it; no new queries, the same 300 split):
 *
 * - `rare`: the acronym (a whole word, case-insensitive, with or without a plural "s") is in the title or abstract of
 *   at most 5 of the N papers — the split the issue's own measurement used; `common`: the others.
 * - `crowded`: at least 10 papers other than the target match the query at least as well as the target does by the
 *   style's own reading: the acronym (or the expansion the target defines for it, hyphens as spaces) in the title or
 *   abstract, and the query's other word in the title (the target has that word in its title and the acronym in its
 *   abstract only). No ranking can be sure to put the target in the top 10 of a crowded query, so success@10 on the
 *   style is bounded by about (1 − the crowded share) plus the crowded queries found by luck. `open`: the others.
 */
export function acronymBreakdown(papers: readonly Paper[], queries: readonly KnownItemQuery[]): Record<'rare' | 'common' | 'crowded' | 'open', number[]> {
	const out: Record<'rare' | 'common' | 'crowded' | 'open', number[]> = { rare: [], common: [], crowded: [], open: [] };
	const asked = queries.flatMap((q, i) => (q.style === 'acronym' ? [i] : []));
	if (asked.length === 0) return out;
	const byId = new Map(papers.map((p) => [p.id, p]));
	const plain = (text: string) => ` ${text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
	const wanted = asked.map((i) => {
		const [acronym, other] = queries[i].query.split(' ');
		const target = byId.get(queries[i].target);
		const def = target ? acronymDefinitions(target.abstract).find((d) => d.acronym === acronym) : undefined;
		const a = acronym.toLowerCase();
		return { i, forms: [a, a.endsWith('s') ? a.slice(0, -1) : `${a}s`], other, expansion: def ? ` ${def.expansion.join(' ')}` : undefined, users: 0, rivals: 0 };
	});
	for (const p of papers) {
		const all = new Set(wordsOf(`${p.title} ${p.abstract}`));
		const title = new Set(wordsOf(p.title));
		let text: string | undefined;
		for (const w of wanted) {
			const uses = w.forms.some((f) => all.has(f));
			if (uses) w.users++;
			if (p.id === queries[w.i].target || !title.has(w.other)) continue;
			if (uses || (w.expansion && (text ??= plain(`${p.title} ${p.abstract}`)).includes(w.expansion))) w.rivals++;
		}
	}
	for (const w of wanted) {
		(w.users <= 5 ? out.rare : out.common).push(w.i);
		(w.rivals >= 10 ? out.crowded : out.open).push(w.i);
	}
	return out;
}
