/**
 * The entry point of the browser build (`dist/web/extension.js`, package.json `browser`): vscode.dev, github.dev and
 * other web workbenches, where the extension runs in the browser's web worker extension host. No Node: topics run in
 * a Web Worker, files and caches go through `vscode.workspace.fs`.
 */
import * as vscode from 'vscode';
import { activateShelf, type PaperShelfApi } from '../extension/extension';
import { startTopicsWebWorker } from './topicsWebWorker';

export function activate(context: vscode.ExtensionContext): PaperShelfApi {
	const bundle = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'topicsWorker.js');
	return activateShelf(context, {
		kind: 'web',
		topicsWorker: typeof Worker === 'function' ? { start: startTopicsWebWorker(async () => vscode.workspace.fs.readFile(bundle)), bundle } : undefined,
		caseInsensitiveFiles: false,
	});
}

export function deactivate(): void {
	// Everything is released through context.subscriptions.
}
