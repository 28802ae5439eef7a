import * as assert from 'node:assert/strict';
import {
	findBareUrls, matchHeading, matchWholeLink, metaLinePattern, replaceMarkdownLinks, splitNames, trimClosingEmphasis, trimTrailingPunctuation,
} from '../../../src/core/parse/lineScan';
import { normalizeInline } from '../../../src/core/parse/normalizeText';
import { parseArxivId } from '../../../src/core/parse/paperId';
import { prng } from './parseTestSupport';

/**
 * The regular expressions the scanners replace. They are the specification: on short strings,
 * where their backtracking costs nothing, every scanner must give exactly what its expression gives.
 */
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const WHOLE_LINK = /^\[(.+)\]\(\s*<?([^)\s>]+)>?\s*\)$/;
const MD_LINK = /\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const BARE_URL = /\b[a-z][a-z0-9+.-]*:[^\s<>()[\]]+/gi;
const PEOPLE = /\s*[,;]\s*|\s+and\s+|\s+&\s+/;
const NAMES = /\s*[,;]\s*/;
const META_KEYS = 'authors?|by|arxiv(?:[ _-]?id)?|id|date|project(?:[ _-]?page)?|links?|tl;?dr';
const META = new RegExp(`^\\s*(?:[-*+]\\s+)?[*_]{0,2}\\s*(${META_KEYS})\\s*[*_]{0,2}\\s*:\\s*[*_]{0,2}\\s*(.*)$`, 'i');

/** `parseArxivId` as it was, with URL patterns that rescan a value with a line break from every `?` and `#`. */
function parseArxivIdBefore(value: string): string | undefined {
	let s = value.trim().replace(/^arxiv:\s*/i, '');
	const url = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(s)
		?? /^https?:\/\/(?:www\.)?huggingface\.co\/papers\/(.+?)\/?(?:[?#].*)?$/i.exec(s);
	if (url) s = url[1];
	const match = /^(\d{4}\.\d{4,5})(?:v\d+)?$/.exec(s) ?? /^([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/i.exec(s);
	return match ? match[1] : undefined;
}

/** Random short strings over the characters that matter to a pattern. */
function samples(alphabet: readonly string[], seed: number, count = 20_000, maxPieces = 14): string[] {
	const random = prng(seed);
	const out: string[] = [];
	for (let k = 0; k < count; k++) {
		const pieces = Math.floor(random() * maxPieces);
		let s = '';
		for (let p = 0; p < pieces; p++) s += alphabet[Math.floor(random() * alphabet.length)];
		out.push(s);
	}
	return out;
}

const SPACES = [' ', ' ', '\t', '\u00a0', '\u2028', '\r', '\n'];

suite('Linear line scanners', () => {
	test('A heading reads exactly as the heading pattern reads it', () => {
		for (const s of samples(['#', '#', '#', ...SPACES, 'a', 'b c', '\\#'], 1)) {
			const m = HEADING.exec(s);
			assert.deepEqual(matchHeading(s), m ? { level: m[1].length, text: m[2] ?? '' } : undefined, JSON.stringify(s));
		}
	});

	test('A metadata line reads exactly as the metadata pattern reads it', () => {
		const linear = metaLinePattern(META_KEYS);
		for (const s of samples(['-', '*', '+', '_', ':', 'Authors', 'author', 'by', 'arXiv', ' id', '_ID', 'project', ' page', 'tl;dr', 'x', ...SPACES], 7, 40_000)) {
			const m = META.exec(s);
			const n = linear.exec(s);
			assert.deepEqual(n ? [n.groups?.key, n.groups?.value] : undefined, m ? [m[1], m[2]] : undefined, JSON.stringify(s));
		}
	});

	test('A title link reads exactly as the title link pattern reads it', () => {
		for (const s of samples(['[', ']', '(', ')', '](', '<', '>', 'a', 'b', ...SPACES], 2, 40_000)) {
			for (const text of [s, `[${s}`, `[${s})`, `[a](${s})`, `[${s}](b)`]) {
				const m = WHOLE_LINK.exec(text);
				assert.deepEqual(matchWholeLink(text), m ? { label: m[1], url: m[2] } : undefined, JSON.stringify(text));
			}
		}
	});

	test('Markdown links are replaced exactly as the link pattern replaces them', () => {
		for (const s of samples(['[', ']', '(', ')', '](', '[a](b)', '<', '>', '"', 'a', 'x y', ...SPACES], 3, 40_000, 18)) {
			const expected = s.replace(MD_LINK, (_m, label: string, url: string) => `{${label}|${url}}`);
			assert.equal(replaceMarkdownLinks(s, (label, url) => `{${label}|${url}}`), expected, JSON.stringify(s));
		}
	});

	test('Bare URLs are found exactly as the bare URL pattern finds them', () => {
		for (const s of samples(['a', 'Z', '1', '_', '+', '.', '-', ':', '/', 'http', '://', '(', '[', '<', ' ', '\u2028', 'é'], 4)) {
			assert.deepEqual(findBareUrls(s), [...s.matchAll(BARE_URL)].map((m) => m[0]), JSON.stringify(s));
		}
	});

	test('Trailing punctuation and a closing emphasis are trimmed exactly as their patterns trim them', () => {
		for (const s of samples(['.', ',', ';', '*', '_', 'a', ...SPACES], 5)) {
			assert.equal(trimTrailingPunctuation(s), s.replace(/[.,;]+$/, ''), JSON.stringify(s));
			assert.equal(trimClosingEmphasis(s), s.replace(/\s*[*_]{2}\s*$/, ''), JSON.stringify(s));
		}
	});

	test('Whitespace folds exactly as folding every run with `\\s+` folds it', () => {
		for (const s of samples(['a', '~', 'b', '\u200b', '\u0001', ...SPACES, '  '], 8)) {
			// eslint-disable-next-line no-control-regex -- the controls normalizeInline turns into spaces
			const clean = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, ' ').replace(/[\u200B\uFEFF]/g, '').replace(/(?<=\p{L})~(?=[\p{L}([])/gu, ' ');
			assert.equal(normalizeInline(s), clean.replace(/\s+/g, ' ').trim(), JSON.stringify(s));
		}
	});

	test('An arXiv id is read exactly as before from values with line breaks, `?` and `#`', () => {
		const pieces = ['https://arxiv.org/abs/', 'https://huggingface.co/papers/', 'arXiv:', '2401.09603', 'v2', '.pdf', '/', '?', '#', 'x', '\n', '\u2028', ' '];
		for (const s of samples(pieces, 9, 20_000, 6)) {
			assert.equal(parseArxivId(s), parseArxivIdBefore(s), JSON.stringify(s));
		}
	});

	test('Name lists split exactly as the separator patterns split them', () => {
		for (const s of samples([',', ';', 'and', '&', 'a', 'band', 'ands', ...SPACES], 6)) {
			assert.deepEqual(splitNames(s, true), s.split(PEOPLE), JSON.stringify(s));
			assert.deepEqual(splitNames(s, false), s.split(NAMES), JSON.stringify(s));
		}
	});
});
