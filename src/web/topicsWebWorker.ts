/** Topics workers in the browser: Web Workers running `dist/web/topicsWorker.js` (`topicsWorker.ts`). */
import type { StartTopicsWorker, TopicsWorker } from '../core/topics/deriveTopicsInWorker';
import type { TopicsWorkerResponse } from '../core/topics/topicsWorker';

/**
 * Starts topics workers from the worker script's text, `script()` (read once, from the extension's own files). The
 * script runs from a `blob:` URL: the web worker extension host cannot start workers from `vscode-remote:` URLs, and a
 * blob keeps the worker on the page's origin wherever the extension is served from.
 */
export function startTopicsWebWorker(script: () => Promise<Uint8Array>): StartTopicsWorker {
	let url: Promise<string> | undefined;
	return async (): Promise<TopicsWorker> => {
		url ??= script().then((bytes) => URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'text/javascript' })));
		let worker: Worker;
		try {
			worker = new Worker(await url, { name: 'Paper Shelf topics' });
		} catch (e) {
			url = undefined;
			throw e;
		}
		return {
			postMessage: (request) => worker.postMessage(request),
			onMessage: (listener) => worker.addEventListener('message', (event: MessageEvent<TopicsWorkerResponse>) => listener(event.data), { once: true }),
			onError: (listener) =>
				worker.addEventListener('error', (event: ErrorEvent) => listener(new Error(event.message || 'the topics worker failed to start')), { once: true }),
			onExit: () => undefined,
			terminate: () => {
				worker.terminate();
				return Promise.resolve();
			},
		};
	};
}
