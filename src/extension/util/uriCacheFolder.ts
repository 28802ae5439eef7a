import * as vscode from 'vscode';
import type { CacheFolder } from '../../core/cacheFolder';

let temporaryCount = 0;

/**
 * A `CacheFolder` through `vscode.workspace.fs`: the same code for a `file:` global storage folder (desktop, remote) and
 * the browser's (vscode.dev, github.dev: an IndexedDB-backed `vscode-userdata:` folder). A write goes to a temporary
 * file renamed over the old one, so a reader never sees half a file.
 */
export function uriCacheFolder(folder: vscode.Uri): CacheFolder {
	return {
		async read(name) {
			try {
				return await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name));
			} catch (e) {
				if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
				throw e;
			}
		},
		async write(name, data) {
			await vscode.workspace.fs.createDirectory(folder);
			const target = vscode.Uri.joinPath(folder, name);
			const temporary = vscode.Uri.joinPath(folder, `${name}.${Date.now().toString(36)}-${(temporaryCount++).toString(36)}.tmp`);
			await vscode.workspace.fs.writeFile(temporary, data);
			try {
				await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
			} catch (e) {
				await vscode.workspace.fs.delete(temporary).then(undefined, () => undefined);
				throw e;
			}
		},
		describe: (name) => {
			const uri = vscode.Uri.joinPath(folder, name);
			return uri.scheme === 'file' ? uri.fsPath : uri.toString(true);
		},
	};
}
