import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { appendUntrusted, untrustedMarkdown } from '../util/surfaces';

/** Options for `paperMarkdown`. */
export interface PaperMarkdownOptions {
	/** How much of the abstract to show; it is cut at a word and ends with `…`. */
	readonly abstractChars: number;
	/** A line to add at the end, as plain text (say, where the key is defined). */
	readonly footer?: string;
	/** Adds an "Open Abstract" command link (the string is then trusted for that one command only). */
	readonly openAbstractCommand?: string;
}

/**
 * A paper as Markdown for hovers and completion details: the key, the title in bold, authors, date, the start of the
 * abstract. Every piece of digest text goes through `appendUntrusted` (all Markdown escaped, URLs not clickable), and
 * the string is not trusted (no HTML, no theme icons, no command links) unless `openAbstractCommand` asks for that one
 * command.
 */
export function paperMarkdown(paper: Paper, key: string, options: PaperMarkdownOptions): vscode.MarkdownString {
	const md = untrustedMarkdown();
	md.appendMarkdown('**');
	appendUntrusted(md, paper.title.replace(/\s+/g, ' ').trim());
	md.appendMarkdown('**\n\n');
	const facts = [
		paper.authors.length > 0 ? paper.authors.slice(0, 6).join(', ') + (paper.authors.length > 6 ? ' et al.' : '') : undefined,
		paper.year !== undefined ? String(paper.year) : paper.date,
		paper.arxivId ? `arXiv:${paper.arxivId}` : undefined,
	].filter((f): f is string => f !== undefined && f !== '');
	if (facts.length > 0) {
		appendUntrusted(md, facts.join(' · '));
		md.appendMarkdown('\n\n');
	}
	const abstract = shorten(paper.abstract.replace(/\s+/g, ' ').trim(), options.abstractChars);
	if (abstract) {
		appendUntrusted(md, abstract);
		md.appendMarkdown('\n\n');
	}
	md.appendMarkdown('Key: ');
	appendUntrusted(md, key);
	if (options.footer) {
		md.appendMarkdown(' · ');
		appendUntrusted(md, options.footer);
	}
	if (options.openAbstractCommand) {
		md.isTrusted = { enabledCommands: [options.openAbstractCommand] };
		md.appendMarkdown(` · [Open Abstract](command:${options.openAbstractCommand}?${encodeURIComponent(JSON.stringify([paper.id]))})`);
	}
	return md;
}

function shorten(text: string, max: number): string {
	if (text.length <= max) {
		return text;
	}
	const cut = text.lastIndexOf(' ', max);
	return text.slice(0, cut > max / 2 ? cut : max).replace(/[\s,.;:]+$/, '') + '…';
}
