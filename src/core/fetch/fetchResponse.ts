/**
 * Judging what a server answered, before anything is written: a body is kept only when it parses, with the very
 * parser that will read the saved file, into at least one paper. Every failure gets one message that names the
 * source and the day. Pure: the caller does the request and the writing.
 */
import { parseDigest } from '../parse/parseDigest';
import type { FetchSource } from './fetchPlan';

/** Why a fetch of one day gave nothing to save. */
export type FetchFailure =
	| { readonly kind: 'network'; readonly detail: string; /** The runtime gave no reason (a browser): CORS may have blocked it. */ readonly noReason?: boolean }
	| { readonly kind: 'timeout'; readonly seconds: number }
	| { readonly kind: 'cancelled' }
	| { readonly kind: 'http'; readonly status: number; readonly statusText: string }
	| { readonly kind: 'rate-limited'; readonly retryAfterSeconds?: number }
	| { readonly kind: 'too-large'; readonly maxBytes: number }
	| { readonly kind: 'html' }
	| { readonly kind: 'bad-body'; readonly detail: string }
	| { readonly kind: 'api-error'; readonly detail: string }
	| { readonly kind: 'empty' };

/** A body that parsed: how many papers it holds, and their ids (for paging). */
export interface GoodBody {
	readonly papers: number;
	readonly ids: readonly string[];
	/** arXiv: `opensearch:totalResults`, for paging. */
	readonly totalResults?: number;
	/** arXiv: entries on this page (read or not), for paging. */
	readonly entries?: number;
}

/** The source's name in messages. */
export function sourceLabel(source: FetchSource, category?: string): string {
	return source === 'hf' ? 'Hugging Face daily papers' : `arXiv ${category ?? ''}`.trim();
}

/** One sentence: what went wrong fetching `source` for `day`. */
export function describeFailure(failure: FetchFailure, source: FetchSource, day: string, category?: string): string {
	const what = `${sourceLabel(source, category)} for ${day}`;
	switch (failure.kind) {
		case 'network': return failure.noReason
			? `Could not fetch ${what}: the browser gave no reason (${failure.detail}). Either the network is down, or the site does not allow requests from a web page (CORS), which the browser enforces on vscode.dev and github.dev: fetch from VS Code desktop and commit the file, or open it with Open Digest File.`
			: `Could not fetch ${what}: the server could not be reached (${failure.detail}). Check the network connection and the proxy setting (http.proxy).`;
		case 'timeout': return `Could not fetch ${what}: no answer within ${failure.seconds} s (paperShelf.fetch.timeoutSeconds).`;
		case 'cancelled': return `Fetching ${what} was cancelled.`;
		case 'http': return `Could not fetch ${what}: the server answered HTTP ${failure.status}${failure.statusText ? ` ${failure.statusText}` : ''}.`;
		case 'rate-limited': return `Could not fetch ${what}: the server is rate-limiting requests (HTTP 429)${failure.retryAfterSeconds !== undefined ? `; try again in ${formatWait(failure.retryAfterSeconds)}` : '; try again later'}.`;
		case 'too-large': return `Could not fetch ${what}: the answer is larger than ${Math.round(failure.maxBytes / 1024 / 1024)} MB (paperShelf.maxDigestSizeMB).`;
		case 'html': return `Could not fetch ${what}: the server sent a web page instead of ${source === 'hf' ? 'JSON' : 'an arXiv feed'} (an error or login page?).`;
		case 'bad-body': return `Could not fetch ${what}: the answer cannot be read (${failure.detail}); it may have been cut off.`;
		case 'api-error': return `Could not fetch ${what}: ${failure.detail}.`;
		case 'empty': return `No papers for ${what} (yet): nothing was saved.`;
	}
}

function formatWait(seconds: number): string {
	if (seconds < 120) return `${seconds} s`;
	if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
	return `${Math.round(seconds / 3600)} h`;
}

/**
 * The seconds a `Retry-After` header asks to wait (delta-seconds, or an HTTP date compared with `now`), or undefined
 * when it says nothing usable.
 */
