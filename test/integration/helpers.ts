import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readBibliographyKeys } from '../../src/core/cite/bibliographyFile';
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

// --- the two extension hosts: Node (desktop, remote, code-server) and the browser's web worker -----------------------

/** True when this suite runs in the browser's web worker extension host (the web build, out/test/web/integration.js). */
export const inWebHost = PAPER_SHELF_TEST_HOST === 'web';

/** The web host has no `process.env`: the runner writes the variables into out/test/web/env.json, read before the run. */
let webEnv: Record<string, string> = {};

/** Reads out/test/web/env.json (web host only; on Node the variables are in `process.env`). */
export async function loadTestEnv(): Promise<void> {
	if (!inWebHost) return;
	const ext = vscode.extensions.getExtension(EXTENSION_ID);
	assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
	const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, 'out', 'test', 'web', 'env.json'));
	webEnv = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>;
}

/** An environment variable the test runner set (PAPER_SHELF_TEST_WORKSPACE, PAPER_SHELF_TEST_GREP, …). */
export function testEnv(name: string): string | undefined {
	return inWebHost ? webEnv[name] : process.env[name];
}

const exclusions: { title: string; reason: string }[] = [];

/** The tests that need Node and are listed instead of run in the web host, with why. */
export function webHostExclusions(): readonly { title: string; reason: string }[] {
	return exclusions;
}

/**
 * A test that needs Node itself (its own code makes FIFOs, sparse files, symbolic links or files outside the workspace
 * with `node:fs`): run in the Node host; in the web host listed with `reason` before the run and shown as pending.
 */
export function nodeOnlyTest(title: string, reason: string, fn: Mocha.Func): void {
	if (!inWebHost) {
		test(title, fn);
		return;
	}
	exclusions.push({ title, reason });
	test.skip(`${title} [needs Node: ${reason}]`, fn);
}

/** A suite whose every test needs Node (see `nodeOnlyTest`). */
export function nodeOnlySuite(title: string, reason: string, fn: (this: Mocha.Suite) => void): void {
	if (!inWebHost) {
		suite(title, fn);
		return;
	}
	exclusions.push({ title: `${title} (the whole suite)`, reason });
	suite.skip(`${title} [needs Node: ${reason}]`, fn);
}

/** The last segment of a URI's path. */
export function baseName(uri: vscode.Uri): string {
	return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** Every file below `dir` (recursively) whose name passes `wanted`; none when `dir` does not exist. */
export async function filesBelow(dir: vscode.Uri, wanted: (name: string) => boolean): Promise<vscode.Uri[]> {
	let entries: [string, vscode.FileType][];
	try {
		entries = await vscode.workspace.fs.readDirectory(dir);
	} catch {
		return [];
	}
	const found: vscode.Uri[] = [];
	for (const [name, type] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		const uri = vscode.Uri.joinPath(dir, name);
		if (type & vscode.FileType.Directory) found.push(...(await filesBelow(uri, wanted)));
		else if (wanted(name)) found.push(uri);
	}
	return found;
}

export async function readText(uri: vscode.Uri): Promise<string> {
	return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** A file's text, or undefined when it cannot be read (it does not exist). */
export async function readFileText(uri: vscode.Uri): Promise<string | undefined> {
	try {
		return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
	} catch {
		return undefined;
	}
}

/** The text of a file as the editor sees it: the open document's (unsaved changes included), else the file's. */
export async function currentText(uri: vscode.Uri): Promise<string | undefined> {
	const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
	return open ? open.getText() : readFileText(uri);
}

/** The keys a bibliography text defines, through the core's reader (which the tests of the core check). */
export function keysIn(name: string, text: string | undefined): string[] {
	const parsed = readBibliographyKeys(name, text ?? '');
	assert.ok(parsed.ok, `${name} should parse: ${parsed.ok ? '' : parsed.message}`);
	return parsed.keys.map((k) => k.key);
}
