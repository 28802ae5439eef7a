/**
 * Benchmark of topic grouping (`npm run bench:topics`):
 *
 * 1. Agreement (NMI) between the topics of a 2,000-paper corpus sample and the papers' arXiv primary categories,
 *    against a plain baseline: spherical k-means on TF-IDF with the same number of clusters. Categories are
 *    removed from the papers before grouping, so neither method sees the answer.
 * 2. Time of `deriveTopics` at 10k and 100k papers (wall and CPU, with the load average, since the machine is shared).
 * 3. The cost of handing papers to the topics worker: structured clone of 100k papers, whole vs only the fields
 *    topics read, and `deriveTopicsInWorker` end to end on 10k papers.
 *
 * Prints Markdown tables. Not a test: no assertions, timings depend on the machine.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Paper } from '../../src/core/model';
import { deriveTopics, type Topic } from '../../src/core/topics/deriveTopics';
import { deriveTopicsInWorker, topicFields } from '../../src/core/topics/deriveTopicsInWorker';
import { startTopicsThread } from '../../src/node/topicsThread';
import { benchCorpusFile, prng } from '../support/corpus';
import { readCorpusSample } from '../unit/topics/topicFixtures';

// --- NMI

/** Normalized mutual information, I(X;Y) / sqrt(H(X)·H(Y)), of two labellings of the same items. */
export function nmi(a: readonly string[], b: readonly string[]): number {
	const n = a.length;
	const count = (xs: readonly string[]) => {
		const m = new Map<string, number>();
		for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
		return m;
	};
	const ca = count(a);
	const cb = count(b);
	const joint = count(a.map((x, i) => x + '\u0000' + b[i]));
	const h = (m: Map<string, number>) => [...m.values()].reduce((s, c) => s - (c / n) * Math.log(c / n), 0);
	let mi = 0;
	for (const [key, c] of joint) {
		const [x, y] = key.split('\u0000');
		mi += (c / n) * Math.log((c * n) / (ca.get(x)! * cb.get(y)!));
	}
	const denom = Math.sqrt(h(ca) * h(cb));
	return denom === 0 ? 0 : mi / denom;
}

// --- baseline: spherical k-means on TF-IDF

const stop = new Set(
	'a an and are as at be by can for from has have in into is it its of on or our that the their these this to was we which with using based via than more also such both each while not only new show propose proposed paper method methods results approach model models'.split(
		' ',
	),
);

function tfidf(papers: readonly Paper[]): Map<number, number>[] {
	const vocab = new Map<string, number>();
	const docs = papers.map((p) => {
		const tf = new Map<number, number>();
		const text = `${p.title} ${p.title} ${p.abstract} ${p.keywords.join(' ')}`.toLowerCase();
		for (const w of text.match(/[a-z][a-z0-9-]+/g) ?? []) {
			if (stop.has(w)) continue;
			let id = vocab.get(w);
			if (id === undefined) {
				id = vocab.size;
				vocab.set(w, id);
			}
			tf.set(id, (tf.get(id) ?? 0) + 1);
		}
		return tf;
	});
	const df = new Map<number, number>();
	for (const d of docs) for (const t of d.keys()) df.set(t, (df.get(t) ?? 0) + 1);
	return docs.map((d) => {
		const v = new Map<number, number>();
		let norm = 0;
		for (const [t, c] of d) {
			const f = df.get(t)!;
			if (f < 2) continue;
			const w = (1 + Math.log(c)) * Math.log(docs.length / f);
			v.set(t, w);
			norm += w * w;
		}
		norm = Math.sqrt(norm) || 1;
		for (const [t, w] of v) v.set(t, w / norm);
		return v;
	});
}

/** Spherical k-means with k-means++ seeding (seeded), at most `iterations` rounds. Returns a cluster per doc. */
export function kmeans(vectors: readonly Map<number, number>[], k: number, seed = 42, iterations = 30): number[] {
	const random = prng(seed);
	const dot = (a: Map<number, number>, b: Map<number, number>) => {
		let s = 0;
		const [small, big] = a.size < b.size ? [a, b] : [b, a];
		for (const [t, w] of small) s += w * (big.get(t) ?? 0);
		return s;
	};
	const centroids: Map<number, number>[] = [vectors[Math.floor(random() * vectors.length)]];
	const dist = vectors.map((v) => 1 - dot(v, centroids[0]));
	while (centroids.length < k) {
		const total = dist.reduce((s, d) => s + Math.max(d, 0), 0);
		let r = random() * total;
		let pick = 0;
		for (; pick < vectors.length - 1; pick++) {
			r -= Math.max(dist[pick], 0);
			if (r <= 0) break;
		}
		centroids.push(vectors[pick]);
		vectors.forEach((v, i) => (dist[i] = Math.min(dist[i], 1 - dot(v, vectors[pick]))));
	}
	let assignment = new Array<number>(vectors.length).fill(-1);
	for (let it = 0; it < iterations; it++) {
		const next = vectors.map((v) => {
			let best = 0;
			let bestScore = -Infinity;
			centroids.forEach((c, j) => {
				const s = dot(v, c);
				if (s > bestScore) {
					bestScore = s;
					best = j;
				}
			});
			return best;
		});
		const changed = next.some((c, i) => c !== assignment[i]);
		assignment = next;
		if (!changed) break;
		for (let j = 0; j < k; j++) {
			const sum = new Map<number, number>();
			vectors.forEach((v, i) => {
				if (assignment[i] !== j) return;
				for (const [t, w] of v) sum.set(t, (sum.get(t) ?? 0) + w);
			});
			const norm = Math.sqrt([...sum.values()].reduce((s, w) => s + w * w, 0)) || 1;
			for (const [t, w] of sum) sum.set(t, w / norm);
			if (sum.size > 0) centroids[j] = sum;
		}
	}
	return assignment;
}

