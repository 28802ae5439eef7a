import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/model';
import { currentText, keysIn, nodeOnlyTest, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

function papers(api: Api, n: number): { paper: Paper; key: string }[] {
	const withKeys = api.testing.library.papers.map((paper) => ({ paper, key: api.testing.citations.keyOf(paper.id) ?? '' })).filter((p) => p.key !== '');
	assert.ok(withKeys.length >= n);
	return withKeys.slice(0, n);
}

const KNUTH = '@book{knuth1984texbook,\n  title = {The {\\TeX}book},\n  author = {Knuth, Donald E.},\n  year = 1984\n}\n';

async function note(name: string, text: string, bib: string): Promise<vscode.TextEditor> {
	await writeText(workspaceUri('knows', name.replace(/\.\w+$/, '.bib')), bib);
	await writeText(workspaceUri('knows', name), text);
	return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('knows', name)), { preview: false });
}

function label(item: vscode.CompletionItem): string {
	return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('Citations that know the note\'s bibliography', () => {
	suiteTeardown(async () => {
		await vscode.commands.executeCommand('workbench.action.files.saveAll');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('completion lists the user\'s own keys with author, year and title first, then shelf papers marked as such; a key already in the citation is not offered', async () => {
		const api = await shelfApi();
		const [a] = papers(api, 1);
		const editor = await note('own.md', '---\nbibliography: own.bib\n---\nSee @ and [@knuth1984texbook; @].\n', KNUTH);
		const line = editor.document.lineAt(3).text;
		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(3, line.indexOf('@') + 1));
		const own = list.items.find((i) => label(i) === 'knuth1984texbook');
		assert.ok(own, `the user's own key is offered (got ${list.items.slice(0, 5).map(label).join(', ')}…)`);
		assert.ok(own.detail?.includes('Knuth 1984') && own.detail.includes('TeXbook'), `with author, year and title: ${own.detail}`);
		assert.equal(own.command, undefined, 'nothing to add for an entry that is there');
		const shelf = list.items.find((i) => label(i) === a.key);
		assert.ok(shelf && typeof shelf.label !== 'string' && /shelf/.test(shelf.label.detail ?? ''), 'a shelf paper is marked as such');
		assert.ok((own.sortText ?? '') < (shelf.sortText ?? ''), 'the bibliography\'s entries come first');

		const inGroup = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(3, line.indexOf('@]') + 1));
		assert.ok(!inGroup.items.some((i) => label(i) === 'knuth1984texbook'), 'the key already in [@knuth1984texbook; @] is not offered again');
		assert.ok(inGroup.items.some((i) => label(i) === a.key));

		// Accepting a shelf paper adds its entry (the item's command, as VS Code runs it after inserting).
		await vscode.commands.executeCommand(shelf.command!.command, ...(shelf.command!.arguments ?? []));
		assert.deepEqual(keysIn('own.bib', await currentText(workspaceUri('knows', 'own.bib'))), ['knuth1984texbook', a.key]);
	});

	test('Go to Definition on a key with an entry goes to the .bib entry, Go to Declaration to the digest; the hover names both', async () => {
		const api = await shelfApi();
		const [, b] = papers(api, 2);
		const editor = await note('def.md', `---\nbibliography: def.bib\n---\nOwn [@knuth1984texbook], shelf [@${b.key}].\n`, KNUTH);
		await api.testing.citations.addEntries(editor.document.uri, [b.paper.id]);
		const line = editor.document.lineAt(3).text;
		const bib = workspaceUri('knows', 'def.bib');
		const at = (key: string) => new vscode.Position(3, line.indexOf(key) + 2);
		const targets = async (key: string, command = 'vscode.executeDefinitionProvider') => (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(command, editor.document.uri, at(key)))
			.map((d) => ('targetUri' in d ? { uri: d.targetUri, range: d.targetRange } : d));
		const own = await targets('knuth1984texbook');
		assert.deepEqual(own.map((t) => [t.uri.toString(), t.range.start.line]), [[bib.toString(), 0]], 'the user\'s key: its .bib entry');
		const shelf = await targets(b.key);
		const bText = await currentText(bib);
		const bLine = bText!.split('\n').findIndex((l) => l.includes(`{${b.key},`));
		const digest = api.testing.library.digests.find((d) => d.parsed.papers.some((p) => p.id === b.paper.id))!;
		// Only the entry: with two locations VS Code lists them by path, so the digest came first whenever its path sorted
		// first (a fresh clone in /tmp/paper-shelf-fresh-… before /tmp/paper-shelf-workspace-…).
		assert.deepEqual(shelf.map((t) => t.uri.toString()), [bib.toString()], 'the .bib entry, what pandoc reads');
		assert.equal(shelf[0].range.start.line, bLine);
		const declared = await targets(b.key, 'vscode.executeDeclarationProvider');
		assert.deepEqual(declared.map((t) => t.uri.toString()), [digest.source.uri.toString()], 'the declaration: the paper in its digest');
		assert.deepEqual(await targets('knuth1984texbook', 'vscode.executeDeclarationProvider'), [], 'a key of the user\'s own has no digest');

		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at(b.key));
		const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
		assert.ok(/def\\?\.bib/.test(text) && /on the shelf/.test(text), `the hover names the entry and the shelf: ${text.slice(-300)}`);
	});

	test('an unresolved key gets "Change to <nearest key>" and "Cite a paper from the shelf…"; the change adds the entry, in one undo step', async () => {
		const api = await shelfApi();
		const [, , c] = papers(api, 3);
		const typo = c.key.slice(0, -1) + (c.key.endsWith('x') ? 'y' : 'x');
		const editor = await note('typo.md', `---\nbibliography: typo.bib\n---\nOwn [@knuth1984texbok], shelf [@${typo}], none [@zzzNothingLikeIt].\n`, KNUTH);
		const diagnostics = await api.testing.citations.diagnostics!.refresh(editor.document);
		await waitFor('the diagnostics to be published', () => vscode.languages.getDiagnostics(editor.document.uri).length === diagnostics.length && diagnostics.length === 3);
		const rangeOf = (key: string) => diagnostics.find((d) => editor.document.getText(d.range) === key)!.range;
		const fixes = async (key: string) => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, rangeOf(key));

		const own = await fixes('knuth1984texbok');
		assert.ok(own.some((f) => f.title === 'Change to knuth1984texbook'), `the user's key is suggested: ${own.map((f) => f.title).join(', ')}`);
		assert.ok(own.some((f) => f.title === 'Cite a paper from the shelf…'));
		const none = await fixes('zzzNothingLikeIt');
		assert.ok(!none.some((f) => f.title.startsWith('Change to')), 'nothing is near: no guess');
		assert.ok(none.some((f) => f.title === 'Cite a paper from the shelf…'));

		const shelf = (await fixes(typo)).find((f) => f.title === `Change to ${c.key}`);
		assert.ok(shelf?.command, 'the shelf key is suggested for a one-letter typo');
		const bib = workspaceUri('knows', 'typo.bib');
		const noteBefore = editor.document.getText();
		await vscode.commands.executeCommand(shelf.command.command, ...(shelf.command.arguments ?? []));
		assert.ok(editor.document.getText().includes(`[@${c.key}]`));
		assert.deepEqual(keysIn('typo.bib', await currentText(bib)), ['knuth1984texbook', c.key], 'the paper\'s entry comes with the change');
		await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
		await vscode.commands.executeCommand('undo');
		await waitFor('one undo to take back the key and the entry', async () => editor.document.getText() === noteBefore && (await currentText(bib)) === KNUTH);

		// "Cite a paper from the shelf…" replaces the key by a picked paper's.
		const pick = (await fixes('zzzNothingLikeIt')).find((f) => f.title === 'Cite a paper from the shelf…')!;
		const done = vscode.commands.executeCommand(pick.command!.command, ...(pick.command!.arguments ?? []));
		await new Promise((r) => setTimeout(r, 700));
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		await done;
		const first = api.testing.library.papers[0];
		const key = api.testing.citations.keyOf(first.id)!;
		assert.ok(editor.document.getText().includes(`none [@${key}]`), editor.document.getText());
		assert.ok(keysIn('typo.bib', await currentText(bib)).includes(key));
	});
});

