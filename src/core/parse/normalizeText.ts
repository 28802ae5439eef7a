/**
 * Text clean-up shared by every digest parser: whitespace folding, the LaTeX `~` of scraped
 * abstracts, and line splitting that accepts LF, CRLF and lone CR.
 */

/** A `~` standing for a space between words (`we~present`, `models~(LLMs)`); `15~30%` keeps its `~`. */
const WORD_TILDE = /(?<=\p{L})~(?=[\p{L}([])/gu;
/** C0 controls other than tab, line feed and carriage return, and DEL: each becomes a space. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** A byte order mark or zero-width space: dropped. */
const INVISIBLE = /[\u200B\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- see CONTROL
const NEEDS_CLEANING = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B\uFEFF]/;
/** Whitespace other than a space. */
const OTHER_WHITESPACE = /[^\S ]/;
const PARAGRAPH_BREAK = /\n[^\S\n]*\n\s*/;
/**
 * The runs of whitespace that folding changes: two or more characters, or one that is not a space.
 * (`/\s+/g` gives the same text but rebuilds it at every single space, which in a long line costs
 * more in garbage collection than the whole rest of parsing.)
 */
const FOLDABLE_WHITESPACE = /\s{2,}|[^\S ]/g;

/** One line of text: controls removed, `~` between words made a space, whitespace folded, trimmed. */
export function normalizeInline(text: string): string {
	let s = text;
	if (NEEDS_CLEANING.test(s)) s = s.replace(CONTROL, ' ').replace(INVISIBLE, '');
	if (s.includes('~')) s = s.replace(WORD_TILDE, ' ');
	const loose = OTHER_WHITESPACE.test(s) || s.includes('  ') || s.charCodeAt(0) === 0x20 || s.charCodeAt(s.length - 1) === 0x20;
	return loose ? s.replace(FOLDABLE_WHITESPACE, ' ').trim() : s;
}

/**
 * Running text such as an abstract: like {@link normalizeInline} inside each paragraph, with
 * paragraphs (text around a blank line) kept apart by one blank line.
 */
export function normalizeText(text: string): string {
	const unified = text.replace(/\r\n?/g, '\n');
	if (!unified.includes('\n')) return normalizeInline(unified);
	return unified
		.split(PARAGRAPH_BREAK)
		.map(normalizeInline)
		.filter((p) => p.length > 0)
		.join('\n\n');
}

/** The lines of a text; `\r\n`, `\r` and `\n` all end a line. */
export function splitLines(text: string): string[] {
	return text.split(/\r\n|\r|\n/);
}

/** The text without a leading byte order mark. */
export function stripBom(text: string): string {
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Shortens a value quoted in a diagnostic message. */
export function quoteForMessage(value: string, max = 60): string {
	const flat = normalizeInline(value);
	return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}
