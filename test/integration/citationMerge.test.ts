import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/model';
import { CitationDrop } from '../../src/extension/cite/citationDrop';
import { PAPERS_MIME } from '../../src/extension/ids';
import { currentText, keysIn, readFileText, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

function threePapers(api: Api): { paper: Paper; key: string }[] {
	const withKeys = api.testing.library.papers.map((paper) => ({ paper, key: api.testing.citations.keyOf(paper.id) ?? '' })).filter((p) => p.key !== '');
	assert.ok(withKeys.length >= 3, 'the shelf has at least three papers with keys');
	return withKeys.slice(0, 3);
}

/** Opens a note whose text has `|` for each cursor, with those cursors. */
async function noteWithCursors(name: string, marked: string, bib: string): Promise<vscode.TextEditor> {
	await writeText(workspaceUri('merge', name.replace(/\.\w+$/, '.bib')), bib);
	const uri = workspaceUri('merge', name);
	await writeText(uri, marked.replace(/\|/g, ''));
	const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
	const offsets: number[] = [];
	for (let i = marked.indexOf('|'), removed = 0; i >= 0; i = marked.indexOf('|', i + 1), removed++) offsets.push(i - removed);
	editor.selections = offsets.map((o) => new vscode.Selection(editor.document.positionAt(o), editor.document.positionAt(o)));
	return editor;
}

/** The note's text with `|` at each cursor. */
function marked(editor: vscode.TextEditor): string {
	const text = editor.document.getText();
	const offsets = editor.selections.map((s) => editor.document.offsetAt(s.active)).sort((x, y) => y - x);
	return offsets.reduce((t, o) => t.slice(0, o) + '|' + t.slice(o), text);
}

suite('Citing into an existing citation', () => {
	suiteTeardown(async () => {
		await vscode.commands.executeCommand('workbench.action.files.saveAll');
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('Markdown: inside [@a] and right after it the new key joins it, at every cursor; citing twice in a row merges; no key twice', async () => {
		const api = await shelfApi();
		const [a, b, c] = threePapers(api);
		const editor = await noteWithCursors('merge.md', `---\nbibliography: merge.bib\n---\nOne [@${a.key}|] two [@${a.key}]| three |.\n`, '');
		await api.testing.citations.insert([b.paper.id]);
		assert.equal(marked(editor), `---\nbibliography: merge.bib\n---\nOne [@${a.key}; @${b.key}]| two [@${a.key}; @${b.key}]| three [@${b.key}]|.\n`);
		await api.testing.citations.insert([c.paper.id, b.paper.id]);
		assert.equal(marked(editor), `---\nbibliography: merge.bib\n---\nOne [@${a.key}; @${b.key}; @${c.key}]| two [@${a.key}; @${b.key}; @${c.key}]| three [@${b.key}; @${c.key}]|.\n`);
		assert.deepEqual(keysIn('merge.bib', await currentText(workspaceUri('merge', 'merge.bib'))), [b.key, c.key], 'each entry once');
	});

	test('LaTeX: \\cite{a|} and right after \\citep[p.~3]{a} become \\cite{a,b}; Undo takes back the merge and the entry, Redo brings both', async () => {
		const api = await shelfApi();
		const [a, b] = threePapers(api);
		const editor = await noteWithCursors('merge.tex', `\\addbibresource{merge.bib}\nSee \\cite{${a.key}|} and \\citep[p.~3]{${a.key}}|.\n`, '@misc{mine,\n  title = {Mine}\n}\n');
		assert.equal(editor.document.languageId, 'latex');
		const bib = workspaceUri('merge', 'merge.bib');
		const noteBefore = editor.document.getText();
		const bibBefore = await readFileText(bib);
		await api.testing.citations.insert([b.paper.id]);
		assert.equal(marked(editor), `\\addbibresource{merge.bib}\nSee \\cite{${a.key},${b.key}}| and \\citep[p.~3]{${a.key},${b.key}}|.\n`);
		const bibAfter = await currentText(bib);
		assert.deepEqual(keysIn('merge.bib', bibAfter), ['mine', b.key]);

		await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
		await vscode.commands.executeCommand('undo');
		await waitFor('the note to be reverted', () => editor.document.getText() === noteBefore);
		await waitFor('merge.bib to be reverted by the same undo', async () => (await currentText(bib)) === bibBefore);
		await vscode.commands.executeCommand('redo');
		await waitFor('redo to bring the merge and the entry back', async () => editor.document.getText() !== noteBefore && (await currentText(bib)) === bibAfter, 20_000,
			() => `note ${JSON.stringify(editor.document.getText())}`);
		assert.ok(editor.document.getText().includes(`\\cite{${a.key},${b.key}}`));
	});

	test('Typst, Org and reST merge by their own rules (in real editors where the host knows the language)', async () => {
		const api = await shelfApi();
		const [a, b] = threePapers(api);
		const cases: [string, string, string][] = [
			['typst', `See @${a.key}| now.\n`, `See @${a.key} @${b.key}| now.\n`],
			['org', `See [cite:@${a.key}|] now.\n`, `See [cite:@${a.key};@${b.key}]| now.\n`],
			['restructuredtext', `See :cite:\`${a.key}\`| now.\n`, `See :cite:\`${a.key},${b.key}\`| now.\n`],
		];
		const known = await vscode.languages.getLanguages();
		const inserter = api.testing.citations.inserter;
		for (const [language, before, after] of cases) {
			const at = before.indexOf('|');
			const text = before.replace('|', '');
			const plan = inserter.plan(text, at, at, language, api.testing.citations.cited([b.paper.id]));
			const result = text.slice(0, plan.start) + plan.text + text.slice(plan.end);
			const cursor = plan.start + plan.text.length + plan.skip;
			assert.equal(result.slice(0, cursor) + '|' + result.slice(cursor), after, language);
			if (known.includes(language)) {
				const ext = { typst: 'typ', org: 'org', restructuredtext: 'rst' }[language];
				const editor = await noteWithCursors(`merge-${language}.${ext}`, before, '');
				await vscode.languages.setTextDocumentLanguage(editor.document, language);
				await api.testing.citations.insert([b.paper.id]);
				assert.equal(marked(vscode.window.activeTextEditor!), after, `${language} in the editor`);
			}
		}
	});

	test('a paper dropped inside [@a] joins that citation, with its entry, in one edit', async () => {
		const api = await shelfApi();
		const [a, b] = threePapers(api);
		const editor = await noteWithCursors('drop-merge.md', `---\nbibliography: drop-merge.bib\n---\nSee [@${a.key}] here.\n`, '');
		const data = new vscode.DataTransfer();
		data.set(PAPERS_MIME, new vscode.DataTransferItem(JSON.stringify([b.paper.id])));
		const provider = new CitationDrop(api.testing.citations.inserter);
		const line = editor.document.lineAt(3).text;
		const drop = await provider.provideDocumentDropEdits(editor.document, new vscode.Position(3, line.indexOf(a.key) + 2), data, new vscode.CancellationTokenSource().token);
		assert.ok(drop?.additionalEdit, 'a drop edit with an additional edit');
		assert.equal(drop.insertText, '', 'nothing is inserted at the drop point itself');
		assert.ok(await vscode.workspace.applyEdit(drop.additionalEdit));
		assert.equal(editor.document.lineAt(3).text, `See [@${a.key}; @${b.key}] here.`);
		assert.deepEqual(keysIn('drop-merge.bib', await currentText(workspaceUri('merge', 'drop-merge.bib'))), [b.key]);
	});
});
