/**
 * A fingerprint of what the search index answers, for proving that a refactoring changes nothing:
 *
 *   node out/test/bench/searchSnapshot.js [--sizes 1000,10000] [--corpus FILE] > before.json
 *   … change the code, rebuild …
 *   node out/test/bench/searchSnapshot.js [--sizes 1000,10000] [--corpus FILE] > after.json
 *   cmp before.json after.json
 *
 * For the first N papers of the corpus (test/support/corpus.ts, or FILE: JSON Lines, gzip or not) it prints,
 * as JSON, the top 10 of every benchmark query (the judged queries, the prefixes typed on the way to
 * `quantization`, the 2–3-word queries, a few typos) and of `related()` for a few papers: ids, scores at full
 * precision and match ranges. It does so for a fresh build, after removing and re-adding a digest (which
 * leaves tombstones and sweeps them), and for an index restored from its own snapshot; and it prints a hash
 * of each snapshot, so a change of the snapshot format (the disk cache) shows too.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';
import { corpusLines } from '../support/corpus';
import type { Paper } from '../../src/core/model';
import { JsonLinesReader } from '../../src/core/parse/parseJsonLines';
import { PaperIndex, type PaperIndexSnapshot, type SearchHit } from '../../src/core/search/paperIndex';
import { judgedQueries, multiWordQueries, typedPrefixes } from './judgedQueries';

/** Every query the benchmark runs (bench.ts: judged, typed prefixes, multi-word), plus typos and stopwords. */
const queries: readonly string[] = [
	...judgedQueries.map((j) => j.query),
	...typedPrefixes('quantization'),
	...multiWordQueries,
	'transfomer',
	'quantizaton ',
	'difusion model',
	'the diffusion of ',
	'llm agent benchm',
	'a',
	'',
];

async function* fileLines(file: string): AsyncGenerator<string> {
	const input = fs.createReadStream(file);
	const lines = readline.createInterface({ input: file.endsWith('.gz') ? input.pipe(zlib.createGunzip()) : input, crlfDelay: Infinity });
	try {
		yield* lines;
	} finally {
		lines.close();
		input.destroy();
	}
}

async function loadPapers(n: number, corpus: string | undefined): Promise<Paper[]> {
	const reader = new JsonLinesReader('corpus');
	for await (const line of corpus ? fileLines(corpus) : corpusLines()) {
		reader.readLine(line);
		if (reader.papers.length >= n) break;
	}
	return [...reader.papers];
}

function hits(list: readonly SearchHit[]): unknown[] {
	return list.map((h) => [h.paper.id, h.score, h.matches.title.map((r) => [r.start, r.end]), h.matches.abstract.map((r) => [r.start, r.end])]);
}

function answers(index: PaperIndex, relatedIds: readonly string[]): unknown {
	return {
		size: index.size,
		search: queries.map((q) => [q, hits(index.search(q, { limit: 10 }))]),
		related: relatedIds.map((id) => [id, hits(index.related(id, 10))]),
	};
}

function digestOf(snapshot: PaperIndexSnapshot): string {
	return createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
}

async function scale(n: number, corpus: string | undefined): Promise<unknown> {
	const papers = await loadPapers(n, corpus);
	const judged = judgedQueries.flatMap((j) => j.mustFind).filter((id) => papers.some((p) => p.id === id));
	const relatedIds = [...papers.slice(0, 3).map((p) => p.id), ...judged.slice(0, 4)];

	const built = await PaperIndex.buildFromDigests([{ key: 'corpus', papers }]);
	const fresh = answers(built, relatedIds);
	const snapshot = built.snapshot();

	// Two digests sharing a few papers; removing the larger one leaves more tombstones than a third of the
	// live papers (a sweep at 10k), then it comes back.
	const cut = Math.floor(papers.length * 0.4);
	const a = papers.slice(0, cut + 20);
	const b = papers.slice(cut);
	const churned = new PaperIndex();
	churned.addDigest('a', a);
	churned.addDigest('b', b);
	const twoDigests = answers(churned, relatedIds);
	churned.removeDigest('b');
	const afterRemove = answers(churned, relatedIds);
	await churned.addDigestAsync('b', b, { chunkSize: 777 });
	const afterReAdd = answers(churned, relatedIds);
	const churnedSnapshot = churned.snapshot();

	const restored = PaperIndex.fromSnapshot(JSON.parse(JSON.stringify(snapshot)) as PaperIndexSnapshot, [{ key: 'corpus', papers }]);
	const restoredChurned = PaperIndex.fromSnapshot(JSON.parse(JSON.stringify(churnedSnapshot)) as PaperIndexSnapshot, [
		{ key: 'a', papers: a },
		{ key: 'b', papers: b },
	]);
	return {
		papers: papers.length,
		snapshot: digestOf(snapshot),
		churnedSnapshot: digestOf(churnedSnapshot),
		restoredSnapshot: digestOf(restored.snapshot()),
		fresh,
		twoDigests,
		afterRemove,
		afterReAdd,
		restored: answers(restored, relatedIds),
		restoredChurned: answers(restoredChurned, relatedIds),
	};
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1000,10000' }, corpus: { type: 'string' } } });
	const sizes = values.sizes.split(',').map(Number);
	if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`bad --sizes '${values.sizes}'`);
	const out: unknown[] = [];
	for (const n of sizes) out.push(await scale(n, values.corpus));
	process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
