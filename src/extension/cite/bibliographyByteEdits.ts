import * as vscode from 'vscode';
import { removeBytes, spliceBytes } from '../../core/cite/bibliographyBytes';
import { sha256Hex } from '../../core/hash/sha256';
import { notify } from '../util/surfaces';

/** What one staged change does to a bibliography file's bytes. */
export interface ByteChange {
	/** The bibliography file. */
	readonly file: vscode.Uri;
	/** The file as the change was planned from; undefined: it did not exist and the change creates it. */
	readonly before: Uint8Array | undefined;
	/** Where the new bytes go, and the bytes. */
	readonly offset: number;
	readonly inserted: Uint8Array;
	/**
	 * The whole file after the change, planned from `before` (Tidy Bibliography's removals); when given, `offset` and
	 * `inserted` are not used, and taking the change back writes `before` again.
	 */
	readonly after?: Uint8Array;
	/** A short name of the file for messages. */
	readonly name: string;
}

/** A change staged for a `WorkspaceEdit`: put `createFile(uri, { contents })` into the edit to make it happen. */
export interface StagedByteEdit {
	readonly uri: vscode.Uri;
	readonly contents: Uint8Array;
	/** Takes the change back if it was made (the edit around it failed), so the edit is all or nothing. */
	rollback(): Promise<void>;
	/** Why making the change failed, when it did. */
	readonly problem: string | undefined;
}

/** Where the change stands: not made yet; made (the entry is in the file); taken back by Undo. */
type State = 'staged' | 'applied' | 'reverted';

interface Record {
	readonly change: ByteChange | undefined;
	readonly contents: Uint8Array;
	state: State;
	/** Whether the entry is in the file now, as far as Paper Shelf knows (an undo that had to leave the file keeps it). */
	entryInFile: boolean;
	/** The hash of the file Paper Shelf last saw ('' for no file): the next apply or revert expects it unchanged. */
	expected: string;
	/** Why the first apply failed. */
	problem?: string;
	readonly mtime: number;
}

/**
 * Byte-exact, undoable changes of bibliography files. VS Code undoes a `WorkspaceEdit`'s text edits only in text
 * models, whose save would re-encode the file and run the user's save participants; and its undo of a created file
 * forgets the contents, which made Redo bring back an empty `references.bib`. So each change of a bibliography's bytes
 * is a tiny file in this file system (scheme `paper-shelf-edit`), created by the same `WorkspaceEdit` as the
 * citation: VS Code creating it makes the change (the bibliography's own bytes with the entry's bytes inserted),
 * Undo deleting it takes the change back, and Redo creating it again makes it again — in the same undo group as the
 * note's edit, so one Undo in the note reverts both. Every step checks first that the bibliography is as Paper Shelf
 * left it; a file changed since is left alone (the first step then fails, so the whole edit fails and the note is
 * not changed either).
 */
export class BibliographyByteEdits implements vscode.FileSystemProvider {
	static readonly scheme = 'paper-shelf-edit';

	private readonly _records = new Map<string, Record>();
	private _next = 0;
	private readonly _onDidChangeFile = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
	readonly onDidChangeFile = this._onDidChangeFile.event;

	/** Stages `change` (undefined: a change that does nothing, which still separates undo elements, see `insertCitation.ts`). */
	stage(change: ByteChange | undefined): StagedByteEdit {
		const id = String(++this._next);
		const contents = new TextEncoder().encode(change
			? change.after && change.before
				? `Paper Shelf: ${change.before.length - change.after.length} bytes removed from ${change.name}\n`
				: `Paper Shelf: ${change.inserted.length} bytes ${change.before ? 'inserted into' : 'written to a new'} ${change.name}\n`
			: 'Paper Shelf: citation\n');
		const record: Record = { change, contents, state: 'staged', entryInFile: false, expected: change?.before ? hash(change.before) : '', mtime: Date.now() };
		this._records.set(id, record);
		return {
			uri: vscode.Uri.from({ scheme: BibliographyByteEdits.scheme, path: `/${id}` }),
			contents,
			rollback: async () => {
				if (record.state === 'applied') {
					await this._revert(record, false);
				}
			},
			get problem() {
				return record.problem;
			},
		};
	}

	// --- the file system VS Code's bulk edits and undo/redo call

	watch(): vscode.Disposable {
		return new vscode.Disposable(() => undefined);
	}

	stat(uri: vscode.Uri): vscode.FileStat {
		if (uri.path === '/') {
			return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
		}
		const record = this._existing(uri);
		return { type: vscode.FileType.File, ctime: record.mtime, mtime: record.mtime, size: record.contents.length };
	}

	readDirectory(): [string, vscode.FileType][] {
		return [...this._records].filter(([, r]) => r.state === 'applied').map(([id]) => [id, vscode.FileType.File]);
	}

