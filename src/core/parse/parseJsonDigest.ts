/**
 * JSON array digests: the Hugging Face daily_papers API (`hf-json`) and plain arrays of paper
 * objects (`json-array`). `JSON.parse` reads the value; a cheap scan of the text finds the line
 * each item starts on.
 */
import { findJsonError } from './findJsonError';
import { LineIndex } from '../text/lineIndex';
import type { PaperCollector } from './paperCollector';
import { addPaperFromRecord } from './paperFromRecord';

/** Adds the papers of a JSON array digest to `collector`; returns whether any item was a Hugging Face item. */
export function parseJsonDigest(text: string, collector: PaperCollector): boolean {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		reportJsonError(text, e, collector);
		return false;
	}
	if (!Array.isArray(value)) {
		collector.report('error', 1, `not a digest: the JSON is ${value === null ? 'null' : typeof value}, expected an array of papers`);
		return false;
	}
	const lines = new LineIndex(text);
	const ranges = arrayElementRanges(text);
	let anyHf = false;
	value.forEach((item, k) => {
		const range = ranges[k];
		const startLine = range ? lines.lineAt(range[0]) : 1;
		const endLine = range ? lines.lineAt(range[1]) : startLine;
		anyHf = addPaperFromRecord(item, { startLine, endLine, label: `item ${k + 1}` }, collector) || anyHf;
	});
	return anyHf;
}

/** Reports `invalid JSON at line L, column C: reason` for a text `JSON.parse` refused. */
export function reportJsonError(text: string, thrown: unknown, collector: PaperCollector, lineOffset = 0): void {
	const located = findJsonError(text);
	const reason = located?.reason ?? (thrown instanceof Error ? thrown.message.split(', "')[0] : 'cannot be read');
	const { line, column } = new LineIndex(text).positionAt(located?.offset ?? 0);
	collector.report('error', line + lineOffset, `invalid JSON at line ${line + lineOffset}, column ${column}: ${reason}`, column);
}

/**
 * The [start, end] offsets (end inclusive) of each element of the top-level array of a VALID JSON
 * text; empty when the text is not an array.
 */
export function arrayElementRanges(text: string): [number, number][] {
	const ranges: [number, number][] = [];
	let i = 0;
	const n = text.length;
	while (i < n && isWs(text.charCodeAt(i))) i++;
	if (text.charCodeAt(i) !== 0x5b) return ranges;
	i++;
	let depth = 0;
	let start = -1;
	let lastNonWs = -1;
	for (; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x22) {
			if (depth === 0 && start === -1) start = i;
			i = endOfString(text, i);
			lastNonWs = i;
			continue;
		}
		if (isWs(c)) continue;
		if (depth === 0) {
			if (c === 0x2c || c === 0x5d) {
				if (start !== -1) ranges.push([start, lastNonWs]);
				start = -1;
				if (c === 0x5d) break;
				continue;
			}
			if (start === -1) start = i;
		}
		if (c === 0x5b || c === 0x7b) depth++;
		else if (c === 0x5d || c === 0x7d) depth--;
		lastNonWs = i;
	}
	return ranges;
}

function isWs(c: number): boolean {
	return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The offset of the `"` closing the string opened at `start`. */
function endOfString(text: string, start: number): number {
	let i = start + 1;
	for (;;) {
		const q = text.indexOf('"', i);
		if (q === -1) return text.length - 1;
		let backslashes = 0;
		for (let b = q - 1; text.charCodeAt(b) === 0x5c; b--) backslashes++;
		if (backslashes % 2 === 0) return q;
		i = q + 1;
	}
}
