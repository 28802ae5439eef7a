/** Recognises a digest's format from its content; a file name only settles a close call. */
import type { DigestFormat } from '../model';
import { looksLikeArxivFeed } from './parseArxivFeed';
import { looksLikeDailyPapersText } from './parseDailyPapersText';
import { looksLikeMarkdownDigest } from './parseMarkdownDigest';

/** How much of a JSON text to look at for Hugging Face items. */
const SNIFF_LENGTH = 64 * 1024;

/**
 * The format of a digest text, or undefined when it is none of them. JSON starting with `[` is
 * `hf-json` when its items nest a `paper` object, else `json-array`; objects one per line are
 * `jsonl` (as is any object text in a `.jsonl` / `.ndjson` file); Markdown headings make `markdown`;
 * title/abstract blocks make `daily-papers-text`; an XML document whose root is `feed` or `rss` is `arxiv-xml`.
 */
export function detectFormat(text: string, fileName?: string): DigestFormat | undefined {
	const start = firstNonWhitespace(text);
	if (start === -1) return undefined;
	const first = text[start];
	if (first === '[') {
		return /"paper"\s*:\s*\{/.test(text.slice(start, start + SNIFF_LENGTH)) ? 'hf-json' : 'json-array';
	}
	if (first === '{') {
		return looksLikeJsonLines(text, start) || /\.(?:jsonl|ndjson)$/i.test(fileName ?? '') ? 'jsonl' : 'json-array';
	}
	if (first === '<' && looksLikeArxivFeed(text.slice(start))) return 'arxiv-xml';
	if (looksLikeMarkdownDigest(text)) return 'markdown';
	if (looksLikeDailyPapersText(text)) return 'daily-papers-text';
	return undefined;
}

/** The first line is a whole object, or another line starts with `{` at its first column. */
function looksLikeJsonLines(text: string, start: number): boolean {
	const eol = text.indexOf('\n', start);
	const firstLine = text.slice(start, eol === -1 ? text.length : eol).trim();
	if (firstLine.endsWith('}')) return true;
	return /\n\{/.test(text.slice(start, start + SNIFF_LENGTH));
}

function firstNonWhitespace(text: string): number {
	const m = /[^\s\uFEFF]/.exec(text);
	return m ? m.index : -1;
}
