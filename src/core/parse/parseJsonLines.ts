/**
 * JSON Lines digests: one paper object per line, like the corpus records. Linear and incremental:
 * {@link JsonLinesReader} takes one line at a time, so a caller can stream a file of any size
 * (readline over a gunzip stream) without holding it whole.
 */
import type { DigestDiagnostic, Paper } from '../model';
import { PaperCollector } from './paperCollector';
import { reportJsonError } from './parseJsonDigest';
import { addPaperFromRecord } from './paperFromRecord';

/**
 * Reads a JSONL digest line by line. A line that is not valid JSON is skipped with an error naming
 * it; blank lines are ignored; a duplicate paper is skipped with a warning.
 */
export class JsonLinesReader {
	private readonly _collector: PaperCollector;
	private _line = 0;

	constructor(readonly file: string, collector?: PaperCollector) {
		this._collector = collector ?? new PaperCollector(file);
	}

	/** How many lines were read so far. */
	get lineCount(): number {
		return this._line;
	}

	/** The papers read so far, in file order. */
	get papers(): readonly Paper[] {
		return this._collector.papers;
	}

	/** The diagnostics so far. */
	get diagnostics(): DigestDiagnostic[] {
		return this._collector.diagnostics;
	}

	/** Reads the next line (without its line break; a trailing `\r` is ignored); returns the paper it added, if any. */
	readLine(line: string): Paper | undefined {
		const lineNumber = ++this._line;
		const body = lineNumber === 1 && line.charCodeAt(0) === 0xfeff ? line.slice(1) : line;
		if (body.trim() === '') return undefined;
		let value: unknown;
		try {
			value = JSON.parse(body);
		} catch (e) {
			reportJsonError(body, e, this._collector, lineNumber - 1);
			return undefined;
		}
		const before = this._collector.papers.length;
		addPaperFromRecord(value, { startLine: lineNumber, endLine: lineNumber, label: `line ${lineNumber}` }, this._collector);
		return this._collector.papers.length > before ? this._collector.papers[before] : undefined;
	}
}

/** Adds every paper of a whole JSONL text to `collector`. */
export function parseJsonLines(text: string, collector: PaperCollector): void {
	const steps = parseJsonLinesSteps(text, collector);
	while (!steps.next().done) {
		// all at once
	}
}

/** Lines read between two yields of {@link parseJsonLinesSteps}. */
const LINES_PER_STEP = 2_000;

/** `parseJsonLines` in steps: yields the offset reached every {@link LINES_PER_STEP} lines. */
export function* parseJsonLinesSteps(text: string, collector: PaperCollector): Generator<number, void, void> {
	const reader = new JsonLinesReader(collector.file, collector);
	let start = 0;
	for (let n = 1; ; n++) {
		const end = text.indexOf('\n', start);
		const line = text.slice(start, end === -1 ? text.length : end);
		if (end !== -1 || line !== '') reader.readLine(line);
		if (end === -1) break;
		start = end + 1;
		if (n % LINES_PER_STEP === 0) yield start;
	}
}
