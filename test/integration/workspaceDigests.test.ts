import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { deleteFile, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

function markdownDigest(titles: readonly string[]): string {
	return titles.map((t) => `## ${t}\n\nAn abstract about ${t.toLowerCase()} that is long enough to read as an abstract of a paper.\n`).join('\n');
}

suite('Workspace digests', () => {
	test('adding, editing and deleting a workspace digest updates the tree', async () => {
		const api = await shelfApi();
		const file = workspaceUri('notes', 'week.digest.md');
		const has = (title: string) => api.testing.view.tree.findPaper(api.testing.library.papers.find((p) => p.title === title)?.id ?? '') !== undefined;
		try {
			await writeText(file, markdownDigest(['Sparse Attention Kernels for Tiny GPUs', 'Optical Interconnects for Racks']));
			const state = () => JSON.stringify({
				digests: api.testing.library.digests.map((d) => `${d.source.origin} ${d.source.uri.path.split('/').slice(-2).join('/')}: ${d.parsed.papers.length}`),
				papers: api.testing.library.papers.filter((p) => !p.source.file.endsWith('daily-papers.txt')).map((p) => p.title),
				loading: api.testing.library.loading,
				groupBy: api.testing.view.tree.groupBy,
			});
			await waitFor('the new digest to appear in the tree', () => has('Sparse Attention Kernels for Tiny GPUs') && has('Optical Interconnects for Racks'), 20_000, state);

			await writeText(file, markdownDigest(['Sparse Attention Kernels for Tiny GPUs', 'Wafer-Scale Training Without Tears']));
			await waitFor('the edit to show', () => has('Wafer-Scale Training Without Tears') && !has('Optical Interconnects for Racks'));
			assert.ok(has('Sparse Attention Kernels for Tiny GPUs'), 'the unchanged paper stays');
		} finally {
			await deleteFile(file);
		}
		await waitFor('the deleted digest to leave the tree', () => !api.testing.library.papers.some((p) => p.title === 'Sparse Attention Kernels for Tiny GPUs'));
	});

	test('a folder moved into the workspace with a digest inside puts its papers on the shelf', async () => {
		const api = await shelfApi();
		// A folder beside the workspace folder (outside it), moved in whole: one folder event, no file events.
		const outside = vscode.Uri.joinPath(workspaceUri(), '..', `paper-shelf-moved-${Date.now().toString(36)}`);
		await writeText(vscode.Uri.joinPath(outside, 'moved.digest.md'), markdownDigest(['Papers That Arrived With Their Folder']));
		const target = workspaceUri('arrived');
		await vscode.workspace.fs.rename(outside, target);
		try {
			await waitFor('the moved-in digest to be found', () => api.testing.library.papers.some((p) => p.title === 'Papers That Arrived With Their Folder'), 20_000,
				() => JSON.stringify(api.testing.library.digests.map((d) => d.source.uri.path)));
		} finally {
			await vscode.workspace.fs.delete(target, { recursive: true }).then(undefined, () => undefined);
			await vscode.workspace.fs.delete(outside, { recursive: true }).then(undefined, () => undefined);
		}
		await waitFor('the removed folder’s papers to leave', () => !api.testing.library.papers.some((p) => p.title === 'Papers That Arrived With Their Folder'));
	});

	test('a large digest is indexed in the background, searchable, and re-indexed when it changes', async () => {
		const api = await shelfApi();
		const file = workspaceUri('large.digest.jsonl');
		const lines = (n: number, tag: string) => Array.from({ length: n }, (_, i) => JSON.stringify({
			id: `2601.${String(i).padStart(5, '0')}`,
			title: `Synthetic ${tag} paper number ${i} on wafer-scale photonic interconnects`,
			abstract: `This synthetic abstract ${i} of the ${tag} batch describes photonic interconnect scheduling for wafer-scale accelerators, written only to make the digest large enough to be indexed in chunks with progress.`,
		})).join('\n') + '\n';
		await writeText(file, lines(3000, 'first'));
		try {
			await waitFor('the large digest to be on the shelf', () => api.testing.library.papers.filter((p) => p.title.startsWith('Synthetic first')).length === 3000, 60_000);
			assert.ok(api.testing.library.search('synthetic first 2999', 5).some((h) => h.paper.id === '2601.02999'), 'its papers are searchable');
			api.testing.view.tree.groupBy = 'topic';
			const topics = await waitFor('the topics of 3,000 papers, derived in a worker thread', () => !api.testing.library.topicsPending && api.testing.library.topics.length > 0 ? api.testing.library.topics : undefined, 60_000);
			const grouped = new Set(topics.flatMap(function ids(t): string[] {
				return [...t.paperIds, ...(t.children ?? []).flatMap(ids)];
			}));
			assert.equal(grouped.size, api.testing.library.papers.length, 'every paper on the shelf has a topic');
			await writeText(file, lines(3000, 'second'));
			await waitFor('the changed digest to be re-indexed', () => api.testing.library.papers.filter((p) => p.title.startsWith('Synthetic second')).length === 3000, 60_000);
			assert.equal(api.testing.library.search('synthetic first', 5).filter((h) => h.paper.title.startsWith('Synthetic first')).length, 0, 'nothing of the old content is found');
		} finally {
			await deleteFile(file);
		}
		await waitFor('the large digest to leave', () => !api.testing.library.papers.some((p) => p.title.startsWith('Synthetic ')), 30_000);
	});

	test('while a large digest loads, the Papers view says how far it got, with counts', async () => {
		const api = await shelfApi();
		const file = workspaceUri('counted.digest.jsonl');
		const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({
			id: `2602.${String(i).padStart(5, '0')}`,
			title: `Counted paper number ${i} on cryogenic memory controllers`,
			abstract: `This synthetic abstract ${i} describes cryogenic memory controllers at length, only to make the digest large enough that reading and indexing it take a while and show progress.`,
		})).join('\n') + '\n';
		const seen = new Set<string>();
		const sample = setInterval(() => {
			const message = api.testing.view.view.message;
			if (api.testing.library.loading && message) seen.add(message);
		}, 5);
		try {
			await writeText(file, lines);
			await waitFor('the counted digest to be on the shelf', () => api.testing.library.papers.filter((p) => p.title.startsWith('Counted paper')).length === 20_000, 120_000);
			clearInterval(sample);
			const counted = [...seen].filter((m) => /\d[\d,]* of [\d,]+ papers/.test(m) || /\d[\d,]* papers/.test(m));
			assert.ok(counted.length >= 1, `the view's message counted papers while loading; it said: ${JSON.stringify([...seen])}`);
			assert.ok([...seen].some((m) => m.includes('counted.digest.jsonl')), `the message named the digest being read: ${JSON.stringify([...seen])}`);
		} finally {
			clearInterval(sample);
			await deleteFile(file);
		}
		await waitFor('the counted digest to leave', () => !api.testing.library.papers.some((p) => p.title.startsWith('Counted paper')), 30_000);
	});

	test('a large digest written just before a reload is on the shelf when the reload ends (the watcher’s late event for the same content does not take it over)', async () => {
		const api = await shelfApi();
		const file = workspaceUri('written-then-reloaded.digest.jsonl');
		const lines = Array.from({ length: 15_000 }, (_, i) => JSON.stringify({
			id: `2603.${String(i).padStart(5, '0')}`,
			title: `Reloaded paper number ${i} on superconducting qubit routing`,
			abstract: `This synthetic abstract ${i} is about superconducting qubit routing, long enough that the digest takes a while to read and index.`,
		})).join('\n') + '\n';
		try {
			await writeText(file, lines);
			await api.testing.library.reload();
			const reloaded = api.testing.library.papers.filter((p) => p.title.startsWith('Reloaded paper')).length;
			assert.equal(reloaded, 15_000, 'the reload landed the digest it found');
		} finally {
			await deleteFile(file);
		}
		await waitFor('the reloaded digest to leave', () => !api.testing.library.papers.some((p) => p.title.startsWith('Reloaded paper')), 30_000);
	});

	test('Open Digest File adds a file the globs do not match, and it stays watched', async () => {
		const api = await shelfApi();
		const file = workspaceUri('reading-list.md');
		await writeText(file, markdownDigest(['A Paper From My Reading List']));
		try {
			await vscode.commands.executeCommand('paperShelf.openDigestFile', file);
			assert.ok(api.testing.library.digests.some((d) => d.source.origin === 'opened' && d.source.uri.toString() === file.toString()), 'the file is on the shelf as an opened digest');
			assert.ok(api.testing.library.papers.some((p) => p.title === 'A Paper From My Reading List'));
			await writeText(file, markdownDigest(['A Paper From My Reading List', 'Another One I Added Later']));
			await waitFor('the opened file’s edit to show', () => api.testing.library.papers.some((p) => p.title === 'Another One I Added Later'));
		} finally {
			await deleteFile(file);
		}
		await waitFor('the deleted opened file to leave the shelf', () => !api.testing.library.papers.some((p) => p.title === 'A Paper From My Reading List'));
	});

	test('a burst of edits ends with the latest content', async () => {
		const api = await shelfApi();
		const file = workspaceUri('burst.digest.md');
		try {
			for (let i = 0; i < 5; i++) {
				await writeText(file, markdownDigest([`Burst Paper Version ${i}`]));
			}
			await waitFor('the last version to win', () => api.testing.library.papers.some((p) => p.title === 'Burst Paper Version 4'));
			await new Promise((r) => setTimeout(r, 600));
			assert.deepEqual(api.testing.library.papers.filter((p) => p.title.startsWith('Burst Paper')).map((p) => p.title), ['Burst Paper Version 4']);
		} finally {
			await deleteFile(file);
		}
	});

	test('a malformed digest shows its papers and puts its problems in the Problems panel at the right line', async () => {
		const api = await shelfApi();
		const file = workspaceUri('broken.digest.jsonl');
		const lines = [
			JSON.stringify({ id: '2401.00001', title: 'A Good First Paper', abstract: 'A fine abstract that is long enough to be an abstract.' }),
			JSON.stringify({ id: '2401.00002', title: 'A Good Second Paper', abstract: 'Another fine abstract that is long enough to be one.' }),
			'{"id": "2401.00003", "title": "Broken", "abstract": ',
			JSON.stringify({ id: '2401.00004', title: 'A Good Fourth Paper', abstract: 'Still read after the broken line, as it should be.' }),
		];
		await writeText(file, lines.join('\n') + '\n');
		try {
			await waitFor('the readable papers to load', () => ['2401.00001', '2401.00002', '2401.00004'].every((id) => api.testing.library.get(id)));
			const diagnostics = await waitFor('a Problems entry', () => {
				const d = vscode.languages.getDiagnostics(file);
				return d.length > 0 ? d : undefined;
			});
			const error = diagnostics.find((d) => d.severity === vscode.DiagnosticSeverity.Error);
			assert.ok(error, 'the broken line is an error');
			assert.equal(error.range.start.line, 2, 'on line 3 (0-based 2)');
			assert.equal(error.source, 'Paper Shelf');
		} finally {
			await deleteFile(file);
		}
		await waitFor('the Problems entry to go with the file', () => vscode.languages.getDiagnostics(file).length === 0);
	});
});
