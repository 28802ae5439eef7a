import * as vscode from 'vscode';
import { exists } from '../util/fileStat';
import type { Paper } from '../../core/model';
import { DEFAULT_NOTE_TEMPLATE, noteFileName, noteValues, relativePath, renderNoteTemplate, workspaceRelativeSegments } from '../../core/notes/paperNote';
import { plainText } from '../../core/text/untrustedText';
import type { PaperArg, PaperArgs } from '../commands/paperArgs';
import type { ShelfConfig } from '../config';
import { KeepCommands } from '../keep/keepIds';
import type { NoteMarks } from '../keep/keeps';
import type { ShelfNeed } from '../library/shelfDemand';
import { Disposable } from '../util/disposable';
import { notify } from '../util/surfaces';

export interface PaperNotesDeps {
	readonly config: () => ShelfConfig;
	readonly shelf: ShelfNeed;
	/** A paper on the shelf or kept in the library file. */
	readonly paper: (id: string) => Paper | undefined;
	readonly keyOf: (id: string) => string | undefined;
	readonly topicOf: (id: string) => string | undefined;
	/** Adds the papers' entries to the bibliography the note names (the citation writer). */
	readonly addEntries: (note: vscode.Uri, ids: readonly string[]) => Promise<void>;
	/** Asks for papers when a command has none. */
	readonly pick: (title: string) => Promise<readonly string[]>;
}

/** What Open Paper Note did: the note's uri, whether it was created now, and the template's unknown placeholders. */
export interface NoteResult {
	readonly uri: vscode.Uri;
	readonly created: boolean;
	readonly unknown: readonly string[];
}

/**
 * Literature notes: Open Paper Note creates `<notes folder>/<key>.md` from the template, or opens it when it exists
 * (never overwriting), and adds the paper to the bibliography its front matter names. Knows which papers have a note
 * (the notes folder is watched) for the tree's marker.
 */
export class PaperNotes extends Disposable implements NoteMarks {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private _names = new Set<string>();
	private _watcher: vscode.Disposable | undefined;

	constructor(private readonly _deps: PaperNotesDeps) {
		super();
		this._register({ dispose: () => this._watcher?.dispose() });
		this.relocate();
	}

	hasNote(paper: Paper): boolean {
		const key = this._deps.keyOf(paper.id);
		return key !== undefined && this._names.has(noteFileName(key));
	}

	/** The notes folder, or why it is refused; undefined without a workspace folder. */
	folder(): vscode.Uri | { refused: string } | undefined {
		const root = vscode.workspace.workspaceFolders?.[0];
		if (!root) {
			return undefined;
		}
		const segments = workspaceRelativeSegments(this._deps.config().notesFolder);
		return 'refused' in segments ? segments : vscode.Uri.joinPath(root.uri, ...segments);
	}

	/** Follows the setting: watches the notes folder and lists its notes again. */
	relocate(): void {
		this._watcher?.dispose();
		this._watcher = undefined;
		const folder = this.folder();
		if (!(folder instanceof vscode.Uri)) {
			this._names = new Set();
			return;
		}
		const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*.md'));
		const rescan = () => void this._scan(folder);
		this._watcher = vscode.Disposable.from(watcher, watcher.onDidCreate(rescan), watcher.onDidDelete(rescan));
		void this._scan(folder);
	}

	register(args: PaperArgs): vscode.Disposable {
		return vscode.commands.registerCommand(KeepCommands.OpenNote, async (arg: PaperArg, all?: unknown[]) => {
			await this._deps.shelf.need();
			const ids = args.ids(arg, all);
			const id = (ids.length > 0 ? ids : await this._deps.pick('Open Paper Note'))[0];
			return id ? this.open(id) : undefined;
		});
	}

