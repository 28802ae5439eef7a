/** Topics workers on Node: `worker_threads` running `dist/topicsWorker.js` (`topicsWorkerThread.ts`). */
import { Worker } from 'node:worker_threads';
import type { StartTopicsWorker, TopicsWorker } from '../core/topics/deriveTopicsInWorker';

/** Starts topics workers from `workerFile` (the bundled `dist/topicsWorker.js`, or the compiled `topicsWorkerThread.js` in tests). */
export function startTopicsThread(workerFile: string): StartTopicsWorker {
	return (): TopicsWorker => {
		const worker = new Worker(workerFile);
		return {
			postMessage: (request) => worker.postMessage(request),
			onMessage: (listener) => void worker.once('message', listener),
			onError: (listener) => void worker.once('error', (e: unknown) => listener(e instanceof Error ? e : new Error(String(e)))),
			onExit: (listener) => void worker.once('exit', listener),
			terminate: async () => {
				await worker.terminate();
			},
		};
	};
}
