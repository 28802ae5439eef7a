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
