import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GroupNode, PaperNode, ShelfNode } from '../../src/extension/tree/papersTree';
import { libraryLocation } from '../../src/extension/keep/libraryStore';
import { deleteFile, shelfApi, waitFor, workspaceUri, writeText, type TestApi } from './helpers';

const LIBRARY = ['papers', 'library.json'];

function roots(api: TestApi): ShelfNode[] {
	return api.testing.view.tree.getChildren();
}

/** The top-level group of this kind and label (nodes come from the extension's bundle: told apart by `kind`). */
function group(api: TestApi, kind: string, label?: string): GroupNode | undefined {
	return roots(api).find((n): n is GroupNode => n.kind === 'group' && n.group.kind === kind && (label === undefined || n.group.label === label));
}

function idsIn(api: TestApi, node: GroupNode | undefined): string[] {
	return node ? api.testing.view.tree.getChildren(node).map((n) => (n as PaperNode).paper.id) : [];
}

async function readLibrary(): Promise<string> {
	return new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(...LIBRARY)));
}

suite('Stars, reading lists and the library file', () => {
	let api: TestApi;
	suiteSetup(async () => {
		api = await shelfApi();
		await deleteFile(workspaceUri(...LIBRARY));
		await api.testing.keeps.store.reload();
	});
	suiteTeardown(async () => {
		await deleteFile(workspaceUri(...LIBRARY));
		await api.testing.keeps.store.reload();
		await api.testing.keeps.setHideRead(false);
	});

	test('Starring a paper puts it in a Starred group at the top of the shelf and in papers/library.json', async () => {
		const [a, b] = api.testing.library.papers;
		assert.equal(group(api, 'starred'), undefined, 'nothing starred yet: no Starred group');
		await vscode.commands.executeCommand('paperShelf.star', [a.id, b.id]);
		const starred = await waitFor('a Starred group', () => group(api, 'starred'));
		assert.equal(roots(api)[0], starred, 'Starred is the first group');
		assert.deepEqual(idsIn(api, starred), [a.id, b.id]);
		const item = api.testing.view.tree.getTreeItem(api.testing.view.tree.getChildren(starred)[0]);
		assert.match(String(item.contextValue), /\.starred/, 'the item knows it is starred (the menu offers Unstar)');
		const text = await readLibrary();
		assert.ok(text.includes(`    ${JSON.stringify(a.id)},\n`), 'one id per line');
		assert.ok(text.includes(`${JSON.stringify(a.id)}: {"title":${JSON.stringify(a.title)}`), 'the record is kept with the star');

		await vscode.commands.executeCommand('paperShelf.unstar', [b.id]);
		await waitFor('b unstarred', () => idsIn(api, group(api, 'starred')).length === 1);
		assert.ok(!(await readLibrary()).includes(`${JSON.stringify(b.id)}: {`), 'the record goes with the last star');
	});

	test('Adding to and removing from a reading list; the list is a group with its unread count', async () => {
		const [a, b, c] = api.testing.library.papers;
		await vscode.commands.executeCommand('paperShelf.addToList', [a.id, b.id, c.id], undefined, 'to read');
		const list = await waitFor('the list group', () => group(api, 'list', 'to read'));
		assert.deepEqual(idsIn(api, list), [a.id, b.id, c.id]);
		assert.equal(api.testing.view.tree.getTreeItem(list).description, '3 · 3 unread');
		await vscode.commands.executeCommand('paperShelf.markRead', [b.id]);
		await waitFor('2 unread', () => api.testing.view.tree.getTreeItem(group(api, 'list', 'to read')!).description === '3 · 2 unread');
		await api.testing.keeps.setHideRead(true);
		assert.deepEqual(idsIn(api, group(api, 'list', 'to read')), [a.id, c.id], 'hide read hides b');
		assert.ok(!roots(api).some((r) => r.kind === 'group' && r.group.kind === 'topic' && idsIn(api, r as GroupNode).includes(b.id)), 'everywhere');
		await api.testing.keeps.setHideRead(false);
		await vscode.commands.executeCommand('paperShelf.removeFromList', [a.id], undefined, 'to read');
		await waitFor('a removed', () => idsIn(api, group(api, 'list', 'to read')).join() === [b.id, c.id].join());
	});

	test('The library file edited on disk (a git pull) updates the shelf; bad JSON shows in Problems and is never written over', async () => {
		const [a, , , d] = api.testing.library.papers;
		const uri = workspaceUri(...LIBRARY);
		const pulled = (await readLibrary()).replace(`    ${JSON.stringify(a.id)}\n  ]`, `    ${JSON.stringify(a.id)},\n    ${JSON.stringify(d.id)}\n  ]`);
		assert.notEqual(pulled, await readLibrary());
		await writeText(uri, pulled);
		await waitFor('d starred from disk', () => idsIn(api, group(api, 'starred')).includes(d.id), 20_000, () => idsIn(api, group(api, 'starred')).join());

		const unknownId = pulled.replace(`"starred": [`, `"starred": [\n    "9999.99999",`);
		await writeText(uri, unknownId);
		await waitFor('a warning at the id no shelf paper or record has', () => vscode.languages.getDiagnostics(uri).some((x) => x.severity === vscode.DiagnosticSeverity.Warning && x.range.start.line === 3 && /9999\.99999.*not on the shelf/.test(x.message)),
			20_000, () => JSON.stringify(vscode.languages.getDiagnostics(uri)));
		assert.ok(!idsIn(api, group(api, 'starred')).includes('9999.99999'), 'not shown, but kept');

		const broken = pulled.replace(`"starred": [`, `"starred": [,`);
		await writeText(uri, broken);
		await waitFor('a problem in the library file', () => vscode.languages.getDiagnostics(uri).some((x) => x.severity === vscode.DiagnosticSeverity.Error && x.range.start.line === 2),
			20_000, () => JSON.stringify(vscode.languages.getDiagnostics(uri)));
		const ok = await api.testing.keeps.star([api.testing.library.papers[5].id], true);
		assert.equal(ok, false, 'the star is refused');
		assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), broken, 'the broken file is left byte for byte');
		await writeText(uri, pulled);
		await waitFor('problems gone', () => vscode.languages.getDiagnostics(uri).length === 0);
	});

	test('Export a reading list from its group as RIS', async () => {
		const list = group(api, 'list', 'to read');
		assert.ok(list);
		const target = workspaceUri('exported.ris');
		const uri = await vscode.commands.executeCommand<vscode.Uri>('paperShelf.export', list, 'ris', target);
		assert.equal(uri?.toString(), target.toString());
		const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
		assert.equal((text.match(/^TY {2}- GEN\r$/gm) ?? []).length, idsIn(api, list).length);
		for (const id of idsIn(api, list)) {
			assert.ok(text.includes(`ID  - ${api.citationKey(id)}\r\n`), id);
		}
		await deleteFile(target);
	});

	test('A write merges with a change on disk this window has not read yet', async () => {
		const papers = api.testing.library.papers;
		const uri = workspaceUri(...LIBRARY);
		// Another window stars e, and this window stars f before its watcher has seen that write.
		const other = (await readLibrary()).replace(`"starred": [`, `"starred": [\n    ${JSON.stringify(papers[6].id)},`);
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(other));
		assert.equal(await api.testing.keeps.star([papers[7].id], true), true);
		const text = await readLibrary();
		assert.ok(text.includes(JSON.stringify(papers[6].id)) && text.includes(JSON.stringify(papers[7].id)), text);
	});

	test('A library file with unsaved edits in an editor is never written: the star is refused and the edits stay', async () => {
		const papers = api.testing.library.papers;
		const uri = workspaceUri(...LIBRARY);
		assert.equal(await api.testing.keeps.star([papers[9].id], true), true, 'the library file exists');
		const before = await readLibrary();
		const doc = await vscode.workspace.openTextDocument(uri);
		const editor = await vscode.window.showTextDocument(doc);
		try {
			await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
			assert.ok(doc.isDirty, 'the editor holds unsaved edits');
			assert.equal(await api.testing.keeps.star([papers[8].id], true), false, 'the star is refused while the file has unsaved edits');
			assert.equal(await readLibrary(), before, 'the file on disk is byte for byte what it was');
			assert.ok(doc.getText().startsWith(' ') && doc.isDirty, 'the unsaved edit is still in the editor');
		} finally {
			await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		}
		assert.equal(await api.testing.keeps.star([papers[8].id], true), true, 'once reverted, the star is written');
		assert.ok((await readLibrary()).includes(JSON.stringify(papers[8].id)));
	});

	test('paperShelf.libraryFile must name a path inside the workspace folder', () => {
		const storage = vscode.Uri.file('/tmp/global-storage');
		for (const bad of ['/etc/library.json', '../outside.json', 'papers/../../x.json', '~/library.json', 'C:\\lib.json', '', './']) {
			assert.ok('refused' in libraryLocation(bad, storage), `${JSON.stringify(bad)} is refused`);
		}
		const ok = libraryLocation('notes/./my library.json', storage);
		assert.ok(!('refused' in ok) && ok.inWorkspace && ok.uri.path.endsWith('/notes/my library.json'), JSON.stringify(ok));
	});

	test('A starred paper whose digest is gone still opens: Open Abstract shows it from its record in the library file', async () => {
		const id = 'kept-only-2511.00001';
		const title = 'A Kept Paper Whose Digest Was Removed';
		const abstract = 'Its record in the library file is all that is left of it.';
		await writeText(workspaceUri(...LIBRARY), `{
  "version": 1,
  "starred": [
    ${JSON.stringify(id)}
  ],
  "papers": {
    ${JSON.stringify(id)}: {"title":${JSON.stringify(title)},"abstract":${JSON.stringify(abstract)},"authors":["Ada Lovelace"]}
  }
}
`);
		await api.testing.keeps.store.reload();
		await waitFor('the kept paper in the Starred group', () => idsIn(api, group(api, 'starred')).includes(id));
		assert.equal(api.testing.library.get(id), undefined, 'it is not on the shelf');
		const rendered = new Promise<{ title: string; abstractText: string }>((resolve) => {
			const sub = api.testing.panels.onDidRender((r) => {
				if (r.id === id) {
					sub.dispose();
					resolve(r);
				}
			});
		});
		await vscode.commands.executeCommand('paperShelf.openAbstract', id);
		const report = await waitFor('the panel to render the kept paper', () => Promise.race([rendered, new Promise<undefined>((r) => setTimeout(() => r(undefined), 200))]), 15_000);
		assert.equal(report.title, title);
		assert.equal(report.abstractText, abstract);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await deleteFile(workspaceUri(...LIBRARY));
		await api.testing.keeps.store.reload();
	});
});

