/**
 * Finding the bibliography files a document names:
 *
 * - Markdown, Quarto, R Markdown: the YAML front matter's `bibliography:` — one path, a flow list `[a.bib, b.json]`
 *   or a block list of `- a.bib` lines;
 * - LaTeX: `\bibliography{a,b}` (`.bib` added when missing), `\addbibresource[…]{x.bib}` and `\addglobalbib{…}`,
 *   outside `%` comments.
 *
 * Paths are returned as written (relative to the document's folder unless absolute); when none is named the caller
 * falls back to the `paperShelf.bibliographyFile` setting.
 */
import { citationSyntaxKind } from './citationSyntax';
import { LineIndex } from '../text/lineIndex';

/** A bibliography a document names: the path as written and the 1-based line naming it. */
export interface BibliographyReference {
	readonly path: string;
	readonly line: number;
}

/**
 * The bibliographies `text` names, in document order (empty when none). `languageId` picks where to look: Pandoc
 * languages read front matter, LaTeX languages read commands; an unknown language id, or none, reads both.
 */
export function locateBibliographies(text: string, languageId?: string): BibliographyReference[] {
	const kind = languageId === undefined ? undefined : citationSyntaxKind(languageId);
	const found: BibliographyReference[] = [];
	if (kind !== 'latex') {
		found.push(...frontMatterBibliographies(text));
	}
	if (kind !== 'pandoc') {
		found.push(...latexBibliographies(text));
	}
	return found;
}

// --- YAML front matter

