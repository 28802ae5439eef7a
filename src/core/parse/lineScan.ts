/**
 * Linear-time scanners for the line syntax of digests: Markdown headings, `[label](url)` links,
 * bare URLs, name lists. Each does exactly what the regular expression in its comment does, but
 * by scanning characters, because those expressions backtrack quadratically (or worse) on long
 * runs of spaces, brackets or dots, and a digest is hostile input.
 */

// --- character classes

/** JavaScript's `\s`: white space and line terminators. */
export function isSpace(c: number): boolean {
	return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
		|| c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A character that a regular expression's `.` does not match. */
function isLineTerminator(c: number): boolean {
	return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** The index of the first line terminator at or after `from`, or `text.length`. */
function lineTerminatorAt(text: string, from: number): number {
	for (let i = from; i < text.length; i++) {
		if (isLineTerminator(text.charCodeAt(i))) return i;
	}
	return text.length;
}

/** Whether a text holds a character that `.` does not match (then `^.*$` cannot match it). */
export function hasLineTerminator(text: string): boolean {
	return lineTerminatorAt(text, 0) < text.length;
}

function isBlank(c: number): boolean {
	return c === 0x20 || c === 0x09;
}

function isAsciiLetter(c: number): boolean {
	return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAsciiDigit(c: number): boolean {
	return c >= 0x30 && c <= 0x39;
}

/** `\w` without the `u` flag. */
function isWordChar(c: number): boolean {
	return isAsciiLetter(c) || isAsciiDigit(c) || c === 0x5f;
}

/** `[^)\s>]`: a character of a Markdown link's destination. */
function isLinkUrlChar(c: number): boolean {
	return c !== 0x29 && c !== 0x3e && !isSpace(c);
}

/** `[a-z0-9+.-]` with the `i` flag: a character of a URL scheme. */
function isSchemeChar(c: number): boolean {
	return isAsciiLetter(c) || isAsciiDigit(c) || c === 0x2b || c === 0x2e || c === 0x2d;
}

/** `[^\s<>()[\]]`: a character of a bare URL. */
function isBareUrlChar(c: number): boolean {
	return c !== 0x3c && c !== 0x3e && c !== 0x28 && c !== 0x29 && c !== 0x5b && c !== 0x5d && !isSpace(c);
}

// --- headings

/** An ATX heading: its level and its text without the closing `#`s. */
export interface HeadingMatch {
	readonly level: number;
	readonly text: string;
}

/**
 * The heading a line is, as `/^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/` reads it (the
 * text is group 2, or '' without one), or undefined when the line is no heading.
 */
export function matchHeading(line: string): HeadingMatch | undefined {
	const n = line.length;
	let i = 0;
	while (i < 3 && line.charCodeAt(i) === 0x20) i++;
	let j = i;
	while (j < n && line.charCodeAt(j) === 0x23) j++;
	const level = j - i;
	if (level < 1 || level > 6) return undefined;
	if (j === n) return { level, text: '' };
	if (!isBlank(line.charCodeAt(j)) || lineTerminatorAt(line, j) < n) return undefined;
	let start = j;
	while (start < n && isBlank(line.charCodeAt(start))) start++;
	let end = n;
	while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
	let hashes = end;
	while (hashes > start && line.charCodeAt(hashes - 1) === 0x23) hashes--;
	if (hashes < end && hashes > start && isBlank(line.charCodeAt(hashes - 1))) {
		end = hashes;
		while (end > start && isBlank(line.charCodeAt(end - 1))) end--;
	}
	return { level, text: line.slice(start, end) };
}

// --- metadata lines

/**
 * A run of spaces taken whole: `(?=(\s*))\1` cannot give any back, where a plain `\s*` next to
 * another `\s*` (across an empty `[*_]{0,2}`) tries every split of a long run between the two, which
 * is quadratic, and cubic with a `(.*)$` after them that fails. No match needs such a split: what
 * follows a run never starts with a space, except the value, which a shorter run cannot help to match.
 */
const spaces = (name: string, atLeastOne = false) => `(?=(?<${name}>\\s${atLeastOne ? '+' : '*'}))\\k<${name}>`;

/**
 * The pattern of a metadata line such as `- **Authors:** A, B`, with groups `key` (one of `keys`, a
 * pattern of alternatives) and `value`: it matches what
 * `^\s*(?:[-*+]\s+)?[*_]{0,2}\s*(keys)\s*[*_]{0,2}\s*:\s*[*_]{0,2}\s*(.*)$` (flag `i`) matches, with the
 * same groups, in linear time.
 */
export function metaLinePattern(keys: string): RegExp {
	return new RegExp(
		`^${spaces('s1')}(?:[-*+]${spaces('s2', true)})?[*_]{0,2}${spaces('s3')}(?<key>${keys})${spaces('s4')}[*_]{0,2}${spaces('s5')}:${spaces('s6')}[*_]{0,2}${spaces('s7')}(?<value>.*)$`,
		'i',
	);
}

// --- Markdown links

/** A Markdown link's label and destination. */
export interface MarkdownLink {
	readonly label: string;
	readonly url: string;
}

/**
 * A text that is one whole Markdown link, as `/^\[(.+)\]\(\s*<?([^)\s>]+)>?\s*\)$/` reads it (the
 * label is group 1, the URL group 2), or undefined.
 */
export function matchWholeLink(text: string): MarkdownLink | undefined {
	const n = text.length;
	if (n < 6 || text.charCodeAt(0) !== 0x5b || text.charCodeAt(n - 1) !== 0x29) return undefined;
	// The destination is the run of URL characters that ends before an optional `>` and the spaces before `)`.
	let e = n - 1;
	while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
	const urlEnd = text.charCodeAt(e - 1) === 0x3e ? e - 1 : e;
	let runStart = urlEnd;
	while (runStart > 0 && isLinkUrlChar(text.charCodeAt(runStart - 1))) runStart--;
	if (runStart === urlEnd) return undefined;
	const url = (from: number) => (text.charCodeAt(from) === 0x3c && urlEnd - from >= 2 ? text.slice(from + 1, urlEnd) : text.slice(from, urlEnd));
	// The label (`.+`, greedy) takes the last `](` it can: inside the run, or just before the spaces that precede it.
	const labelEnd = lineTerminatorAt(text, 1);
	const last = Math.min(urlEnd - 3, labelEnd);
	const k = last >= 2 ? text.lastIndexOf('](', last) : -1;
	if (k >= 2 && k + 2 >= runStart) return { label: text.slice(1, k), url: url(k + 2) };
	let spaces = runStart;
	while (spaces > 0 && isSpace(text.charCodeAt(spaces - 1))) spaces--;
	const before = spaces - 2;
	if (spaces < runStart && before >= 2 && before <= labelEnd && text.startsWith('](', before)) {
		return { label: text.slice(1, before), url: url(runStart) };
	}
	return undefined;
}

/**
 * `text.replace(/\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g, (m, label, url) => replace(label, url))`,
 * in linear time.
 */
export function replaceMarkdownLinks(text: string, replace: (label: string, url: string) => string): string {
	const n = text.length;
	let out = '';
	let copied = 0;
	let from = 0;
	// The last run of URL characters scanned (every start inside it ends at the same place), and
	// the last continuation checked after a run end.
	let runFrom = -1;
	let runTo = -1;
	let tailAt = -1;
	let tailEnd = -1;
	let noQuoteAfter = n + 1;
	const tail = (r: number): number => {
		if (r === tailAt) return tailEnd;
		let t = r;
		if (text.charCodeAt(t) === 0x3e) t++;
		let w = t;
		while (w < n && isSpace(text.charCodeAt(w))) w++;
		let end = -1;
		if (w > t && text.charCodeAt(w) === 0x22 && w + 1 < noQuoteAfter) {
			const close = text.indexOf('"', w + 1);
			if (close === -1) noQuoteAfter = w + 1;
			else {
				let a = close + 1;
				while (a < n && isSpace(text.charCodeAt(a))) a++;
				if (text.charCodeAt(a) === 0x29) end = a + 1;
			}
		}
		if (end === -1 && text.charCodeAt(w) === 0x29) end = w + 1;
		tailAt = r;
		tailEnd = end;
		return end;
	};
	for (;;) {
		const open = text.indexOf('[', from);
		if (open === -1) break;
		const close = text.indexOf(']', open + 1);
		if (close === -1) break;
		from = close + 1;
		if (text.charCodeAt(close + 1) !== 0x28) continue;
		let q = close + 2;
		while (q < n && isSpace(text.charCodeAt(q))) q++;
		let r: number;
		if (q >= runFrom && q < runTo) r = runTo;
		else {
			r = q;
			while (r < n && isLinkUrlChar(text.charCodeAt(r))) r++;
			runFrom = q;
			runTo = r;
		}
		if (r === q) continue;
		const end = tail(r);
		if (end === -1) continue;
		const url = text.charCodeAt(q) === 0x3c && r - q >= 2 ? text.slice(q + 1, r) : text.slice(q, r);
		out += text.slice(copied, open) + replace(text.slice(open + 1, close), url);
		copied = from = end;
	}
	return copied === 0 ? text : out + text.slice(copied);
}

// --- bare URLs

/**
 * Every match of `/\b[a-z][a-z0-9+.-]*:[^\s<>()[\]]+/gi` in a text (a scheme, a colon, then
 * anything up to a space or bracket), in order.
 */
export function findBareUrls(text: string): string[] {
	const n = text.length;
	const found: string[] = [];
	let i = 0;
	while (i < n) {
		if (!isSchemeChar(text.charCodeAt(i))) {
			i++;
			continue;
		}
		const runStart = i;
		let colon = i;
		while (colon < n && isSchemeChar(text.charCodeAt(colon))) colon++;
		i = colon;
		if (text.charCodeAt(colon) !== 0x3a || colon + 1 >= n || !isBareUrlChar(text.charCodeAt(colon + 1))) continue;
		let start = -1;
		for (let j = runStart; j < colon && start === -1; j++) {
			if (isAsciiLetter(text.charCodeAt(j)) && (j === 0 || !isWordChar(text.charCodeAt(j - 1)))) start = j;
		}
		if (start === -1) continue;
		let end = colon + 1;
		while (end < n && isBareUrlChar(text.charCodeAt(end))) end++;
		found.push(text.slice(start, end));
		i = end;
	}
	return found;
}

/** `text.replace(/[.,;]+$/, '')`: the text without trailing sentence punctuation. */
export function trimTrailingPunctuation(text: string): string {
	let end = text.length;
	while (end > 0) {
		const c = text.charCodeAt(end - 1);
		if (c !== 0x2e && c !== 0x2c && c !== 0x3b) break;
		end--;
	}
	return text.slice(0, end);
}

/** `text.replace(/\s*[*_]{2}\s*$/, '')`: the text without a closing `**` or `__` (and the spaces around it). */
export function trimClosingEmphasis(text: string): string {
	let end = text.length;
	while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
	const isMark = (c: number) => c === 0x2a || c === 0x5f;
	if (end < 2 || !isMark(text.charCodeAt(end - 1)) || !isMark(text.charCodeAt(end - 2))) return text;
	end -= 2;
	while (end > 0 && isSpace(text.charCodeAt(end - 1))) end--;
	return text.slice(0, end);
}

// --- name lists

/**
 * `text.split(/\s*[,;]\s*|\s+and\s+|\s+&\s+/)` when `people`, else `text.split(/\s*[,;]\s*\/)`, in linear time.
 */
export function splitNames(text: string, people: boolean): string[] {
	const n = text.length;
	const parts: string[] = [];
	let pieceStart = 0;
	let i = 0;
	const skipSpaces = (from: number) => {
		let k = from;
		while (k < n && isSpace(text.charCodeAt(k))) k++;
		return k;
	};
	while (i < n) {
		// Every start inside a run of spaces ends the run at the same place, so one look decides them all.
		const runEnd = skipSpaces(i);
		const c = text.charCodeAt(runEnd);
		let sepEnd = -1;
		if (c === 0x2c || c === 0x3b) sepEnd = skipSpaces(runEnd + 1);
		else if (people && runEnd > i) {
			if (text.startsWith('and', runEnd) && isSpace(text.charCodeAt(runEnd + 3))) sepEnd = skipSpaces(runEnd + 3);
			else if (c === 0x26 && isSpace(text.charCodeAt(runEnd + 1))) sepEnd = skipSpaces(runEnd + 1);
		}
		if (sepEnd === -1) {
			i = runEnd > i ? runEnd : i + 1;
			continue;
		}
		parts.push(text.slice(pieceStart, i));
		pieceStart = i = sepEnd;
	}
	parts.push(text.slice(pieceStart));
	return parts;
}
