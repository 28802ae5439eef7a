/**
 * Redraws test/fixtures/corpus/papers-2500.jsonl.gz, the real-paper sample the tests read, from the 130k corpus:
 *
 *   npm run fixtures:corpus -- [--corpus FILE] [--count 2500] [--seed 20261130] [--out FILE]
 *
 * A uniform draw without replacement (reservoir sampling, Algorithm R, driven by the seeded mulberry32 of
 * ./corpus.ts), kept in corpus order; every drawn line is copied byte for byte. The same corpus, count and seed give
 * the same lines, so the sample can be redrawn and checked. The corpus defaults to ../shared/corpus/papers-130k.jsonl.gz.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as zlib from 'node:zlib';
import { benchCorpusFile, corpusFile, corpusLines, corpusSampleSize, prng, repoRoot } from './corpus';

export const defaultSeed = 20261130;

/** `count` lines of `lines` drawn uniformly with the seeded PRNG, in their original order. */
export async function drawSample(lines: AsyncIterable<string>, count: number, seed: number): Promise<{ lines: string[]; total: number }> {
	const random = prng(seed);
	const reservoir: { at: number; line: string }[] = [];
	let total = 0;
	for await (const line of lines) {
		if (line.trim() === '') continue;
		if (reservoir.length < count) {
			reservoir.push({ at: total, line });
		} else {
			const j = Math.floor(random() * (total + 1));
			if (j < count) reservoir[j] = { at: total, line };
		}
		total++;
	}
	return { lines: reservoir.sort((a, b) => a.at - b.at).map((r) => r.line), total };
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			corpus: { type: 'string' },
			count: { type: 'string', default: String(corpusSampleSize) },
			seed: { type: 'string', default: String(defaultSeed) },
			out: { type: 'string', default: corpusFile },
		},
	});
	const source = benchCorpusFile(values.corpus ? ['--corpus', values.corpus] : []);
	const count = Number(values.count);
	const seed = Number(values.seed);
	if (!Number.isInteger(count) || count <= 0) throw new Error(`--count wants a positive whole number, not '${values.count}'`);
	if (!Number.isInteger(seed)) throw new Error(`--seed wants a whole number, not '${values.seed}'`);
	const { lines, total } = await drawSample(corpusLines(source), count, seed);
	if (lines.length < count) throw new Error(`${source} has only ${total} papers, fewer than --count ${count}`);
	// Level 9 and Node's zlib (no file name, mtime 0 in the header) make the bytes repeatable too.
	const packed = zlib.gzipSync(lines.join('\n') + '\n', { level: 9 });
	fs.mkdirSync(path.dirname(values.out), { recursive: true });
	fs.writeFileSync(values.out, packed);
	console.log(`${path.relative(repoRoot, values.out)}: ${count} of ${total} papers (seed ${seed}), ${(packed.length / 1024 / 1024).toFixed(2)} MB`);
}

if (require.main === module) {
	main().catch((e: unknown) => {
		console.error(e instanceof Error ? e.message : e);
		process.exit(1);
	});
}
