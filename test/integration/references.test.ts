import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/model';
import { ReferencesIds, type ReferenceItem } from '../../src/extension/cite/referencesView';
import { shelfApi, waitFor, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

/** Two shelf papers with their keys. */
function twoPapers(api: Api): [{ paper: Paper; key: string }, { paper: Paper; key: string }] {
	const withKeys = api.testing.library.papers.map((paper) => ({ paper, key: api.testing.citations.keyOf(paper.id) ?? '' })).filter((p) => p.key !== '');
	assert.ok(withKeys.length >= 2, 'the shelf has at least two papers with keys');
	return [withKeys[0], withKeys[1]];
}

const OWN_ENTRY = '@book{knuth1984texbook,\n  title = {The {\\TeX}book},\n  author = {Knuth, Donald E.},\n  year = {1984}\n}\n';

suite('References in this note', () => {
	suiteTeardown(async () => {
		await vscode.commands.executeCommand('workbench.action.files.saveAll');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('the view lists the active note’s keys in order of first use, with title and where each resolves, and follows edits', async () => {
		const api = await shelfApi();
		const [a, b] = twoPapers(api);
		const bib = workspaceUri('cite', 'refs-view.bib');
		// The own entry first, then a's entry at line 7.
		await writeText(bib, `${OWN_ENTRY}\n@misc{${a.key},\n  title = {A}\n}\n`);
		const note = workspaceUri('cite', 'refs-view.md');
		await writeText(note, `---\nbibliography: refs-view.bib\n---\n\nFirst [@${b.key}].\n\nThen [@knuth1984texbook; @${a.key}] and @missingKey2000.\n\nAgain [@${b.key}].\n`);
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(note), { preview: false });
		const references = api.testing.references;
		await waitFor('the view follows the active note', () => references.note === editor.document);

		const items = await references.items();
		assert.deepEqual(items.map((i) => i.reference.key), [b.key, 'knuth1984texbook', a.key, 'missingKey2000']);
		const row = (i: number) => references.getTreeItem(items[i]);
		assert.match(String(row(0).description), /^on the shelf \(no bibliography entry yet\) — /);
		assert.ok(String(row(0).description).includes(b.paper.title.replace(/\s+/g, ' ').slice(0, 20)), 'a shelf key shows its paper’s title');
		assert.match(String(row(1).description), /refs-view\.bib, line 1$/);
		assert.match(String(row(2).description), /^cite\/refs-view\.bib, line 7 — /);
		assert.match(String(row(3).description), /resolves nowhere/);
		assert.equal(items[0].reference.occurrences.length, 2, 'both uses of b are kept');
		assert.equal(row(2).contextValue, 'reference.paper', 'a shelf paper’s row can open its abstract');
		assert.equal(row(1).contextValue, 'reference', 'an own entry has no abstract to open');
		assert.equal(items[1].entry?.uri.toString(), bib.toString());
		assert.equal(items[1].entry?.range.start.line, 0);

		// Shown, the view lists again (debounced) when the note changes: a new first citation comes first.
		await vscode.commands.executeCommand(`${ReferencesIds.View}.focus`);
		await vscode.window.showTextDocument(editor.document, { preview: false });
		let listed: readonly ReferenceItem[] = [];
		const listener = references.onDidList((l) => (listed = l));
		try {
			await editor.edit((e) => e.insert(new vscode.Position(4, 0), 'Now [@addedFirst2021]. '));
			await waitFor('the view lists the edited note', () => listed[0]?.reference.key === 'addedFirst2021', 10_000, () => listed.map((i) => i.reference.key).join(', '));
		} finally {
			listener.dispose();
		}
		await vscode.commands.executeCommand('workbench.action.files.save');
	});

	test('clicking a row selects the key’s first use in the note, and the context action opens the abstract', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const note = workspaceUri('cite', 'refs-reveal.md');
		await writeText(note, `# Notes\n\nSome text.\n\nHere [@${a.key}] and there @${a.key}.\n`);
		const document = await vscode.workspace.openTextDocument(note);
		await vscode.window.showTextDocument(document, { preview: false });
		const references = api.testing.references;
		await waitFor('the view follows the note', () => references.note === document);
		const [item] = await references.items();
		assert.equal(item.reference.key, a.key);
		// Move away, then run the row's command as a click does.
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		const row = references.getTreeItem(item);
		assert.ok(row.command, 'a row has a click command');
		await vscode.commands.executeCommand(row.command.command, ...(row.command.arguments ?? []));
		const editor = await waitFor('the note is shown again', () => vscode.window.activeTextEditor?.document.uri.toString() === note.toString() && vscode.window.activeTextEditor);
		assert.equal(editor.document.getText(editor.selection), a.key);
		assert.equal(editor.selection.start.line, 4, 'the first use is selected, not the second');

		const opened = new Promise<string>((resolve) => {
			const d = api.testing.panels.onDidOpenPaper((id) => (d.dispose(), resolve(id)));
		});
		await vscode.commands.executeCommand(ReferencesIds.OpenAbstract, item);
		assert.equal(await opened, a.paper.id);
	});

	test('titles, keys and file names on the rows are plain text: no bidi controls or line breaks', async () => {
		const api = await shelfApi();
		const references = api.testing.references;
		const hostile: Paper = { ...twoPapers(api)[0].paper, title: 'Evil \u202Egpj.exe\u202C title\nwith [link](command:x) $(alert)' };
		const item: ReferenceItem = {
			note: workspaceUri('cite', 'refs-reveal.md'),
			reference: { key: 'k\u2067ey', occurrences: [{ key: 'k', start: 0, end: 1, line: 1, column: 1, syntax: 'pandoc' }], resolution: { kind: 'shelf', paperId: hostile.id } },
			paper: hostile,
		};
		const row = references.getTreeItem(item);
		for (const text of [String(row.label), String(row.description), String(row.tooltip)]) {
			assert.doesNotMatch(text, /[\u202A-\u202E\u2066-\u2069]/, `no bidi control in '${text}'`);
		}
		assert.doesNotMatch(String(row.description), /\n/);
		assert.equal(typeof row.tooltip, 'string', 'the tooltip is a plain string, never Markdown');
	});
});
