/**
 * A paper as text for every surface that shows one: the Papers view's description and tooltip, the citation hover and
 * completion documentation, the quick picks' items and the abstract panel's tab title. Pure: it chooses what to say
 * (which authors, how much abstract, on one line); each surface still runs the result through its own neutraliser
 * (`src/core/text/untrustedText.ts`, `src/extension/util/surfaces.ts`), since the text comes from a digest.
 */
import { parsePersonName } from '../cite/personName';
import type { Paper } from '../model';

/** How many authors each surface names before `et al.` (one rule, three widths). */
export const AuthorLimit = {
	/** The Papers view's description: the first author's family name. */
	tree: 1,
	/** A quick pick item's description. */
	pick: 3,
	/** Hovers, tooltips and completion documentation. */
	hover: 6,
} as const;

/** How many characters of the abstract a tooltip shows; a pick's detail shows `PICK_ABSTRACT_CHARS`. */
export const TOOLTIP_ABSTRACT_CHARS = 400;
export const PICK_ABSTRACT_CHARS = 160;
/** The longest abstract panel tab title, ellipsis included. */
export const PANEL_TITLE_CHARS = 48;

/** Whitespace runs (line breaks, tabs, indentation) made one space, trimmed. */
export function oneLine(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** `text` when it fits in `max` characters; else cut at a word (or at `max` when no word ends late enough) with `…`. */
export function shorten(text: string, max: number): string {
	if (text.length <= max) {
		return text;
	}
	const cut = text.lastIndexOf(' ', max);
	return text.slice(0, cut > max / 2 ? cut : max).replace(/[\s,.;:]+$/, '') + '…';
}

/** `text` clipped to `max` characters, the last one an ellipsis (titles: no word boundary to wait for). */
function clip(text: string, max: number): string {
	return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + '…';
}

/** An author's family name as the citation keys see it (the core's name parser): particles kept, suffix dropped. */
export function familyName(author: string): string {
	const name = parsePersonName(author);
	return [name.particle, name.family].filter((s) => s !== '').join(' ') || oneLine(author);
}

/** The first `limit` authors (full names, or family names), joined by commas, then ` et al.` when there are more. */
export function authorsText(authors: readonly string[], limit: number, form: 'full' | 'family' = 'full'): string {
	const named = authors.slice(0, limit).map((a) => form === 'family' ? familyName(a) : oneLine(a));
	return named.join(', ') + (authors.length > limit ? ' et al.' : '');
}

/** The Papers view's description: first author's family name (et al.), the year (or the date), the upvotes. */
export function paperDescription(p: Paper): string {
	const parts: string[] = [];
	if (p.authors.length > 0) {
		parts.push(authorsText(p.authors, AuthorLimit.tree, 'family'));
	}
	if (p.year !== undefined) {
		parts.push(String(p.year));
	} else if (p.date && parts.length > 0) {
		parts.push(p.date);
	}
	if (p.upvotes !== undefined) {
		parts.push(`▲ ${p.upvotes}`);
	}
	return parts.join(' · ');
}

/** The Papers view's tooltip: title, authors, the start of the abstract (each empty when the paper has none). */
export function paperTooltipText(p: Paper): { readonly title: string; readonly authors: string; readonly abstract: string } {
	return {
		title: oneLine(p.title),
		authors: authorsText(p.authors, AuthorLimit.hover),
		abstract: shorten(oneLine(p.abstract), TOOLTIP_ABSTRACT_CHARS),
	};
}

/** A citation hover or completion documentation: title, one line of facts (authors · year or date · arXiv id), abstract. */
export function paperHoverText(p: Paper, abstractChars: number): { readonly title: string; readonly facts: string; readonly abstract: string } {
	const facts = [
		authorsText(p.authors, AuthorLimit.hover),
		p.year !== undefined ? String(p.year) : p.date,
		p.arxivId ? `arXiv:${p.arxivId}` : undefined,
	].filter((f): f is string => f !== undefined && f !== '');
	return { title: oneLine(p.title), facts: facts.join(' · '), abstract: shorten(oneLine(p.abstract), abstractChars) };
}

/**
 * A quick pick item: the title; `prefix` (a key or a topic) and the authors; `detail` (say, the abstract around a
 * match) or the start of the abstract.
 */
export function paperPickText(p: Paper, options: { readonly prefix?: string; readonly detail?: string } = {}): { readonly label: string; readonly description: string; readonly detail: string } {
	return {
		label: oneLine(p.title),
		description: [options.prefix, authorsText(p.authors, AuthorLimit.pick)].filter((s) => s).join(' · '),
		detail: oneLine(options.detail ?? p.abstract.slice(0, PICK_ABSTRACT_CHARS)),
	};
}

/** The abstract panel's tab title: the paper's title on one line, clipped; `Paper Shelf` when the paper is gone. */
export function panelTitleText(p: Paper | undefined): string {
	return p ? clip(oneLine(p.title), PANEL_TITLE_CHARS) : 'Paper Shelf';
}
