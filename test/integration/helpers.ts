import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PaperShelfApi, TestingHooks } from '../../src/extension/extension';

export const EXTENSION_ID = 'paper-shelf.paper-shelf';

/** The running extension's API with its test hooks (the host runs it in `ExtensionMode.Test`). */
export type TestApi = PaperShelfApi & { readonly testing: TestingHooks };

/** The running extension's API and test hooks, after its first load of the digests. */
export async function shelfApi(): Promise<TestApi> {
	const ext = vscode.extensions.getExtension<PaperShelfApi>(EXTENSION_ID);
	assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
	const api = await ext.activate();
	const testing = api.testing;
	assert.ok(testing, 'the test hooks are there: the host runs Paper Shelf in ExtensionMode.Test');
	await api.ready;
	return { ...api, testing };
}

/**
 * Polls until `check` returns a value that is not undefined/false, or fails with `what` (and, when
 * given, `state()`: what the test saw, to make a failure explain itself).
 */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000, state?: () => string): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined && value !== false) {
			return value;
		}
		if (Date.now() > deadline) {
			assert.fail(`timed out after ${timeoutMs} ms waiting for: ${what}${state ? `\n    state: ${state()}` : ''}`);
		}
		await new Promise((r) => setTimeout(r, 100));
	}
}

/** The workspace folder the tests may write into (a fresh copy per run). */
export function workspaceUri(...segments: string[]): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the integration tests need a workspace folder');
	return vscode.Uri.joinPath(folder.uri, ...segments);
}

export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
	await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

export async function deleteFile(uri: vscode.Uri): Promise<void> {
	try {
		await vscode.workspace.fs.delete(uri);
	} catch {
		// already gone
	}
}
