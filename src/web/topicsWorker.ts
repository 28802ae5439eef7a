/**
 * The entry of the Web Worker that derives topics in the browser (bundled as `dist/web/topicsWorker.js`): answers one
 * request, then closes itself. Started by `startTopicsWebWorker`.
 */
import { answerTopicsRequest, type TopicsWorkerRequest } from '../core/topics/topicsWorker';

interface WorkerScope {
	onmessage: ((event: { data: TopicsWorkerRequest }) => void) | null;
	postMessage(message: unknown): void;
	close(): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => {
	scope.onmessage = null;
	scope.postMessage(answerTopicsRequest(event.data));
	scope.close();
};
