/**
 * arXiv listings as XML (`arxiv-xml`): the arXiv API's Atom response (`export.arxiv.org/api/query`), the category
 * feeds' RSS 2.0 (`rss.arxiv.org/rss/cs.LG`) and their Atom twin (`rss.arxiv.org/atom/cs.LG`).
 *
 * Read with saxes, a strict, streaming (linear) XML parser: it never expands entities a document declares in its
 * DTD (a "billion laughs" document is an error at its first undeclared entity, not a memory blow-up), and a document
 * that is not well-formed stops at the first error, which is reported with its line and column; the entries read
 * before it are kept.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { splitNames } from './lineScan';
import { emptyDraft, type PaperCollector, type PaperDraft } from './paperCollector';
import { arxivVersionOf, parseArxivId } from './paperId';

const ARXIV_NS = 'http://arxiv.org/schemas/atom';
const ERROR_ID = /^https?:\/\/arxiv\.org\/api\/errors/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** What a feed said about itself, besides its papers. */
export interface ArxivFeedInfo {
	/** `atom` (the API, or a category feed's Atom) or `rss`; undefined when the root is neither. */
	readonly kind?: 'atom' | 'rss';
	/** `opensearch:totalResults` of an API answer: how many entries the query has over all pages. */
	readonly totalResults?: number;
	/** How many entries (or items) the document holds, read or not. */
	readonly entries: number;
	/** The message of an arXiv API error entry, when the answer is one. */
	readonly apiError?: string;
	/** The first well-formedness error, when the XML is not well-formed (a truncated body, an HTML page…). */
	readonly xmlError?: string;
}

/** True when a text looks like an arXiv Atom or RSS document (its root element is `feed` or `rss`). */
export function looksLikeArxivFeed(text: string): boolean {
	// Skip the XML declaration, comments, processing instructions and a doctype, then look at the root element's name
	// (in the first 16 KB only, so the look is cheap whatever follows).
	const head = text.slice(0, 16_384);
	const root = /^\s*(?:<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^[>]*(?:\[[\s\S]*?\])?\s*>\s*)*<(?:[A-Za-z_][\w.-]*:)?(feed|rss)[\s>/]/.exec(head);
	return root !== null;
}

interface Entry {
	line: number;
	id: string;
	title: string;
	summary: string;
	published: string;
	authors: string[];
	creators: string;
	categories: string[];
	primary?: string;
	abs?: string;
	pdf?: string;
	guid: string;
	link: string;
	pubDate: string;
}

function newEntry(line: number): Entry {
	return { line, id: '', title: '', summary: '', published: '', authors: [], creators: '', categories: [], guid: '', link: '', pubDate: '' };
}

/** Adds the papers of an arXiv Atom/RSS document to `collector`; returns what the feed said about itself. */
export function parseArxivFeed(text: string, collector: PaperCollector): ArxivFeedInfo {
	const parser = new SaxesParser({ xmlns: true, position: true });
	let kind: 'atom' | 'rss' | undefined;
	let depth = 0;
	let entries = 0;
	let totalResults: number | undefined;
	let apiError: string | undefined;
	let xmlError: string | undefined;
	let channelDate = '';
	let entry: Entry | undefined;
	let entryDepth = -1;
	/** The element whose text is being gathered (a direct child of an entry, or of `author`), and its text. */
	let field: { name: string; ns: string; depth: number; text: string } | undefined;
	let inAuthor = false;
	let totalText: string | undefined;
	let channelDateText: string | undefined;

	parser.on('opentag', (tag: SaxesTagNS) => {
		depth++;
		const name = tag.local;
		if (depth === 1) {
			kind = name === 'feed' ? 'atom' : name === 'rss' ? 'rss' : undefined;
			return;
		}
		if (!entry) {
			if ((name === 'entry' && kind === 'atom' && depth === 2) || (name === 'item' && kind === 'rss' && depth === 3)) {
				entry = newEntry(parser.line);
				entryDepth = depth;
				entries++;
			} else if (name === 'totalResults' && depth === 2) {
				totalText = '';
			} else if (kind === 'rss' && depth === 3 && (name === 'pubDate' || name === 'date')) {
				channelDateText = '';
			}
			return;
		}
		if (depth === entryDepth + 1) {
			if (name === 'author') {
				inAuthor = true;
			} else if (name === 'link') {
				const href = attr(tag, 'href');
				const rel = attr(tag, 'rel');
				const title = attr(tag, 'title');
				if (href && title === 'pdf') entry.pdf ??= href;
				else if (href && (rel === 'alternate' || rel === '')) entry.abs ??= href;
				if (kind === 'rss') field = { name, ns: tag.uri, depth, text: '' };
			} else if (name === 'category') {
				const term = attr(tag, 'term');
				if (term) entry.categories.push(term);
				else field = { name, ns: tag.uri, depth, text: '' };
			} else if (name === 'primary_category' && tag.uri === ARXIV_NS) {
				const term = attr(tag, 'term');
				if (term) entry.primary = term;
			} else {
				field = { name, ns: tag.uri, depth, text: '' };
			}
		} else if (inAuthor && depth === entryDepth + 2 && name === 'name') {
			field = { name: 'author-name', ns: tag.uri, depth, text: '' };
		}
	});
	const onText = (t: string) => {
		if (field) field.text += t;
		else if (totalText !== undefined) totalText += t;
		else if (channelDateText !== undefined) channelDateText += t;
	};
	parser.on('text', onText);
	parser.on('cdata', onText);
	parser.on('closetag', (tag: SaxesTagNS) => {
		if (field && depth === field.depth) {
			if (entry) store(entry, field.name, field.ns, field.text);
			field = undefined;
		} else if (totalText !== undefined && depth === 2) {
			const n = Number(totalText.trim());
			if (Number.isInteger(n) && n >= 0) totalResults = n;
			totalText = undefined;
		} else if (channelDateText !== undefined && depth === 3) {
			channelDate = channelDateText.trim();
			channelDateText = undefined;
		} else if (entry && depth === entryDepth + 1 && tag.local === 'author') {
			inAuthor = false;
		} else if (entry && depth === entryDepth) {
			const done = entry;
			entry = undefined;
			entryDepth = -1;
			if (ERROR_ID.test(done.id.trim())) {
				apiError = oneLine(done.summary) || 'the arXiv API answered with an error';
				collector.report('error', done.line, `the arXiv API answered with an error: ${apiError}`);
			} else {
				addEntry(done, kind, channelDate, parser.line, collector);
			}
		}
		depth--;
	});
	parser.on('error', (e: Error) => {
		xmlError ??= e.message;
		throw e;
	});
	try {
		parser.write(text).close();
	} catch {
		// The first error stops the parse: report it once, with where it is.
		const where = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(xmlError ?? '');
		const line = where ? Number(where[1]) : parser.line;
		const column = where ? Number(where[2]) : parser.column;
		const reason = where ? where[3] : xmlError ?? 'not well-formed';
		xmlError = `not well-formed XML at line ${line}, column ${column}: ${reason}`;
		collector.report('error', line, xmlError, column);
	}
	if (kind === undefined && xmlError === undefined) {
		collector.report('error', 1, 'not an arXiv listing: the XML is neither an Atom feed nor an RSS feed');
	}
	return {
		...(kind !== undefined ? { kind } : {}),
		...(totalResults !== undefined ? { totalResults } : {}),
		entries,
		...(apiError !== undefined ? { apiError } : {}),
		...(xmlError !== undefined ? { xmlError } : {}),
	};
}

