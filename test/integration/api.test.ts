import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/extension/extension';
import { EXTENSION_ID, shelfApi, waitFor, workspaceUri, writeText, deleteFile } from './helpers';

suite('The public API', () => {
	test('activate returns only the documented members, and the test hooks only in test mode', async () => {
		const ext = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID);
		assert.ok(ext);
		const api = await ext.activate();
		assert.deepEqual(Object.keys(api).sort(), ['citationKey', 'getPaper', 'onDidChangePapers', 'ready', 'search', 'testing']);
		for (const live of ['library', 'view', 'panels', 'citations']) {
			assert.equal(live in api, false, `${live} is not part of the public API`);
		}
	});

	test('getPaper, search and citationKey answer from the shelf; search keeps the index ranking', async () => {
		const api = await shelfApi();
		const hits = api.search('quantiz', 5);
		assert.ok(hits.length > 0 && hits.length <= 5, `search finds at most 5 papers: ${hits.length}`);
		assert.deepEqual(hits.map((p) => p.id), api.testing.library.search('quantiz', 5).map((h) => h.paper.id), 'the same papers in the index order');
		const first = hits[0];
		assert.equal(api.getPaper(first.id), first);
		assert.equal(api.getPaper('no-such-paper'), undefined);
		assert.equal(api.citationKey(first.id), api.testing.citations.keyOf(first.id));
		assert.ok(api.citationKey(first.id));
		assert.equal(api.citationKey('no-such-paper'), undefined);
	});

	test('onDidChangePapers fires when a digest adds papers', async () => {
		const api = await shelfApi();
		const file = workspaceUri('api-event.digest.md');
		let fired = 0;
		const sub = api.onDidChangePapers(() => fired++);
		try {
			await writeText(file, '# Digest\n\n## Zebrafish Tokenizers for the API Test\n\nAn abstract about zebrafish tokenizers.\n');
			await waitFor('the new paper on the shelf', () => api.search('zebrafish tokenizers', 5).length > 0);
			assert.ok(fired > 0, 'onDidChangePapers fired');
		} finally {
			sub.dispose();
			await deleteFile(file);
			await waitFor('the paper gone again', () => api.search('zebrafish tokenizers', 5).length === 0);
		}
	});
});
