import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Paper } from '../../../src/core/model';
import { deriveTopics } from '../../../src/core/topics/deriveTopics';
import { deriveTopicsInWorker } from '../../../src/core/topics/deriveTopicsInWorker';
import { deriveStableTopics } from '../../../src/core/topics/topicMemory';
import { startTopicsThread } from '../../../src/node/topicsThread';
import { readBundledDigest, readHuggingFaceDay } from './topicFixtures';

/** The unbundled worker_threads entry that `node esbuild.js --tests` writes beside this test's compiled sources. */
const workerFile = startTopicsThread(path.resolve(__dirname, '..', '..', '..', 'src', 'node', 'topicsWorkerThread.js'));

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

suite('deriveTopicsInWorker', function () {
	this.timeout(30000);
	let tmp: string;

	suiteSetup(() => {
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'topics-worker-'));
	});

	suiteTeardown(() => {
		fs.rmSync(tmp, { recursive: true, force: true });
	});

	test('The worker gives the same topics as deriveTopics on the bundled digest', async () => {
		const papers = readBundledDigest();
		const options = { maxTopics: 12 };
		const inWorker = await deriveTopicsInWorker(papers, options, workerFile);
		assert.deepEqual(inWorker, deriveTopics(papers, options));
		assert.ok(inWorker.length >= 5);
	});

	test('The worker starts from the remembered topics it is sent, as deriveStableTopics does', async () => {
		const papers = readBundledDigest();
		// A memory under ids no derivation gives: the worker must keep them for the day's papers to join.
		const memory = deriveTopics(papers).map((t, i) => (t.kind === 'derived' ? { ...t, id: `remembered-${i}` } : t));
		const withDay = [...papers, ...readHuggingFaceDay()];
		const inWorker = await deriveTopicsInWorker(withDay, {}, workerFile, undefined, memory);
		assert.deepEqual(inWorker, deriveStableTopics(withDay, {}, memory));
		assert.ok(memory.filter((t) => t.kind === 'derived').every((m) => inWorker.some((t) => t.id === m.id)), 'every remembered id is kept');
	});

	test('An empty digest gives no topics', async () => {
		assert.deepEqual(await deriveTopicsInWorker([], {}, workerFile), []);
	});

	test('Aborting rejects with an AbortError and terminates the worker', async () => {
		// A stand-in worker that never answers and counts up in a file while it lives.
		const beat = path.join(tmp, 'beat.txt');
		const slow = path.join(tmp, 'slowWorker.js');
		fs.writeFileSync(slow, `const fs = require('node:fs'); let n = 0; setInterval(() => fs.writeFileSync(${JSON.stringify(beat)}, String(++n)), 5);`);
		const controller = new AbortController();
		const pending = deriveTopicsInWorker(readBundledDigest(), {}, startTopicsThread(slow), controller.signal);
		while (!fs.existsSync(beat)) await sleep(5);
		controller.abort();
		await assert.rejects(pending, (e: Error) => e.name === 'AbortError');
		const after = fs.readFileSync(beat, 'utf8');
		await sleep(200);
		assert.equal(fs.readFileSync(beat, 'utf8'), after, 'the worker still runs after the promise rejected');
	});

	test('An already aborted signal rejects without deriving anything', async () => {
		const controller = new AbortController();
		controller.abort();
		await assert.rejects(deriveTopicsInWorker(readBundledDigest(), {}, workerFile, controller.signal), (e: Error) => e.name === 'AbortError');
	});

	test('A worker that throws rejects with its message', async () => {
		const throwing = path.join(tmp, 'throwingWorker.js');
		fs.writeFileSync(throwing, `throw new Error('the worker broke on purpose');`);
		await assert.rejects(deriveTopicsInWorker(readBundledDigest(), {}, startTopicsThread(throwing)), /the worker broke on purpose/);
	});

	test('An error inside deriveTopics comes back as a rejection with its message', async () => {
		// A paper without a title makes the analysis throw inside the worker.
		const broken = [{ id: 'x', abstract: 'text', keywords: [], categories: [] }] as unknown as Paper[];
		let expected = '';
		try {
			deriveTopics(broken);
		} catch (e) {
			expected = (e as Error).message;
		}
		assert.ok(expected.length > 0, 'deriveTopics itself throws on this input');
		await assert.rejects(deriveTopicsInWorker(broken, {}, workerFile), (e: Error) => e.message === expected);
	});

	test('A worker that exits without answering rejects', async () => {
		const quitting = path.join(tmp, 'quittingWorker.js');
		fs.writeFileSync(quitting, `process.exit(3);`);
		await assert.rejects(deriveTopicsInWorker([], {}, startTopicsThread(quitting)), /exited \(code 3\)/);
	});

	test('A missing worker file rejects', async () => {
		await assert.rejects(deriveTopicsInWorker([], {}, startTopicsThread(path.join(tmp, 'no-such-worker.js'))));
	});
});
