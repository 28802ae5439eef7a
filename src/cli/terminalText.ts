import { BIDI_CONTROL_CLASS } from '../core/text/untrustedText';

/**
 * The one rule for what the CLI writes: text from digests, notes and file names is hostile, and a terminal acts on
 * control characters (ANSI escapes that recolour, clear or retitle, OSC 8 links, C1 controls) and displays bidi
 * overrides reversed (`\u202egnp.exe` reads as `exe.png`). Every character of that kind becomes a visible
 * `\uXXXX` escape. Newlines and tabs stay. JSON stays valid JSON with the same values: JSON.stringify already
 * writes C0 controls as `\u00XX`, and `\uXXXX` is how JSON escapes any other character inside a string.
 */

/** C0 controls but tab and newline, DEL, C1 controls, line and paragraph separators, and the bidi controls. */
const terminalControls = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u2028\\u2029${BIDI_CONTROL_CLASS}]`, 'gu');

/** `text` with every character a terminal would act on written as a visible `\uXXXX` escape. */
export function terminalText(text: string): string {
	return text.replace(terminalControls, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
