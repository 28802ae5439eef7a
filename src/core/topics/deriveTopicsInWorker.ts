/**
 * `deriveTopics` in a `worker_threads` worker, so a large digest's topics never block the caller's thread
 * (the extension host's main thread above all).
 */
import { Worker } from 'node:worker_threads';
import type { Topic, TopicOptions, TopicPaper } from './topic';
import type { TopicsWorkerRequest, TopicsWorkerResponse } from './topicsWorker';

/**
 * Derives topics for `papers` in a new worker started from `workerFile` (the bundled `dist/topicsWorker.js`,
 * or `out/src/core/topics/topicsWorker.js` in tests). Only the fields topics read are sent, so the structured
 * clone stays small. Resolves with what `deriveTopics(papers, options)` returns; rejects with the worker's
 * error message, when it exits without answering, or with an `AbortError` when `signal` aborts (the worker is
 * terminated before the promise settles).
 */
export function deriveTopicsInWorker(
	papers: readonly TopicPaper[],
	options: TopicOptions,
	workerFile: string,
	signal?: AbortSignal,
): Promise<Topic[]> {
	return new Promise<Topic[]>((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortError(signal));
			return;
		}
		const worker = new Worker(workerFile);
		let settled = false;
		const settle = (outcome: () => void) => {
			if (settled) return;
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			outcome();
		};
		let aborted = false;
		const onAbort = () => {
			if (settled) return;
			// Settle on the worker's exit, so "aborted" means nothing runs any more.
			aborted = true;
			void worker.terminate();
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		worker.once('message', (response: TopicsWorkerResponse) => {
			if (aborted) return;
			if ('topics' in response) settle(() => resolve(response.topics));
			else settle(() => reject(new Error(response.error)));
			void worker.terminate();
		});
		worker.once('error', (e: unknown) => {
			if (!aborted) settle(() => reject(e instanceof Error ? e : new Error(String(e))));
		});
		worker.once('exit', (code) =>
			settle(() => reject(aborted ? abortError(signal!) : new Error(`the topics worker exited (code ${code}) without an answer`))),
		);
		const request: TopicsWorkerRequest = { papers: papers.map(topicFields), options };
		worker.postMessage(request);
	});
}

/** The fields of a paper that topic derivation reads. */
export function topicFields(p: TopicPaper): TopicPaper {
	return {
		id: p.id,
		title: p.title,
		abstract: p.abstract,
		keywords: p.keywords,
		categories: p.categories,
		...(p.section !== undefined ? { section: p.section } : {}),
	};
}

function abortError(signal: AbortSignal): Error {
	if (signal.reason instanceof Error) return signal.reason;
	const e = new Error('Deriving topics was aborted');
	e.name = 'AbortError';
	return e;
}