// --- runs

function topicPerPaper(papers: readonly Paper[], topics: readonly Topic[]): string[] {
	const of = new Map<string, string>();
	for (const t of topics) for (const id of t.paperIds) of.set(id, t.id);
	return papers.map((p) => of.get(p.id)!);
}

function time<T>(f: () => T): [T, number] {
	const start = performance.now();
	const result = f();
	return [result, performance.now() - start];
}

async function main(): Promise<void> {
	const corpus = benchCorpusFile();
	const withCategories = await readCorpusSample(2000, (p) => p.categories.length > 0, corpus);
	const primary = withCategories.map((p) => p.categories[0]);
	const blind = withCategories.map((p) => ({ ...p, categories: [] }));
	const [topics, topicsMs] = time(() => deriveTopics(blind));
	const ours = topicPerPaper(blind, topics);
	const k = topics.length;
	const [clusters, kmeansMs] = time(() => kmeans(tfidf(blind), k));
	const categories = new Set(primary).size;

	console.log(`## Agreement with arXiv primary categories (${withCategories.length} papers, ${categories} categories)\n`);
	console.log('| method | clusters | NMI | time (ms) |');
	console.log('|---|---:|---:|---:|');
	console.log(`| deriveTopics | ${k} (incl. Other) | ${nmi(ours, primary).toFixed(3)} | ${topicsMs.toFixed(0)} |`);
	console.log(`| k-means on TF-IDF (seed 42) | ${k} | ${nmi(clusters.map(String), primary).toFixed(3)} | ${kmeansMs.toFixed(0)} |`);
	console.log('\nTopics of the 2,000-paper sample:\n');
	for (const t of topics) console.log(`- ${t.label} (${t.paperIds.length})`);

	console.log('\n## Time of deriveTopics\n');
	console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}\n`);
	console.log('| papers | levels | top-level topics | largest leaf | time (s, wall) | CPU (s) |');
	console.log('|---:|---:|---:|---:|---:|---:|');
	const all = await readCorpusSample(100000, undefined, corpus);
	for (const n of [10000, 100000]) {
		const sample = all.slice(0, n);
		const cpu = process.cpuUsage();
		const [t, ms] = time(() => deriveTopics(sample));
		const used = process.cpuUsage(cpu);
		const leaves = t.flatMap((x) => x.children ?? [x]);
		const levels = t.some((x) => x.children) ? 2 : 1;
		const cpuSeconds = (used.user + used.system) / 1e6;
		console.log(`| ${n} | ${levels} | ${t.length} | ${Math.max(...leaves.map((l) => l.paperIds.length))} | ${(ms / 1000).toFixed(1)} | ${cpuSeconds.toFixed(1)} |`);
	}
	console.log(`\nload average after: ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);

	console.log('\n## Handing papers to the worker\n');
	console.log('| what | papers | time (ms) |');
	console.log('|---|---:|---:|');
	const [, fullMs] = time(() => structuredClone(all));
	console.log(`| structured clone, whole papers | ${all.length} | ${fullMs.toFixed(0)} |`);
	const [, slimMs] = time(() => structuredClone(all.map(topicFields)));
	console.log(`| structured clone, fields topics read (what deriveTopicsInWorker sends) | ${all.length} | ${slimMs.toFixed(0)} |`);
	const workerFile = startTopicsThread(path.resolve(__dirname, '..', '..', 'src', 'node', 'topicsWorkerThread.js'));
	const start = performance.now();
	await deriveTopicsInWorker(all.slice(0, 10000), {}, workerFile);
	console.log(`| deriveTopicsInWorker end to end | 10000 | ${(performance.now() - start).toFixed(0)} |`);
}

main().catch((e: unknown) => {
	console.error(e);
	process.exitCode = 1;
});
