/**
 * Text from a digest or a workspace file (titles, authors, abstracts, file names, keys) is hostile: on VS Code's
 * surfaces it must never become markup, a link, an icon or a command. Each surface parses something different, so
 * there is one neutraliser per kind of surface; every one of them keeps the text readable to a person.
 *
 * What VS Code 1.100 parses, and so what each function breaks:
 * - Notifications (`show*Message`, notification progress) run the message through `parseLinkedText`
 *   (vs/base/common/linkedText.ts): `[label](https://…|command:…|file:… "title")` becomes a link. Every match needs a
 *   `]` directly followed by `(`.
 * - Quick pick labels, descriptions and details and status bar texts render `$(name)` and `$(name~modifier)` as icons
 *   (`renderLabelWithIcons`, vs/base/browser/ui/iconLabel/iconLabels.ts). A quick pick also shows a truncated
 *   description or detail in a Markdown hover (escapeMarkdownSyntaxTokens, theme icons on), where marked's GFM
 *   autolinks (`https://…`, `www.…`, `name@host.tld`, `<scheme:…>`) become clickable.
 * - Quick input prompts and validation messages (`showInputBox`) render both links, as notifications do, and icons.
 * - Markdown strings (hovers, tooltips, completion documentation) are rendered by marked: every ASCII punctuation
 *   character can start syntax (emphasis, links, HTML, entities, autolinks, tables, headings, lists).
 * - Everywhere, bidirectional controls reorder the characters around them, so a title or file name can show as
 *   something it is not (`report\u202Egpj.bib`).
 *
 * The characters put in to break syntax are WORD JOINER (U+2060): invisible, no line break, ignored by screen readers.
 */

/**
 * Explicit bidi formatting: embeddings and overrides (U+202A–U+202E), isolates (U+2066–U+2069), and the marks LRM,
 * RLM, ALM — as the body of a character class, for every surface's rule (the CLI's terminal rule too).
 */
export const BIDI_CONTROL_CLASS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const BIDI_CONTROLS = new RegExp(`[${BIDI_CONTROL_CLASS}]`, 'g');
/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators, in runs. */
const CONTROL_RUNS = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g; // eslint-disable-line no-control-regex -- finding them is the point
/** Any run of whitespace (for Markdown, where line breaks and indentation are syntax). */
const WHITESPACE_RUNS = /\s+/g;

/** Invisible, not a line-break opportunity: put between two characters that must not be read as one token. */
export const WORD_JOINER = '\u2060';

/**
 * Text for surfaces that render it as plain text but lay it out bidirectionally: tree labels and descriptions, string
 * tooltips, editor tab (webview panel) titles, diagnostics, completion labels and details. Bidi controls are removed;
 * line breaks and other control characters become one space.
 */
export function plainText(text: string): string {
	return text.replace(BIDI_CONTROLS, '').replace(CONTROL_RUNS, ' ');
}

/**
 * Text for notification messages (`showInformationMessage`, `showWarningMessage`, `showErrorMessage`, notification
 * progress): `plainText`, with a word joiner between every `]` and `(`, so that no `[label](target)` is a link,
 * whatever its target. Nothing else changes.
 */
export function messageText(text: string): string {
	return plainText(text).replace(/\]\(/g, `]${WORD_JOINER}(`);
}

/**
 * Text for surfaces that render `$(icon)`: quick pick labels and status bar texts (a quick input's title is plain
 * text: `plainText`). `plainText`, with a word joiner after the `$` of every `$(`, so that no icon is drawn and the
 * text shows literally; the quick pick's filter sees no icon in it either.
 */
export function iconLabelText(text: string): string {
	return plainText(text).replace(/\$\(/g, `$${WORD_JOINER}(`);
}

/**
 * Text for quick pick descriptions and details. They render icons like a label, and when cut short VS Code shows them
 * whole in a Markdown hover (escapeMarkdownSyntaxTokens, theme icons on), where marked autolinks what the escaping
 * leaves. So `iconLabelText`, and a word joiner inside everything marked would autolink: after the `:` of `://`,
 * after `www` before `.`, after the `@` of an address, and after a `<` that would start an autolink or a tag (`<`
 * before a letter, `/`, `!` or `?`).
 */
export function pickDescriptionText(text: string): string {
	return iconLabelText(text)
		.replace(/:\/\//g, `:${WORD_JOINER}//`)
		.replace(/(www)(?=\.)/gi, `$1${WORD_JOINER}`)
		.replace(/@(?=[\w-])/g, `@${WORD_JOINER}`)
		.replace(/<(?=[A-Za-z/!?])/g, `<${WORD_JOINER}`);
}

/**
 * Text for quick input prompts and validation messages (`showInputBox`'s `prompt`, `validateInput`'s result), which VS
 * Code renders with both notification links and icons: `messageText` and `iconLabelText` together.
 */
export function promptText(text: string): string {
	return messageText(iconLabelText(text));
}

/** Every ASCII punctuation character: CommonMark (and marked) let a backslash make each of them literal. */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/**
 * Text to append to a Markdown string (hovers, tooltips, completion documentation) as literal text: `plainText`,
 * whitespace runs (line breaks, indentation) made one space, and every ASCII punctuation character escaped with a
 * backslash. No emphasis, link, image, HTML tag, entity, heading, list, table, code, theme icon or autolink (a URL
 * or address needs an unescaped `:`, `/`, `.` or `@`) can come out of it. Use it with a `MarkdownString` that is not
 * trusted, with HTML and theme icons off.
 */
export function markdownText(text: string): string {
	return plainText(text).replace(WHITESPACE_RUNS, ' ').replace(ASCII_PUNCTUATION, '\\$&');
}
