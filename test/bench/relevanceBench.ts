/**
 * `npm run bench:relevance`: the known-item evaluation and the topical-precision set (issue 15), Paper Shelf side by
 * side with MiniSearch and a plain BM25 reference, in one run on the same queries.
 *
 *   node out/test/bench/relevanceBench.js [--size 10000] [--per-style 300] [--peers paper-shelf,minisearch,bm25]
 *                                         [--baseline out/base/src/core/search/paperIndex.js] [--markdown FILE]
 *                                         [--ranks FILE] [--corpus FILE]
 *
 * The queries and metrics are defined in knownItems.ts (seeded; written before any run), the topical set and its
 * judging rule in judgedQueries.ts. `--baseline` adds another build of Paper Shelf's index (e.g. main's, transpiled
 * into out/base) as a library "Paper Shelf (base)", so before/after differences are paired too.
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import * as path from 'node:path';
import MiniSearch from 'minisearch';
import { miniSearchOptions } from './miniSearchPeer';
import { benchCorpusFile, corpusLines } from '../support/corpus';
import type { Paper } from '../../src/core/model';
import { JsonLinesReader } from '../../src/core/parse/parseJsonLines';
import { PaperIndex } from '../../src/core/search/paperIndex';
import { topicallyRelevant, topicalQueries } from './judgedQueries';
import { acronymBreakdown, firstHit, knownItemQueries, mean, pairedDifference, scoresOf, styles, type KnownItemQuery, type Style } from './knownItems';

const corpus = benchCorpusFile();

interface Library {
	readonly label: string;
	build(papers: readonly Paper[]): Promise<(query: string) => string[]> | ((query: string) => string[]);
}

// --- plain BM25: one bag of words per paper (title ×3, authors ×2, keywords ×2, abstract), no prefixes, no typos

const BM25_STOP = new Set('a an and are as at be by for from in into is it of on or that the this to with we our via using'.split(' '));
const bm25Words = (text: string): string[] => (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !BM25_STOP.has(w));

export function plainBm25(papers: readonly Paper[], k1 = 1.2, b = 0.75): (query: string) => string[] {
	const postings = new Map<string, number[]>(); // term → [doc, tf, doc, tf, …]
	const lengths = new Float64Array(papers.length);
	papers.forEach((p, doc) => {
		const counts = new Map<string, number>();
		const add = (text: string, weight: number) => {
			for (const w of bm25Words(text)) counts.set(w, (counts.get(w) ?? 0) + weight);
		};
		add(p.title, 3);
		add(p.authors.join(' '), 2);
		add(p.keywords.join(' '), 2);
		add(p.abstract, 1);
		let length = 0;
		for (const [term, tf] of counts) {
			length += tf;
			let list = postings.get(term);
			if (!list) postings.set(term, (list = []));
			list.push(doc, tf);
		}
		lengths[doc] = length;
	});
	const avg = lengths.reduce((a, x) => a + x, 0) / Math.max(1, papers.length);
	const scores = new Float64Array(papers.length);
	return (query) => {
		const touched: number[] = [];
		for (const term of new Set(bm25Words(query))) {
			const list = postings.get(term);
			if (!list) continue;
			const df = list.length / 2;
			const idf = Math.log(1 + (papers.length - df + 0.5) / (df + 0.5));
			for (let i = 0; i < list.length; i += 2) {
				const doc = list[i];
				const tf = list[i + 1];
				if (scores[doc] === 0) touched.push(doc);
				scores[doc] += (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * lengths[doc]) / avg));
			}
		}
		const top = touched.sort((x, y) => scores[y] - scores[x] || x - y).slice(0, 10).map((d) => papers[d].id);
		for (const d of touched) scores[d] = 0;
		return top;
	};
}

// --- MiniSearch, configured as in bench.ts (miniSearchPeer.ts)

/** A `PaperIndex` class (this build's, or another build's via --baseline). */
type IndexClass = { buildFromDigests(digests: readonly { key: string; papers: readonly Paper[] }[]): Promise<{ search(q: string, o: { limit: number }): { paper: Paper }[] }> };

function paperShelf(label: string, cls: IndexClass): Library {
	return {
		label,
		async build(papers) {
			const index = await cls.buildFromDigests([{ key: 'corpus', papers }]);
			return (q) => index.search(q, { limit: 10 }).map((h) => h.paper.id);
		},
	};
}

