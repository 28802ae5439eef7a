/**
 * Papers for the topic tests: the bundled digest, the Hugging Face day, corpus records and hand-made papers.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import type { Paper } from '../../../src/core/model';
import { parseDigest } from '../../../src/core/parse/parseDigest';
import type { Topic } from '../../../src/core/topics/topic';

import { corpusLines, dailyPapersFile, hfDayFile, prng } from '../../support/corpus';

/** The bundled Daily Papers page (media/digests). */
export const bundledDigestPath = dailyPapersFile;

/** A paper with the given title and abstract; the id hashes the title unless given. */
export function makePaper(title: string, abstract: string, extra: Partial<Paper> = {}): Paper {
	const id = 't-' + crypto.createHash('sha256').update(title.toLowerCase().replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
	return { id, title, abstract, authors: [], links: {}, keywords: [], categories: [], source: { file: 'test', startLine: 1, endLine: 1 }, ...extra };
}

/** The bundled "Daily Papers" page, read by the digest parser. */
export function readBundledDigest(): Paper[] {
	return [...parseDigest(fs.readFileSync(bundledDigestPath), bundledDigestPath).papers];
}

/** Finds the one paper whose title starts with `prefix` (throws when none or several do). */
export function paperByTitle(papers: readonly Paper[], prefix: string): Paper {
	const found = papers.filter((p) => p.title.startsWith(prefix));
	if (found.length !== 1) {
		throw new Error(`${found.length} papers have a title starting with '${prefix}'`);
	}
	return found[0];
}

/** A deterministic shuffle (mulberry32), so "shuffled input" tests are reproducible. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
	const random = prng(seed);
	const out = [...items];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

/** Papers of the real Hugging Face daily_papers day in test/fixtures/digests (with their `ai_keywords`). */
export function readHuggingFaceDay(): Paper[] {
	interface Item {
		readonly paper: { readonly id: string; readonly title: string; readonly summary: string; readonly ai_keywords?: readonly string[] };
	}
	const items = JSON.parse(fs.readFileSync(hfDayFile, 'utf8')) as Item[];
	return items.map((i) => makePaper(i.paper.title, i.paper.summary, { id: i.paper.id, arxivId: i.paper.id, keywords: i.paper.ai_keywords ?? [] }));
}

/** One record of a corpus (the sample in test/fixtures/corpus, or the full corpus the benchmarks read). */
interface CorpusRecord {
	readonly id: string;
	readonly title: string;
	readonly abstract: string;
	readonly keywords?: readonly string[];
	readonly categories?: readonly string[];
}

/**
 * The first `count` papers of a corpus (default: the 2,500-paper sample in test/fixtures/corpus) that `accept`
 * (default: all), streamed (gunzip + readline) so only what is needed is read.
 */
export async function readCorpusSample(count: number, accept: (p: Paper) => boolean = () => true, file?: string): Promise<Paper[]> {
	const papers: Paper[] = [];
	for await (const line of corpusLines(file)) {
		if (line.trim().length === 0) continue;
		const r = JSON.parse(line) as CorpusRecord;
		const p = makePaper(r.title, r.abstract, { id: r.id, arxivId: r.id, keywords: r.keywords ?? [], categories: r.categories ?? [] });
		if (!accept(p)) continue;
		papers.push(p);
		if (papers.length >= count) break;
	}
	return papers;
}

/** Paper id → id of its leaf topic (a subtopic when there are subtopics): how churn is counted, in tests and the bench. */
export function leafOf(topics: readonly Topic[]): Map<string, string> {
	const of = new Map<string, string>();
	const visit = (ts: readonly Topic[]) => {
		for (const t of ts) {
			if (t.children) visit(t.children);
			else for (const id of t.paperIds) of.set(id, t.id);
		}
	};
	visit(topics);
	return of;
}
