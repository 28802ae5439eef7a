import * as vscode from 'vscode';

/** The file's stat through the VS Code file system, or undefined when there is none (or it cannot be read). */
export async function statOrUndefined(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
	try {
		return await vscode.workspace.fs.stat(uri);
	} catch {
		return undefined;
	}
}

/** Whether anything (file or folder) is at `uri`. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
	return (await statOrUndefined(uri)) !== undefined;
}
