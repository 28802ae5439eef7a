/**
 * Reads one paper object of a JSON digest: a Hugging Face daily_papers item (fields under `paper`),
 * a plain `{title, abstract|summary, authors, id, date, …}` object, or a corpus JSONL record.
 */
import type { PaperLinks } from '../model';
import { splitNames } from './lineScan';
import { emptyDraft, type PaperCollector, type PaperDraft } from './paperCollector';
import { parseArxivId } from './paperId';

type JsonObject = Record<string, unknown>;

/** Where an item sits in its file. */
export interface RecordPlace {
	readonly startLine: number;
	readonly endLine: number;
	/** How the item is named in messages (`item 3`, `line 7`). */
	readonly label: string;
}

function isObject(v: unknown): v is JsonObject {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function text(v: unknown): string | undefined {
	if (typeof v === 'string') return v;
	if (typeof v === 'number' && Number.isFinite(v)) return String(v);
	return undefined;
}

function first(objects: readonly JsonObject[], keys: readonly string[]): unknown {
	for (const o of objects) {
		for (const k of keys) {
			if (o[k] !== undefined && o[k] !== null) return o[k];
		}
	}
	return undefined;
}

/** Names from `["A", {name: "B"}]`, or from a string split at `,` and `;` (and ` and `, `&` for people). */
export function nameList(v: unknown, people = false): string[] {
	if (typeof v === 'string') return splitNames(v, people).filter((s) => s.trim() !== '');
	if (!Array.isArray(v)) return [];
	const out: string[] = [];
	for (const item of v) {
		const name = isObject(item) ? text(item.name) ?? text(item.fullname) : text(item);
		if (name !== undefined) out.push(name);
	}
	return out;
}

/** `2026-08-20T00:00:00.000Z` → `2026-08-20`; other dates as written. */
function dateOf(v: unknown): string | undefined {
	const s = text(v)?.trim();
	if (!s) return undefined;
	const iso = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s);
	return iso ? iso[1] : s;
}

function yearOf(v: unknown): number | undefined {
	const n = typeof v === 'string' && /^\s*\d{4}\s*$/.test(v) ? Number(v) : v;
	return typeof n === 'number' && Number.isInteger(n) && n >= 1000 && n <= 9999 ? n : undefined;
}

function countOf(v: unknown): number | undefined {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;
}

const LINK_KEYS: Readonly<Record<keyof PaperLinks, readonly string[]>> = {
	arxivAbs: ['arxivAbs', 'arxivUrl', 'arxiv_url'],
	arxivPdf: ['arxivPdf', 'pdfUrl', 'pdf_url', 'pdf'],
	huggingFace: ['huggingFace', 'hfUrl'],
	code: ['code', 'githubRepo', 'github', 'repo', 'repository', 'codeUrl'],
	project: ['project', 'projectPage', 'project_page', 'homepage', 'website'],
};

/**
 * Adds the paper `value` describes to `collector`, or reports why it cannot: not an object (warning),
 * no title (warning). Returns whether it held a Hugging Face item.
 */
export function addPaperFromRecord(value: unknown, place: RecordPlace, collector: PaperCollector): boolean {
	if (!isObject(value)) {
		collector.report('warning', place.startLine, `skipped ${place.label}: not a paper object`);
		return false;
	}
	const hf = isObject(value.paper);
	const sources = hf ? [value.paper as JsonObject, value] : [value];
	const title = text(first(sources, ['title']));
	if (title === undefined || title.trim() === '') {
		collector.report('warning', place.startLine, `skipped ${place.label}: no title`);
		return hf;
	}
	const draft: PaperDraft = emptyDraft(place.startLine);
	draft.endLine = place.endLine;
	draft.title = title;
	draft.abstract = text(first(sources, ['summary', 'abstract'])) ?? '';
	draft.authors = nameList(first(sources, ['authors']), true);
	const idText = text(first(sources, ['arxivId', 'arxiv_id', 'arxiv', 'id']));
	const arxivId = idText === undefined ? undefined : parseArxivId(idText);
	if (arxivId) draft.arxivId = arxivId;
	const date = dateOf(first(sources, ['date', 'publishedAt', 'published', 'published_at']));
	if (date) draft.date = date;
	const year = yearOf(first(sources, ['year']));
	if (year !== undefined) draft.year = year;
	const upvotes = countOf(first(sources, ['upvotes']));
	if (upvotes !== undefined) draft.upvotes = upvotes;
	const aiSummary = text(first(sources, ['ai_summary', 'aiSummary']));
	if (aiSummary !== undefined && aiSummary.trim() !== '') draft.aiSummary = aiSummary;
	const stars = countOf(first(sources, ['githubStars', 'github_stars']));
	if (stars !== undefined) draft.githubStars = stars;
	draft.keywords = nameList(first(sources, ['ai_keywords', 'keywords', 'tags']));
	draft.categories = nameList(first(sources, ['categories']));
	const section = text(first(sources, ['section']));
	if (section !== undefined) draft.section = section;
	const links = first(sources, ['links']);
	const linkSources = isObject(links) ? [links, ...sources] : sources;
	for (const kind of Object.keys(LINK_KEYS) as (keyof PaperLinks)[]) {
		const url = first(linkSources, LINK_KEYS[kind]);
		if (typeof url === 'string') draft.links[kind] = url;
	}
	draft.huggingFaceFromId = hf;
	collector.add(draft);
	return hf;
}
