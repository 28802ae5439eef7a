/**
 * What a topics worker does, whichever kind runs it (`src/node/topicsWorkerThread.ts`, bundled as
 * `dist/topicsWorker.js`; `src/web/topicsWorker.ts`, bundled as `dist/web/topicsWorker.js`): it answers one request,
 * `{ papers, options, memory? }`, with `{ topics }` or `{ error }`. Start one through `deriveTopicsInWorker`.
 */
import type { Topic, TopicOptions, TopicPaper } from './topic';
import { deriveStableTopics } from './topicMemory';

/** What the worker is sent: the papers (only the fields topics read), the options and the remembered topics (see `topicMemory.ts`). */
export interface TopicsWorkerRequest {
	readonly papers: readonly TopicPaper[];
	readonly options: TopicOptions;
	readonly memory?: readonly Topic[];
}

/** What the worker answers. */
export type TopicsWorkerResponse = { readonly topics: Topic[] } | { readonly error: string };

/** The worker's answer to a request (never throws: an error becomes `{ error }`). */
export function answerTopicsRequest(request: TopicsWorkerRequest): TopicsWorkerResponse {
	try {
		return { topics: deriveStableTopics(request.papers, request.options, request.memory) };
	} catch (e) {
		return { error: e instanceof Error ? e.message : String(e) };
	}
}
