import * as vscode from 'vscode';
import { isInsideAnyFolder, normalizePath } from '../../core/cite/bibliographyPath';
import { StorageKeys } from '../ids';
import type { HostPlatform } from '../platform';
import { confirmModal } from '../util/surfaces';

/** Where a write to a file really lands, and whether that is inside a workspace folder. */
export interface WriteTarget {
	/** The file the bytes end up in: symbolic links followed where the file system can tell. */
	readonly path: string;
	readonly inside: boolean;
}

/** Answers the question "write outside the workspace?" for a full path (the modal dialog, or a test's answer). */
export type OutsideWriteQuestion = (fullPath: string, detail: string) => Promise<boolean>;

/**
 * The workspace boundary for files Paper Shelf writes: inside a workspace folder it writes; outside (a `../` path, an
 * absolute or `~/` path, a `paperShelf.bibliographyFile` pointing out, or a symbolic link inside that leads out) it
 * writes only after the user confirmed the full path in a modal dialog, and remembers that path. Declining writes
 * nothing. The lexical part of the policy is the core's (`bibliographyPath.ts`); this class adds the file system:
 * symbolic links are resolved with `realpath` for `file:` URIs where the host can (Node: `HostPlatform.realPath`), and
 * any other URI that reports a link counts as outside.
 */
export class WriteBoundary {
	private _question: OutsideWriteQuestion = askInModal;

	constructor(
		private readonly _memento: vscode.Memento,
		private readonly _platform: Pick<HostPlatform, 'realPath' | 'caseInsensitiveFiles'>,
	) {}

	/** Where `uri` leads and whether that is inside one of the workspace folders. */
	async locate(uri: vscode.Uri): Promise<WriteTarget> {
		const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === uri.scheme && f.uri.authority === uri.authority);
		const caseInsensitive = uri.scheme === 'file' && this._platform.caseInsensitiveFiles;
		const realPath = this._platform.realPath;
		if (uri.scheme === 'file' && realPath) {
			const real = await realPath(uri.fsPath);
			const realFolders = await Promise.all(folders.map((f) => realPath(f.uri.fsPath)));
			return { path: real, inside: isInsideAnyFolder(toUriPath(real), realFolders.map(toUriPath), caseInsensitive) };
		}
		const inside = isInsideAnyFolder(normalizePath(uri.path), folders.map((f) => normalizePath(f.uri.path)), caseInsensitive);
		let link = false;
		try {
			link = ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.SymbolicLink) !== 0;
		} catch {
			// a file that does not exist yet is no link
		}
		return { path: uri.toString(true), inside: inside && !link };
	}

	/**
	 * Whether Paper Shelf may write to `uri`: yes inside the workspace folders and for a path the user allowed before;
	 * else the user is asked, naming the full path, and a yes is remembered for that path.
	 */
	async mayWrite(uri: vscode.Uri, what: string): Promise<{ allowed: boolean; target: WriteTarget }> {
		const target = await this.locate(uri);
		if (target.inside) {
			return { allowed: true, target };
		}
		const allowed = this._memento.get<string[]>(StorageKeys.AllowedOutsideWrites, []);
		if (allowed.includes(target.path)) {
			return { allowed: true, target };
		}
		const detail = `${what} It is outside the workspace folders. Paper Shelf remembers a yes for this file.`;
		if (!(await this._question(target.path, detail))) {
			return { allowed: false, target };
		}
		await this._memento.update(StorageKeys.AllowedOutsideWrites, [...allowed.filter((p) => p !== target.path), target.path]);
		return { allowed: true, target };
	}

	/** For the integration tests: answer the question with `question` instead of a modal dialog (undefined: the dialog again). */
	answerWith(question: OutsideWriteQuestion | undefined): void {
		this._question = question ?? askInModal;
	}
}

function askInModal(fullPath: string, detail: string): Promise<boolean> {
	return confirmModal(`Paper Shelf: write to ${fullPath}?`, detail, 'Write to This File');
}

/** A file-system path in the core's URI-path form (forward slashes; `C:\x` → `/C:/x`). */
function toUriPath(fsPath: string): string {
	return fsPath.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/');
}
