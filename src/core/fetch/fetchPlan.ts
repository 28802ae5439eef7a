/**
 * The fetch planner: which days to ask for, the request URLs (with paging), the names fetched files get, and what a
 * folder of fetched files already holds. Pure: no network, no files, no clock (callers pass today's date).
 */

/** Where papers are fetched from: the Hugging Face daily papers API, or the arXiv API. */
export type FetchSource = 'hf' | 'arxiv';

/** The default base URLs (settings `paperShelf.fetch.huggingFaceUrl` and `paperShelf.fetch.arxivUrl`). */
export const HF_DAILY_PAPERS_URL = 'https://huggingface.co/api/daily_papers';
export const ARXIV_API_URL = 'https://export.arxiv.org/api/query';

/** Papers asked for per Hugging Face page; a full page means there may be more. */
export const HF_PAGE_SIZE = 100;
/** Entries asked for per arXiv API page (the API allows up to 2000; smaller pages answer faster). */
export const ARXIV_PAGE_SIZE = 500;
/** At most this many pages per day and source: a server that ignores paging cannot keep us asking. */
export const MAX_PAGES = 10;
/** At most this many days are fetched by one startup catch-up. */
export const MAX_CATCH_UP_DAYS = 7;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(s: string): boolean {
	const m = ISO_DAY.exec(s);
	if (!m) return false;
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The local calendar day of `now`, `YYYY-MM-DD`. */
export function localDay(now: Date): string {
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `day` moved by `n` days. */
export function addDays(day: string, n: number): string {
	const m = ISO_DAY.exec(day);
	if (!m) throw new Error(`not a day: ${day}`);
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Every day from `from` to `to`, both included, oldest first (empty when `from` is after `to`). */
export function daysBetween(from: string, to: string): string[] {
	const out: string[] = [];
	for (let d = from; d <= to && out.length < 400; d = addDays(d, 1)) out.push(d);
	return out;
}

/** The ISO week of a day, `YYYY-Www` (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(day: string): string {
	const m = ISO_DAY.exec(day);
	if (!m) throw new Error(`not a day: ${day}`);
	const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
	const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
	d.setUTCDate(d.getUTCDate() - weekday + 3); // the Thursday of this week
	const year = d.getUTCFullYear();
	const firstThursday = new Date(Date.UTC(year, 0, 4));
	firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
	const week = 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
	return `${year}-W${pad(week)}`;
}

/** What the user asked to fetch. */
export type FetchSpan =
	| { readonly kind: 'day'; readonly day: string }
	| { readonly kind: 'week'; readonly week: string }
	| { readonly kind: 'month'; readonly month: string };

/**
 * The days a span covers, oldest first, never after `today` (a listing of a future day does not exist yet).
 * Undefined when the span is malformed (`2026-W60`, `2026-13`, `2026-02-30`).
 */
export function daysOfSpan(span: FetchSpan, today: string): string[] | undefined {
	let days: string[];
	switch (span.kind) {
		case 'day':
			if (!isIsoDay(span.day)) return undefined;
			days = [span.day];
			break;
		case 'week': {
			const m = /^(\d{4})-W(\d{2})$/.exec(span.week);
			if (!m) return undefined;
			// Monday of week 1 is the Monday on or before 4 January.
			const jan4 = `${m[1]}-01-04`;
			const jan4Weekday = (new Date(`${jan4}T00:00:00Z`).getUTCDay() + 6) % 7;
			const monday = addDays(jan4, -jan4Weekday + (Number(m[2]) - 1) * 7);
			if (Number(m[2]) < 1 || isoWeekOf(monday) !== span.week) return undefined;
			days = daysBetween(monday, addDays(monday, 6));
			break;
		}
		case 'month': {
			const m = /^(\d{4})-(\d{2})$/.exec(span.month);
			if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
			const first = `${span.month}-01`;
			days = daysBetween(first, addDays(addDays(first, 31).slice(0, 8) + '01', -1));
			break;
		}
	}
	return days.filter((d) => d <= today);
}

/**
 * The days a catch-up fetch asks for: from the day after `lastFetched` (or just today, the first time) to `today`,
 * without the days already fetched (`have`), the newest `maxDays` of them, oldest first. Today is always asked for
 * again when it was fetched earlier today but is not in `have`; a day in `have` is not asked for twice.
 */
export function missingDays(input: { readonly lastFetched?: string; readonly today: string; readonly have: ReadonlySet<string>; readonly maxDays?: number }): string[] {
	const { today, have } = input;
	const maxDays = input.maxDays ?? MAX_CATCH_UP_DAYS;
	const last = input.lastFetched !== undefined && isIsoDay(input.lastFetched) && input.lastFetched <= today ? input.lastFetched : undefined;
	const from = last === undefined ? today : last === today ? today : addDays(last, 1);
	const earliest = addDays(today, -(maxDays - 1));
	return daysBetween(from < earliest ? earliest : from, today).filter((d) => !have.has(d));
}

// --- file names

/** The suffix of fetched Hugging Face days: `2026-11-27.daily_papers.json`. */
export const HF_FILE_SUFFIX = '.daily_papers.json';

/** The name of the file a fetched day is saved as. */
export function fetchedFileName(source: FetchSource, day: string, category?: string, page = 0): string {
	const more = page > 0 ? `.p${page + 1}` : '';
	if (source === 'hf') return `${day}${more}${HF_FILE_SUFFIX}`;
	return `${day}.arxiv.${safeCategory(category ?? 'all')}${more}.xml`;
}

/** A category as it may appear in a file name: letters, digits, `.` and `-` only. */
export function safeCategory(category: string): string {
	return category.replace(/[^A-Za-z0-9.-]/g, '_').replace(/^\.+/, '_').slice(0, 40) || '_';
}

/** What a fetched file's name says, or undefined for any other file. */
export function parseFetchedFileName(name: string): { source: FetchSource; day: string; category?: string; page: number } | undefined {
	const hf = /^(\d{4}-\d{2}-\d{2})(?:\.p(\d+))?\.daily_papers\.json$/.exec(name);
	if (hf && isIsoDay(hf[1])) return { source: 'hf', day: hf[1], page: hf[2] ? Number(hf[2]) - 1 : 0 };
	const ax = /^(\d{4}-\d{2}-\d{2})\.arxiv\.([A-Za-z0-9._-]+?)(?:\.p(\d+))?\.xml$/.exec(name);
	if (ax && isIsoDay(ax[1])) return { source: 'arxiv', day: ax[1], category: ax[2], page: ax[3] ? Number(ax[3]) - 1 : 0 };
	return undefined;
}

/**
 * The days a folder already holds for a source (and, for arXiv, every one of `categories`): the first pages' names
 * among `names`.
 */
export function daysPresent(names: Iterable<string>, source: FetchSource, categories: readonly string[] = []): Set<string> {
	const byDay = new Map<string, Set<string>>();
	for (const name of names) {
		const f = parseFetchedFileName(name);
		if (!f || f.source !== source || f.page !== 0) continue;
		let cats = byDay.get(f.day);
		if (!cats) byDay.set(f.day, cats = new Set());
		if (f.category) cats.add(f.category);
	}
	const want = categories.map(safeCategory);
	return new Set([...byDay].filter(([, cats]) => source === 'hf' || want.every((c) => cats.has(c))).map(([day]) => day));
}

/**
 * The digest glob patterns that find fetched files in `folder` (relative to a workspace folder), so they reach the
 * shelf whatever `paperShelf.digests` says.
 */
export function fetchedGlobs(folder: string): string[] {
	const clean = normalizeFolder(folder);
	if (clean === undefined) return [];
	const prefix = clean === '' ? '' : `${clean}/`;
	return [`${prefix}*${HF_FILE_SUFFIX}`, `${prefix}*.arxiv.*.xml`];
}

/**
 * A fetch folder setting made safe to join to a workspace folder: `/`-separated, no leading or trailing slashes,
 * no `.`/`..` segments, no drive letters; undefined when it tries to leave the workspace.
 */
export function normalizeFolder(folder: string): string | undefined {
	const parts = folder.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
	if (parts.some((p) => p === '..' || /^[A-Za-z]:$/.test(p) || /[*?[\]{}]/.test(p))) return undefined;
	return parts.join('/');
}

// --- requests

/** The Hugging Face request for one page of a day. */
export function hfDayUrl(base: string, day: string, page = 0): string {
	const url = new URL(base);
	url.searchParams.set('date', day);
	url.searchParams.set('limit', String(HF_PAGE_SIZE));
	if (page > 0) url.searchParams.set('p', String(page));
	return url.toString();
}

/** The arXiv API request for one page of a category's papers submitted on a day (00:00 to 23:59, arXiv's clock). */
export function arxivDayUrl(base: string, category: string, day: string, start = 0): string {
	const compact = day.replace(/-/g, '');
	const url = new URL(base);
	url.searchParams.set('search_query', `cat:${category} AND submittedDate:[${compact}0000 TO ${compact}2359]`);
	url.searchParams.set('sortBy', 'submittedDate');
	url.searchParams.set('sortOrder', 'descending');
	url.searchParams.set('start', String(start));
	url.searchParams.set('max_results', String(ARXIV_PAGE_SIZE));
	return url.toString();
}

/** The start of the next arXiv page, or undefined when the pages so far hold every result (or the cap is reached). */
export function nextArxivStart(totalResults: number | undefined, start: number, entriesOnPage: number, pagesSoFar: number): number | undefined {
	if (entriesOnPage === 0 || pagesSoFar >= MAX_PAGES) return undefined;
	const next = start + entriesOnPage;
	return totalResults !== undefined && next < totalResults ? next : undefined;
}

/**
 * Whether to ask Hugging Face for another page: the last page was full and brought papers not seen on earlier
 * pages (a server that ignores `p` sends the same page again, which stops here).
 */
export function wantsNextHfPage(pageIds: readonly string[], seenBefore: ReadonlySet<string>, pagesSoFar: number): boolean {
	return pageIds.length >= HF_PAGE_SIZE && pagesSoFar < MAX_PAGES && pageIds.some((id) => !seenBefore.has(id));
}

function pad(n: number): string {
	return String(n).padStart(2, '0');
}
