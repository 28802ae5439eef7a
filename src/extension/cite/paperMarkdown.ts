import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { paperHoverText } from '../../core/present/paperText';
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
	const { title, facts, abstract } = paperHoverText(paper, options.abstractChars);
	md.appendMarkdown('**');
	appendUntrusted(md, title);
	md.appendMarkdown('**\n\n');
	if (facts) {
		appendUntrusted(md, facts);
		md.appendMarkdown('\n\n');
	}
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
