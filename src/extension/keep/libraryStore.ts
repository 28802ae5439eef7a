import * as vscode from 'vscode';
import { dominantLineEnding } from '../../core/cite/bibliographyFile';
import {
	applyLibraryEdit, EMPTY_LIBRARY, mergeLibraries, paperRecord, parseLibrary, serializeLibrary,
	type IdOccurrence, type LibraryData, type LibraryEdit, type LibraryProblem,
} from '../../core/library/libraryFile';
import type { Paper } from '../../core/model';
import { plainText } from '../../core/text/untrustedText';
import { Disposable } from '../util/disposable';
import { notify } from '../util/surfaces';

/** Where the library file is, and whether it lives in the workspace (a watcher follows it there). */
export interface LibraryLocation {
	readonly uri: vscode.Uri;
	readonly inWorkspace: boolean;
}

/** The library file's location: `paperShelf.libraryFile` in the first workspace folder, else global storage. */
export function libraryLocation(setting: string, globalStorage: vscode.Uri): LibraryLocation | { refused: string } {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) {
		return { uri: vscode.Uri.joinPath(globalStorage, 'library.json'), inWorkspace: false };
	}
	const parts = setting.replace(/\\/g, '/').split('/').filter((p) => p !== '' && p !== '.');
	if (/^([a-z]:|\/|\\|~)/i.test(setting.trim()) || parts.includes('..') || parts.length === 0) {
		return { refused: `paperShelf.libraryFile must be a path inside the workspace folder (got "${setting}").` };
	}
	return { uri: vscode.Uri.joinPath(folder.uri, ...parts), inWorkspace: true };
}

/**
 * The starred papers, reading lists and read marks, kept in the library file. Owns reading it (on start and whenever
 * it changes on disk), publishing its problems, and writing it: atomically (a temporary file renamed over it),
 * read-modify-write against what is on disk at that moment with a three-way merge, and never over a file it could not
 * parse or one with unsaved edits in an editor.
 */
export class LibraryStore extends Disposable {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	/** The stars, lists or read marks changed (an edit here, or the file changed on disk). */
	readonly onDidChange = this._onDidChange.event;
	private readonly _diagnostics = this._register(vscode.languages.createDiagnosticCollection('paper-shelf-library'));
	private _data: LibraryData = EMPTY_LIBRARY;
	private _problems: readonly LibraryProblem[] = [];
	private _occurrences: readonly IdOccurrence[] = [];
	private _writable = true;
	private _location: LibraryLocation | undefined;
	private _watcher: vscode.Disposable | undefined;
	private _queue: Promise<unknown> = Promise.resolve();
	private _starred = new Set<string>();
	private _read = new Set<string>();
	private _loaded: Promise<void> = Promise.resolve();

	constructor(
		private readonly _setting: () => string,
		private readonly _globalStorage: vscode.Uri,
		/** Whether an id is on the shelf now, for "not on the shelf" diagnostics (undefined while the shelf loads). */
		private readonly _onShelf: () => ((id: string) => boolean) | undefined,
	) {
		super();
		this._register({ dispose: () => this._watcher?.dispose() });
		this.relocate();
	}

	get data(): LibraryData {
		return this._data;
	}

	get uri(): vscode.Uri | undefined {
		return this._location?.uri;
	}

	/** Resolves when the file as of the last (re)location or disk change has been read. */
	get loaded(): Promise<void> {
		return this._loaded;
	}

	isStarred(id: string): boolean {
		return this._starred.has(id);
	}

	isRead(id: string): boolean {
		return this._read.has(id);
	}

	/** Follows the setting (and the workspace folders): a new file is read and watched. */
	relocate(): void {
		const location = libraryLocation(this._setting(), this._globalStorage);
		this._watcher?.dispose();
		this._watcher = undefined;
		if ('refused' in location) {
			this._location = undefined;
			void notify.warning(`Paper Shelf: ${location.refused}`);
			this._set(EMPTY_LIBRARY, [], [], false);
			return;
		}
		this._location = location;
		if (location.inWorkspace) {
			const folder = vscode.Uri.joinPath(location.uri, '..');
			const name = location.uri.path.slice(location.uri.path.lastIndexOf('/') + 1);
			const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
			const reload = () => void this.reload();
			this._watcher = vscode.Disposable.from(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
		}
		void this.reload();
	}

	/** Reads the file again (a watcher calls this on every change on disk, `git pull` included). */
	reload(): Promise<void> {
		this._loaded = this._enqueue(async () => {
			const location = this._location;
			if (!location) {
				return;
			}
			const read = await readText(location.uri);
			if ('error' in read) {
				this._set(this._data, [{ line: 1, column: 1, severity: 'error', message: read.error }], [], false);
				return;
			}
			const parsed = parseLibrary(read.text ?? '');
			this._set(parsed.data, parsed.problems, parsed.occurrences, parsed.writable);
		});
		return this._loaded;
	}

	/** Publishes the problems again (the shelf changed, so "not on the shelf" may have). */
	refreshDiagnostics(): void {
		this._publish();
	}

	/**
	 * Applies `edit` to the file as it is on disk now, merged with what this window last read, and writes it
	 * atomically. `papers` are the shelf papers the edit keeps (their records are stored with a star or list entry).
	 * Resolves to false, having said why, when the file cannot be written.
	 */
	edit(edit: LibraryEdit, papers: readonly Paper[] = []): Promise<boolean> {
		return this._enqueue(async () => {
			const location = this._location;
			if (!location) {
				void notify.warning('Paper Shelf: there is no library file to write (see paperShelf.libraryFile).');
				return false;
			}
			const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === location.uri.toString());
			if (open?.isDirty) {
				void notify.warning(`Paper Shelf: ${displayName(location.uri)} has unsaved changes; save or revert it, then try again.`);
				return false;
			}
			const records = new Map(papers.map((p) => [p.id, paperRecord(p)]));
			for (let attempt = 0; attempt < 5; attempt++) {
				const before = await readText(location.uri);
				if ('error' in before) {
					void notify.error(`Paper Shelf: ${before.error}`);
					return false;
				}
				const disk = parseLibrary(before.text ?? '');
				if (!disk.writable) {
					this._set(disk.data, disk.problems, disk.occurrences, false);
					void notify.error(`Paper Shelf: ${displayName(location.uri)} has problems (see the Problems panel); it was left as it is. Fix it, then try again.`);
					return false;
				}
				const base = this._data;
				const merged = mergeLibraries(base, applyLibraryEdit(base, edit, records), disk.data);
				const eol = before.text ? dominantLineEnding(before.text) : '\n';
				const text = serializeLibrary(merged, eol === '\r' ? '\n' : eol);
				if (text === before.text) {
					this._set(disk.data, disk.problems, disk.occurrences, true);
					return true;
				}
				const written = await writeAtomically(location.uri, text, before.mtime);
				if (written === 'changed') {
					continue; // someone wrote it between our read and our write: merge again with theirs
				}
				if (written !== 'ok') {
					void notify.error(`Paper Shelf: could not write ${displayName(location.uri)}: ${written.error}`);
					return false;
				}
				const parsed = parseLibrary(text);
				this._set(parsed.data, parsed.problems, parsed.occurrences, parsed.writable);
				return true;
			}
			void notify.error(`Paper Shelf: ${displayName(location.uri)} kept changing while Paper Shelf tried to write it; try again.`);
			return false;
		});
	}

