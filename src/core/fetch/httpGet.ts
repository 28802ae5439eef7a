/**
 * One GET through the runtime's global `fetch`: Node's in the desktop extension host, the browser's on the web.
 *
 * Proxies: VS Code (1.100) replaces the Node extension host's `globalThis.fetch` with one that goes through its proxy
 * support (src/vs/workbench/api/node/proxyResolver.ts, `patchGlobalFetch`): `http.proxy`, `http.proxySupport`,
 * `http.noProxy`, the system's proxy and certificates apply, unless `http.fetchAdditionalSupport` is turned off. So
 * `fetch` is looked up at each call (never captured at load), and nothing else is needed. On the web the browser's
 * own proxy settings apply.
 *
 * Only the given URL is contacted: redirects are not followed (a redirect is reported as the HTTP status it is).
 */
import type { FetchFailure } from './fetchResponse';

/** What a server answered (any status), with the body as received. */
export interface HttpAnswer {
	readonly status: number;
	readonly statusText: string;
	readonly retryAfter: string | null;
	readonly bytes: Uint8Array;
}

export interface HttpGetOptions {
	readonly timeoutMs: number;
	/** Larger bodies are refused (read no further). */
	readonly maxBytes: number;
	/** Cancels the request (the user cancelled). */
	readonly signal?: AbortSignal;
	readonly accept: string;
}

/** GETs `url`; never throws: a failure to get an answer is a {@link FetchFailure}. */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpAnswer | FetchFailure> {
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, options.timeoutMs);
	const onCancel = () => controller.abort();
	options.signal?.addEventListener('abort', onCancel);
	try {
		if (options.signal?.aborted) return { kind: 'cancelled' };
		const response = await globalThis.fetch(url, {
			signal: controller.signal,
			redirect: 'manual',
			credentials: 'omit',
			headers: { Accept: options.accept },
		});
		if (response.type === 'opaqueredirect') {
			return { kind: 'http', status: 302, statusText: 'redirect (not followed)' };
		}
		const declared = Number(response.headers.get('content-length') ?? NaN);
		if (Number.isFinite(declared) && declared > options.maxBytes) {
			await response.body?.cancel().catch(() => undefined);
			return { kind: 'too-large', maxBytes: options.maxBytes };
		}
		const bytes = await readCapped(response, options.maxBytes);
		if (bytes === undefined) return { kind: 'too-large', maxBytes: options.maxBytes };
		return { status: response.status, statusText: response.statusText, retryAfter: response.headers.get('retry-after'), bytes };
	} catch (e) {
		if (timedOut) return { kind: 'timeout', seconds: Math.round(options.timeoutMs / 100) / 10 };
		if (options.signal?.aborted) return { kind: 'cancelled' };
		return networkFailure(e);
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', onCancel);
	}
}

/** The body, or undefined once it grows past `maxBytes` (the rest is not read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | undefined> {
	if (!response.body) return new Uint8Array(await response.arrayBuffer());
	const reader = response.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel().catch(() => undefined);
			return undefined;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.byteLength;
	}
	return out;
}

/**
 * A fetch that threw. Node's fetch says why (`ECONNREFUSED`, `ENOTFOUND huggingface.co` in its causes); a browser's
 * says only "Failed to fetch" (Chromium), "NetworkError when attempting to fetch resource." (Firefox) or "Load failed"
 * (Safari), on purpose the same for a refused connection and a cross-origin (CORS) refusal, so such a failure is
 * marked as having no reason and its message names both.
 */
export function networkFailure(e: unknown): FetchFailure {
	const detail = networkDetail(e);
	const noReason = e instanceof TypeError && !(e as { cause?: unknown }).cause && /^(Failed to fetch|NetworkError when attempting to fetch resource\.?|Load failed)$/.test(e.message);
	return noReason ? { kind: 'network', detail, noReason } : { kind: 'network', detail };
}

/** `ECONNREFUSED`, `ENOTFOUND huggingface.co`…: the most specific reason a failed fetch carries. */
function networkDetail(e: unknown): string {
	let cause: unknown = e;
	for (let depth = 0; depth < 4 && cause && typeof cause === 'object'; depth++) {
		const c = cause as { code?: unknown; hostname?: unknown; cause?: unknown; message?: unknown };
		if (typeof c.code === 'string') return typeof c.hostname === 'string' ? `${c.code} ${c.hostname}` : c.code;
		if (!c.cause) return typeof c.message === 'string' ? c.message.slice(0, 200) : 'network error';
		cause = c.cause;
	}
	return 'network error';
}
