import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { deriveTopics, type Topic } from '../../src/core/topics';
import type { PaperNode, ShelfNode } from '../../src/extension/tree/papersTree';
import { deleteFile, EXTENSION_ID, readText, shelfApi, waitFor, workspaceUri } from './helpers';

/** Titles straight from the bundled file: a title line is followed by a blank line and a long abstract line. */
async function bundledTitles(): Promise<string[]> {
	const extension = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(extension);
	const text = await readText(vscode.Uri.joinPath(extension.extensionUri, 'media', 'digests', 'daily-papers.txt'));
	const lines = text.split(/\r?\n/);
	const titles: string[] = [];
	for (let i = 0; i + 2 < lines.length; i++) {
		if (lines[i].trim() !== '' && lines[i + 1].trim() === '' && lines[i + 2].length > 300 && lines[i].length < 300) {
			titles.push(lines[i].trim());
		}
	}
	return titles;
}

function papersBelow(api: Awaited<ReturnType<typeof shelfApi>>, nodes: readonly ShelfNode[]): PaperNode[] {
	// Nodes come from the extension's bundle, so they are told apart by `kind`, not instanceof.
	return nodes.flatMap((n) => n.kind === 'paper' ? [n] : papersBelow(api, api.testing.view.tree.getChildren(n)));
}

suite('The Papers view on the bundled digest', () => {
	test('shows the 71 papers of the bundled digest, grouped by topic', async () => {
		const api = await shelfApi();
		const expected = await bundledTitles();
		assert.equal(expected.length, 71, 'the bundled file itself should hold 71 papers');
		const bundled = api.testing.library.digests.find((d) => d.source.origin === 'bundled');
		assert.ok(bundled, 'the bundled digest is loaded with nothing configured');
		assert.equal(bundled.parsed.papers.length, 71);

		api.testing.view.tree.groupBy = 'topic';
		const roots = api.testing.view.tree.getChildren();
		assert.ok(roots.every((r) => r.kind === 'group'), 'top-level nodes are topics');
		assert.ok(roots.length >= 5 && roots.length <= 16, `5–15 topics (plus Other) expected, got ${roots.length}`);
		const shown = new Set(papersBelow(api, roots).map((n) => n.paper.title));
		for (const title of expected) {
			assert.ok(shown.has(title), `the tree shows “${title}”`);
		}
	});

	test('every topic group says how many papers it holds', async () => {
		const api = await shelfApi();
		api.testing.view.tree.groupBy = 'topic';
		for (const root of api.testing.view.tree.getChildren()) {
			const item = api.testing.view.tree.getTreeItem(root);
			const count = papersBelow(api, [root]).length;
			assert.equal(item.description, String(new Set(papersBelow(api, [root]).map((n) => n.paper.id)).size), `count of ${String(item.label)}`);
			assert.ok(count > 0);
		}
	});

	test('paper items carry stable ids, a description and an escaped tooltip, and reveal works', async () => {
		const api = await shelfApi();
		const first = papersBelow(api, api.testing.view.tree.getChildren())[0];
		const item = api.testing.view.tree.getTreeItem(first);
		assert.ok(item.id && item.id.endsWith(first.paper.id));
		assert.equal(item.command?.command, 'paperShelf.openAbstract');
		assert.ok(item.tooltip instanceof vscode.MarkdownString);
		assert.equal((item.tooltip as vscode.MarkdownString).isTrusted, false);
		await vscode.commands.executeCommand('workbench.view.extension.paperShelf');
		await waitFor('the Papers view to be visible', () => api.testing.view.view.visible);
		await api.testing.view.view.reveal(first, { select: true });
		const selected = api.testing.view.view.selection[0];
		assert.equal(selected?.kind === 'paper' ? selected.paper.id : undefined, first.paper.id);
	});

	test('filtering narrows the tree and says so; clearing restores it', async () => {
		const api = await shelfApi();
		const total = api.testing.library.papers.length;
		api.testing.view.applyFilter('quantization');
		const matching = papersBelow(api, api.testing.view.tree.getChildren());
		const distinct = new Set(matching.map((n) => n.paper.id)).size;
		assert.ok(distinct > 0 && distinct < total, `some but not all papers match (${distinct} of ${total})`);
		for (const n of matching) {
			assert.match(`${n.paper.title} ${n.paper.abstract}`, /quanti/i);
		}
		assert.equal(api.testing.view.view.message, `${distinct} of ${total} papers match 'quantization'`);
		await vscode.commands.executeCommand('paperShelf.clearFilter');
		assert.equal(api.testing.view.view.message, undefined);
		assert.equal(new Set(papersBelow(api, api.testing.view.tree.getChildren()).map((n) => n.paper.id)).size, total);
	});

	test('grouping by digest, date and none keeps every paper', async () => {
		const api = await shelfApi();
		const total = api.testing.library.papers.length;
		for (const by of ['digest', 'date', 'none', 'topic'] as const) {
			await vscode.commands.executeCommand('paperShelf.groupBy', by);
			assert.equal(api.testing.view.tree.groupBy, by);
			assert.equal(new Set(papersBelow(api, api.testing.view.tree.getChildren()).map((n) => n.paper.id)).size, total, `group by ${by}`);
		}
	});
});

