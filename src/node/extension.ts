/**
 * The entry point of the Node build (`dist/extension.js`, package.json `main`): desktop VS Code and remote hosts (SSH,
 * WSL, containers, code-server), where the extension runs beside the files. Supplies what only Node has.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { activateShelf, type PaperShelfApi } from '../extension/extension';
import { realPath } from './realPath';
import { startTopicsThread } from './topicsThread';

export type { PaperShelfApi } from '../extension/extension';

export function activate(context: vscode.ExtensionContext): PaperShelfApi {
	const bundle = vscode.Uri.joinPath(context.extensionUri, 'dist', 'topicsWorker.js');
	return activateShelf(context, {
		kind: 'node',
		topicsWorker: { start: startTopicsThread(bundle.fsPath), bundle },
		realPath,
		homeDir: os.homedir(),
		caseInsensitiveFiles: process.platform === 'win32' || process.platform === 'darwin',
	});
}

export function deactivate(): void {
	// Everything is released through context.subscriptions.
}
