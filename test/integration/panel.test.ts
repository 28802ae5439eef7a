import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RenderedReport } from '../../src/extension/panel/abstractPanels';
import { deleteFile, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

/** Runs `action` and resolves with the next report of a rendered paper with `id`. */
async function renderedAfter(api: Awaited<ReturnType<typeof shelfApi>>, id: string, action: () => Thenable<unknown> | void): Promise<RenderedReport> {
	const seen = new Promise<RenderedReport>((resolve) => {
		const sub = api.testing.panels.onDidRender((r) => {
			if (r.id === id) {
				sub.dispose();
				resolve(r);
			}
		});
	});
	await action();
	return waitFor(`the panel to render ${id}`, async () => Promise.race([seen, new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]), 15_000);
}

suite('The abstract panel', () => {
	test('opens with the paper’s title and abstract', async () => {
		const api = await shelfApi();
		const paper = api.testing.library.papers.find((p) => p.title.startsWith('Flash-LLM'));
		assert.ok(paper, 'Flash-LLM is in the bundled digest');
		const report = await renderedAfter(api, paper.id, () => vscode.commands.executeCommand('paperShelf.openAbstract', paper.id));
		assert.equal(report.title, paper.title);
		assert.equal(report.abstractText, paper.abstract);
		assert.equal(report.elementCounts.script, 0, 'no script in the paper’s part of the page');
		assert.ok(report.elementCounts.button >= 3, 'the action buttons are there');
	});

	test('the palette search finds a paper by a prefix and Enter opens it', async () => {
		const api = await shelfApi();
		const titles = api.testing.search.itemsFor('quantiz').map((i) => i.label);
		assert.ok(titles.length > 0, 'the prefix finds papers');
		assert.ok(titles.some((t) => /quantiz/i.test(t)), `a quantization paper is among ${titles.slice(0, 5).join(' | ')}`);
		const best = api.testing.search.itemsFor('quantiz')[0];
		assert.ok(best.paperId);
		const report = await renderedAfter(api, best.paperId, async () => {
			await vscode.commands.executeCommand('paperShelf.searchPapers', 'quantiz');
			await new Promise((r) => setTimeout(r, 300));
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		});
		assert.equal(report.title, best.label);
		assert.ok(report.elementCounts.mark > 0, 'the search terms are highlighted');
	});

	test('the palette search says when no papers match', async () => {
		const api = await shelfApi();
		const items = api.testing.search.itemsFor('zzqxv');
		assert.equal(items.length, 1);
		assert.match(items[0].label, /No papers match/);
		assert.equal(items[0].paperId, undefined);
	});

	test('hostile text in a digest renders as text, never as markup', async () => {
		const api = await shelfApi();
		const file = workspaceUri('hostile.digest.md');
		const abstract = 'We show <script>window.pwned = 1</script> and <img src=x onerror="alert(1)"> and <iframe src="https://example.com"></iframe> stay text & are harmless.';
		await writeText(file, `# Hostile digest\n\n## A <b>bold</b> paper <script>alert("title")</script>\n\n${abstract}\n`);
		try {
			const paper = await waitFor('the hostile digest to be indexed', () => api.testing.library.papers.find((p) => p.title.includes('<b>bold</b>')));
			const report = await renderedAfter(api, paper.id, () => vscode.commands.executeCommand('paperShelf.openAbstract', paper.id));
			assert.equal(report.title, paper.title, 'the title is shown literally');
			assert.ok(report.abstractText.includes('<script>window.pwned = 1</script>'), 'the script tag is visible text');
			assert.ok(report.abstractText.includes('<img src=x onerror="alert(1)">'));
			assert.equal(report.elementCounts.script, 0, 'no script element was injected');
			assert.equal(report.elementCounts.img, 0, 'no img element was injected');
			assert.equal(report.elementCounts.iframe, 0, 'no iframe element was injected');
		} finally {
			await deleteFile(file);
			await waitFor('the hostile digest to leave the shelf', () => !api.testing.library.papers.some((p) => p.title.includes('<b>bold</b>')));
		}
	});
});

suite('Paper commands', () => {
	test('with an empty query the palette search lists the papers opened most recently first', async () => {
		const api = await shelfApi();
		const [a, b] = api.testing.library.papers.slice(-2);
		for (const p of [a, b]) {
			await renderedAfter(api, p.id, () => vscode.commands.executeCommand('paperShelf.openAbstract', p.id));
		}
		const items = api.testing.search.itemsFor('');
		const ids = items.filter((i) => i.paperId).map((i) => i.paperId);
		assert.equal(items[0].label, 'Recently opened');
		assert.deepEqual(ids.slice(0, 2), [b.id, a.id], 'the last opened comes first');
	});

	test('Reveal in Digest File opens the digest at the paper’s lines', async () => {
		const api = await shelfApi();
		const paper = api.testing.library.papers.find((p) => p.title.startsWith('Flash-LLM'));
		assert.ok(paper);
		await vscode.commands.executeCommand('paperShelf.revealInDigest', paper.id);
		const editor = await waitFor('an editor on the digest', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('daily-papers.txt') ? vscode.window.activeTextEditor : undefined);
		assert.equal(editor.selection.start.line, paper.source.startLine - 1);
		assert.equal(editor.document.lineAt(editor.selection.start.line).text.trim(), paper.title);
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
	});
});