suite('Literature notes in the real host', () => {
	let api: TestApi;
	const notesFolder = ['notes', 'papers'];
	suiteSetup(async () => {
		api = await shelfApi();
	});
	suiteTeardown(async () => {
		await deleteFile(workspaceUri('notes'));
		await vscode.workspace.getConfiguration('paperShelf').update('notes.template', undefined, vscode.ConfigurationTarget.Workspace);
		await vscode.workspace.getConfiguration('paperShelf').update('notes.folder', undefined, vscode.ConfigurationTarget.Workspace);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('Open Paper Note creates the note from the template with its bibliography entry, marks the paper, and never overwrites', async () => {
		const paper = api.testing.library.papers[10];
		const key = api.citationKey(paper.id)!;
		const result = await api.testing.notes.open(paper.id);
		assert.ok(result?.created);
		assert.equal(result.uri.toString(), workspaceUri(...notesFolder, `${key}.md`).toString());
		const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(result.uri));
		assert.ok(text.includes(`citekey: "${key}"`) && text.includes('bibliography: "../../references.bib"'), text);
		const bib = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('references.bib')));
		assert.ok(bib.includes(`{${key},`), 'the entry is in the bibliography the note names');
		const item = await waitFor('the note marker', () => {
			const node = api.testing.view.tree.findPaper(paper.id);
			const it = node && api.testing.view.tree.getTreeItem(node);
			return it && /\.noted/.test(String(it.contextValue)) ? it : undefined;
		});
		assert.match(String(item.description), /note/);

		await writeText(result.uri, 'my own words\n');
		const again = await api.testing.notes.open(paper.id);
		assert.equal(again?.created, false);
		assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(result.uri)), 'my own words\n', 'never overwritten');
	});

	test('A template with an unknown placeholder still makes the note; a folder outside the workspace is refused', async () => {
		await writeText(workspaceUri('note-template.md'), '# {{title}}\n{{journal}}\n');
		await vscode.workspace.getConfiguration('paperShelf').update('notes.template', 'note-template.md', vscode.ConfigurationTarget.Workspace);
		const paper = api.testing.library.papers[11];
		const result = await api.testing.notes.open(paper.id, false);
		assert.ok(result?.created);
		assert.deepEqual(result.unknown, ['journal']);
		assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(result.uri)), `# ${paper.title.replace(/\s+/g, ' ').trim()}\n{{journal}}\n`);
		await deleteFile(workspaceUri('note-template.md'));

		await vscode.workspace.getConfiguration('paperShelf').update('notes.folder', '../outside', vscode.ConfigurationTarget.Workspace);
		assert.equal(await api.testing.notes.open(api.testing.library.papers[12].id, false), undefined);
		await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(workspaceUri(), '..', 'outside'))));
	});
});

