/**
 * Naming the bibliography in a note that names none, so `pandoc --citeproc note.md` finds the entries Paper Shelf
 * wrote: `bibliography: references.bib` goes into the note's YAML front matter, or a front matter block is made for
 * it. Only that line (or block) is inserted; every other byte of the note stays as it is.
 */

/** An insertion into the note: `text` at `offset` (UTF-16 code units). */
export interface FrontMatterInsertion {
	readonly offset: number;
	readonly text: string;
}

/**
 * Where `bibliography: <path>` goes in `text`: before the closing `---`/`...` of its front matter, or a new block at
 * the top (after a byte order mark). Undefined when the front matter has a `bibliography` key already, or opens and
 * never closes (then what the note means is unclear, and nothing is written), or the path cannot be written plainly in
 * YAML (it holds both kinds of quote, or a line break). Uses the note's line ending.
 */
export function planFrontMatterBibliography(text: string, path: string): FrontMatterInsertion | undefined {
	const start = text.startsWith('\uFEFF') ? 1 : 0;
	const firstBreak = text.indexOf('\n', start);
	const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
	const scalar = yamlScalar(path);
	if (scalar === undefined) {
		return undefined;
	}
	const line = `bibliography: ${scalar}${eol}`;
	const firstLine = text.slice(start, firstBreak < 0 ? text.length : firstBreak).replace(/\r$/, '');
	if (firstLine.trimEnd() !== '---') {
		return { offset: start, text: `---${eol}${line}---${eol}${text.length > start && !/^\r?\n/.test(text.slice(start)) ? eol : ''}` };
	}
	if (firstBreak < 0) {
		return undefined;
	}
	// The front matter's lines, up to its closing line: one pass.
	for (let at = firstBreak + 1; at < text.length; ) {
		const end = text.indexOf('\n', at);
		const lineText = text.slice(at, end < 0 ? text.length : end).replace(/\r$/, '');
		if (/^(?:---|\.\.\.)\s*$/.test(lineText)) {
			return { offset: at, text: line };
		}
		if (/^bibliography\s*:/.test(lineText)) {
			return undefined;
		}
		if (end < 0) {
			break;
		}
		at = end + 1;
	}
	return undefined;
}

/**
 * A path as a YAML scalar: plain when that reads back the same, else quoted without escapes (`"…"` or `'…'`, which
 * every reader — pandoc's and Paper Shelf's own — reads back alike); undefined for a path holding both quotes.
 */
export function yamlScalar(path: string): string | undefined {
	if (/^[A-Za-z0-9_./](?:[A-Za-z0-9_./~ -]*[A-Za-z0-9_./~-])?$/.test(path)) {
		return path;
	}
	if (/[\n\r]/.test(path)) {
		return undefined;
	}
	if (!/["\\]/.test(path)) {
		return `"${path}"`;
	}
	return path.includes("'") ? undefined : `'${path}'`;
}

/** `to` relative to the folder `fromFolder` (both absolute `/` paths), as a note would write it. */
export function relativeTo(fromFolder: string, to: string): string {
	const from = fromFolder.split('/').filter((s) => s !== '');
	const target = to.split('/').filter((s) => s !== '');
	let common = 0;
	while (common < from.length && common < target.length - 1 && from[common] === target[common]) common++;
	return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/');
}
