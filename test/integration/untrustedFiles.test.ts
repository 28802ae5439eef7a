import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { sha256Hex } from '../../src/core/hash/sha256';
import type { Topic } from '../../src/core/topics';
import { baseName, deleteFile, filesBelow, nodeOnlyTest, readText, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

/** `n` papers as JSON Lines, over 512 KB from 2,000 on (so they are indexed in the background and cached). */
function largeDigest(n: number, tag: string, firstId = 0): string {
	return Array.from({ length: n }, (_, i) => JSON.stringify({
		id: `2602.${String(firstId + i).padStart(5, '0')}`,
		title: `Cached ${tag} paper ${i} on ${['sparse attention', 'optical interconnects', 'spiking networks', 'quantized kernels'][i % 4]} for accelerators`,
		abstract: `Abstract ${i} of the ${tag} batch: ${['sparse attention', 'optical interconnects', 'spiking networks', 'quantized kernels'][i % 4]} on wafer-scale accelerators, long enough to make the digest large enough for the index cache.`,
	})).join('\n') + '\n';
}

function everyTopicPaper(topics: readonly Topic[]): Set<string> {
	return new Set(topics.flatMap(function ids(t): string[] {
		return [...t.paperIds, ...(t.children ?? []).flatMap(ids)];
	}));
}

const refresh = () => vscode.commands.executeCommand('paperShelf.refresh');
const bundledOnShelf = (api: Awaited<ReturnType<typeof shelfApi>>) => api.testing.library.digests.some((d) => d.source.origin === 'bundled' && d.parsed.papers.length > 0);

/**
 * Something named like a digest that is not a file (a folder, a FIFO) is skipped, through the watcher and through a
 * full rescan, and does not hold the bundled digest off the shelf.
 */
async function notADigestIsSkipped(notADigest: vscode.Uri): Promise<void> {
	const api = await shelfApi();
	await waitFor('only the bundled digest on the shelf to start with', () => api.testing.library.digests.every((d) => d.source.origin === 'bundled') && bundledOnShelf(api), 30_000);
	const real = workspaceUri('real.digest.md');
	const state = () => JSON.stringify(api.testing.library.digests.map((d) => `${d.source.origin} ${baseName(d.source.uri)}: ${d.parsed.papers.length}`));
	try {
		// Through the watcher: a digest arrives and leaves; the skipped match must not hold the bundled digest off.
		await writeText(real, '## Papers Beside a Folder Named Like a Digest\n\nAn abstract long enough to read as the abstract of a paper on the shelf.\n');
		await waitFor('the real digest on the shelf', () => api.testing.library.papers.some((p) => p.title === 'Papers Beside a Folder Named Like a Digest'), 30_000, state);
		await deleteFile(real);
		await waitFor('the bundled digest back once the real digest is gone', () => bundledOnShelf(api) && !api.testing.library.papers.some((p) => p.title.startsWith('Papers Beside')), 30_000, state);
		// Through a full rescan.
		await refresh();
		assert.ok(bundledOnShelf(api), `the bundled digest stays after Refresh: ${state()}`);
		assert.ok(!api.testing.library.digests.some((d) => d.source.uri.toString() === notADigest.toString()), `it is not on the shelf: ${state()}`);
	} finally {
		await deleteFile(real);
	}
}

const diagnosticMessages = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map((d) => d.message);

/** Runs `body` with paperShelf.maxDigestSizeMB at 1, then puts the setting back, deletes `files` and waits for the bundled digest. */
async function withOneMegabyteLimit(body: (api: Awaited<ReturnType<typeof shelfApi>>) => Promise<void>, files: readonly vscode.Uri[]): Promise<void> {
	const api = await shelfApi();
	const config = vscode.workspace.getConfiguration('paperShelf');
	await config.update('maxDigestSizeMB', 1, vscode.ConfigurationTarget.Workspace);
	try {
		await body(api);
	} finally {
		await config.update('maxDigestSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
		for (const file of [...files, smallDigest()]) await deleteFile(file);
	}
	await waitFor('the bundled digest back', () => bundledOnShelf(api), 30_000);
}

const smallDigest = () => workspaceUri('small.digest.md');

/** Writes a small digest under the limit and refreshes: once it is on the shelf, the refresh has read every digest. */
async function refreshWithSmallDigest(api: Awaited<ReturnType<typeof shelfApi>>): Promise<void> {
	await writeText(smallDigest(), '## A Small Digest Under the Limit\n\nAn abstract long enough to read as the abstract of a paper on the shelf.\n');
	await refresh();
	await waitFor('the small digest on the shelf', () => api.testing.library.papers.some((p) => p.title === 'A Small Digest Under the Limit'), 30_000);
}

suite('Caches and files that lie', () => {
	test('a cache that breaks (a null index manifest, topics of valid shape that group no paper) is ignored: Refresh works, edits show, every paper has a topic', async function () {
		this.timeout(240_000);
		const api = await shelfApi();
		const cacheDir = api.testing?.cacheDir;
		assert.ok(cacheDir, 'the test API names the cache folder');
		const file = workspaceUri('cached.digest.jsonl');
		const count = (tag: string) => api.testing.library.papers.filter((p) => p.title.startsWith(`Cached ${tag} `)).length;
		const state = () => JSON.stringify({ loading: api.testing.library.loading, pending: api.testing.library.topicsPending, papers: api.testing.library.papers.length, topics: api.testing.library.topics.length });
		const workerBefore = { ...api.testing.library.topicsWorkerStats };
		await writeText(file, largeDigest(3000, 'first'));
		try {
			await waitFor('the large digest on the shelf', () => count('first') === 3000, 90_000, state);
			await waitFor('its topics, derived in a worker and cached', () => !api.testing.library.topicsPending && api.testing.library.topics.length > 0, 90_000, state);
			// In both hosts a worker derived them (worker_threads on Node, a Web Worker in the browser), none fell back.
			const stats = api.testing.library.topicsWorkerStats;
			assert.ok(stats.answered > workerBefore.answered && stats.failed === workerBefore.failed, `the topics came from the worker: ${JSON.stringify({ workerBefore, stats })}`);
			const manifests = await waitFor('an index cache on disk', async () => {
				const found = await filesBelow(vscode.Uri.joinPath(cacheDir, 'index-cache'), (n) => n === 'paper-index.json');
				return found.length > 0 ? found : undefined;
			});
			const topicCaches = await waitFor('a topics cache on disk', async () => {
				const found = await filesBelow(vscode.Uri.joinPath(cacheDir, 'topics-cache'), (n) => /^[0-9a-f]{64}\.json$/.test(n));
				return found.length > 0 ? found : undefined;
			});
			for (const manifest of manifests) await writeText(manifest, 'null');
			// Valid shape, a matching key, count and checksum, but no topics: it would group 0 of the papers.
			for (const cache of topicCaches) {
				const key = baseName(cache).replace(/\.json$/, '');
				await writeText(cache, JSON.stringify({ version: 2, key, papers: api.testing.library.papers.length, sha256: sha256Hex('[]'), topics: [] }));
			}

			await refresh();
			assert.equal(count('first'), 3000, 'Refresh keeps the papers');
			await waitFor('topics derived again', () => !api.testing.library.topicsPending, 90_000, state);
			const grouped = everyTopicPaper(api.testing.library.topics);
			assert.equal(api.testing.library.papers.filter((p) => !grouped.has(p.id)).length, 0, `every paper has a topic (${grouped.size} of ${api.testing.library.papers.length})`);

			for (const manifest of manifests) await writeText(manifest, 'null');
			await writeText(file, largeDigest(3000, 'second'));
			await waitFor('the edited digest on the shelf', () => count('second') === 3000 && count('first') === 0, 90_000, state);
			assert.ok(api.testing.library.search('cached second 2999', 5).some((h) => h.paper.id === '2602.02999'), 'the edited papers are searchable');
		} finally {
			await deleteFile(file);
		}
		await waitFor('the large digest to leave', () => count('first') + count('second') === 0, 60_000);
	});

	test('two large digests on the shelf are both read from their own caches on Refresh and answer as before', async function () {
		this.timeout(240_000);
		const api = await shelfApi();
		const cacheDir = api.testing?.cacheDir;
		assert.ok(cacheDir, 'the test API names the cache folder');
		const files = [workspaceUri('alpha.digest.jsonl'), workspaceUri('beta.digest.jsonl')];
		const count = (tag: string) => api.testing.library.papers.filter((p) => p.title.startsWith(`Cached ${tag} `)).length;
		const state = () => JSON.stringify({ loading: api.testing.library.loading, alpha: count('alpha'), beta: count('beta') });
		const queries = ['cached alpha paper 1999', 'beta 42', 'optical interconnects', 'spikng networks', 'quantiz'];
		const answers = () => queries.map((q) => api.testing.library.search(q, 10_000).map((h) => `${h.paper.id} ${h.score}`).sort());
		const manifests = () => filesBelow(vscode.Uri.joinPath(cacheDir, 'index-cache'), (n) => n === 'paper-index.json');
		const created = async () => (await Promise.all((await manifests()).map(async (m) => `${m.toString()} ${(JSON.parse(await readText(m)) as { created: string }).created}`))).sort();
		await writeText(files[0], largeDigest(2500, 'alpha'));
		await writeText(files[1], largeDigest(2500, 'beta', 10_000));
		try {
			await waitFor('both large digests on the shelf', () => !api.testing.library.loading && count('alpha') === 2500 && count('beta') === 2500, 120_000, state);
			const before = answers();
			assert.ok(before.every((hits) => hits.length > 0), 'every query finds papers');
			const written = await waitFor('an index cache for each digest', async () => {
				const found = await created();
				return found.length >= 2 && found;
			}, 60_000);
			await refresh();
			assert.equal(count('alpha') + count('beta'), 5000, 'Refresh keeps the papers of both');
			assert.deepStrictEqual(await created(), written, 'both indexes came from their caches (none was built and saved again)');
			assert.deepStrictEqual(answers(), before, 'searches answer as before');
		} finally {
			await Promise.all(files.map((f) => deleteFile(f)));
		}
		await waitFor('the large digests to leave', () => count('alpha') + count('beta') === 0, 60_000);
	});

	test('a folder named like a digest is skipped; the bundled digest and real digests stay on the shelf', async function () {
		this.timeout(120_000);
		const folder = workspaceUri('folder.digest.json');
		await vscode.workspace.fs.createDirectory(folder);
		try {
			await notADigestIsSkipped(folder);
		} finally {
			await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
		}
	});

	nodeOnlyTest('a FIFO named like a digest is skipped; the bundled digest and real digests stay on the shelf', 'makes a FIFO with mkfifo (child_process), which vscode.workspace.fs cannot', async function () {
		if (process.platform === 'win32') {
			this.skip(); // no FIFOs there
		}
		this.timeout(120_000);
		const fifo = workspaceUri('pipe.digest.txt');
		assert.equal(spawnSync('mkfifo', [fifo.fsPath]).status, 0, 'mkfifo made the FIFO');
		try {
			await notADigestIsSkipped(fifo);
		} finally {
			fs.rmSync(fifo.fsPath, { force: true });
		}
	});

	test('with maxDigestSizeMB set to 1, a larger digest is refused from its size with a diagnostic naming size and setting', async function () {
		this.timeout(120_000);
		const big = workspaceUri('big.digest.jsonl');
		await withOneMegabyteLimit(async (api) => {
			await writeText(big, largeDigest(8000, 'big').slice(0, 1.5 * 1024 * 1024));
			await refreshWithSmallDigest(api);
			assert.deepStrictEqual(diagnosticMessages(big), ['file too large: 1.5 MB is over the 1 MB limit (setting paperShelf.maxDigestSizeMB)']);
			assert.equal(api.testing.library.papers.filter((p) => p.title.startsWith('Cached big ')).length, 0, 'no paper of the refused digest');
		}, [big]);
	});

	nodeOnlyTest('with maxDigestSizeMB set to 1, a sparse 3 GB digest is refused from its size, never read', 'makes a sparse 3 GB file with fs.truncate, which vscode.workspace.fs cannot (it writes every byte)', async function () {
		this.timeout(120_000);
		const huge = workspaceUri('huge.digest.jsonl');
		await withOneMegabyteLimit(async (api) => {
			// A sparse 3 GB file: nothing on disk, but reading it would fail (or take 3 GB); refused from its size, it is never read.
			fs.closeSync(fs.openSync(huge.fsPath, 'w'));
			fs.truncateSync(huge.fsPath, 3 * 1024 * 1024 * 1024);
			await refreshWithSmallDigest(api);
			assert.deepStrictEqual(diagnosticMessages(huge), ['file too large: 3072 MB is over the 1 MB limit (setting paperShelf.maxDigestSizeMB)']);
		}, [huge]);
	});
});
