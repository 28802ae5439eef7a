/**
 * The entry of a `worker_threads` worker that derives topics off the caller's thread (bundled as
 * `dist/topicsWorker.js`). It answers one request, `{ papers, options }`, with `{ topics }` or `{ error }`,
 * then closes its port so the worker exits. Start it through `deriveTopicsInWorker`.
 */
import { parentPort } from 'node:worker_threads';
import { deriveTopics } from './deriveTopics';
import type { Topic, TopicOptions, TopicPaper } from './topic';

/** What the worker is sent: the papers (only the fields topics read) and the options. */
export interface TopicsWorkerRequest {
	readonly papers: readonly TopicPaper[];
	readonly options: TopicOptions;
}

/** What the worker answers. */
export type TopicsWorkerResponse = { readonly topics: Topic[] } | { readonly error: string };

const port = parentPort;
if (port) {
	port.once('message', (request: TopicsWorkerRequest) => {
		let response: TopicsWorkerResponse;
		try {
			response = { topics: deriveTopics(request.papers, request.options) };
		} catch (e) {
			response = { error: e instanceof Error ? e.message : String(e) };
		}
		port.postMessage(response);
		port.close();
	});
}
