/**
 * Literature notes: a Markdown note per paper from a template, named after its citation key. Pure: the editor layer
 * (src/extension/notes) reads the template, creates the file (never over an existing one) and adds the paper to the
 * bibliography the note's front matter names, so `pandoc --citeproc` resolves the note as written.
 *
 * Placeholders follow Obsidian Citations' names where they mean the same (`{{citekey}}`, `{{title}}`,
 * `{{authorString}}`, `{{year}}`, `{{abstract}}`, `{{URL}}`), plus Paper Shelf's own.
 */
import type { Paper } from '../model';

/** Every placeholder with what it becomes, for the docs and the settings description. */
export const NOTE_PLACEHOLDERS: Readonly<Record<string, string>> = {
	citekey: 'the citation key (also the file name)',
	title: 'the title',
	authorString: 'the authors, comma-separated',
	authors: 'the authors, one "- name" line each (a Markdown list)',
	year: 'the year, when the digest gives one',
	date: 'the date as the digest gives it',
	arxivId: 'the arXiv id (also {{eprint}})',
	eprint: 'the arXiv id',
	URL: 'the arXiv abstract page, else the Hugging Face or project page',
	pdfURL: 'the arXiv PDF',
	hfURL: 'the Hugging Face page',
	codeURL: 'the code repository',
	links: 'every link, one "- [label](url)" line each',
	abstract: 'the abstract',
	keywords: 'the keywords, comma-separated',
	topic: 'the topic the shelf puts the paper under',
	bibliography: 'the bibliography file, relative to the note',
	today: "today's date (YYYY-MM-DD)",
};

/** The built-in template: front matter that pandoc reads (key, bibliography), the abstract, and room for notes. */
export const DEFAULT_NOTE_TEMPLATE = [
	'---',
	'title: "{{title}}"',
	'citekey: "{{citekey}}"',
	'authors: "{{authorString}}"',
	'date: "{{date}}"',
	'arxiv: "{{arxivId}}"',
	'url: "{{URL}}"',
	'topic: "{{topic}}"',
	'keywords: "{{keywords}}"',
	'bibliography: "{{bibliography}}"',
	'nocite: "@{{citekey}}"',
	'---',
	'',
	'# {{title}}',
	'',
	'[@{{citekey}}]',
	'',
	'{{links}}',
	'',
	'## Abstract',
	'',
	'{{abstract}}',
	'',
	'## Notes',
	'',
	'',
].join('\n');

/** The values of the placeholders for one paper. */
export interface NoteInput {
	readonly paper: Paper;
	readonly citekey: string;
	readonly topic?: string;
	/** The bibliography's path relative to the note's folder, with `/`. */
	readonly bibliography: string;
	/** YYYY-MM-DD. */
	readonly today: string;
}