	/** Creates (or opens) the note of the paper `id` and shows it. */
	async open(id: string, show = true): Promise<NoteResult | undefined> {
		const paper = this._deps.paper(id);
		const key = this._deps.keyOf(id);
		if (!paper || !key) {
			void notify.info('Paper Shelf: that paper is not on the shelf.');
			return undefined;
		}
		const folder = this.folder();
		if (!folder) {
			void notify.info('Paper Shelf: open a folder to keep literature notes in it.');
			return undefined;
		}
		if (!(folder instanceof vscode.Uri)) {
			void notify.error(`Paper Shelf: paperShelf.notes.folder: ${folder.refused}`);
			return undefined;
		}
		const uri = vscode.Uri.joinPath(folder, noteFileName(key));
		let created = false;
		let unknown: readonly string[] = [];
		if (!(await exists(uri))) {
			const template = await this._template();
			if (template === undefined) {
				return undefined;
			}
			const rendered = renderNoteTemplate(template, noteValues({
				paper, citekey: key, topic: this._deps.topicOf(id), bibliography: this._bibliographyPath(), today: new Date().toISOString().slice(0, 10),
			}));
			unknown = rendered.unknown;
			const edit = new vscode.WorkspaceEdit();
			// ignoreIfExists: a note written between the check and now (another window, a sync) is left as it is.
			edit.createFile(uri, { overwrite: false, ignoreIfExists: true, contents: new TextEncoder().encode(rendered.text) });
			await vscode.workspace.fs.createDirectory(folder);
			created = await vscode.workspace.applyEdit(edit);
			if (!created) {
				void notify.error(`Paper Shelf: could not create ${vscode.workspace.asRelativePath(uri, false)}.`);
				return undefined;
			}
			if (unknown.length > 0) {
				void notify.warning(plainText(`Paper Shelf: the note template has unknown placeholders: ${unknown.map((u) => `{{${u}}}`).join(', ')}. They were left as written.`));
			}
			this._names.add(uri.path.slice(uri.path.lastIndexOf('/') + 1));
			this._onDidChange.fire();
			// The note cites the paper: its entry goes into the bibliography the front matter names.
			await this._deps.addEntries(uri, [id]);
		}
		if (show) {
			// Beside what is being read (the abstract panel, from the tree): the note and its abstract side by side.
			await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
		}
		return { uri, created, unknown };
	}

	/** The template's text: the workspace file the setting names, or the built-in one. */
	private async _template(): Promise<string | undefined> {
		const setting = this._deps.config().notesTemplate;
		if (setting === '') {
			return DEFAULT_NOTE_TEMPLATE;
		}
		const root = vscode.workspace.workspaceFolders?.[0];
		const segments = workspaceRelativeSegments(setting);
		if (!root || 'refused' in segments) {
			void notify.error(`Paper Shelf: paperShelf.notes.template: ${'refused' in segments ? segments.refused : 'no workspace folder is open'}`);
			return undefined;
		}
		try {
			return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root.uri, ...segments)));
		} catch {
			void notify.error(`Paper Shelf: the note template ${setting} (paperShelf.notes.template) could not be read.`);
			return undefined;
		}
	}

	/** The bibliography (paperShelf.bibliographyFile) relative to the notes folder, as the front matter writes it. */
	private _bibliographyPath(): string {
		const bib = this._deps.config().bibliographyFile;
		const bibSegments = workspaceRelativeSegments(bib);
		const folderSegments = workspaceRelativeSegments(this._deps.config().notesFolder);
		if ('refused' in bibSegments || 'refused' in folderSegments) {
			return bib;
		}
		return relativePath(folderSegments, bibSegments);
	}

	private async _scan(folder: vscode.Uri): Promise<void> {
		let entries: [string, vscode.FileType][] = [];
		try {
			if (await exists(folder)) {
				entries = await vscode.workspace.fs.readDirectory(folder);
			}
		} catch {
			// no notes folder yet
		}
		this._names = new Set(entries.filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.md')).map(([name]) => name));
		this._onDidChange.fire();
	}
}
