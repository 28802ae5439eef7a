/**
 * The text a citation takes in each document language, from templates the user can override per language id.
 *
 * Template syntax: plain text with placeholders in `${…}`; `$$` is a literal `$`.
 *
 * - `${keys}` — the keys joined by `, `; `${keys:SEP}` — joined by SEP (any text but `}`): Pandoc's `[@${keys:; @}]`
 *   gives `[@a; @b]`.
 * - `${command}` — the LaTeX command setting (`cite`, `citep`, …).
 * - Per-paper placeholders: `${key}`, `${title}`, `${authors}` (`A`, `A and B`, `A et al.`), `${year}`, `${url}`,
 *   `${ref}` (a readable reference: “Title”, Authors, Year), `${link}` (a Markdown link `[Title](url)`). A template
 *   that uses any of them is rendered once per paper and the results are joined by `; `.
 *
 * Built-in templates: markdown, quarto, rmd, rmarkdown, pandoc → `[@${keys:; @}]`; latex, tex, doctex, latex-expl3
 * → `\${command}{${keys:,}}`; typst → `@${keys: @}`; restructuredtext → `` :cite:`${keys:,}` ``;
 * org → `[cite:@${keys:;@}]`; any other language → `${ref}`.
 */
import type { Paper } from '../model';
import { familyName } from './personName';
import { paperUrl } from './citedPaper';

/** A paper with its key, as citations are made of. */
export interface CitationTarget {
	readonly key: string;
	readonly paper?: Paper;
}

/** Options for `formatCitation`. */
export interface CitationSyntaxOptions {
	/** The LaTeX command (`cite`, `citep`, `citet`, `autocite`, `parencite`, `textcite`, …); default `cite`. */
	readonly latexCommand?: string;
	/** Templates by language id, overriding the built-in ones (the `paperShelf.citationTemplates` setting). */
	readonly templates?: Readonly<Record<string, string>>;
}

/** The built-in templates by language id. */
export const BUILTIN_CITATION_TEMPLATES: Readonly<Record<string, string>> = {
	markdown: '[@${keys:; @}]',
	quarto: '[@${keys:; @}]',
	rmd: '[@${keys:; @}]',
	rmarkdown: '[@${keys:; @}]',
	pandoc: '[@${keys:; @}]',
	latex: '\\${command}{${keys:,}}',
	tex: '\\${command}{${keys:,}}',
	doctex: '\\${command}{${keys:,}}',
	'latex-expl3': '\\${command}{${keys:,}}',
	typst: '@${keys: @}',
	restructuredtext: ':cite:`${keys:,}`',
	org: '[cite:@${keys:;@}]',
};

/** The template for languages without one. */
export const FALLBACK_CITATION_TEMPLATE = '${ref}';

/** The kinds of citation a language takes, for completion and scanning. */
export type CitationSyntaxKind = 'pandoc' | 'latex' | 'other';

/** Which citation syntax a language id uses. */
export function citationSyntaxKind(languageId: string): CitationSyntaxKind {
	const template = BUILTIN_CITATION_TEMPLATES[languageId];
	if (template?.startsWith('[@')) {
		return 'pandoc';
	}
	if (template?.startsWith('\\')) {
		return 'latex';
	}
	return 'other';
}

// --- templates

type Segment =
	| { readonly kind: 'text'; readonly text: string }
	| { readonly kind: 'keys'; readonly separator: string }
	| { readonly kind: 'command' }
	| { readonly kind: 'paper'; readonly field: PaperField };

type PaperField = 'key' | 'title' | 'authors' | 'year' | 'url' | 'ref' | 'link';
const PAPER_FIELDS: readonly PaperField[] = ['key', 'title', 'authors', 'year', 'url', 'ref', 'link'];

/** A template checked and split into parts; build it with `compileCitationTemplate`. */
export interface CitationTemplate {
	readonly source: string;
	readonly segments: readonly Segment[];
	/** True when the template is rendered once per paper. */
	readonly perPaper: boolean;
}

/** Compiles a template (syntax in the module comment); errors name the 1-based column. */
export function compileCitationTemplate(source: string): { ok: true; template: CitationTemplate } | { ok: false; error: { column: number; message: string } } {
	const segments: Segment[] = [];
	let text = '';
	let i = 0;
	while (i < source.length) {
		if (source.startsWith('$$', i)) {
			text += '$';
			i += 2;
			continue;
		}
		if (!source.startsWith('${', i)) {
			text += source[i++];
			continue;
		}
		const end = source.indexOf('}', i + 2);
		if (end < 0) {
			return { ok: false, error: { column: i + 1, message: "unterminated placeholder: '${' without '}'" } };
		}
		const inner = source.slice(i + 2, end);
		const colon = inner.indexOf(':');
		const name = colon < 0 ? inner : inner.slice(0, colon);
		let segment: Segment;
		if (name === 'keys') {
			segment = { kind: 'keys', separator: colon < 0 ? ', ' : inner.slice(colon + 1) };
		} else if (colon >= 0) {
			return { ok: false, error: { column: i + 3 + colon, message: `only \${keys:SEP} takes a separator, not \${${name}}` } };
		} else if (name === 'command') {
			segment = { kind: 'command' };
		} else if ((PAPER_FIELDS as readonly string[]).includes(name)) {
			segment = { kind: 'paper', field: name as PaperField };
		} else {
			return { ok: false, error: { column: i + 3, message: `unknown placeholder \${${name}} (known: keys, keys:SEP, command, ${PAPER_FIELDS.join(', ')})` } };
		}
		if (text) {
			segments.push({ kind: 'text', text });
			text = '';
		}
		segments.push(segment);
		i = end + 1;
	}
	if (text) {
		segments.push({ kind: 'text', text });
	}
	return { ok: true, template: { source, segments, perPaper: segments.some((s) => s.kind === 'paper') } };
}

