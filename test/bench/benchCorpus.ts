/**
 * The digests the extension benchmarks put into the workspace: the first N records of the benchmark corpus
 * (`benchCorpusFile()` in test/support/corpus.ts: `--corpus FILE`, $PAPER_SHELF_CORPUS, or the shared 130k corpus),
 * gzip when it ends in `.gz`, plain JSON Lines otherwise; streamed, never read whole.
 */
import * as fs from 'node:fs';
import * as readline from 'node:readline';
import { corpusLines } from '../support/corpus';

/** The lines of a JSON Lines file, gunzipped when it ends in .gz. */
export async function* benchLines(file: string): AsyncGenerator<string> {
	if (file.endsWith('.gz')) {
		yield* corpusLines(file);
		return;
	}
	const input = fs.createReadStream(file);
	const lines = readline.createInterface({ input, crlfDelay: Infinity });
	try {
		yield* lines;
	} finally {
		lines.close();
		input.destroy();
	}
}

/** Writes the first `count` non-empty lines of the corpus to `file`; returns how many there were. */
export async function writeDigest(file: string, count: number, corpus: string): Promise<number> {
	const out = fs.createWriteStream(file);
	let n = 0;
	for await (const line of benchLines(corpus)) {
		if (n >= count) {
			break;
		}
		if (line.trim() === '') {
			continue;
		}
		n++;
		if (!out.write(line + '\n')) {
			await new Promise<void>((resolve) => out.once('drain', () => resolve()));
		}
	}
	await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
	if (n < count) {
		throw new Error(`${corpus} has only ${n} records, not ${count}`);
	}
	return n;
}