const minisearch: Library = {
	label: 'MiniSearch',
	build(papers) {
		const ms = new MiniSearch<Paper>(miniSearchOptions);
		ms.addAll(papers as Paper[]);
		return (q) => ms.search(q).slice(0, 10).map((r) => String(r.id));
	},
};

const bm25: Library = { label: 'BM25 (plain)', build: (papers) => plainBm25(papers) };

// --- the run

async function loadCorpus(n: number): Promise<Paper[]> {
	const reader = new JsonLinesReader('corpus');
	for await (const line of corpusLines(corpus)) {
		reader.readLine(line);
		if (reader.papers.length >= n) break;
	}
	return [...reader.papers];
}

interface LibResult {
	readonly label: string;
	/** rank of the first hit per known-item query (0 = not in the top 10) */
	readonly ranks: number[];
	/** precision@10 per topical query */
	readonly topical: number[];
	readonly buildS: number;
	readonly p50: number;
	readonly p95: number;
}

function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function runLibrary(lib: Library, papers: readonly Paper[], queries: readonly KnownItemQuery[], byId: Map<string, Paper>): Promise<LibResult> {
	const started = performance.now();
	const search = await lib.build(papers);
	const buildS = (performance.now() - started) / 1000;
	const times: number[] = [];
	const ranks = queries.map((q) => {
		const t = performance.now();
		const top = search(q.query);
		times.push(performance.now() - t);
		return firstHit(top, q.relevant);
	});
	const topical = topicalQueries.map((t) => {
		const top = search(t.query);
		return top.filter((id) => {
			const p = byId.get(id);
			return p !== undefined && topicallyRelevant(t, p.title, p.abstract);
		}).length / 10;
	});
	return { label: lib.label, ranks, topical, buildS, p50: percentile(times, 50), p95: percentile(times, 95) };
}

const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const ci = (d: { diff: number; low: number; high: number }, fmt: (x: number) => string) => `${d.diff >= 0 ? '+' : ''}${fmt(d.diff)} [${fmt(d.low)}, ${fmt(d.high)}]`;