suite('Copy BibTeX from the command palette', () => {
	test('is listed in the palette and, run without a paper, asks for one and copies its entry', async () => {
		const api = await shelfApi();
		const ext = vscode.extensions.getExtension('paper-shelf.paper-shelf')!;
		const hidden = (ext.packageJSON.contributes.menus.commandPalette as { command: string; when?: string }[]).filter((m) => m.command === 'paperShelf.copyBibtex' && m.when === 'never');
		assert.deepEqual(hidden, [], 'not hidden from the palette');
		await vscode.env.clipboard.writeText('before');
		const done = vscode.commands.executeCommand('paperShelf.copyBibtex');
		await new Promise((r) => setTimeout(r, 700));
		await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
		await done;
		const first = api.testing.library.papers[0];
		assert.deepEqual(keysIn('clipboard.bib', await vscode.env.clipboard.readText()), [api.testing.citations.keyOf(first.id)]);
	});
});

suite('Naming the bibliography in a note that names none', () => {
	const setting = () => vscode.workspace.getConfiguration('paperShelf');
	suiteTeardown(async () => {
		await setting().update('addBibliographyToFrontMatter', undefined, vscode.ConfigurationTarget.Workspace);
		await vscode.commands.executeCommand('workbench.action.files.saveAll');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	async function citeInto(api: Api, name: string, text: string, ids: string[]): Promise<vscode.TextEditor> {
		await writeText(workspaceUri('fm', name), text);
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri('fm', name)), { preview: false });
		const at = editor.document.getText().indexOf('HERE');
		editor.selections = [new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 4))];
		await api.testing.citations.insert(ids);
		await api.testing.citations.lastFrontMatterOffer;
		return editor;
	}

	test('asked once per note: yes adds bibliography: to the front matter (made when missing), byte for byte elsewhere', async () => {
		const api = await shelfApi();
		const [a] = papers(api, 1);
		const asked: string[] = [];
		api.testing.citations.frontMatter.ask = async (message) => {
			asked.push(message);
			return 'Add to Front Matter';
		};
		const body = '# Plain note\r\n\r\nA claim HERE.\r\n';
		const editor = await citeInto(api, 'plain.md', body, [a.paper.id]);
		assert.equal(asked.length, 1, 'asked once');
		assert.equal(editor.document.getText(), `---\r\nbibliography: ../references.bib\r\n---\r\n\r\n${body.replace('HERE', `[@${a.key}]`)}`);

		// Citing again: the note names its bibliography now, and is not asked about again.
		const at = editor.document.getText().indexOf('A claim');
		editor.selections = [new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at))];
		await api.testing.citations.insert([a.paper.id]);
		await api.testing.citations.lastFrontMatterOffer;
		assert.equal(asked.length, 1);
	});

	nodeOnlyTest('after the offer is taken, pandoc --citeproc resolves the note\'s citations', 'runs pandoc', async () => {
		const api = await shelfApi();
		const [a] = papers(api, 1);
		api.testing.citations.frontMatter.ask = async () => 'Add to Front Matter';
		const editor = await citeInto(api, 'pandoc.md', '# For pandoc\n\nA claim HERE.\n', [a.paper.id]);
		assert.ok(editor.document.getText().startsWith('---\nbibliography: ../references.bib\n---\n'));
		await editor.document.save();
		// pandoc, run in the note's folder as a user would, finds the entry through the front matter.
		const { spawnSync } = await import('node:child_process');
		const out = spawnSync('pandoc', ['--citeproc', '-t', 'plain', 'pandoc.md'], { cwd: workspaceUri('fm').fsPath, encoding: 'utf8' });
		assert.equal(out.status, 0, `pandoc failed: ${out.error?.message ?? out.stderr}`);
		assert.ok(!/not found/i.test(out.stderr), `pandoc resolved every citation: ${out.stderr}`);
		const word = /[A-Za-z]{4,}/.exec(a.paper.title)![0];
		assert.ok(out.stdout.includes(word), `the reference list has the paper (${word}): ${out.stdout.slice(-400)}`);
		assert.ok(!out.stdout.includes(`@${a.key}`), 'the citation was rendered, not left as text');
	});

	test('"Not for This Note" is remembered; an existing front matter gains only the line; never and LaTeX guidance', async () => {
		const api = await shelfApi();
		const [a, b] = papers(api, 2);
		let asked = 0;
		api.testing.citations.frontMatter.ask = async () => {
			asked++;
			return 'Not for This Note';
		};
		const declined = await citeInto(api, 'declined.md', 'Text HERE.\n', [a.paper.id]);
		await citeInto(api, 'declined.md', declined.document.getText().replace(`[@${a.key}]`, 'HERE'), [b.paper.id]);
		assert.equal(asked, 1, 'asked once, then remembered');
		assert.ok(!declined.document.getText().includes('bibliography:'));

		api.testing.citations.frontMatter.ask = async () => 'Add to Front Matter';
		const front = '---\ntitle: "Has one"\nauthor: Me\n---\nText HERE.\n';
		const withFront = await citeInto(api, 'front.md', front, [a.paper.id]);
		assert.equal(withFront.document.getText(), `---\ntitle: "Has one"\nauthor: Me\nbibliography: ../references.bib\n---\nText [@${a.key}].\n`);

		await setting().update('addBibliographyToFrontMatter', 'never', vscode.ConfigurationTarget.Workspace);
		await waitFor('the setting to be read', () => api.testing.citations.frontMatter !== undefined && vscode.workspace.getConfiguration('paperShelf').get('addBibliographyToFrontMatter') === 'never');
		const never = await citeInto(api, 'never.md', 'Text HERE.\n', [a.paper.id]);
		assert.equal(never.document.getText(), `Text [@${a.key}].\n`);

		await setting().update('addBibliographyToFrontMatter', 'always', vscode.ConfigurationTarget.Workspace);
		const ask = api.testing.citations.frontMatter.ask;
		api.testing.citations.frontMatter.ask = async () => assert.fail('always does not ask');
		try {
			const always = await citeInto(api, 'always.md', 'Text HERE.\n', [a.paper.id]);
			assert.equal(always.document.getText(), `---\nbibliography: ../references.bib\n---\n\nText [@${a.key}].\n`);
		} finally {
			// Later suites cite into notes too: the stub must not outlive this test.
			api.testing.citations.frontMatter.ask = ask;
		}

		const tex = await citeInto(api, 'guided.tex', '\\documentclass{article}\n\\begin{document}\nText HERE.\n\\end{document}\n', [a.paper.id]);
		assert.equal(await api.testing.citations.lastFrontMatterOffer, 'guided', 'a LaTeX note is told which line to add');
		assert.equal(await api.testing.citations.frontMatter.offer(tex.document), 'skipped', 'LaTeX gets its guidance once; the note is not edited');
		assert.ok(!tex.document.getText().includes('addbibresource'));
	});
});
