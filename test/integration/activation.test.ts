import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

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
		const expected = process.env.PAPER_SHELF_TEST_WORKSPACE;
		assert.ok(expected, 'PAPER_SHELF_TEST_WORKSPACE is not set by the test host');
		const folders = vscode.workspace.workspaceFolders ?? [];
		assert.equal(folders.length, 1);
		assert.equal(path.resolve(folders[0].uri.fsPath), path.resolve(expected));
	});

	test('Paper Shelf is loaded from the repository under test', () => {
		const extension = paperShelf();
		assert.equal(extension.id, extensionId);
		assert.equal(path.resolve(extension.extensionPath), path.resolve(__dirname, '..', '..', '..'));
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
});
