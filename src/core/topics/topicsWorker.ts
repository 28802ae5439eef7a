/**
 * What a topics worker does, whichever kind runs it (`src/node/topicsWorkerThread.ts`, bundled as
 * `dist/topicsWorker.js`; `src/web/topicsWorker.ts`, bundled as `dist/web/topicsWorker.js`): it answers one request,
 * `{ papers, options }`, with `{ topics }` or `{ error }`. Start one through `deriveTopicsInWorker`.
 */
import { deriveTopics } from './deriveTopics';
import type { Topic, TopicOptions, TopicPaper } from './topic';

/** What the worker is sent: the papers (only the fields topics read) and the options. */
export interface TopicsWorkerRequest {
	readonly papers: readonly TopicPaper[];
	readonly options: TopicOptions;
}

/** What the worker answers. */
export type TopicsWorkerResponse = { readonly topics: Topic[] } | { readonly error: string };

/** The worker's answer to a request (never throws: an error becomes `{ error }`). */
export function answerTopicsRequest(request: TopicsWorkerRequest): TopicsWorkerResponse {
	try {
		return { topics: deriveTopics(request.papers, request.options) };
	} catch (e) {
		return { error: e instanceof Error ? e.message : String(e) };
	}
}
