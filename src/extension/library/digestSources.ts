import * as vscode from 'vscode';
import { parseFetchedFileName } from '../../core/fetch/fetchPlan';
import { storedStringList } from '../../core/storedValues';
import { Disposable } from '../util/disposable';

/** Why a digest is on the shelf. */
export type DigestOrigin = 'bundled' | 'workspace' | 'opened' | 'fetched';

/** A folder of fetched files outside the workspace (global storage), and when its files are on the shelf. */
export interface FetchedFolder {
	readonly uri: vscode.Uri;
	/** Default: while no workspace folder is open (that is when the fetch commands save there). */
	readonly when?: () => boolean;
}

/** One digest file the shelf shows. */
export interface DigestSource {
	readonly uri: vscode.Uri;
	readonly origin: DigestOrigin;
}

/**
 * Finds the digest files of the workspace (by the `paperShelf.digests` globs, in every folder), adds
 * the ones the user opened, and watches them all. It reports *which* files changed; reading and
 * parsing them is the library's job.
 */
export class DigestSources extends Disposable {
	private readonly _onDidChangeFile = this._register(new vscode.EventEmitter<vscode.Uri>());
	/** A watched digest was created or changed on disk. */
	readonly onDidChangeFile = this._onDidChangeFile.event;

	private readonly _onDidDeleteFile = this._register(new vscode.EventEmitter<vscode.Uri>());
	/** A watched digest, or a folder that may have held digests, was deleted. */
	readonly onDidDeleteFile = this._onDidDeleteFile.event;

	private _watchers: vscode.Disposable[] = [];
	private _scans = 0;

	constructor(
		/** The digest shipped with the extension. */
		readonly bundled: vscode.Uri,
		private readonly _memento: vscode.Memento,
		private readonly _openedKey: string,
		/** Where fetched files go without a workspace folder: they are on the shelf then. */
		private readonly _fetched?: FetchedFolder,
	) {
		super();
		this._register({ dispose: () => {
			this._disposeWatchers();
			clearTimeout(this._folderScan);
		} });
	}

	/** How many times the workspace was searched for digests (each search also (re)starts the watchers). */
	get scans(): number {
		return this._scans;
	}

	/** The files opened with "Open Digest File…", remembered per workspace. */
	get opened(): vscode.Uri[] {
		return this._openedStrings().flatMap((s) => {
			try {
				return [vscode.Uri.parse(s, true)];
			} catch {
				return []; // not a URI: stored by something else
			}
		});
	}

	async addOpened(uri: vscode.Uri): Promise<void> {
		const all = new Set(this._openedStrings());
		all.add(uri.toString());
		await this._memento.update(this._openedKey, [...all]);
	}

	async removeOpened(uri: vscode.Uri): Promise<void> {
		const all = this._openedStrings().filter((s) => s !== uri.toString());
		await this._memento.update(this._openedKey, all);
	}

	private _openedStrings(): string[] {
		return storedStringList(this._memento.get<unknown>(this._openedKey));
	}

	/**
	 * Every digest to show, in a stable order: workspace files (sorted), opened files, then the
	 * bundled digest when `showBundled` says so.
	 */
	async find(globs: readonly string[], showBundled: 'auto' | 'always' | 'never', token?: vscode.CancellationToken): Promise<DigestSource[]> {
		this._scans++;
		const found = new Map<string, DigestSource>();
		for (const folder of vscode.workspace.workspaceFolders ?? []) {
			for (const glob of globs) {
				const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', 10_000, token);
				for (const uri of uris) {
					found.set(uri.toString(), { uri, origin: 'workspace' });
				}
			}
		}
		const workspace = [...found.values()].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
		const opened = this.opened.filter((u) => !found.has(u.toString())).map((uri): DigestSource => ({ uri, origin: 'opened' }));
		const sources = [...workspace, ...opened, ...(await this._fetchedFiles()).filter((s) => !found.has(s.uri.toString()))];
		if (showBundled === 'always' || (showBundled === 'auto' && sources.length === 0)) {
			sources.push({ uri: this.bundled, origin: 'bundled' });
		}
		this._watch(globs, opened.map((s) => s.uri));
		return sources;
	}

	/** The fetched files of the global storage folder, by name, when it is on the shelf. */
	private async _fetchedFiles(): Promise<DigestSource[]> {
		const folder = this._fetched;
		if (!folder || !(folder.when ?? (() => !vscode.workspace.workspaceFolders?.length))()) {
			return [];
		}
		try {
			return (await vscode.workspace.fs.readDirectory(folder.uri))
				.filter(([name, type]) => type === vscode.FileType.File && parseFetchedFileName(name) !== undefined)
				.map(([name]) => name)
				.sort()
				.map((name): DigestSource => ({ uri: vscode.Uri.joinPath(folder.uri, name), origin: 'fetched' }));
		} catch {
			return []; // nothing fetched yet
		}
	}

	private _watch(globs: readonly string[], opened: readonly vscode.Uri[]): void {
		this._disposeWatchers();
		const patterns: vscode.GlobPattern[] = [];
		for (const folder of vscode.workspace.workspaceFolders ?? []) {
			for (const glob of globs) {
				patterns.push(new vscode.RelativePattern(folder, glob));
			}
		}
		for (const uri of opened) {
			const parent = vscode.Uri.joinPath(uri, '..');
			patterns.push(new vscode.RelativePattern(parent, uri.path.slice(parent.path.length).replace(/^\//, '')));
		}
		for (const pattern of patterns) {
			const watcher = vscode.workspace.createFileSystemWatcher(pattern);
			watcher.onDidCreate((u) => this._onDidChangeFile.fire(u));
			watcher.onDidChange((u) => this._onDidChangeFile.fire(u));
			watcher.onDidDelete((u) => this._onDidDeleteFile.fire(u));
			this._watchers.push(watcher);
		}
		// A folder created (or moved in) with digests already inside may reach us as the folder's event
		// alone; look inside new folders, once a burst of creations has settled.
		for (const folder of vscode.workspace.workspaceFolders ?? []) {
			const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'), false, true, false);
			folders.onDidCreate((u) => this._scheduleFolderScan(u, globs));
			// Likewise a deleted folder may be reported without the digests in it.
			folders.onDidDelete((u) => this._onDidDeleteFile.fire(u));
			this._watchers.push(folders);
		}
	}

	private _folderScan: ReturnType<typeof setTimeout> | undefined;
	private readonly _newFolders = new Set<string>();

	private _scheduleFolderScan(uri: vscode.Uri, globs: readonly string[]): void {
		this._newFolders.add(uri.toString());
		clearTimeout(this._folderScan);
		this._folderScan = setTimeout(() => void this._scanNewFolders(globs), 300);
	}

	private async _scanNewFolders(globs: readonly string[]): Promise<void> {
		const created = [...this._newFolders].map((s) => vscode.Uri.parse(s));
		this._newFolders.clear();
		const folders: vscode.Uri[] = [];
		for (const uri of created) {
			try {
				if ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) {
					folders.push(uri);
				}
			} catch {
				// gone again
			}
		}
		if (folders.length === 0) {
			return;
		}
		for (const folder of vscode.workspace.workspaceFolders ?? []) {
			for (const glob of globs) {
				for (const file of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**', 10_000)) {
					if (folders.some((f) => file.path.startsWith(f.path + '/'))) {
						this._onDidChangeFile.fire(file);
					}
				}
			}
		}
	}

	private _disposeWatchers(): void {
		for (const w of this._watchers.splice(0)) {
			w.dispose();
		}
	}
}
