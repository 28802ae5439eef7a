/**
 * Fetching one day of one source (one category, for arXiv): every page, each judged before the next is asked for.
 * The caller supplies the GET (the editor and the CLI both use {@link httpGet}) and does the writing; nothing here
 * touches files, so no partial day is ever written: a day is all its pages, or a failure.
 */
import { arxivDayUrl, fetchedFileName, hfDayUrl, nextArxivStart, wantsNextHfPage, type FetchSource } from './fetchPlan';
import { checkBody, statusFailure, type FetchFailure } from './fetchResponse';
import type { HttpAnswer } from './httpGet';

/** One page of a day, good to save as `name`, byte for byte. */
export interface FetchedPage {
	readonly name: string;
	readonly bytes: Uint8Array;
	readonly papers: number;
}

export interface FetchDayOptions {
	readonly source: FetchSource;
	readonly day: string;
	/** arXiv only. */
	readonly category?: string;
	readonly huggingFaceUrl: string;
	readonly arxivUrl: string;
	readonly maxBytes: number;
	/** GETs a URL (never throws). */
	readonly get: (url: string, accept: string) => Promise<HttpAnswer | FetchFailure>;
	/** Called before each request (a polite pause between requests). */
	readonly beforeRequest?: () => Promise<void>;
	/** The clock for Retry-After dates. */
	readonly now?: () => Date;
}

/** The pages of a day, or why there are none. */
export async function fetchDay(o: FetchDayOptions): Promise<{ readonly pages: readonly FetchedPage[]; readonly papers: number } | FetchFailure> {
	const accept = o.source === 'hf' ? 'application/json' : 'application/atom+xml, application/xml;q=0.9';
	const pages: FetchedPage[] = [];
	const seen = new Set<string>();
	let start = 0;
	for (let page = 0; ; page++) {
		await o.beforeRequest?.();
		const url = o.source === 'hf' ? hfDayUrl(o.huggingFaceUrl, o.day, page) : arxivDayUrl(o.arxivUrl, o.category ?? '', o.day, start);
		const answer = await o.get(url, accept);
		if ('kind' in answer) return answer;
		const bad = statusFailure(answer.status, answer.statusText, answer.retryAfter, o.now?.() ?? new Date());
		if (bad) return bad;
		const name = fetchedFileName(o.source, o.day, o.category, page);
		let text: string;
		try {
			text = new TextDecoder('utf-8', { fatal: true }).decode(answer.bytes);
		} catch {
			return { kind: 'bad-body', detail: 'not UTF-8 text' };
		}
		const body = checkBody(text, o.source, name, o.maxBytes);
		if ('kind' in body) {
			// A later page that is empty ends the day; any other failure fails it (no partial day is saved).
			if (page > 0 && body.kind === 'empty') break;
			return body;
		}
		pages.push({ name, bytes: answer.bytes, papers: body.papers });
		if (o.source === 'hf') {
			const more = wantsNextHfPage(body.ids, seen, page + 1);
			body.ids.forEach((id) => seen.add(id));
			if (!more) break;
		} else {
			const next = nextArxivStart(body.totalResults, start, body.entries ?? body.papers, page + 1);
			if (next === undefined) break;
			start = next;
		}
	}
	return { pages, papers: pages.reduce((n, p) => n + p.papers, 0) };
}