export function noteValues(input: NoteInput): Record<string, string> {
	const p = input.paper;
	const links: [string, string | undefined][] = [
		['arXiv', p.links.arxivAbs], ['PDF', p.links.arxivPdf], ['Hugging Face', p.links.huggingFace], ['Code', p.links.code], ['Project page', p.links.project],
	];
	const url = p.links.arxivAbs ?? (p.arxivId && /^[A-Za-z0-9./-]+$/.test(p.arxivId) ? `https://arxiv.org/abs/${p.arxivId}` : undefined) ?? p.links.huggingFace ?? p.links.project ?? '';
	return {
		citekey: input.citekey,
		title: oneLine(p.title),
		authorString: p.authors.map(oneLine).join(', '),
		authors: p.authors.map((a) => `- ${oneLine(a)}`).join('\n'),
		year: p.year !== undefined ? String(p.year) : '',
		date: oneLine(p.date ?? ''),
		arxivId: p.arxivId ?? '',
		eprint: p.arxivId ?? '',
		URL: url,
		pdfURL: p.links.arxivPdf ?? '',
		hfURL: p.links.huggingFace ?? '',
		codeURL: p.links.code ?? '',
		links: links.filter((l): l is [string, string] => typeof l[1] === 'string' && /^https?:\/\//i.test(l[1])).map(([label, u]) => `- [${label}](<${u.replace(/[<>\s]/g, encodeURIComponent)}>)`).join('\n'),
		abstract: p.abstract,
		keywords: p.keywords.map(oneLine).join(', '),
		topic: oneLine(input.topic ?? ''),
		bibliography: input.bibliography,
		today: input.today,
	};
}

function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** What rendering a template gave: the note, and the placeholders it did not know (left as written). */
export interface RenderedNote {
	readonly text: string;
	readonly unknown: readonly string[];
}

/**
 * Fills a template's `{{name}}` placeholders (spaces inside the braces allowed). Inside the front matter (a `---` block
 * at the very top) values are escaped for a YAML double-quoted string and kept on one line, so a title with quotes or
 * a colon cannot break it; write them as `key: "{{name}}"` there. A front matter line whose placeholders are all
 * known and all empty (no authors, no arXiv id) is left out. Unknown placeholders are left as written and named.
 * Linear in the template's size plus the values'.
 */
export function renderNoteTemplate(template: string, values: Readonly<Record<string, string>>): RenderedNote {
	const fm = /^---\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(template);
	let frontEnd = 0;
	if (fm) {
		const front = fm[0].split(/(?<=\n)/).filter((line) => {
			const names = [...line.matchAll(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]);
			return names.length === 0 || !names.every((n) => Object.prototype.hasOwnProperty.call(values, n) && values[n] === '');
		}).join('');
		template = front + template.slice(fm[0].length);
		frontEnd = front.length;
	}
	const unknown = new Set<string>();
	const text = template.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (whole, name: string, offset: number) => {
		if (!Object.prototype.hasOwnProperty.call(values, name)) {
			unknown.add(name);
			return whole;
		}
		const value = values[name];
		return offset < frontEnd ? yamlQuoted(value) : value;
	});
	return { text, unknown: [...unknown] };
}

/** A value as the inside of a YAML double-quoted string: one line, `\` and `"` escaped, control characters dropped. */
export function yamlQuoted(value: string): string {
	// eslint-disable-next-line no-control-regex
	return value.replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f]/g, '').replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Longest file name stem: well under every file system's 255, leaving room for `.md` and a folder path on Windows. */
export const MAX_NOTE_STEM = 100;

/**
 * A file name for a note, `<key>.md`, safe on every OS: characters outside letters, digits, `-`, `_`, `.`, `+` become
 * `-`; no leading or trailing dots or spaces; Windows' reserved device names (CON, NUL, COM1, …) get a `_` suffix;
 * at most `MAX_NOTE_STEM` characters before `.md`.
 */
export function noteFileName(key: string): string {
	let stem = key.normalize('NFC').replace(/[^A-Za-z0-9._+-]/g, '-').replace(/^[.\s-]+|[.\s]+$/g, '');
	stem = stem.slice(0, MAX_NOTE_STEM).replace(/[.\s]+$/g, '');
	if (stem === '') {
		stem = 'paper';
	}
	if (RESERVED.test(stem.split('.')[0])) {
		stem = `${stem}_`;
	}
	return `${stem}.md`;
}

/**
 * The path segments of a folder setting relative to the workspace folder, or why it is refused: absolute paths
 * (`/x`, `C:\x`, `\\server`, `~`) and any `..` segment would leave the workspace.
 */
export function workspaceRelativeSegments(setting: string): string[] | { refused: string } {
	const trimmed = setting.trim();
	if (/^([A-Za-z]:|[\\/]|~)/.test(trimmed)) {
		return { refused: `"${setting}" is an absolute path; Paper Shelf only writes notes inside the workspace folder.` };
	}
	const parts = trimmed.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
	if (parts.includes('..')) {
		return { refused: `"${setting}" leads outside the workspace folder; Paper Shelf only writes notes inside it.` };
	}
	return parts;
}

/** The relative path from a folder to a file, both given as segments below the same root, with `/`. */
export function relativePath(fromFolder: readonly string[], toFile: readonly string[]): string {
	let common = 0;
	while (common < fromFolder.length && common < toFile.length - 1 && fromFolder[common] === toFile[common]) {
		common++;
	}
	return [...fromFolder.slice(common).map(() => '..'), ...toFile.slice(common)].join('/');
}
