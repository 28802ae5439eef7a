/**
 * What VS Code 1.100.3 parses in the text of its surfaces, transcribed from its sources (and checked against the
 * workbench bundle code-server 4.100.3 ships), so the neutralisers are tested against the real rules, not guesses.
 */
import MarkdownIt from 'markdown-it';

/** vs/base/common/linkedText.ts: the links of a notification message. */
const LINK_REGEX = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

/** The links `parseLinkedText` finds in a notification message (their targets). */
export function notificationLinks(message: string): string[] {
	return [...message.matchAll(LINK_REGEX)].map((m) => m[2]);
}

/** vs/base/browser/ui/iconLabel/iconLabels.ts `renderLabelWithIcons`: `$(name)` or `$(name~modifier)`, `\$(…)` escaped. */
const LABEL_WITH_ICONS = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** The icons `renderLabelWithIcons` draws for a label (escaped ones are shown as text, so they are not listed). */
export function renderedIcons(label: string): string[] {
	return [...label.matchAll(LABEL_WITH_ICONS)].filter((m) => !m[1]).map((m) => m[2]);
}

/** vs/base/common/iconLabels.ts `parseLabelWithIcons`: what the quick pick's filter treats as an icon. */
export function parsedIcons(label: string): string[] {
	return [...label.matchAll(/\$\([A-Za-z0-9~-]+\)/g)].map((m) => m[0]);
}

/** vs/base/common/htmlContent.ts `escapeMarkdownSyntaxTokens`, which the quick pick applies to the Markdown hover of a description or detail. */
export function escapeMarkdownSyntaxTokens(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-!~]/g, '\\$&');
}

/**
 * A CommonMark renderer that links more eagerly than VS Code's marked (GFM): bare URLs, `www.` and e-mail addresses,
 * and also host names without a scheme. HTML is on, so anything that would be a tag shows up as one.
 */
const markdown = new MarkdownIt({ html: true, linkify: true });

/** `text` as HTML, the way an eager Markdown renderer draws it. */
export function renderMarkdown(text: string): string {
	return markdown.renderInline(text);
}

/** The tags in rendered HTML. */
export function tagsIn(html: string): string[] {
	return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]);
}

/** The text a person reads in rendered HTML (tags removed, entities decoded). */
export function textOf(html: string): string {
	return html.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}