suite('Topics of one’s own', () => {
	test('Make a Topic from This Search adds a user topic that is listed first with the matching papers', async () => {
		const api = await shelfApi();
		api.testing.view.tree.groupBy = 'topic';
		api.testing.view.applyFilter('spiking');
		const expected = new Set(api.testing.library.search('spiking', 1000).map((h) => h.paper.id));
		assert.ok(expected.size > 0, 'the bundled digest has spiking papers');
		await vscode.commands.executeCommand('paperShelf.makeTopicFromSearch', undefined, 'My spiking papers');
		try {
			const first = await waitFor('the user topic to lead the tree', () => {
				const root = api.testing.view.tree.getChildren()[0];
				return root?.kind === 'group' && root.group.label === 'My spiking papers' ? root : undefined;
			});
			assert.equal(api.testing.view.tree.filter, undefined, 'the filter is cleared once it became a topic');
			assert.deepEqual(new Set(papersBelow(api, [first]).map((n) => n.paper.id)), expected);
			assert.equal(api.testing.view.tree.getTreeItem(first).contextValue, 'topic.user');
		} finally {
			await vscode.workspace.getConfiguration('paperShelf').update('topics', undefined, vscode.ConfigurationTarget.Workspace);
		}
		await waitFor('the user topic to go', () => !api.testing.view.tree.getChildren().some((r) => r.kind === 'group' && r.group.label === 'My spiking papers'));
	});

	test('renaming a derived topic keeps its papers and survives re-deriving', async () => {
		const api = await shelfApi();
		api.testing.view.tree.groupBy = 'topic';
		const topic = api.testing.view.tree.getChildren().find((r) => r.kind === 'group' && r.group.kind === 'topic');
		assert.ok(topic && topic.kind === 'group');
		const papers = new Set(papersBelow(api, [topic]).map((n) => n.paper.id));
		await vscode.commands.executeCommand('paperShelf.renameTopic', topic, 'Renamed by the test');
		const renamed = api.testing.view.tree.getChildren().find((r) => r.kind === 'group' && r.group.label === 'Renamed by the test');
		assert.ok(renamed, 'the topic shows its new name');
		assert.deepEqual(new Set(papersBelow(api, [renamed]).map((n) => n.paper.id)), papers);
		api.testing.library.invalidateTopics();
		assert.ok(api.testing.view.tree.getChildren().some((r) => r.kind === 'group' && r.group.label === 'Renamed by the test'), 'the name is remembered');
	});

	test('a renamed topic keeps its name and its papers when a day of papers is added to the shelf and removed again, and through Regroup Topics', async () => {
		const api = await shelfApi();
		const settings = vscode.workspace.getConfiguration('paperShelf');
		// The bundled digest stays on the shelf beside the day (with `auto` it would leave when the day lands).
		await settings.update('showBundledDigest', 'always', vscode.ConfigurationTarget.Workspace);
		const day = workspaceUri('daily_papers_2026-08-21.json');
		const dayFixture = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'test', 'fixtures', 'digests', 'hf-daily-papers-2026-08-21.json');
		const label = 'Kept from day to day';
		const bundledOnly = () => !api.testing.library.loading && !api.testing.library.papers.some((p) => p.source.file.endsWith('.json'))
			&& api.testing.library.papers.some((p) => p.source.file.endsWith('daily-papers.txt'));
		const renamedTopic = () => {
			const root = api.testing.view.tree.getChildren().find((r) => r.kind === 'group' && r.group.label === label);
			return root && root.kind === 'group' ? root : undefined;
		};
		const state = () => JSON.stringify({
			loading: api.testing.library.loading,
			pending: api.testing.library.topicsPending,
			papers: api.testing.library.papers.length,
			topics: api.testing.view.tree.getChildren().map((r) => (r.kind === 'group' ? `${r.group.topicId ?? ''}: ${r.group.label}` : r.kind)),
		});
		try {
			await waitFor('the bundled digest alone on the shelf', bundledOnly, 20_000, state);
			api.testing.view.tree.groupBy = 'topic';
			const largest = api.testing.view.tree.getChildren()
				.filter((r) => r.kind === 'group' && r.group.kind === 'topic' && r.group.topicId !== undefined && r.group.topicId !== 'other')
				.sort((a, b) => papersBelow(api, [b]).length - papersBelow(api, [a]).length)[0];
			assert.ok(largest && largest.kind === 'group');
			const topicId = largest.group.topicId;
			const papers = new Set(papersBelow(api, [largest]).map((n) => n.paper.id));
			await vscode.commands.executeCommand('paperShelf.renameTopic', largest, label);
			assert.ok(renamedTopic(), 'the topic shows its new name');

			await vscode.workspace.fs.writeFile(day, await vscode.workspace.fs.readFile(dayFixture));
			await waitFor('the day’s 17 papers on the shelf, with their topics', () => !api.testing.library.loading && !api.testing.library.topicsPending
				&& api.testing.library.papers.filter((p) => p.source.file.endsWith('.json')).length === 17, 30_000, state);
			const withDay = renamedTopic();
			assert.ok(withDay, `the renamed topic is still there with the day added: ${state()}`);
			assert.equal(withDay.group.topicId, topicId);
			const below = new Set(papersBelow(api, [withDay]).map((n) => n.paper.id));
			for (const id of papers) assert.ok(below.has(id), `paper ${id} stays in the renamed topic`);

			await deleteFile(day);
			await waitFor('the day to leave the shelf', bundledOnly, 30_000, state);
			const without = renamedTopic();
			assert.ok(without, `the renamed topic is still there with the day removed: ${state()}`);
			assert.equal(without.group.topicId, topicId);
			assert.deepEqual(new Set(papersBelow(api, [without]).map((n) => n.paper.id)), papers);

			// Regroup Topics groups the shelf afresh (as deriving with no memory does) and the renamed topic continues.
			await vscode.workspace.fs.writeFile(day, await vscode.workspace.fs.readFile(dayFixture));
			await waitFor('the day back on the shelf', () => !api.testing.library.loading && !api.testing.library.topicsPending
				&& api.testing.library.papers.filter((p) => p.source.file.endsWith('.json')).length === 17, 30_000, state);
			const partition = (topics: readonly Topic[]) => topics.filter((t) => t.kind !== 'user').map((t) => [...t.paperIds].sort().join(' ')).sort();
			const fresh = partition(deriveTopics(api.testing.library.papers));
			assert.notDeepEqual(partition(api.testing.library.topics), fresh, 'the remembered grouping is not what a fresh one would be');
			await vscode.commands.executeCommand('paperShelf.regroupTopics');
			assert.deepEqual(partition(api.testing.library.topics), fresh, 'Regroup Topics groups the shelf afresh');
			const regrouped = renamedTopic();
			assert.ok(regrouped, `the renamed topic continues after Regroup Topics: ${state()}`);
			assert.equal(regrouped.group.topicId, topicId);
		} finally {
			await deleteFile(day);
			await settings.update('showBundledDigest', undefined, vscode.ConfigurationTarget.Workspace);
		}
		await waitFor('the shelf as it was', () => !api.testing.library.loading && api.testing.library.papers.length === 71, 30_000, state);
	});
});
