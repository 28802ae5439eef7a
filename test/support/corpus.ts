/**
 * The real-paper data the tests and benchmarks read, and the helpers to read it: corpora are streamed (gunzip +
 * readline), never unpacked whole.
 *
 * Tests read only what the repository holds: the corpus sample in test/fixtures/corpus (2,500 real papers, drawn
 * from the 130k corpus by test/support/drawCorpusSample.ts) and the digests in test/fixtures/digests and media/.
 * Only the benchmarks read the full 130k corpus, which lives outside the repository (see `benchCorpusFile`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as zlib from 'node:zlib';

/** The repo root (this file runs from out/test/support). */
export const repoRoot = path.resolve(__dirname, '../../..');
/** The read-only `shared` folder beside the repo: benchmarks only (a clone of the repository has none). */
export const sharedDir = path.resolve(repoRoot, '../shared');
/** Test data checked into the repository. */
export const fixturesDir = path.join(repoRoot, 'test/fixtures');
/** 2,500 real papers, one JSON object a line, gzip: a seeded draw from the 130k corpus (see its README.md). */
export const corpusFile = path.join(fixturesDir, 'corpus/papers-2500.jsonl.gz');
/** How many papers `corpusFile` holds. */
export const corpusSampleSize = 2500;
/** The bundled "Daily Papers" page (71 papers), the extension's default digest. */
export const dailyPapersFile = path.join(repoRoot, 'media/digests/daily-papers.txt');
/** One real day of the Hugging Face daily_papers API (17 items, with `ai_keywords`). */
export const hfDayFile = path.join(fixturesDir, 'digests/hf-daily-papers-2026-08-21.json');

/** The 130,585-paper corpus the benchmarks default to (see `benchCorpusFile`). */
export const fullCorpusName = 'papers-130k.jsonl.gz';
export const defaultBenchCorpusFile = path.join(sharedDir, 'corpus', fullCorpusName);

/** The lines of a gzip JSON Lines corpus (default: the sample), in order; stop early with `break`, which closes the stream. */
export async function* corpusLines(file: string = corpusFile): AsyncGenerator<string> {
	const input = fs.createReadStream(file);
	const lines = readline.createInterface({ input: input.pipe(zlib.createGunzip()), crlfDelay: Infinity });
	try {
		yield* lines;
	} finally {
		lines.close();
		input.destroy();
	}
}

/**
 * The corpus a benchmark reads: `--corpus FILE` from `argv`, else $PAPER_SHELF_CORPUS (how a benchmark hands it to
 * the processes it starts), else ../shared/corpus/papers-130k.jsonl.gz beside the repository. When that file is
 * missing, says which file is needed and where to put it, and exits (status 2): benchmarks need 100k+ papers, far
 * more than the sample the tests use.
 */
export function benchCorpusFile(argv: readonly string[] = process.argv.slice(2)): string {
	let given: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--corpus') given = argv[i + 1];
		else if (argv[i].startsWith('--corpus=')) given = argv[i].slice('--corpus='.length);
	}
	given ??= process.env.PAPER_SHELF_CORPUS || undefined;
	const file = path.resolve(given ?? defaultBenchCorpusFile);
	if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
	const why = given
		? `the corpus ${file} (from ${argv.some((a) => a === '--corpus' || a.startsWith('--corpus=')) ? '--corpus' : 'PAPER_SHELF_CORPUS'}) does not exist`
		: `the benchmarks need the 130,585-paper corpus ${fullCorpusName}, which is not in the repository`;
	console.error(
		`[bench] ${why}.\n` +
			`[bench] Put ${fullCorpusName} at ${defaultBenchCorpusFile} (a folder named shared beside the repository),\n` +
			`[bench] or name another gzip JSON Lines corpus: npm run ${process.env.npm_lifecycle_event || 'bench'} -- --corpus FILE`,
	);
	process.exit(2);
}

/** A seeded PRNG (mulberry32), so random tests and samples replay. */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
