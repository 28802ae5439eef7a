import * as vscode from 'vscode';
import { describeResolution, noteReferences, type NoteBibliographyKeys, type NoteReference } from '../../core/cite/noteReferences';
import { plainText } from '../../core/text/untrustedText';
import type { Paper } from '../../core/model';
import type { ShelfNeed } from '../library/shelfDemand';
import { Disposable } from '../util/disposable';
import { displayPath, type BibliographyWriter } from './bibliographyWriter';
import { COMPLETION_LANGUAGES } from './citeIds';

/** Ids of the References view and its commands (contributed in package.json). */
export const enum ReferencesIds {
	View = 'paperShelf.references',
	/** `(item)`: selects the first use of the key in the note. */
	Reveal = 'paperShelf.references.reveal',
	/** `(item)`: opens the abstract of the key's shelf paper. */
	OpenAbstract = 'paperShelf.references.openAbstract',
}

/** How long typing settles before the view is listed again. */
const DEBOUNCE_MS = 300;

/** What the view needs from the citation keys. */
export interface ReferenceKeys {
	paperOfKey(key: string): Paper | undefined;
	readonly onDidChangeKeys: vscode.Event<void>;
}

/** A row of the view: a cited key of the note, with the note it was listed for. */
export interface ReferenceItem {
	readonly note: vscode.Uri;
	readonly reference: NoteReference;
	/** The shelf paper of the key, when there is one (its title is shown, its abstract can be opened). */
	readonly paper?: Paper;
	/** Where the entry is, for a key defined in a bibliography. */
	readonly entry?: vscode.Location;
}

/**
 * "References in this note": the keys the active note cites, in the order of first use, each with its title (for a
 * shelf paper) and where it resolves — a bibliography file and line, the shelf, or nowhere. Clicking a row selects
 * the citation in the note; the context menu opens the abstract. The list follows the active editor and its edits
 * (debounced), the shelf's keys and bibliography files. The scan is the core's (`noteReferences`, linear); it runs
 * only when the view asks for its rows, i.e. while it is visible. Titles, keys and file names are untrusted: they go
 * through `plainText`, and tooltips are plain strings, never Markdown.
 */
export class ReferencesView extends Disposable implements vscode.TreeDataProvider<ReferenceItem> {
	private readonly _onDidChangeTreeData = this._register(new vscode.EventEmitter<void>());
	readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
	private readonly _onDidList = this._register(new vscode.EventEmitter<readonly ReferenceItem[]>());
	/** The rows were listed again (for tests). */
	readonly onDidList = this._onDidList.event;
	readonly view: vscode.TreeView<ReferenceItem>;
	private _timer: ReturnType<typeof setTimeout> | undefined;
	private _note: vscode.TextDocument | undefined;

	constructor(private readonly _writer: BibliographyWriter, private readonly _shelf: ShelfNeed, private readonly _keys: ReferenceKeys, openAbstract: (paperId: string) => void) {
		super();
		this.view = this._register(vscode.window.createTreeView(ReferencesIds.View, { treeDataProvider: this }));
		this._register({ dispose: () => clearTimeout(this._timer) });
		this._note = noteOf(vscode.window.activeTextEditor);
		this._register(vscode.window.onDidChangeActiveTextEditor((editor) => {
			const note = noteOf(editor);
			// A view or panel taking focus leaves the last note listed; another note replaces it.
			if (note && note !== this._note) {
				this._note = note;
				this._changed(0);
			}
		}));
		this._register(vscode.workspace.onDidChangeTextDocument((e) => {
			if (e.document === this._note || /\.(bib|json)$/i.test(e.document.uri.path)) {
				this._changed(DEBOUNCE_MS);
			}
		}));
		this._register(vscode.workspace.onDidCloseTextDocument((d) => {
			if (d === this._note) {
				this._note = undefined;
				this._changed(0);
			}
		}));
		this._register(_keys.onDidChangeKeys(() => this._changed(DEBOUNCE_MS)));
		for (const pattern of ['**/*.bib', '**/*.json']) {
			const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
			this._register(watcher.onDidChange(() => this._changed(DEBOUNCE_MS)));
			this._register(watcher.onDidCreate(() => this._changed(DEBOUNCE_MS)));
			this._register(watcher.onDidDelete(() => this._changed(DEBOUNCE_MS)));
		}
		this._register(vscode.commands.registerCommand(ReferencesIds.Reveal, (item?: ReferenceItem) => item && this.reveal(item)));
		this._register(vscode.commands.registerCommand(ReferencesIds.OpenAbstract, (item?: ReferenceItem) => item?.paper && openAbstract(item.paper.id)));
	}

