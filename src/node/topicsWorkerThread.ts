/**
 * The entry of the `worker_threads` topics worker (bundled as `dist/topicsWorker.js`): answers one request, then closes
 * its port so the thread exits. Started by `startTopicsThread`.
 */
import { parentPort } from 'node:worker_threads';
import { answerTopicsRequest, type TopicsWorkerRequest } from '../core/topics/topicsWorker';

const port = parentPort;
if (port) {
	port.once('message', (request: TopicsWorkerRequest) => {
		port.postMessage(answerTopicsRequest(request));
		port.close();
	});
}
