import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/model';
import { checkCitations } from '../../src/core/cite/citationCheck';
import { cslTitle } from '../../src/core/cite/titleMath';
import { CitationDrop } from '../../src/extension/cite/citationDrop';
import { PAPERS_MIME } from '../../src/extension/ids';
import { currentText, keysIn, readFileText, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

// --- helpers

/** Opens a workspace file in an editor, focused. */
async function open(...segments: string[]): Promise<vscode.TextEditor> {
	const document = await vscode.workspace.openTextDocument(workspaceUri(...segments));
	return vscode.window.showTextDocument(document, { preview: false, preserveFocus: false });
}

/** Selects every occurrence of the given markers (one cursor per marker). */
function selectMarkers(editor: vscode.TextEditor, ...markers: string[]): void {
	const text = editor.document.getText();
	editor.selections = markers.map((m) => {
		const at = text.indexOf(m);
		assert.ok(at >= 0, `marker ${m} is in ${editor.document.uri.path}`);
		return new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + m.length));
	});
}

/** Two papers of the shelf with their keys, different from each other. */
function twoPapers(api: Api): [{ paper: Paper; key: string }, { paper: Paper; key: string }] {
	const withKeys = api.testing.library.papers.map((paper) => ({ paper, key: api.testing.citations.keyOf(paper.id) ?? '' })).filter((p) => p.key !== '');
	assert.ok(withKeys.length >= 2, 'the shelf has at least two papers with keys');
	return [withKeys[0], withKeys[1]];
}

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
	const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
	return list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

async function newNote(name: string, text: string): Promise<vscode.TextEditor> {
	await writeText(workspaceUri('cite', name), text);
	return open('cite', name);
}

// --- tests

