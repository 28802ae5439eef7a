/**
 * The shared test data beside the repo (`../shared`, read-only) and the helpers every suite and
 * benchmark uses to read it: the corpus is streamed, never unpacked whole.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as zlib from 'node:zlib';

/** The repo root (this file runs from out/test/support). */
export const repoRoot = path.resolve(__dirname, '../../..');
/** The read-only `shared` folder beside the repo. */
export const sharedDir = path.resolve(repoRoot, '../shared');
/** 130,585 real papers, one JSON object a line, gzip (see ../shared/corpus/README.md). */
export const corpusFile = path.join(sharedDir, 'corpus/papers-130k.jsonl.gz');

/** The corpus's lines in order; stop early with `break`, which closes the stream. */
export async function* corpusLines(): AsyncGenerator<string> {
	const input = fs.createReadStream(corpusFile);
	const lines = readline.createInterface({ input: input.pipe(zlib.createGunzip()), crlfDelay: Infinity });
	try {
		yield* lines;
	} finally {
		lines.close();
		input.destroy();
	}
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