function report(results: readonly LibResult[], queries: readonly KnownItemQuery[], papers: number, perStyle: number, corpusPapers: readonly Paper[]): string {
	const lines: string[] = [];
	const cols = results.map((r) => r.label);
	lines.push(`Known items: ${papers.toLocaleString('en-US')} papers, up to ${perStyle} queries per style (seed in knownItems.ts).`, '');
	lines.push(`| style (n) | ${cols.map((c) => `${c} MRR@10`).join(' | ')} | ${cols.map((c) => `${c} S@10`).join(' | ')} |`);
	lines.push(`|---|${cols.map(() => '---:').join('|')}|${cols.map(() => '---:').join('|')}|`);
	const groups: [string, number[]][] = [...styles.map((s): [string, number[]] => [s, queries.flatMap((q, i) => (q.style === s ? [i] : []))]), ['pooled', queries.map((_, i) => i)]];
	for (const [name, idx] of groups) {
		const sc = results.map((r) => scoresOf(idx.map((i) => r.ranks[i])));
		lines.push(`| ${name} (${idx.length}) | ${sc.map((s) => f3(mean(s.rr))).join(' | ')} | ${sc.map((s) => pct(mean(s.s10))).join(' | ')} |`);
	}
	const authors = queries.flatMap((q, i) => (q.style === 'author' ? [i] : []));
	const parts = acronymBreakdown(corpusPapers, queries);
	lines.push('', 'The `acronym` style broken down (rule in knownItems.ts `acronymBreakdown`):', '');
	lines.push(`| acronym queries (n) | ${cols.map((c) => `${c} MRR@10`).join(' | ')} | ${cols.map((c) => `${c} S@10`).join(' | ')} |`);
	lines.push(`|---|${cols.map(() => '---:').join('|')}|${cols.map(() => '---:').join('|')}|`);
	for (const [name, idx] of Object.entries(parts)) {
		const sc = results.map((r) => scoresOf(idx.map((i) => r.ranks[i])));
		lines.push(`| ${name} (${idx.length}) | ${sc.map((s) => f3(mean(s.rr))).join(' | ')} | ${sc.map((s) => pct(mean(s.s10))).join(' | ')} |`);
	}
	lines.push('', `Author names, success@1: ${results.map((r) => `${r.label} ${pct(mean(scoresOf(authors.map((i) => r.ranks[i])).s1))}`).join(' · ')}`);
	const own = results[0];
	for (const other of results.slice(1)) {
		lines.push('', `Paired differences, ${own.label} − ${other.label} (mean, 95% bootstrap interval):`, '', '| style | ΔMRR@10 | ΔS@10 | ΔS@1 |', '|---|---:|---:|---:|');
		for (const [name, idx] of groups) {
			const a = scoresOf(idx.map((i) => own.ranks[i]));
			const b = scoresOf(idx.map((i) => other.ranks[i]));
			lines.push(`| ${name} | ${ci(pairedDifference(a.rr, b.rr), f3)} | ${ci(pairedDifference(a.s10, b.s10), pct)} | ${ci(pairedDifference(a.s1, b.s1), pct)} |`);
		}
	}
	lines.push('', `Topical precision@10 (${topicalQueries.length} queries, rule in judgedQueries.ts):`, '', `| query | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
	topicalQueries.forEach((t, i) => lines.push(`| ${t.query} | ${results.map((r) => r.topical[i].toFixed(1)).join(' | ')} |`));
	lines.push(`| mean | ${results.map((r) => f3(mean(r.topical))).join(' | ')} |`);
	lines.push('', `| timing | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
	lines.push(`| build (s) | ${results.map((r) => r.buildS.toFixed(2)).join(' | ')} |`);
	lines.push(`| query p50 (ms) | ${results.map((r) => r.p50.toFixed(2)).join(' | ')} |`);
	lines.push(`| query p95 (ms) | ${results.map((r) => r.p95.toFixed(2)).join(' | ')} |`);
	return lines.join('\n');
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			size: { type: 'string', default: '10000' },
			'per-style': { type: 'string', default: '300' },
			peers: { type: 'string', default: 'paper-shelf,minisearch,bm25' },
			baseline: { type: 'string' },
			markdown: { type: 'string' },
			ranks: { type: 'string' },
			corpus: { type: 'string' },
			misses: { type: 'string' },
		},
	});
	const n = Number(values.size);
	const perStyle = Number(values['per-style']);
	const papers = await loadCorpus(n);
	const byId = new Map(papers.map((p) => [p.id, p]));
	const queries = knownItemQueries(papers, perStyle);
	const libs: Library[] = [];
	for (const name of values.peers.split(',').map((s) => s.trim())) {
		if (name === 'paper-shelf') libs.push(paperShelf('Paper Shelf', PaperIndex as unknown as IndexClass));
		else if (name === 'minisearch') libs.push(minisearch);
		else if (name === 'bm25') libs.push(bm25);
		else throw new Error(`unknown peer ${name}`);
	}
	if (values.baseline) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- another build of the index, chosen at run time
		const base = require(path.resolve(values.baseline)) as { PaperIndex: IndexClass };
		libs.push(paperShelf('Paper Shelf (base)', base.PaperIndex));
	}
	const results: LibResult[] = [];
	for (const lib of libs) {
		process.stderr.write(`[relevance] ${lib.label} × ${papers.length} …\n`);
		results.push(await runLibrary(lib, papers, queries, byId));
	}
	const text = report(results, queries, papers.length, perStyle, papers);
	console.log(text);
	if (values.markdown) fs.writeFileSync(values.markdown, text + '\n');
	if (values.ranks) fs.writeFileSync(values.ranks, JSON.stringify({ queries: queries.map((q) => ({ style: q.style, query: q.query, target: q.target })), results: results.map((r) => ({ label: r.label, ranks: r.ranks })) }));
	if (values.misses) {
		const own = results[0];
		const out = queries.flatMap((q, i) => (own.ranks[i] === 1 ? [] : [`${q.style}\t${own.ranks[i]}\t${q.query}\t${byId.get(q.target)?.title ?? ''}\t${results.slice(1).map((r) => `${r.label}=${r.ranks[i]}`).join(' ')}`]));
		fs.writeFileSync(values.misses, out.join('\n') + '\n');
	}
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});

export type { Style };
