/**
 * The one rule for what the CLI writes: text from digests, notes and file names is hostile, and a terminal acts on
 * control characters (ANSI escapes that recolour, clear or retitle, OSC 8 links, C1 controls) and displays bidi
 * overrides reversed (`\u202egnp.exe` reads as `exe.png`). Every character of that kind becomes a visible
 * `\uXXXX` escape. Newlines and tabs stay. JSON stays valid JSON with the same values: JSON.stringify already
 * writes C0 controls as `\u00XX`, and `\uXXXX` is how JSON escapes any other character inside a string.
 */

/** C0 controls but tab and newline, DEL, C1 controls, and the bidi marks, embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this rule
const terminalControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/gu;

/** `text` with every character a terminal would act on written as a visible `\uXXXX` escape. */
export function terminalText(text: string): string {
	return text.replace(terminalControls, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
