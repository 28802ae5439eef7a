import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DayResult } from '../../src/extension/fetch/dailyFetcher';
import { inWebHost, shelfApi, testEnv, waitFor, workspaceUri } from './helpers';

/**
 * Fetching in whichever host runs the suite, from the runner's stand-in server (test/host/fetchStandIn.js): the web
 * worker host fetches through the browser, where CORS applies. The failure cases are in fetch.test.ts (Node host).
 */
suite('Fetching in this host (Node or web worker)', () => {
	const server = testEnv('PAPER_SHELF_TEST_FETCH_SERVER');

	async function fetchFrom(path: string, day: string): Promise<DayResult> {
		await vscode.workspace.getConfiguration('paperShelf').update('fetch.huggingFaceUrl', `${server}${path}`, vscode.ConfigurationTarget.Workspace);
		const results = await vscode.commands.executeCommand<DayResult[]>('paperShelf.fetchDailyPapers', { day, quiet: true });
		assert.equal(results.length, 1, JSON.stringify(results));
		return results[0];
	}

	suiteSetup(async () => {
		assert.ok(server && /^http:\/\/127\.0\.0\.1:\d+$/.test(server), `the runner gives the stand-in's URL (got ${server})`);
		await shelfApi();
	});

	suiteTeardown(async () => {
		await vscode.workspace.getConfiguration('paperShelf').update('fetch.huggingFaceUrl', undefined, vscode.ConfigurationTarget.Workspace);
		await vscode.workspace.fs.delete(workspaceUri('papers'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
		const api = await shelfApi();
		await api.testing.library.reload();
		await api.testing.newPapers.markSeen(api.testing.library.papers.map((p) => p.id));
	});

	test('a day from an API that allows web pages is saved and reaches the shelf', async () => {
		const result = await fetchFrom('/cors/hf', '2026-08-19');
		assert.equal(result.outcome, 'saved', result.message);
		assert.equal(result.papers, 17);
		const bytes = await vscode.workspace.fs.readFile(workspaceUri('papers', '2026-08-19.daily_papers.json'));
		assert.ok(bytes.byteLength > 1000);
		const api = await shelfApi();
		await waitFor('the fetched papers on the shelf', () => api.testing.library.papers.some((p) => p.source.file.includes('2026-08-19.daily_papers.json')));
	});

	test('an API that does not allow web pages: saved on Node; in the browser, a message that names CORS and nothing written', async () => {
		const result = await fetchFrom('/plain/hf', '2026-08-18');
		const file = workspaceUri('papers', '2026-08-18.daily_papers.json');
		const written = await vscode.workspace.fs.stat(file).then(() => true, () => false);
		if (inWebHost) {
			assert.equal(result.outcome, 'failed', result.message);
			assert.match(result.message, /Hugging Face daily papers for 2026-08-18/);
			assert.match(result.message, /CORS/);
			assert.equal(written, false, 'nothing is written');
		} else {
			assert.equal(result.outcome, 'saved', result.message);
			assert.equal(written, true);
		}
	});
});