	private _enqueue<T>(task: () => Promise<T>): Promise<T> {
		const run = this._queue.then(task, task);
		this._queue = run.catch(() => undefined);
		return run;
	}

	private _set(data: LibraryData, problems: readonly LibraryProblem[], occurrences: readonly IdOccurrence[], writable: boolean): void {
		const changed = serializeLibrary(data) !== serializeLibrary(this._data);
		this._data = data;
		this._problems = problems;
		this._occurrences = occurrences;
		this._writable = writable;
		this._starred = new Set(data.starred);
		this._read = new Set(data.read);
		this._publish();
		if (changed) {
			this._onDidChange.fire();
		}
	}

	private _publish(): void {
		const uri = this._location?.uri;
		if (!uri) {
			return;
		}
		const diagnostics = this._problems.map((p) => diagnostic(p.line, p.column, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning, p.message));
		const onShelf = this._onShelf();
		if (onShelf && this._writable) {
			for (const o of this._occurrences) {
				if (!onShelf(o.id) && !this._data.papers.has(o.id)) {
					diagnostics.push(diagnostic(o.line, o.column, vscode.DiagnosticSeverity.Warning,
						plainText(`"${o.id}" is not on the shelf and the file keeps no record of it; it is kept, but not shown.`)));
				}
			}
		}
		this._diagnostics.set(uri, diagnostics);
	}
}

function diagnostic(line: number, column: number, severity: vscode.DiagnosticSeverity, message: string): vscode.Diagnostic {
	const start = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
	const d = new vscode.Diagnostic(new vscode.Range(start, start.translate(0, 1)), message, severity);
	d.source = 'Paper Shelf';
	return d;
}

function displayName(uri: vscode.Uri): string {
	return vscode.workspace.asRelativePath(uri, false);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The file's text and modification time; `text` undefined when there is no file yet. */
async function readText(uri: vscode.Uri): Promise<{ text: string | undefined; mtime: number | undefined } | { error: string }> {
	let stat: vscode.FileStat;
	try {
		stat = await vscode.workspace.fs.stat(uri);
	} catch {
		return { text: undefined, mtime: undefined };
	}
	if (stat.type & vscode.FileType.Directory) {
		return { error: `${displayName(uri)} is a folder, not a library file.` };
	}
	if (stat.size > 64 * 1024 * 1024) {
		return { error: `${displayName(uri)} is larger than 64 MB; Paper Shelf does not read it as a library file.` };
	}
	try {
		const bytes = await vscode.workspace.fs.readFile(uri);
		return { text: decoder.decode(bytes), mtime: stat.mtime };
	} catch (e) {
		return { error: e instanceof TypeError ? `${displayName(uri)} is not UTF-8 text.` : `${displayName(uri)} could not be read.` };
	}
}

/**
 * Writes `text` to a temporary file beside `uri` and renames it over `uri`, so a reader never sees half a file. Before
 * the rename, checks that the file was not changed since it was read at `mtime` ('changed': read and merge again).
 */
async function writeAtomically(uri: vscode.Uri, text: string, mtime: number | undefined): Promise<'ok' | 'changed' | { error: string }> {
	const folder = vscode.Uri.joinPath(uri, '..');
	const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
	const temp = vscode.Uri.joinPath(folder, `.${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
	try {
		await vscode.workspace.fs.createDirectory(folder);
		await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
		const now = await vscode.workspace.fs.stat(uri).then((s) => s.mtime, () => undefined);
		if (now !== mtime) {
			await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
			return 'changed';
		}
		await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
		return 'ok';
	} catch (e) {
		await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
		return { error: e instanceof Error ? plainText(e.message) : 'unknown error' };
	}
}
