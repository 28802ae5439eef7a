/**
 * Markdown digests: a heading per paper (`## Title`, or `## [Title](url)`), the abstract in the
 * paragraphs below, optional metadata lines (`Authors: …`, `- **arXiv:** …`, `Date: …`, `Code: …`),
 * and headings of other levels that group papers into sections.
 */
import type { PaperLinks } from '../model';
import { checkHttpUrl, linkKindFor } from './httpUrl';
import { findBareUrls, matchHeading, matchWholeLink, metaLinePattern, replaceMarkdownLinks, trimClosingEmphasis, trimTrailingPunctuation } from './lineScan';
import { emptyDraft, type PaperCollector, type PaperDraft } from './paperCollector';
import { findArxivId } from './paperId';
import { nameList } from './paperFromRecord';
import { normalizeInline, quoteForMessage, splitLines } from './normalizeText';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const META_KEYS = 'authors?|by|arxiv(?:[ _-]?id)?|id|date|published|year|keywords|tags|categories|code|github|repo|project(?:[ _-]?page)?|website|pdf|links?|urls?|upvotes|abstract|summary|tl;?dr';
const META = metaLinePattern(META_KEYS);

interface Heading {
	readonly level: number;
	readonly text: string;
	readonly line: number;
	/** The 1-based lines of the non-blank text under it, up to the next heading. */
	readonly body: { line: number; text: string }[];
}

/** Whether a text has a Markdown heading with a title (Daily Papers titles never start with `# `). */
export function looksLikeMarkdownDigest(text: string): boolean {
	return headingsOf(text).some((h) => h.text.trim() !== '');
}

function headingsOf(text: string): Heading[] {
	const lines = splitLines(text);
	const headings: Heading[] = [];
	let fence: string | undefined;
	let k = 0;
	if (/^---\s*$/.test(lines[0] ?? '')) {
		const close = lines.findIndex((l, j) => j > 0 && /^(---|\.\.\.)\s*$/.test(l));
		if (close > 0) k = close + 1;
	}
	for (; k < lines.length; k++) {
		const raw = lines[k];
		const f = FENCE.exec(raw);
		if (f) {
			if (fence === undefined) fence = f[1][0];
			else if (f[1][0] === fence) fence = undefined;
			continue;
		}
		if (fence !== undefined) continue;
		const h = matchHeading(raw);
		if (h) {
			headings.push({ level: h.level, text: h.text, line: k + 1, body: [] });
			continue;
		}
		const current = headings[headings.length - 1];
		if (current && raw.trim() !== '') current.body.push({ line: k + 1, text: raw });
		else if (current && raw.trim() === '') current.body.push({ line: k + 1, text: '' });
	}
	return headings;
}

/**
 * The heading level papers use: the level with the most headings that have text under them, or,
 * when no level has two such headings, the level with the most headings. Ties go to level 2, then
 * to the shallower level.
 */
function paperLevel(headings: readonly Heading[]): number {
	const withBody = new Map<number, number>();
	const all = new Map<number, number>();
	for (const h of headings) {
		all.set(h.level, (all.get(h.level) ?? 0) + 1);
		if (h.body.some((b) => b.text.trim() !== '')) withBody.set(h.level, (withBody.get(h.level) ?? 0) + 1);
	}
	const best = mostCommon(withBody);
	return best !== undefined && (withBody.get(best) ?? 0) >= 2 ? best : mostCommon(all) ?? 2;
}

function mostCommon(counts: ReadonlyMap<number, number>): number | undefined {
	let best: number | undefined;
	for (const [level, count] of counts) {
		const bestCount = best === undefined ? -1 : counts.get(best) ?? 0;
		const tieWins = count === bestCount && best !== undefined && best !== 2 && (level === 2 || level < best);
		if (count > bestCount || tieWins) best = level;
	}
	return best;
}

/** Adds the papers of a Markdown digest to `collector`. */
export function parseMarkdownDigest(text: string, collector: PaperCollector): void {
	const headings = headingsOf(text);
	if (headings.length === 0) return;
	const level = paperLevel(headings);
	let section: string | undefined;
	for (const h of headings) {
		if (h.level !== level) {
			section = stripEmphasis(normalizeInline(h.text)) || undefined;
			continue;
		}
		const draft = emptyDraft(h.line);
		readTitle(h.text, draft);
		if (draft.title === '') {
			collector.report('warning', h.line, 'skipped a heading without a title');
			continue;
		}
		if (section !== undefined) draft.section = section;
		readBody(h, draft);
		if (draft.abstract.trim() === '') {
			collector.report('warning', h.line, `title without an abstract: ${quoteForMessage(draft.title)}`);
		}
		collector.add(draft);
	}
}

