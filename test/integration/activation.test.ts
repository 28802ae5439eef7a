import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi } from '../../src/extension/extension';
import { deleteFile, inWebHost, testEnv, workspaceUri, writeText } from './helpers';

const extensionId = 'paper-shelf.paper-shelf';

/** The parts of the manifest these tests read. */
interface Manifest {
	readonly contributes?: { readonly commands?: readonly { readonly command: string }[] };
}

function paperShelf(): vscode.Extension<unknown> {
	const extension = vscode.extensions.getExtension(extensionId);
	assert.ok(extension, `${extensionId} is not loaded in the test host`);
	return extension;
}

suite('Activation', () => {
	test('The test host opens the temporary copy of the fixture workspace', () => {
		const expected = testEnv('PAPER_SHELF_TEST_WORKSPACE');
		assert.ok(expected, 'PAPER_SHELF_TEST_WORKSPACE is not set by the test host');
		const folders = vscode.workspace.workspaceFolders ?? [];
		assert.equal(folders.length, 1);
		assert.equal(folders[0].uri.path, vscode.Uri.file(expected).path);
	});

	test('Paper Shelf is loaded from the repository under test', () => {
		const extension = paperShelf();
		assert.equal(extension.id, extensionId);
		// The web bundle is one file (out/test/web/integration.js) with no __dirname: the runner names the repository.
		const repo = inWebHost ? testEnv('PAPER_SHELF_TEST_REPO') : vscode.Uri.joinPath(vscode.Uri.file(__dirname), '..', '..', '..').fsPath;
		assert.ok(repo, 'the test host names the repository');
		assert.equal(extension.extensionUri.path, vscode.Uri.file(repo).path);
	});

	test('Paper Shelf runs as the build for this host: the Node build in the Node host, the web build in the web worker host', async () => {
		const api = (await paperShelf().activate()) as PaperShelfApi;
		assert.equal(api.testing?.platform, inWebHost ? 'web' : 'node');
		if (inWebHost) {
			// The web worker extension host has no Node: the extension ran without `process`.
			assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node `process` in the web worker host');
			assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
		}
	});

	test('Paper Shelf activates without throwing', async () => {
		const extension = paperShelf();
		await extension.activate();
		assert.equal(extension.isActive, true);
	});

	test('Every command in the manifest is registered after activation', async () => {
		const extension = paperShelf();
		await extension.activate();
		const contributed = ((extension.packageJSON as Manifest).contributes?.commands ?? []).map((c) => c.command);
		assert.ok(contributed.some((id) => id.startsWith('paperShelf.')), 'the manifest contributes no paperShelf.* command');
		const registered = new Set(await vscode.commands.getCommands(true));
		assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
	});

	// Runs before any test asks for the shelf (the suites run in file order, and this file is first).
	test('activation by a note reads no digest; the first @ completion in the note loads the shelf and lists its papers', async () => {
		const api = await paperShelf().activate() as PaperShelfApi;
		const testing = api.testing;
		assert.ok(testing, 'the test hooks are there');
		const uri = workspaceUri('lazy-note.md');
		await writeText(uri, 'A note that cites nothing yet: \n');
		const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
		// Give the note's own features (diagnostics run at once on open) the chance to ask for the shelf.
		await new Promise((r) => setTimeout(r, 1000));
		assert.equal(testing.view.view.visible, false, 'the Papers view is not shown');
		assert.equal(testing.sources.scans, 0, 'the workspace was not searched for digests');
		assert.equal(testing.library.digests.length, 0, 'no digest was read');
		const end = new vscode.Position(0, editor.document.lineAt(0).text.length);
		await editor.edit((e) => e.insert(end, '@'));
		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, end.translate(0, 1), '@');
		assert.ok(testing.sources.scans >= 1, 'the completion started the load');
		const keys = new Set(testing.library.papers.map((p) => testing.citations.keyOf(p.id)));
		assert.ok(keys.size > 0, 'the shelf has papers');
		assert.ok(list.items.some((i) => keys.has(typeof i.label === 'string' ? i.label : i.label.label)), 'the completion lists shelf papers by key');
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
		await deleteFile(uri);
	});
});