// --- rendering

/** Authors for a readable reference: family names, `A`, `A and B`, `A et al.`; empty when unknown. */
export function shortAuthors(authors: readonly string[]): string {
	const names = authors.map(familyName).filter((n) => n !== '');
	if (names.length === 0) {
		return '';
	}
	if (names.length === 1) {
		return names[0];
	}
	if (names.length === 2) {
		return `${names[0]} and ${names[1]}`;
	}
	return `${names[0]} et al.`;
}

/** A readable reference: `“Title”, Vaswani et al., 2017`; parts the paper lacks are left out. */
export function readableReference(paper: Paper): string {
	return [`“${paper.title.replace(/\s+/g, ' ').trim()}”`, shortAuthors(paper.authors), paper.year !== undefined ? String(paper.year) : '']
		.filter((p) => p !== '')
		.join(', ');
}

/** A Markdown link to the paper (`[Title](url)`), or the bracket-escaped title alone when it has no URL. */
export function markdownLink(paper: Paper): string {
	const title = paper.title.replace(/\s+/g, ' ').trim().replace(/([[\]\\])/g, '\\$1');
	const url = paperUrl(paper);
	return url ? `[${title}](${url.replace(/[()\s]/g, encodeURIComponent)})` : title;
}

function paperField(target: CitationTarget, field: PaperField): string {
	const p = target.paper;
	switch (field) {
		case 'key':
			return target.key;
		case 'title':
			return p ? p.title.replace(/\s+/g, ' ').trim() : target.key;
		case 'authors':
			return p ? shortAuthors(p.authors) : '';
		case 'year':
			return p?.year !== undefined ? String(p.year) : '';
		case 'url':
			return (p && paperUrl(p)) ?? '';
		case 'ref':
			return p ? readableReference(p) : target.key;
		case 'link':
			return p ? markdownLink(p) : target.key;
	}
}

function render(template: CitationTemplate, targets: readonly CitationTarget[], command: string): string {
	return template.segments
		.map((s) => {
			switch (s.kind) {
				case 'text':
					return s.text;
				case 'keys':
					return targets.map((t) => t.key).join(s.separator);
				case 'command':
					return command;
				case 'paper':
					return paperField(targets[0], s.field);
			}
		})
		.join('');
}

/** Renders a compiled template for one or several papers (see the module comment). */
export function renderCitation(template: CitationTemplate, targets: readonly CitationTarget[], latexCommand = 'cite'): string {
	if (targets.length === 0) {
		return '';
	}
	if (template.perPaper) {
		return targets.map((t) => render(template, [t], latexCommand)).join('; ');
	}
	return render(template, targets, latexCommand);
}

/** The template source for a language: the user's override, else the built-in one, else `${ref}`. */
export function citationTemplateFor(languageId: string, options: CitationSyntaxOptions = {}): string {
	return options.templates?.[languageId] ?? BUILTIN_CITATION_TEMPLATES[languageId] ?? FALLBACK_CITATION_TEMPLATE;
}

/**
 * The citation text for one or several papers in a document of `languageId`: `[@a; @b]` in Markdown, `\cite{a,b}`
 * in LaTeX, and so on (see the module comment). A user template that does not compile falls back to the built-in
 * one, and the error is returned alongside so the caller can say so.
 */
export function formatCitation(
	languageId: string,
	targets: readonly CitationTarget[],
	options: CitationSyntaxOptions = {},
): { text: string; templateError?: { column: number; message: string } } {
	const source = citationTemplateFor(languageId, options);
	const compiled = compileCitationTemplate(source);
	const command = options.latexCommand && /^[A-Za-z]+\*?$/.test(options.latexCommand) ? options.latexCommand : 'cite';
	if (compiled.ok) {
		return { text: renderCitation(compiled.template, targets, command) };
	}
	const builtin = compileCitationTemplate(BUILTIN_CITATION_TEMPLATES[languageId] ?? FALLBACK_CITATION_TEMPLATE);
	if (!builtin.ok) {
		throw new Error(`built-in citation template for ${languageId} does not compile`);
	}
	return { text: renderCitation(builtin.template, targets, command), templateError: compiled.error };
}