	createDirectory(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	readFile(uri: vscode.Uri): Uint8Array {
		return this._existing(uri).contents;
	}

	/** Creating a staged file makes its change (first time, or Redo). */
	async writeFile(uri: vscode.Uri): Promise<void> {
		const record = this._records.get(uri.path.slice(1));
		if (!record) {
			throw vscode.FileSystemError.NoPermissions(uri);
		}
		if (record.state === 'applied') {
			throw vscode.FileSystemError.FileExists(uri);
		}
		await this._apply(record);
		this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Created, uri }]);
	}

	/** Deleting it takes the change back (Undo). */
	async delete(uri: vscode.Uri): Promise<void> {
		await this._revert(this._existing(uri), true);
		this._onDidChangeFile.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
	}

	rename(uri: vscode.Uri): void {
		throw vscode.FileSystemError.NoPermissions(uri);
	}

	dispose(): void {
		this._onDidChangeFile.dispose();
	}

	// --- making and taking back

	private _existing(uri: vscode.Uri): Record {
		const record = this._records.get(uri.path.slice(1));
		if (!record || record.state !== 'applied') {
			throw vscode.FileSystemError.FileNotFound(uri);
		}
		return record;
	}

	private async _apply(record: Record): Promise<void> {
		const first = record.state === 'staged';
		const change = record.change;
		if (change && !record.entryInFile) {
			const { problem, current } = await this._check(change.file, record.expected);
			if (problem) {
				if (first) {
					// The whole WorkspaceEdit fails with this: the note is not changed either.
					record.problem = `${change.name} ${problem}; nothing was changed, try again`;
					throw vscode.FileSystemError.Unavailable(record.problem);
				}
				void notify.warning(`Paper Shelf: ${change.name} ${problem}, so Redo did not add the entry to it again.`);
			} else {
				// `current` is `before` (its hash was checked), so a planned `after` is the change made.
				const after = change.after ?? (current ? spliceBytes(current, change.offset, change.inserted) : change.inserted);
				try {
					await vscode.workspace.fs.writeFile(change.file, after);
				} catch (e) {
					if (first) {
						record.problem = `${change.name} could not be written (${e instanceof Error ? e.message : String(e)}); nothing was changed`;
					}
					throw e;
				}
				record.entryInFile = true;
				record.expected = hash(after);
			}
		}
		record.state = 'applied';
	}

	private async _revert(record: Record, byUndo: boolean): Promise<void> {
		const change = record.change;
		record.state = 'reverted';
		if (!change || !record.entryInFile) {
			return;
		}
		const { problem, current } = await this._check(change.file, record.expected);
		if (problem || !current) {
			void notify.warning(`Paper Shelf: ${change.name} ${problem ?? 'is gone'}, so ${byUndo ? 'Undo' : 'Paper Shelf'} left it as it is.`);
			return;
		}
		if (change.before) {
			const restored = change.after ? change.before : removeBytes(current, change.offset, change.inserted.length);
			await vscode.workspace.fs.writeFile(change.file, restored);
			record.expected = hash(restored);
		} else {
			await vscode.workspace.fs.delete(change.file, { useTrash: false });
			record.expected = '';
		}
		record.entryInFile = false;
	}

	/**
	 * The bytes of `file` now (undefined: no file), and why it is not as Paper Shelf left it (hash `expected`, '' for
	 * no file), if it is not — an editor with unsaved changes of it counts as changed.
	 */
	private async _check(file: vscode.Uri, expected: string): Promise<{ problem?: string; current?: Uint8Array }> {
		if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === file.toString() && d.isDirty)) {
			return { problem: 'has unsaved changes' };
		}
		const read = await readBibliographyBytes(file);
		if (read === 'directory' || read === 'special') {
			return { problem: 'is no longer a regular file' };
		}
		const current = read;
		if ((current ? hash(current) : '') === expected) {
			return { current };
		}
		return { problem: expected === '' ? 'exists now' : current ? 'changed on disk in the meantime' : 'was deleted in the meantime' };
	}
}

function hash(bytes: Uint8Array): string {
	return sha256Hex(bytes);
}

/**
 * A bibliography's bytes; undefined when it does not exist, 'directory' for a folder, 'special' for anything else that
 * is not a regular file (a FIFO, socket or device: reading a FIFO with no writer would never return). The one way
 * Paper Shelf reads a bibliography file, when planning an entry and when checking it before undo and redo.
 */
export async function readBibliographyBytes(uri: vscode.Uri): Promise<Uint8Array | 'directory' | 'special' | undefined> {
	let stat: vscode.FileStat;
	try {
		stat = await vscode.workspace.fs.stat(uri);
	} catch {
		return undefined;
	}
	if (stat.type & vscode.FileType.Directory) {
		return 'directory';
	}
	if (!(stat.type & vscode.FileType.File)) {
		return 'special';
	}
	return vscode.workspace.fs.readFile(uri);
}
