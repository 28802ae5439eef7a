/**
 * `deriveTopics` in a worker, so a large digest's topics never block the caller's thread (the extension host's main
 * thread above all). The worker is whatever the host has, behind `TopicsWorker`: a `worker_threads` worker on Node
 * (`src/node/topicsThread.ts`), a Web Worker in the browser (`src/web/topicsWebWorker.ts`). Both run the same
 * `answerTopicsRequest` (`topicsWorker.ts`).
 */
import type { Topic, TopicOptions, TopicPaper } from './topic';
import type { TopicsWorkerRequest, TopicsWorkerResponse } from './topicsWorker';

/** A started worker that answers one `TopicsWorkerRequest`. */
export interface TopicsWorker {
	postMessage(request: TopicsWorkerRequest): void;
	/** The answer. */
	onMessage(listener: (response: TopicsWorkerResponse) => void): void;
	/** The worker failed: its script did not load or threw outside a request. */
	onError(listener: (error: Error) => void): void;
	/** The worker ended by itself (`worker_threads` only: a Web Worker that closes itself says nothing). */
	onExit(listener: (code: number) => void): void;
	/** Stops the worker; resolves once nothing of it runs any more. */
	terminate(): Promise<void>;
}

/** Starts a topics worker (each derivation gets its own). */
export type StartTopicsWorker = () => TopicsWorker | Promise<TopicsWorker>;

/**
 * Derives topics for `papers` in a new worker from `start`. Only the fields topics read are sent, so the structured
 * clone stays small. Resolves with what `deriveStableTopics(papers, options, memory)` returns (`deriveTopics` without a memory); rejects with the worker's error
 * message, when it cannot start or exits without answering, or with an `AbortError` when `signal` aborts (the worker
 * is terminated before the promise settles).
 */
export function deriveTopicsInWorker(
	papers: readonly TopicPaper[],
	options: TopicOptions,
	start: StartTopicsWorker,
	signal?: AbortSignal,
	memory?: readonly Topic[],
): Promise<Topic[]> {
	return new Promise<Topic[]>((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortError(signal));
			return;
		}
		let settled = false;
		let aborted = false;
		let worker: TopicsWorker | undefined;
		const settle = (outcome: () => void) => {
			if (settled) return;
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			outcome();
		};
		const onAbort = () => {
			if (settled || aborted) return;
			aborted = true;
			// Settle once the worker is gone, so "aborted" means nothing runs any more.
			const gone = worker ? worker.terminate() : Promise.resolve();
			void gone.then(
				() => settle(() => reject(abortError(signal!))),
				() => settle(() => reject(abortError(signal!))),
			);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		Promise.resolve()
			.then(start)
			.then(
				(started) => {
					worker = started;
					if (aborted) {
						void started.terminate().then(() => settle(() => reject(abortError(signal!))));
						return;
					}
					started.onMessage((response) => {
						if (aborted) return;
						if ('topics' in response) settle(() => resolve(response.topics));
						else settle(() => reject(new Error(response.error)));
						void started.terminate();
					});
					started.onError((e) => {
						if (aborted) return;
						settle(() => reject(e));
						void started.terminate();
					});
					started.onExit((code) => {
						if (!aborted) settle(() => reject(new Error(`the topics worker exited (code ${code}) without an answer`)));
					});
					const request: TopicsWorkerRequest = { papers: papers.map(topicFields), options, ...(memory ? { memory } : {}) };
					started.postMessage(request);
				},
				(e: unknown) => settle(() => reject(aborted ? abortError(signal!) : e instanceof Error ? e : new Error(String(e)))),
			);
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
