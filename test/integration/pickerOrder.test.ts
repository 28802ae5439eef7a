import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/model';
import { citePickItems, showPaperQuickPick } from '../../src/extension/search/paperQuickPick';
import { deleteFile, EXTENSION_ID, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

/**
 * Two papers for one rare word where the index's order is not VS Code's: both titles hold "quokka" (so VS Code's own
 * label sort would take over and put them alphabetically, Alpha first), but Zebra's title is shorter, comes first in
 * its digest and its abstract is about quokkas, so any sane index ranks Zebra first.
 */
const QUOKKA_DIGEST = [
	'## Zebra Quokka Tracking\n\nWe track the quokka through dense scrub: quokka trajectories from camera traps, a quokka re-identification model, and a public quokka dataset.\n',
	'## Alpha Quokka Census With Camera Drones\n\nWe count large marsupials on islands from aerial images with a detector trained on few labels and report the error of each count.\n',
].join('\n');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function byTitle(api: Api, start: string): Paper | undefined {
	return api.testing.library.papers.find((p) => p.title.startsWith(start));
}

async function withDigests<T>(api: Api, body: () => Promise<T>): Promise<T> {
	const hfSource = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'test', 'fixtures', 'digests', 'hf-daily-papers-2026-08-21.json');
	const hf = workspaceUri('order', 'hf.digest.json');
	const quokka = workspaceUri('order', 'quokka.digest.md');
	await vscode.workspace.fs.writeFile(hf, await vscode.workspace.fs.readFile(hfSource));
	await writeText(quokka, QUOKKA_DIGEST);
	try {
		await waitFor('the order digests to be indexed', () => byTitle(api, 'FACET:') && byTitle(api, 'Zebra Quokka') && byTitle(api, 'Alpha Quokka'));
		return await body();
	} finally {
		await deleteFile(hf);
		await deleteFile(quokka);
		await waitFor('the order digests to leave the shelf', () => !byTitle(api, 'FACET:') && !byTitle(api, 'Zebra Quokka'));
	}
}

/** Types nothing: puts the cursor at the end of `text` in a new note, opens VS Code's suggest widget and accepts its first row. */
async function acceptFirstSuggestion(name: string, text: string): Promise<string> {
	const uri = workspaceUri('order', name);
	await writeText(uri, text);
	const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
	const end = editor.document.positionAt(text.length);
	editor.selection = new vscode.Selection(end, end);
	await vscode.commands.executeCommand('editor.action.triggerSuggest');
	await sleep(1500);
	await vscode.commands.executeCommand('acceptSelectedSuggestion');
	await sleep(300);
	const result = editor.document.getText();
	await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	await deleteFile(uri);
	return result;
}

suite('Pickers keep the index’s order', () => {
	test('\\cite{facet and @swe: the first suggestion VS Code shows is the index’s first hit, not its own fuzzy favourite', async () => {
		const api = await shelfApi();
		await withDigests(api, async () => {
			const facet = byTitle(api, 'FACET:')!;
			const swe = byTitle(api, 'SWE-bench Science')!;
			assert.equal(api.testing.library.search('facet', 5)[0]?.paper.id, facet.id, 'the index ranks FACET first for "facet"');
			assert.equal(api.testing.library.search('swe', 5)[0]?.paper.id, swe.id, 'the index ranks SWE-bench Science first for "swe"');
			const facetKey = api.testing.citations.keyOf(facet.id)!;
			const sweKey = api.testing.citations.keyOf(swe.id)!;

			const tex = await acceptFirstSuggestion('order.tex', '\\documentclass{article}\n\\begin{document}\nAs in \\cite{facet');
			assert.ok(tex.endsWith(`\\cite{${facetKey}`), `Enter after \\cite{facet inserts FACET's key ${facetKey}; got …${tex.slice(-40)}`);
			const md = await acceptFirstSuggestion('order.md', 'As in @swe');
			assert.ok(md.endsWith(`@${sweKey}`), `Enter after @swe inserts SWE-bench Science's key ${sweKey}; got …${md.slice(-40)}`);

			// The provider's own list: the index's hits in order, with sortText ranks and the typed text as filterText.
			const note = workspaceUri('order', 'list.md');
			await writeText(note, 'As in @quokka');
			try {
				const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note, new vscode.Position(0, 13));
				const refs = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
				const expected = api.testing.library.search('quokka', 200).map((h) => api.testing.citations.keyOf(h.paper.id));
				assert.deepEqual(refs.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)), expected, 'the keys come in the index’s order');
				assert.deepEqual(refs.map((i) => i.sortText), refs.map((_, r) => String(r).padStart(6, '0')), 'sortText is the zero-padded rank');
				assert.ok(refs.every((i) => i.filterText === 'quokka'), 'every filterText is the typed text, so VS Code’s fuzzy score ties');
				assert.equal(list.isIncomplete, true, 'the next keystroke asks the index again');
			} finally {
				await deleteFile(note);
			}
		});
	});

	test('the palette search and the Insert Citation picker show the index’s order, not VS Code’s alphabetical label sort', async () => {
		const api = await shelfApi();
		await withDigests(api, async () => {
			const zebra = byTitle(api, 'Zebra Quokka')!;
			const alpha = byTitle(api, 'Alpha Quokka')!;
			const ranked = api.testing.search.itemsFor('quokka').map((i) => i.paperId);
			assert.deepEqual(ranked.slice(0, 2), [zebra.id, alpha.id], 'the index ranks Zebra (about quokkas) above Alpha (a title mention)');

			// Palette search: Enter takes the row VS Code shows first.
			const opened = new Promise<string>((resolve) => {
				const sub = api.testing.panels.onDidRender((r) => {
					if (r.id === zebra.id || r.id === alpha.id) {
						sub.dispose();
						resolve(r.id);
					}
				});
			});
			await vscode.commands.executeCommand('paperShelf.searchPapers', 'quokka');
			await sleep(500);
			await vscode.commands.executeCommand('quickInput.first');
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			assert.equal(await waitFor('a quokka paper to open', () => Promise.race([opened, sleep(200).then(() => undefined)])), zebra.id, 'the first row of the palette search is the index’s first');

			// The Insert Citation picker (several may be ticked): focus the first row VS Code shows and take it.
			const keyOf = (id: string) => api.testing.citations.keyOf(id);
			const picked = showPaperQuickPick({ title: 'Insert Citation', placeholder: '', canSelectMany: true, value: 'quokka', items: (q) => citePickItems(api.testing.library, keyOf, q) });
			await sleep(500);
			await vscode.commands.executeCommand('quickInput.first');
			await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
			const result = await picked;
			assert.deepEqual(result?.ids, [zebra.id], 'the first row of the citation picker is the index’s first');
		});
	});
});