function unquote(value: string): string {
	const v = value.trim();
	if (v.length >= 2 && v.startsWith('"') && v.endsWith('"')) {
		return v.slice(1, -1).replace(/\\(["\\])/g, '$1');
	}
	if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) {
		return v.slice(1, -1).replace(/''/g, "'");
	}
	return v;
}

/** A plain YAML scalar without its trailing ` # comment`; quoted scalars keep their `#`. */
function stripComment(value: string): string {
	const v = value.trim();
	if (v.startsWith('"') || v.startsWith("'")) {
		const end = v.indexOf(v[0], 1);
		return end > 0 ? v.slice(0, end + 1) : v;
	}
	return v.slice(0, commentStart(v));
}

/**
 * Where `v.replace(/\s+#.*$/, '')` cuts `v`, found in linear time (that pattern rescans a long run of
 * spaces from each of its characters): the spaces before the first `#` that follows a space and is
 * followed by no line break; `v.length` when there is none.
 */
function commentStart(v: string): number {
	const lastBreak = Math.max(v.lastIndexOf('\n'), v.lastIndexOf('\r'), v.lastIndexOf('\u2028'), v.lastIndexOf('\u2029'));
	for (let hash = v.indexOf('#', lastBreak + 1); hash !== -1; hash = v.indexOf('#', hash + 1)) {
		if (hash > 0 && /\s/.test(v[hash - 1])) {
			let start = hash - 1;
			while (start > 0 && /\s/.test(v[start - 1])) start--;
			return start;
		}
	}
	return v.length;
}

/** Splits a flow list's inside at commas that are not inside quotes. */
function splitFlow(inner: string): string[] {
	const items: string[] = [];
	let current = '';
	let quote = '';
	for (const c of inner) {
		if (quote) {
			current += c;
			if (c === quote) {
				quote = '';
			}
		} else if (c === '"' || c === "'") {
			quote = c;
			current += c;
		} else if (c === ',') {
			items.push(current);
			current = '';
		} else {
			current += c;
		}
	}
	items.push(current);
	return items.map(unquote).filter((s) => s !== '');
}

/** The `bibliography:` of a YAML front matter block that opens the document. */
export function frontMatterBibliographies(text: string): BibliographyReference[] {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	if (lines[0]?.trimEnd() !== '---') {
		return [];
	}
	const found: BibliographyReference[] = [];
	for (let i = 1; i < lines.length; i++) {
		const line = lines[i];
		if (/^(---|\.\.\.)\s*$/.test(line)) {
			break;
		}
		const m = /^bibliography\s*:(.*)$/.exec(line);
		if (!m) {
			continue;
		}
		const value = stripComment(m[1]);
		if (value.startsWith('[')) {
			const inner = value.endsWith(']') ? value.slice(1, -1) : value.slice(1);
			found.push(...splitFlow(inner).map((path) => ({ path, line: i + 1 })));
		} else if (value !== '') {
			found.push({ path: unquote(value), line: i + 1 });
		} else {
			for (let j = i + 1; j < lines.length; j++) {
				// `(?=(\s+))\1` takes the spaces whole: a plain `\s+(.*)$` retries `(.*)` from each of them when a
				// line break (a lone `\r`, U+2028) stops it, which is quadratic.
				const item = /^\s+-(?=(\s+))\1(.*)$/.exec(lines[j]) ?? /^-(?=(\s+))\1(.*)$/.exec(lines[j]);
				if (!item) {
					if (lines[j].trim() === '' || /^\s+#/.test(lines[j])) {
						continue;
					}
					break;
				}
				const path = unquote(stripComment(item[2]));
				if (path !== '') {
					found.push({ path, line: j + 1 });
				}
			}
		}
	}
	return found;
}

// --- LaTeX

/** The text with each `%` comment blanked out (an escaped `\%` is kept), so offsets and lines stay. */
export function blankLatexComments(text: string): string {
	return text.replace(/(^|[^\\])((?:\\\\)*)%[^\n]*/g, (m, before: string, slashes: string) => before + slashes + ' '.repeat(m.length - before.length - slashes.length));
}

/**
 * `\bibliography{…}`, `\addbibresource{…}` and `\addglobalbib{…}` outside comments: what
 * `/\\(bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\]\s*)?\{([^}]*)\}/g` finds, in linear time (that
 * pattern scans to the end of the text for each command whose `]` or `}` never comes).
 */
export function latexBibliographies(text: string): BibliographyReference[] {
	const clean = blankLatexComments(text);
	const found: BibliographyReference[] = [];
	const command = /\\(bibliography|addbibresource|addglobalbib)/g;
	const closer = { ']': nextOf(clean, ']'), '}': nextOf(clean, '}') };
	const skipSpaces = (i: number) => {
		let k = i;
		while (k < clean.length && /\s/.test(clean[k])) k++;
		return k;
	};
	const lines = new LineIndex(clean);
	for (let m = command.exec(clean); m; m = command.exec(clean)) {
		let open = skipSpaces(command.lastIndex);
		if (clean[open] === '[') {
			const close = closer[']'](open + 1);
			open = close === -1 ? open : skipSpaces(close + 1);
		}
		if (clean[open] !== '{') continue;
		const close = closer['}'](open + 1);
		if (close === -1) continue;
		command.lastIndex = close + 1;
		const line = lines.lineAt(m.index);
		const value = clean.slice(open + 1, close);
		const names = m[1] === 'bibliography' ? value.split(',') : [value];
		for (const raw of names) {
			const name = raw.trim();
			if (name === '') {
				continue;
			}
			found.push({ path: m[1] === 'bibliography' && !/\.bib$/i.test(name) ? `${name}.bib` : name, line });
		}
	}
	return found;
}

/**
 * `(from) => text.indexOf(char, from)` that remembers its last answer, so that asking again from
 * anywhere before it costs nothing: scans that start from ever later places read the text once.
 */
function nextOf(text: string, char: string): (from: number) => number {
	let askedFrom = Number.POSITIVE_INFINITY;
	let answer = -1;
	return (from) => {
		if (from >= askedFrom && (answer === -1 || from <= answer)) return answer;
		askedFrom = from;
		answer = text.indexOf(char, from);
		return answer;
	};
}
