/**
 * Remembers what a pure function gave for the last few texts, so a bibliography the editor asks about again (for
 * diagnostics, completion, hover, Go to Definition, then Insert Citation's plan) is parsed once per text, not once per
 * question. Texts are compared by content, not identity: the editor hands out a new string for every `getText()`.
 */
export class TextMemo<T> {
	private readonly _results = new Map<string, T>();

	constructor(private readonly _compute: (text: string) => T, private readonly _capacity = 4) {}

	/** The result for `text`, computed only when none of the last few texts was equal to it. */
	get(text: string): T {
		const hit = this._results.get(text);
		if (hit !== undefined) {
			// The most recently used goes last: `Map` keeps insertion order, so the first key is the one to drop.
			this._results.delete(text);
			this._results.set(text, hit);
			return hit;
		}
		const result = this._compute(text);
		this._results.set(text, result);
		if (this._results.size > this._capacity) {
			this._results.delete(this._results.keys().next().value as string);
		}
		return result;
	}
}