	/** The note listed (the active note, or the last one when a view or panel has focus). */
	get note(): vscode.TextDocument | undefined {
		return this._note;
	}

	/** Lists the references of the current note now (the view's rows; tests call it instead of waiting). */
	async items(): Promise<ReferenceItem[]> {
		const note = this._note;
		if (!note || note.isClosed) {
			this.view.message = undefined;
			return [];
		}
		const text = note.getText();
		const bibliographies = this._writer.bibliographiesOf(note);
		const read: (NoteBibliographyKeys & { readonly uri: vscode.Uri })[] = [];
		for (const bibliography of bibliographies) {
			const keys = await this._writer.readKeys(bibliography.uri);
			read.push({ uri: bibliography.uri, name: displayPath(bibliography.uri), keys: keys.ok ? keys.keys : [] });
		}
		// Telling a shelf key from one that resolves nowhere needs the shelf; a note that cites nothing does not.
		const probe = noteReferences(text, note.languageId, read, () => undefined);
		if (probe.length > 0) {
			await this._shelf.need();
		}
		const references = probe.length > 0 ? noteReferences(text, note.languageId, read, (key) => this._keys.paperOfKey(key)?.id) : [];
		const items = references.map((reference): ReferenceItem => {
			const { resolution } = reference;
			const paper = resolution.kind === 'nowhere' ? undefined : resolution.paperId !== undefined ? this._keys.paperOfKey(reference.key) : undefined;
			const entry = resolution.kind === 'bibliography' ? new vscode.Location(read[resolution.bibliography].uri, new vscode.Position(Math.max(0, resolution.line - 1), 0)) : undefined;
			return { note: note.uri, reference, ...(paper ? { paper } : {}), ...(entry ? { entry } : {}) };
		});
		const name = displayPath(note.uri);
		this.view.message = plainText(items.length === 0 ? `${name} cites no keys.` : `${items.length} key${items.length === 1 ? '' : 's'} cited in ${name}, in order of first use.`);
		this._onDidList.fire(items);
		return items;
	}

	/** Selects the first use of the item's key in its note, opening the note when it is not shown. */
	async reveal(item: ReferenceItem): Promise<vscode.TextEditor> {
		const document = await vscode.workspace.openTextDocument(item.note);
		const editor = await vscode.window.showTextDocument(document, { preview: false });
		const first = item.reference.occurrences[0];
		const range = new vscode.Range(document.positionAt(first.start), document.positionAt(first.end));
		editor.selection = new vscode.Selection(range.start, range.end);
		editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
		return editor;
	}

	getChildren(element?: ReferenceItem): Promise<ReferenceItem[]> | ReferenceItem[] {
		return element ? [] : this.items();
	}

	getTreeItem(item: ReferenceItem): vscode.TreeItem {
		const { reference, paper } = item;
		const where = describeResolution(reference.resolution);
		const row = new vscode.TreeItem(plainText(reference.key), vscode.TreeItemCollapsibleState.None);
		// Where it resolves first: a long title is cut at the end of the row, the resolution must not be.
		row.description = plainText(paper ? `${where} — ${paper.title}` : where);
		const uses = reference.occurrences.length;
		row.tooltip = plainText([reference.key, paper?.title, `${capitalize(where)}.`, `Cited ${uses === 1 ? 'once' : `${uses} times`}, first on line ${reference.occurrences[0].line}.`].filter((s) => s).join('\n'));
		row.iconPath = new vscode.ThemeIcon(
			reference.resolution.kind === 'bibliography' ? 'pass' : reference.resolution.kind === 'shelf' ? 'warning' : 'error',
			new vscode.ThemeColor(reference.resolution.kind === 'bibliography' ? 'testing.iconPassed' : reference.resolution.kind === 'shelf' ? 'list.warningForeground' : 'list.errorForeground'),
		);
		row.contextValue = paper ? 'reference.paper' : 'reference';
		row.command = { title: 'Reveal Citation', command: ReferencesIds.Reveal, arguments: [item] };
		row.accessibilityInformation = { label: plainText(`${reference.key}, ${paper ? paper.title + ', ' : ''}${where}`) };
		return row;
	}

	private _changed(delay: number): void {
		clearTimeout(this._timer);
		this._timer = setTimeout(() => {
			this._timer = undefined;
			if (!this.isDisposed) {
				this._onDidChangeTreeData.fire();
			}
		}, delay);
	}
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The note of an editor, when it is a language whose citations are read. */
function noteOf(editor: vscode.TextEditor | undefined): vscode.TextDocument | undefined {
	const document = editor?.document;
	return document && COMPLETION_LANGUAGES.includes(document.languageId) && !['output', 'debug', 'git', 'vscode-scm', 'comment'].includes(document.uri.scheme) ? document : undefined;
}
