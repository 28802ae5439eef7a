/**
 * The entry point of digest parsing: raw content in, a {@link ParsedDigest} out, never an exception.
 * Size, binary and encoding checks come first; then the format is recognised from the content and
 * the matching parser runs.
 */
import { Sha256 } from '../hash/sha256';
import { utf8ByteLength, yieldToEventLoop } from '../runtime';
import type { DigestFormat, ParsedDigest } from '../model';
import { decodeDigest } from './decodeDigest';
import { DEFAULT_MAX_DIGEST_SIZE_MB, digestSizeProblem, maxDigestBytes } from './digestSize';
import { detectFormat } from './detectFormat';
import { PaperCollector } from './paperCollector';
import { parseArxivFeed } from './parseArxivFeed';
import { parseDailyPapersText } from './parseDailyPapersText';
import { parseJsonDigest } from './parseJsonDigest';
import { parseJsonLinesSteps } from './parseJsonLines';
import { parseMarkdownDigest } from './parseMarkdownDigest';

export { detectFormat } from './detectFormat';

/** How {@link parseDigest} reads a digest. */
export interface ParseOptions {
	/** Larger content is refused unread. Default: the default of the `paperShelf.maxDigestSizeMB` setting. */
	maxBytes?: number;
	/** The format to use when the content could be it (a JSON hint for JSON, a text hint for text). */
	formatHint?: DigestFormat;
}

/** The default of {@link ParseOptions.maxBytes}: the default of `paperShelf.maxDigestSizeMB`, from the settings module. */
export const DEFAULT_MAX_DIGEST_BYTES = maxDigestBytes(DEFAULT_MAX_DIGEST_SIZE_MB);

/**
 * Parses one digest file. `file` names it in papers' sources and in diagnostics; its extension is a
 * hint at most. Never throws: an unexpected failure becomes an error diagnostic.
 */
export function parseDigest(content: Uint8Array | string, file: string, options: ParseOptions = {}): ParsedDigest {
	const steps = parseSteps(content, file, options);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** How far an asynchronous parse got: papers found so far, and characters read of the decoded text. */
export interface ParseProgress {
	readonly papers: number;
	readonly done: number;
	readonly total: number;
}

/** Options of {@link parseDigestAsync}. */
export interface AsyncParseOptions extends ParseOptions {
	/** Called between chunks (a JSON Lines digest is read a few thousand lines at a time). */
	readonly onProgress?: (progress: ParseProgress) => void;
	/** Aborting rejects with an `AbortError` at the next chunk. */
	readonly signal?: AbortSignal;
}

/**
 * {@link parseDigest} in chunks, yielding to the event loop between them so the caller's thread stays
 * responsive and can show how far it got. Gives exactly what `parseDigest` gives (the same steps run);
 * JSON Lines digests are chunked, the other formats are read in one step.
 */
export async function parseDigestAsync(content: Uint8Array | string, file: string, options: AsyncParseOptions = {}): Promise<ParsedDigest> {
	const steps = parseSteps(content, file, options);
	for (;;) {
		if (options.signal?.aborted) throw new DOMException('Parse cancelled', 'AbortError');
		const step = steps.next();
		if (step.done) return step.value;
		options.onProgress?.(step.value);
		await yieldToEventLoop();
	}
}

/** The one parse, as steps: yields progress between chunks, returns the parsed digest. */
function* parseSteps(content: Uint8Array | string, file: string, options: ParseOptions): Generator<ParseProgress, ParsedDigest, void> {
	// The content hash is SHA-256 in plain TypeScript (the same in every host, see hash/sha256.ts): a large digest is
	// hashed a slice at a time, with a step between slices, so an asynchronous parse never blocks for the whole file.
	const hash = new Sha256();
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	for (let at = 0; at < bytes.length; at += HASH_SLICE_BYTES) {
		hash.update(bytes.subarray(at, at + HASH_SLICE_BYTES));
		if (at + HASH_SLICE_BYTES < bytes.length) yield { papers: 0, done: 0, total: bytes.length };
	}
	const contentHash = hash.hex();
	const collector = new PaperCollector(file);
	let format: DigestFormat | undefined;
	let dateLine: string | undefined;
	try {
		const maxBytes = options.maxBytes ?? DEFAULT_MAX_DIGEST_BYTES;
		const size = typeof content === 'string' ? utf8ByteLength(content) : content.byteLength;
		const tooLarge = digestSizeProblem(size, maxBytes);
		if (tooLarge) {
			collector.report('error', 1, tooLarge);
			return { file, papers: [], diagnostics: collector.diagnostics, contentHash };
		}
		const decoded = decodeDigest(content);
		if ('problem' in decoded) {
			collector.report('error', decoded.line, decoded.problem);
			return { file, papers: [], diagnostics: collector.diagnostics, contentHash };
		}
		const text = decoded.text;
		format = chooseFormat(detectFormat(text, file), options.formatHint);
		switch (format) {
			case 'hf-json':
			case 'json-array':
				if (parseJsonDigest(text, collector)) format = 'hf-json';
				break;
			case 'jsonl':
				for (const done of parseJsonLinesSteps(text, collector)) {
					yield { papers: collector.papers.length, done, total: text.length };
				}
				break;
			case 'markdown':
				parseMarkdownDigest(text, collector);
				break;
			case 'daily-papers-text':
				dateLine = parseDailyPapersText(text, collector);
				break;
			case 'arxiv-xml':
				parseArxivFeed(text, collector);
				break;
			case undefined:
				break;
		}
		if (collector.papers.length === 0 && !collector.hasErrors) {
			collector.report(format === undefined ? 'error' : 'warning', 1, 'not a digest: no papers found');
		}
	} catch (e) {
		collector.report('error', 1, `cannot read this digest: ${e instanceof Error ? e.message : String(e)}`);
	}
	return {
		file,
		...(format !== undefined ? { format } : {}),
		papers: collector.papers,
		diagnostics: collector.diagnostics,
		contentHash,
		...(dateLine !== undefined ? { dateLine } : {}),
	};
}

const FAMILY: Readonly<Record<DigestFormat, string>> = {
	'hf-json': 'json',
	'json-array': 'json',
	jsonl: 'jsonl',
	markdown: 'text',
	'daily-papers-text': 'text',
	'arxiv-xml': 'xml',
};

/** The hint when the content could be that format, else what the content says. */
function chooseFormat(detected: DigestFormat | undefined, hint: DigestFormat | undefined): DigestFormat | undefined {
	if (hint === undefined) return detected;
	if (detected === undefined) return FAMILY[hint] === 'text' ? hint : undefined;
	return FAMILY[hint] === FAMILY[detected] ? hint : detected;
}

/** How much of a digest is hashed in one step (about 30 ms). */
const HASH_SLICE_BYTES = 4 * 1024 * 1024;