function stripEmphasis(text: string): string {
	const m = /^(\*\*|__|\*|_)(.+)\1$/.exec(text);
	return m ? m[2].trim() : text;
}

/** `## [Title](https://arxiv.org/abs/…)` gives the title and its link; `## Title` just the title. */
function readTitle(text: string, draft: PaperDraft): void {
	const clean = stripEmphasis(normalizeInline(text));
	const link = matchWholeLink(clean);
	if (link) {
		draft.title = stripEmphasis(link.label.trim());
		addLink(link.url, '', draft);
	} else {
		draft.title = clean;
	}
}

function addLink(url: string, label: string, draft: PaperDraft): void {
	const check = checkHttpUrl(url);
	if (check.rejected !== undefined) (draft.rejectedLinks ??= []).push(check.rejected);
	if (check.url === undefined) return;
	const kind: keyof PaperLinks = linkKindFor(check.url, label);
	if (kind === 'arxivAbs' || kind === 'arxivPdf' || kind === 'huggingFace') {
		const id = findArxivId(url);
		if (id && draft.arxivId === undefined) draft.arxivId = id;
	}
	draft.links[kind] ??= check.url;
}

/** Every URL in a metadata value, with the label of its Markdown link when it has one. */
function urlsIn(value: string): { url: string; label: string }[] {
	const found: { url: string; label: string }[] = [];
	const rest = replaceMarkdownLinks(value, (label, url) => {
		found.push({ url, label });
		return ' ';
	});
	for (const url of findBareUrls(rest)) found.push({ url: trimTrailingPunctuation(url), label: '' });
	return found;
}

function readBody(h: Heading, draft: PaperDraft): void {
	const paragraphs: string[][] = [[]];
	for (const { line, text } of h.body) {
		if (text.trim() === '') {
			if (paragraphs[paragraphs.length - 1].length > 0) paragraphs.push([]);
			continue;
		}
		draft.endLine = line;
		const meta = META.exec(text);
		if (!meta) {
			paragraphs[paragraphs.length - 1].push(text.replace(/^\s*>\s?/, ''));
			continue;
		}
		const key = (meta.groups?.key ?? '').toLowerCase().replace(/[ _-]/g, '');
		const value = trimClosingEmphasis(meta.groups?.value ?? '').trim();
		readMeta(key, value, draft, paragraphs);
	}
	draft.abstract = paragraphs.filter((p) => p.length > 0).map((p) => p.join(' ')).join('\n\n');
}

function readMeta(key: string, value: string, draft: PaperDraft, paragraphs: string[][]): void {
	const plain = replaceMarkdownLinks(value, (label) => label);
	if (key === 'author' || key === 'authors' || key === 'by') {
		draft.authors = nameList(plain, true);
	} else if (key.startsWith('arxiv') || key === 'id') {
		const id = findArxivId(value);
		if (id) draft.arxivId = id;
	} else if (key === 'date' || key === 'published') {
		draft.date = plain;
	} else if (key === 'year') {
		if (/^\d{4}$/.test(plain)) draft.year = Number(plain);
	} else if (key === 'keywords' || key === 'tags') {
		draft.keywords = nameList(plain);
	} else if (key === 'categories') {
		draft.categories = nameList(plain);
	} else if (key === 'upvotes') {
		if (/^\d+$/.test(plain)) draft.upvotes = Number(plain);
	} else if (key === 'abstract' || key === 'summary' || key === 'tl;dr' || key === 'tldr') {
		if (value !== '') paragraphs[paragraphs.length - 1].push(value);
	} else {
		const label = key === 'pdf' ? 'pdf' : key.startsWith('project') || key === 'website' ? 'project' : key === 'code' || key === 'github' || key === 'repo' ? 'code' : '';
		for (const { url, label: linkLabel } of urlsIn(value)) addLink(url, linkLabel || label, draft);
	}
}