suite('Keyboard skimming in the Papers view', () => {
	let api: TestApi;
	suiteSetup(async () => {
		api = await shelfApi();
		await vscode.commands.executeCommand('workbench.view.extension.paperShelf');
		api.testing.view.tree.groupBy = 'topic';
	});
	suiteTeardown(async () => {
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await deleteFile(workspaceUri('skim-note.md'));
		await deleteFile(workspaceUri('references.bib'));
	});

	test('↓ (Skim Next) selects the next row and the panel follows; a group row is selected without a preview', async () => {
		const tree = api.testing.view.tree;
		const topic = tree.getChildren()[0] as GroupNode;
		const [first, second] = tree.getChildren(topic) as PaperNode[];
		await api.testing.view.view.reveal(first, { select: true, focus: true, expand: true });
		// From the topic's row (whatever earlier tests left selected or shown), ↓ goes to its first paper.
		await api.testing.view.view.reveal(topic, { select: true, focus: true, expand: false });
		await waitFor('the topic row selected', () => api.testing.view.view.selection[0]?.kind === 'group');
		await vscode.commands.executeCommand('paperShelf.skimNext');
		await waitFor('the selection on the first paper', () => api.testing.view.view.selection.some((n) => n.kind === 'paper' && n.paper.id === first.paper.id),
			20_000, () => JSON.stringify({ selection: api.testing.view.view.selection.map((n) => n.kind === 'paper' ? n.paper.id : n.group.id), topic: topic.group.id, first: first.paper.id, filter: tree.filter?.query, groupBy: tree.groupBy, roots: tree.getChildren().slice(0, 3).map((n) => n.kind === 'group' ? n.group.id : n.paper.id) }));
		await waitFor('the first paper in the panel', () => api.testing.panels.lastRendered?.id === first.paper.id);
		await vscode.commands.executeCommand('paperShelf.skimNext');
		await waitFor('the selection on the second paper', () => api.testing.view.view.selection.some((n) => n.kind === 'paper' && n.paper.id === second.paper.id));
		await waitFor('the panel on the second paper', () => api.testing.panels.shows(second.paper.id) && api.testing.panels.lastRendered?.id === second.paper.id);
		await vscode.commands.executeCommand('paperShelf.skimPrevious');
		await waitFor('back on the first', () => api.testing.panels.lastRendered?.id === first.paper.id);
		await vscode.commands.executeCommand('paperShelf.skimPrevious');
		await waitFor('the topic row selected', () => api.testing.view.view.selection[0]?.kind === 'group');
		assert.equal(api.testing.panels.lastRendered?.id, first.paper.id, 'a group is not previewed');
	});

	test('Ctrl+Alt+C from the tree (its keybinding passes fromTree) cites the selected paper into the last note, without asking', async () => {
		const note = workspaceUri('skim-note.md');
		await writeText(note, 'Skimming notes\n');
		const editor = await vscode.window.showTextDocument(note);
		editor.selection = new vscode.Selection(1, 0, 1, 0);
		const tree = api.testing.view.tree;
		const paper = (tree.getChildren(tree.getChildren()[0]) as PaperNode[])[2];
		await api.testing.view.view.reveal(paper, { select: true, focus: true, expand: true });
		await waitFor('selected', () => api.testing.view.view.selection.some((n) => n.kind === 'paper' && n.paper.id === paper.paper.id));
		await vscode.commands.executeCommand('paperShelf.insertCitation', { fromTree: true });
		const key = api.citationKey(paper.paper.id)!;
		await waitFor('the citation in the note', () => editor.document.getText().includes(`[@${key}]`), 20_000, () => editor.document.getText());
	});

	test('The panel draws Star, Add to List and Open Note, and draws the paper again when its star changes', async () => {
		const paper = api.testing.library.papers[20];
		api.testing.panels.show(paper.id);
		const before = await waitFor('rendered', () => api.testing.panels.lastRendered?.id === paper.id && api.testing.panels.lastRendered);
		let renders = 0;
		const sub = api.testing.panels.onDidRender((r) => void (r.id === paper.id && renders++));
		try {
			assert.ok(!api.testing.keeps.store.isStarred(paper.id));
			await api.testing.keeps.toggleStar([paper.id]);
			assert.ok(api.testing.keeps.store.isStarred(paper.id));
			await waitFor('drawn again', () => renders > 0);
			assert.equal(api.testing.panels.lastRendered?.elementCounts.button, before.elementCounts.button, 'the same buttons, one of them now Unstar');
			assert.ok((before.elementCounts.button ?? 0) >= 6, `Insert Citation, Copy BibTeX, Copy Key, Star, Add to List, Note: ${JSON.stringify(before.elementCounts)}`);
			await api.testing.keeps.toggleStar([paper.id]);
			assert.ok(!api.testing.keeps.store.isStarred(paper.id));
			// In two reading lists: a Remove button for each, gone again when the paper leaves them.
			const buttons = before.elementCounts.button ?? 0;
			await api.testing.keeps.addToList([paper.id], 'to read');
			await api.testing.keeps.addToList([paper.id], 'chapter 3');
			await waitFor('a Remove button per list', () => api.testing.panels.lastRendered?.elementCounts.button === buttons + 2, 10_000, () => JSON.stringify(api.testing.panels.lastRendered?.elementCounts));
			await api.testing.keeps.removeFromList([paper.id], 'to read');
			await api.testing.keeps.removeFromList([paper.id], 'chapter 3');
			await waitFor('no Remove buttons', () => api.testing.panels.lastRendered?.elementCounts.button === buttons, 10_000, () => JSON.stringify(api.testing.panels.lastRendered?.elementCounts));
		} finally {
			sub.dispose();
		}
		await deleteFile(workspaceUri(...LIBRARY));
		await api.testing.keeps.store.reload();
	});
});