suite('Citations in notes', () => {
	suiteTeardown(async () => {
		// Leave the workbench as other suites expect it: nothing dirty, no editors open.
		await vscode.commands.executeCommand('workbench.action.files.saveAll');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('Insert Citation puts [@key] at every cursor of a Markdown note and adds exactly the new entries to references.bib', async () => {
		const api = await shelfApi();
		const [a, b] = twoPapers(api);
		const bib = workspaceUri('references.bib');
		const userEntry = '@misc{mine2024,\n  title = {Something of my own}\n}\n';
		await writeText(bib, userEntry);
		const editor = await newNote('multi.md', '# Notes\n\nOne ONE here.\n\nTwo TWO there.\n');
		selectMarkers(editor, 'ONE', 'TWO');

		await vscode.commands.executeCommand('paperShelf.insertCitation', a.paper.id);

		assert.equal(editor.document.getText(), `# Notes\n\nOne [@${a.key}] here.\n\nTwo [@${a.key}] there.\n`);
		const afterFirst = await currentText(bib);
		assert.ok(afterFirst?.startsWith(userEntry), 'the user\'s entry is kept byte for byte, first');
		assert.deepEqual(keysIn('references.bib', afterFirst), ['mine2024', a.key]);
		// The save has resolved, but the file system may report the new bytes a moment later under load.
		await waitFor('the bibliography to be saved, so pandoc sees it', async () => (await readFileText(bib)) === afterFirst, 10_000, () => 'the file on disk differs from the document');
		assert.ok(editor.selections.every((s) => s.isEmpty && editor.document.getText(new vscode.Range(s.active.translate(0, -1), s.active)) === ']'), 'cursors end after the citations');

		// The same paper again adds no entry; a second paper adds only its own.
		await vscode.commands.executeCommand('paperShelf.insertCitation', a.paper.id);
		assert.equal(await currentText(bib), afterFirst, 'citing the same paper again leaves the bibliography alone');
		await api.testing.citations.actions.insertCitation([a.paper.id, b.paper.id]);
		assert.ok(editor.document.getText().includes(`[@${a.key}; @${b.key}]`), 'several papers become one Pandoc citation');
		assert.deepEqual(keysIn('references.bib', await currentText(bib)), ['mine2024', a.key, b.key]);
	});

	test('in a LaTeX note with \\addbibresource, Insert Citation writes \\cite{key} and refs.bib gains the entry; one undo reverts both', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const bib = workspaceUri('cite', 'refs.bib');
		const bibBefore = await readFileText(bib);
		assert.ok(bibBefore, 'the fixture refs.bib exists');
		const editor = await open('cite', 'thesis.tex');
		assert.equal(editor.document.languageId, 'latex');
		const noteBefore = editor.document.getText();
		selectMarkers(editor, 'CITE-HERE');

		await api.testing.citations.insert([a.paper.id]);

		assert.equal(editor.document.getText(), noteBefore.replace('CITE-HERE', `\\cite{${a.key}}`));
		const bibAfter = await currentText(bib);
		assert.ok(bibAfter?.startsWith(bibBefore), 'existing entries stay as they were');
		assert.deepEqual(keysIn('refs.bib', bibAfter), ['knuth1984', a.key]);
		assert.ok(/eprint|howpublished/.test(bibAfter!.slice(bibBefore.length)), 'the new entry is a full BibTeX entry');

		await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
		await vscode.commands.executeCommand('undo');
		await waitFor('the note to be reverted', () => editor.document.getText() === noteBefore);
		await waitFor('refs.bib to be reverted by the same undo', async () => (await currentText(bib)) === bibBefore);

		await vscode.commands.executeCommand('redo');
		await waitFor('redo to bring both back', async () => editor.document.getText() !== noteBefore && (await currentText(bib)) === bibAfter);
	});

	test('a bibliography named in front matter that does not exist yet is created with the entry', async () => {
		const api = await shelfApi();
		const [, b] = twoPapers(api);
		const bib = workspaceUri('cite', 'notes.bib');
		assert.equal(await readFileText(bib), undefined, 'notes.bib does not exist before');
		const editor = await open('cite', 'notes.md');
		selectMarkers(editor, 'FIRST-HERE', 'SECOND-HERE');

		await api.testing.citations.insert([b.paper.id]);

		assert.equal((editor.document.getText().match(new RegExp(`\\[@${b.key}\\]`, 'g')) ?? []).length, 2);
		const created = await waitFor('notes.bib to be written', () => readFileText(bib));
		assert.deepEqual(keysIn('notes.bib', created), [b.key]);
	});

	test('a CSL-JSON bibliography gains an item and keeps the user\'s item byte for byte', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const bib = workspaceUri('cite', 'refs.json');
		const before = (await readFileText(bib))!;
		const editor = await open('cite', 'csl.md');
		selectMarkers(editor, 'CITE-HERE');

		await api.testing.citations.insert([a.paper.id]);

		const after = (await currentText(bib))!;
		const items = JSON.parse(after) as { id: string; title: string }[];
		assert.deepEqual(items.map((i) => i.id), ['hand1999', a.key]);
		// The title as CSL-JSON rich text: math as text, capitals protected (unit-tested in titleMath.test.ts).
		assert.equal(items[1].title, cslTitle(a.paper.title));
		const firstItem = before.slice(before.indexOf('{'), before.lastIndexOf('}') + 1);
		assert.ok(after.includes(firstItem), 'the existing item is not rewritten');
	});

	test('an unparseable .bib is left byte-identical, and the citation is not inserted either (all or nothing)', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const bib = workspaceUri('cite', 'broken.bib');
		const before = await readFileText(bib);
		const editor = await open('cite', 'broken.md');
		const noteBefore = editor.document.getText();
		selectMarkers(editor, 'CITE-HERE');

		await api.testing.citations.insert([a.paper.id]);

		assert.equal(editor.document.getText(), noteBefore, 'the note is left as it was');
		assert.equal(editor.document.isDirty, false, 'and unchanged, not changed and reverted');
		assert.equal(await readFileText(bib), before, 'broken.bib on disk is unchanged');
		assert.equal(await currentText(bib), before, 'and no unsaved change was made to it either');
		// Typed by hand, the citation gets the diagnostic that explains why nothing was added.
		await editor.edit((e) => e.replace(editor.selection, `[@${a.key}]`));
		const diagnostics = await api.testing.citations.diagnostics!.refresh(editor.document);
		const unreadable = diagnostics.find((d) => d.code === 'unreadable-bibliography');
		assert.ok(unreadable, 'the note says its bibliography cannot be read');
		assert.match(unreadable.message, /broken\.bib.*line 6/);
		assert.equal(unreadable.range.start.line, 1, 'on the front matter line that names it');
	});

	test('completion offers keys after @ and inside \\cite{, but not in an e-mail address', async () => {
		const api = await shelfApi();
		const [a, b] = twoPapers(api);
		const md = await newNote('complete.md', `See @${a.key.slice(0, 3)} and [@x; @] and mail me at someone@${b.key.slice(0, 3)}\n`);
		const line = md.document.lineAt(0).text;
		const afterAt = new vscode.Position(0, line.indexOf('@') + 4);
		const labels = await completionLabels(md.document.uri, afterAt);
		assert.ok(labels.includes(a.key), `after @ the keys are offered (got ${labels.length})`);
		const typed = a.key.slice(0, 3).toLowerCase();
		const startsWith = labels.map((l) => l.toLowerCase().startsWith(typed));
		assert.deepEqual(startsWith, [...startsWith].sort((x, y) => Number(y) - Number(x)), 'keys starting with the typed text come first, then the index’s hits');
		const inBracket = new vscode.Position(0, line.indexOf('@]') + 1);
		assert.ok((await completionLabels(md.document.uri, inBracket)).includes(a.key), 'a second key in [@x; @] is completed');
		const inMail = new vscode.Position(0, line.length);
		assert.deepEqual(await completionLabels(md.document.uri, inMail), [], 'no keys inside an e-mail address');

		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', md.document.uri, afterAt, undefined, 10_000);
		const item = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === a.key)!;
		assert.equal(item.filterText, a.key.slice(0, 3), 'filterText is the typed text: VS Code keeps the list’s order');
		const doc = item.documentation;
		assert.ok(doc && typeof doc !== 'string', 'the documentation is Markdown');
		assert.ok(doc.value.length > a.key.length, 'with the paper in it');
		assert.ok(!doc.isTrusted, 'the documentation is not trusted');
		const inBibliography = keysIn('references.bib', await currentText(workspaceUri('references.bib'))).includes(a.key);
		assert.equal(item.command?.command, inBibliography ? undefined : 'paperShelf._addBibliographyEntries', 'accepting a shelf paper adds its entry; one the bibliography has needs nothing');

		const tex = await newNote('complete.tex', '\\documentclass{article}\n\\begin{document}\nAs shown \\citep[p.~3]{knuthx, } and \\textbf{bold}.\n\\end{document}\n');
		assert.equal(tex.document.languageId, 'latex');
		const texLine = tex.document.lineAt(2).text;
		const afterComma = new vscode.Position(2, texLine.indexOf(', }') + 2);
		assert.ok((await completionLabels(tex.document.uri, afterComma)).includes(a.key), 'keys are offered inside \\citep{…, }');
		const afterBrace = new vscode.Position(2, texLine.indexOf('{knuthx') + 1);
		assert.ok((await completionLabels(tex.document.uri, afterBrace)).includes(b.key), 'and right after the {');
		const inTextbf = new vscode.Position(2, texLine.indexOf('{bold') + 1);
		assert.deepEqual(await completionLabels(tex.document.uri, inTextbf), [], 'not inside other commands');
	});

	test('hover on a key shows the paper, and Go to Declaration leads to its entry in the digest', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const editor = await newNote('hover.md', `A claim [@${a.key}].\n`);
		const position = new vscode.Position(0, editor.document.lineAt(0).text.indexOf(a.key) + 2);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position);
		const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		const firstWord = /[A-Za-z]{3,}/.exec(a.paper.title)![0];
		assert.ok(text.includes(firstWord), `the hover shows the title (got ${text.slice(0, 200)})`);

		const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 2));
		assert.ok(!none.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes(firstWord))), 'no paper hover away from the key');

		// (Its definition is its bibliography entry once earlier tests wrote one: see citationKnowledge.test.ts.)
		const declarations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDeclarationProvider', editor.document.uri, position);
		const digest = api.testing.library.digests.find((d) => d.parsed.papers.some((p) => p.id === a.paper.id))!;
		const target = declarations.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetRange } : d)).find((t) => t.uri.toString() === digest.source.uri.toString());
		assert.ok(target, `the paper's digest is its declaration (got ${declarations.length})`);
		assert.equal(target.range.start.line, a.paper.source.startLine - 1);
	});

	test('an unresolved key gets a warning, a shelf key missing from the bibliography gets the quick fix that adds it', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const bib = workspaceUri('cite', 'fix.bib');
		const userEntry = '@misc{present2020,\n  title = {Already here}\n}\n';
		await writeText(bib, userEntry);
		const editor = await newNote('fix.md', `---\nbibliography: fix.bib\n---\n\nKnown [@present2020], unknown [@nobodyNowhere1999], shelf [@${a.key}], mail a@b.org.\n`);
		const diagnostics = await api.testing.citations.diagnostics!.refresh(editor.document);
		const byKey = new Map(diagnostics.map((d) => [editor.document.getText(d.range), d]));
		assert.deepEqual([...byKey.keys()].sort(), ['nobodyNowhere1999', a.key].sort(), 'exactly the two keys the bibliography lacks');
		assert.equal(byKey.get('nobodyNowhere1999')!.code, 'unresolved-citation');
		assert.equal(byKey.get(a.key)!.code, 'missing-bibliography-entry');
		await waitFor('the diagnostics to be published', () => vscode.languages.getDiagnostics(editor.document.uri).length === 2);

		const unresolvedFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, byKey.get('nobodyNowhere1999')!.range);
		assert.ok(!unresolvedFixes.some((f) => f.title.startsWith('Add entry from digest')), 'nothing to add for a key the shelf does not know');

		const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, byKey.get(a.key)!.range);
		const fix = fixes.find((f) => f.title.startsWith('Add entry from digest'));
		assert.ok(fix?.command, `the quick fix is offered (got ${fixes.map((f) => f.title).join(', ')})`);
		await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
		const after = await currentText(bib);
		assert.ok(after?.startsWith(userEntry));
		assert.deepEqual(keysIn('fix.bib', after), ['present2020', a.key]);
		const again = await api.testing.citations.diagnostics!.refresh(editor.document);
		assert.deepEqual(again.map((d) => editor.document.getText(d.range)), ['nobodyNowhere1999'], 'only the unknown key is left');
	});

	test('the editor\'s diagnostics follow the core citation policy: @fig-plot and [@fig-plot] are no citations, keys compare with their case', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const cased = a.key[0].toUpperCase() === a.key[0] ? a.key[0].toLowerCase() + a.key.slice(1) : a.key[0].toUpperCase() + a.key.slice(1);
		await writeText(workspaceUri('cite', 'policy.bib'), '@misc{present2020,\n  title = {Already here}\n}\n');
		const text = `---\nbibliography: policy.bib\n---\n\nAs @fig-plot shows ([@fig-plot], @tbl-data, @sec-intro, @eq-energy), see [@present2020].\nCased otherwise: [@Present2020], @${a.key} and @${cased}.\n`;
		const editor = await newNote('policy.md', text);
		const diagnostics = await api.testing.citations.diagnostics!.refresh(editor.document);
		const seen = diagnostics.map((d) => `${d.range.start.line + 1} ${d.code} ${editor.document.getText(d.range)}`);
		const core = checkCitations(text, 'markdown', new Set(['present2020']), (key) => api.testing.citations.paperOfKey(key)?.id)
			.filter((s) => s.kind !== 'bibliography')
			.map((s) => `${s.occurrence.line} ${s.kind === 'digest' ? 'missing-bibliography-entry' : 'unresolved-citation'} ${s.occurrence.key}`);
		assert.deepEqual(seen, core, 'the editor and the core policy agree');
		assert.deepEqual(seen, ['6 unresolved-citation Present2020', `6 missing-bibliography-entry ${a.key}`, `6 unresolved-citation ${cased}`]);
	});

	test('from the palette, Insert Citation asks for papers in a quick pick and cites the chosen one', async () => {
		const api = await shelfApi();
		const editor = await newNote('picked.md', 'Picked: HERE\n');
		selectMarkers(editor, 'HERE');
		const done = vscode.commands.executeCommand('paperShelf.insertCitation');
		// The first listed paper is the shelf's first; accept it without ticking anything.
		const first = api.testing.library.papers[0];
		await new Promise((r) => setTimeout(r, 500));
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		await done;
		assert.equal(editor.document.getText(), `Picked: [@${api.testing.citations.keyOf(first.id)}]\n`);
	});

	test('with a webview panel focused, Insert Citation goes into the last active note at its cursor', async () => {
		const api = await shelfApi();
		const [a] = twoPapers(api);
		const editor = await newNote('behind-panel.md', 'Under the panel: HERE.\n');
		selectMarkers(editor, 'HERE');
		const panel = vscode.window.createWebviewPanel('paperShelfTest.focusThief', 'Focus thief', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false });
		try {
			await waitFor('the panel to take the focus', () => vscode.window.activeTextEditor === undefined);
			await api.testing.citations.actions.insertCitation([a.paper.id]);
			assert.equal(editor.document.getText(), `Under the panel: [@${a.key}].\n`);
		} finally {
			panel.dispose();
		}
	});

	test('Copy Citation Key and Copy BibTeX put the key and the entry on the clipboard', async () => {
		const api = await shelfApi();
		const [a, b] = twoPapers(api);
		await vscode.commands.executeCommand('paperShelf.copyCitationKey', a.paper.id);
		assert.equal(await vscode.env.clipboard.readText(), a.key);
		await api.testing.citations.actions.copyBibtex([a.paper.id, b.paper.id]);
		assert.deepEqual(keysIn('clipboard.bib', await vscode.env.clipboard.readText()), [a.key, b.key]);
	});

	test('dropping papers from the Papers view inserts the citation in the target\'s syntax and adds the entry', async () => {
		const api = await shelfApi();
		const [a, b] = twoPapers(api);
		await writeText(workspaceUri('cite', 'drop.bib'), '');
		const editor = await newNote('drop.tex', '\\addbibresource{drop.bib}\nText.\n');
		const data = new vscode.DataTransfer();
		data.set(PAPERS_MIME, new vscode.DataTransferItem(JSON.stringify([a.paper.id, b.paper.id])));
		const provider = new CitationDrop(api.testing.citations.inserter);
		const token = new vscode.CancellationTokenSource().token;
		const drop = await provider.provideDocumentDropEdits(editor.document, new vscode.Position(1, 4), data, token);
		assert.ok(drop, 'a drop edit is offered');
		assert.equal(drop.insertText, `\\cite{${a.key},${b.key}}`);
		assert.ok(drop.additionalEdit, 'the entries come as the drop\'s additional edit');
		const noteBefore = editor.document.getText();
		assert.ok(await vscode.workspace.applyEdit(drop.additionalEdit), 'which applies');
		assert.equal(editor.document.getText(), noteBefore, 'the additional edit leaves the note to the drop itself');
		assert.deepEqual(keysIn('drop.bib', await readFileText(workspaceUri('cite', 'drop.bib'))), [a.key, b.key], 'and writes the entries to the file');

		const nothing = new vscode.DataTransfer();
		nothing.set(PAPERS_MIME, new vscode.DataTransferItem('not json'));
		assert.equal(await provider.provideDocumentDropEdits(editor.document, new vscode.Position(1, 0), nothing, token), undefined);
	});
});
