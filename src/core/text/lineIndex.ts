/**
 * The one owner of "which line is this offset on" in the core: every parser and scanner that reports a 1-based line
 * or column asks here. Lines end at `\n` (so a CRLF line ends at its `\n`, and a lone `\r` does not end a line), as
 * in every message Paper Shelf gives. The editor layer uses `TextDocument.positionAt` where it has a document.
 */

/** Maps character offsets of a text to 1-based lines and columns, in O(log lines) per look-up. */
export class LineIndex {
	private readonly _starts: number[] = [0];

	constructor(text: string) {
		for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
			this._starts.push(i + 1);
		}
	}

	/** How many lines the text has (a final line break starts an empty last line). */
	get lineCount(): number {
		return this._starts.length;
	}

	/** The 1-based line holding `offset`. */
	lineAt(offset: number): number {
		let lo = 0;
		let hi = this._starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this._starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	}

	/** The 1-based line and column (in UTF-16 code units) of `offset`. */
	positionAt(offset: number): { line: number; column: number } {
		const line = this.lineAt(offset);
		return { line, column: offset - this._starts[line - 1] + 1 };
	}
}

/**
 * The 1-based line of one offset, for a single look-up (no index kept): counts the `\n`s before `offset`. In a text,
 * offsets are UTF-16 code units; in bytes, byte offsets (`\n` is the byte 0x0A in UTF-8 and every ASCII-compatible
 * encoding), for content not yet decoded.
 */
export function lineOfOffset(content: string | Uint8Array, offset: number): number {
	let line = 1;
	if (typeof content === 'string') {
		for (let i = content.indexOf('\n'); i !== -1 && i < offset; i = content.indexOf('\n', i + 1)) line++;
	} else {
		for (let i = content.indexOf(0x0a); i !== -1 && i < offset; i = content.indexOf(0x0a, i + 1)) line++;
	}
	return line;
}