function attr(tag: SaxesTagNS, local: string): string {
	for (const a of Object.values(tag.attributes)) {
		if (a.local === local && a.prefix === '') return a.value;
	}
	return '';
}

function store(entry: Entry, name: string, ns: string, text: string): void {
	switch (name) {
		case 'id': entry.id = text; break;
		case 'title': entry.title = text; break;
		case 'summary': case 'description': entry.summary = text; break;
		case 'published': entry.published = text; break;
		case 'author-name': entry.authors.push(text); break;
		case 'creator': entry.creators = text; break;
		case 'category': entry.categories.push(text.trim()); break;
		case 'guid': entry.guid = text; break;
		case 'link': entry.link = text.trim(); break;
		case 'pubDate': entry.pubDate = text; break;
		case 'date': if (ns.includes('purl.org/dc')) entry.pubDate ||= text; break;
	}
}

/** The category feeds prefix the abstract with `arXiv:2401.01234v1 Announce Type: new Abstract:`; the API does not. */
const ANNOUNCE_PREFIX = /^\s*arXiv:\S+\s+Announce Type:\s*\S+\s*(?:Abstract:\s*)?/i;

function addEntry(e: Entry, kind: 'atom' | 'rss' | undefined, channelDate: string, endLine: number, collector: PaperCollector): void {
	const idSource = [e.id, e.guid, e.abs ?? '', e.link].map((s) => s.trim().replace(/^oai:arXiv\.org:/i, '')).find((s) => s !== '' && parseArxivId(s.replace(/\s+/g, '')) !== undefined);
	const draft: PaperDraft = emptyDraft(e.line);
	draft.endLine = endLine;
	draft.title = oneLine(e.title);
	if (draft.title === '') {
		collector.report('warning', e.line, `skipped ${kind === 'rss' ? 'an item' : 'an entry'}: no title`);
		return;
	}
	const prefixId = /^\s*arXiv:(\S+)/i.exec(e.summary)?.[1];
	const compact = idSource?.replace(/\s+/g, '');
	if (compact) {
		draft.arxivId = compact;
		const version = arxivVersionOf(compact) ?? (prefixId ? arxivVersionOf(prefixId) : undefined);
		if (version !== undefined) draft.arxivVersion = version;
	}
	draft.abstract = e.summary.replace(ANNOUNCE_PREFIX, '');
	draft.authors = e.authors.length > 0 ? e.authors : splitNames(e.creators, true).filter((n) => n.trim() !== '');
	const date = isoDay(e.published) ?? rfc822Day(e.pubDate) ?? rfc822Day(channelDate) ?? isoDay(e.pubDate);
	if (date) draft.date = date;
	draft.categories = e.primary ? [e.primary, ...e.categories] : e.categories;
	if (e.abs) draft.links.arxivAbs = e.abs;
	else if (e.link) draft.links.arxivAbs = e.link;
	if (e.pdf) draft.links.arxivPdf = e.pdf;
	collector.add(draft);
}

function oneLine(s: string): string {
	return s.replace(/\s+/g, ' ').trim();
}

/** `2026-11-27T17:59:59Z` → `2026-11-27`. */
function isoDay(s: string): string | undefined {
	return /^\s*(\d{4}-\d{2}-\d{2})(?:[T\s]|$)/.exec(s)?.[1];
}

/** `Thu, 27 Nov 2026 00:00:00 -0500` → `2026-11-27` (the day as written, in the feed's own zone). */
function rfc822Day(s: string): string | undefined {
	const m = /(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})/.exec(s);
	if (!m) return undefined;
	const month = MONTHS.indexOf(m[2].toLowerCase());
	return month === -1 ? undefined : `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
}