export function retryAfterSeconds(header: string | null | undefined, now: Date): number | undefined {
	const value = header?.trim();
	if (!value) return undefined;
	if (/^\d+$/.test(value)) return Number(value);
	const at = Date.parse(value);
	if (Number.isNaN(at)) return undefined;
	return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** The failure an HTTP status means, or undefined for a success (2xx). */
export function statusFailure(status: number, statusText: string, retryAfter: string | null | undefined, now: Date): FetchFailure | undefined {
	if (status >= 200 && status < 300) return undefined;
	if (status === 429) {
		const wait = retryAfterSeconds(retryAfter, now);
		return wait === undefined ? { kind: 'rate-limited' } : { kind: 'rate-limited', retryAfterSeconds: wait };
	}
	return { kind: 'http', status, statusText };
}

/**
 * Whether a body is worth saving as `fileName` for `source`: it must parse (with Paper Shelf's own digest parser,
 * detecting the format from the content as it will when the file is read) into at least one paper and no error.
 */
export function checkBody(body: string, source: FetchSource, fileName: string, maxBytes?: number): GoodBody | FetchFailure {
	const head = body.slice(0, 2048).trimStart().toLowerCase();
	if (head.startsWith('<!doctype html') || head.startsWith('<html') || (source === 'hf' && head.startsWith('<'))) {
		return { kind: 'html' };
	}
	if (body.trim() === '') return { kind: 'bad-body', detail: 'the body is empty' };
	if (source === 'hf') {
		const shape = hfShape(body);
		if (shape) return shape;
	}
	const parsed = parseDigest(body, fileName, maxBytes === undefined ? {} : { maxBytes });
	const wanted = source === 'hf' ? 'hf-json' : 'arxiv-xml';
	const firstError = parsed.diagnostics.find((d) => d.severity === 'error');
	const apiError = firstError?.message.match(/^the arXiv API answered with an error: (.*)$/s)?.[1];
	if (apiError !== undefined) return { kind: 'api-error', detail: `the arXiv API answered with an error: ${apiError}` };
	if (firstError) return { kind: 'bad-body', detail: firstError.message };
	if (parsed.format !== wanted) {
		if (parsed.papers.length === 0) return source === 'arxiv' && parsed.format === undefined ? { kind: 'bad-body', detail: 'not an arXiv Atom or RSS feed' } : { kind: 'empty' };
		return { kind: 'bad-body', detail: `expected ${source === 'hf' ? 'the daily papers JSON' : 'an arXiv feed'}, got ${parsed.format ?? 'something else'}` };
	}
	if (parsed.papers.length === 0) return { kind: 'empty' };
	const good: GoodBody = { papers: parsed.papers.length, ids: parsed.papers.map((p) => p.id) };
	if (source === 'arxiv') {
		const total = /<(?:\w+:)?totalResults[^>]*>\s*(\d+)\s*</.exec(body.slice(0, 8192));
		const entries = countEntries(body);
		return { ...good, entries, ...(total ? { totalResults: Number(total[1]) } : {}) };
	}
	return good;
}

/** An empty JSON array is an empty day; any other non-array JSON is not the daily papers answer. */
function hfShape(body: string): FetchFailure | undefined {
	const t = body.trim();
	if (/^\[\s*\]$/.test(t)) return { kind: 'empty' };
	if (t.startsWith('{')) {
		try {
			const value: unknown = JSON.parse(t);
			const error = value && typeof value === 'object' && 'error' in value ? (value as { error: unknown }).error : undefined;
			return { kind: 'bad-body', detail: typeof error === 'string' ? `the server says: ${error.slice(0, 200)}` : 'a JSON object, not the list of papers' };
		} catch {
			return { kind: 'bad-body', detail: 'not JSON' };
		}
	}
	return undefined;
}

function countEntries(body: string): number {
	let n = 0;
	const re = /<(?:\w+:)?(?:entry|item)[\s>]/g;
	while (re.exec(body)) n++;
	return n;
}
