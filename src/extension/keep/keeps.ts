import * as vscode from 'vscode';
import { libraryGroups, listNameOfGroup } from '../../core/library/libraryGroups';
import { paperFromLibraryRecord, type LibraryEdit } from '../../core/library/libraryFile';
import type { Paper } from '../../core/model';
import type { PaperGroup } from '../../core/shelf/shelfGroups';
import { iconLabelText } from '../../core/text/untrustedText';
import type { PaperArg, PaperArgs } from '../commands/paperArgs';
import type { PaperLookup, PaperSearch } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import { pickPapersToCite } from '../search/paperQuickPick';
import { GroupNode, PaperNode, type ShelfKeeps } from '../tree/papersTree';
import { ContextKey } from '../util/contextKey';
import { Disposable } from '../util/disposable';
import { statusMessage } from '../util/surfaces';
import { KeepCommands, KeepContextKeys, KeepStorageKeys } from './keepIds';
import type { LibraryStore } from './libraryStore';

/** Whether a paper has a literature note (the notes part answers; see notes/paperNotes.ts). */
export interface NoteMarks {
	readonly onDidChange: vscode.Event<void>;
	hasNote(paper: Paper): boolean;
}

/**
 * Stars, reading lists and read marks in the shelf: the tree's Starred and list groups, the markers on papers, the
 * "hide read" filter and the commands (tree, palette, keyboard). The data is the `LibraryStore`'s.
 */
export class Keeps extends Disposable implements ShelfKeeps {
	private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
	readonly onDidChange = this._onDidChange.event;
	private readonly _hidingRead = new ContextKey<boolean>(KeepContextKeys.HidingRead);
	private _hideRead: boolean;

	constructor(
		readonly store: LibraryStore,
		private readonly _library: PaperLookup & PaperSearch,
		private readonly _shelf: ShelfNeed,
		private readonly _workspaceState: vscode.Memento,
		private readonly _keyOf: (id: string) => string | undefined,
		private readonly _notes?: NoteMarks,
	) {
		super();
		this._hideRead = _workspaceState.get<unknown>(KeepStorageKeys.HideRead) === true;
		this._hidingRead.set(this._hideRead);
		this._register(store.onDidChange(() => this._onDidChange.fire()));
		if (_notes) {
			this._register(_notes.onDidChange(() => this._onDidChange.fire()));
		}
		this._register(_library.onDidChange(() => store.refreshDiagnostics()));
	}

	// --- ShelfKeeps

	leadingGroups(shown: (paper: Paper) => boolean): PaperGroup[] {
		return libraryGroups({ library: this.store.data, shelfPaper: (id) => this._library.get(id), shown, file: this.store.uri?.toString() ?? 'library.json' });
	}

	hides(paper: Paper): boolean {
		return this._hideRead && this.store.isRead(paper.id);
	}

	decorate(item: vscode.TreeItem, paper: Paper): void {
		const starred = this.store.isStarred(paper.id);
		const read = this.store.isRead(paper.id);
		const noted = this._notes?.hasNote(paper) ?? false;
		// One icon says the most important mark (a long title hides the description): starred, else new (the fetch's
		// dot, left as it is), else noted, else read.
		const isNew = item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'circle-small-filled';
		if (starred) {
			item.iconPath = new vscode.ThemeIcon('star-full');
		} else if (isNew) {
			// keep the dot
		} else if (noted) {
			item.iconPath = new vscode.ThemeIcon('note');
		} else if (read) {
			item.iconPath = new vscode.ThemeIcon('check');
		}
		const marks = [noted ? '✎ note' : '', read ? 'read' : ''].filter((m) => m !== '').join(' · ');
		if (marks) {
			item.description = `${marks}${item.description ? ' · ' + String(item.description) : ''}`;
		}
		item.contextValue = `${item.contextValue ?? 'paper'}${starred ? '.starred' : ''}${read ? '.read' : ''}${noted ? '.noted' : ''}`;
		if (item.accessibilityInformation) {
			const words = [starred ? 'starred' : '', read ? 'read' : '', noted ? 'has a note' : ''].filter((w) => w !== '').join(', ');
			item.accessibilityInformation = { label: `${item.accessibilityInformation.label}${words ? ', ' + words : ''}` };
		}
	}

	// --- looking papers up

	/** A paper on the shelf, or kept only in the library file. */
	paper(id: string): Paper | undefined {
		const record = this.store.data.papers.get(id);
		return this._library.get(id) ?? (record ? paperFromLibraryRecord(id, record, this.store.uri?.toString() ?? 'library.json') : undefined);
	}

	get hidingRead(): boolean {
		return this._hideRead;
	}

	// --- actions (commands call these; so do the panel and the tests)

	async star(ids: readonly string[], on: boolean): Promise<boolean> {
		return this._edit({ kind: on ? 'star' : 'unstar', ids }, on ? `Starred ${describe(ids.length)}` : `Unstarred ${describe(ids.length)}`);
	}

	async toggleStar(ids: readonly string[]): Promise<boolean> {
		return this.star(ids, !ids.every((id) => this.store.isStarred(id)));
	}

	async markRead(ids: readonly string[], read: boolean): Promise<boolean> {
		return this._edit({ kind: read ? 'markRead' : 'markUnread', ids }, `Marked ${describe(ids.length)} ${read ? 'read' : 'unread'}`);
	}

	async toggleRead(ids: readonly string[]): Promise<boolean> {
		return this.markRead(ids, !ids.every((id) => this.store.isRead(id)));
	}

	async addToList(ids: readonly string[], list: string): Promise<boolean> {
		return this._edit({ kind: 'addToList', list, ids }, `Added ${describe(ids.length)} to ${list}`);
	}

	async removeFromList(ids: readonly string[], list: string): Promise<boolean> {
		return this._edit({ kind: 'removeFromList', list, ids }, `Removed ${describe(ids.length)} from ${list}`);
	}

	async deleteList(list: string): Promise<boolean> {
		return this._edit({ kind: 'deleteList', list }, `Deleted the list ${list}`);
	}

	async setHideRead(hide: boolean): Promise<void> {
		this._hideRead = hide;
		this._hidingRead.set(hide);
		await this._workspaceState.update(KeepStorageKeys.HideRead, hide);
		this._onDidChange.fire();
	}

	/** Registers the commands; `args` turns command arguments into paper ids (tree selection aware). */
	register(args: PaperArgs): vscode.Disposable {
		const command = <A extends unknown[]>(id: string, fn: (...a: A) => unknown) => vscode.commands.registerCommand(id, async (...a: A) => {
			await this._shelf.need();
			await this.store.loaded;
			return fn(...a);
		});
		const ids = async (arg: PaperArg, all: unknown[] | undefined, title: string) => {
			const given = args.ids(arg, all);
			return given.length > 0 ? given : await pickPapersToCite(this._library, this._keyOf, title) ?? [];
		};
		return vscode.Disposable.from(
			command(KeepCommands.Star, async (arg: PaperArg, all?: unknown[]) => this.star(await ids(arg, all, 'Star Papers'), true)),
			command(KeepCommands.Unstar, async (arg: PaperArg, all?: unknown[]) => this.star(await ids(arg, all, 'Unstar Papers'), false)),
			command(KeepCommands.ToggleStar, async (arg: PaperArg, all?: unknown[]) => this.toggleStar(await ids(arg, all, 'Star or Unstar Papers'))),
			command(KeepCommands.MarkRead, async (arg: PaperArg, all?: unknown[]) => this.markRead(await ids(arg, all, 'Mark Papers Read'), true)),
			command(KeepCommands.MarkUnread, async (arg: PaperArg, all?: unknown[]) => this.markRead(await ids(arg, all, 'Mark Papers Unread'), false)),
			command(KeepCommands.ToggleRead, async (arg: PaperArg, all?: unknown[]) => this.toggleRead(await ids(arg, all, 'Mark Papers Read or Unread'))),
			command(KeepCommands.AddToList, async (arg: PaperArg, all?: unknown[], list?: string) => {
				const chosen = await ids(arg, all, 'Add Papers to a Reading List');
				const name = chosen.length > 0 ? (typeof list === 'string' ? list : await this._pickList('Add to Reading List', true)) : undefined;
				return name ? this.addToList(chosen, name) : false;
			}),
			command(KeepCommands.RemoveFromList, async (arg: PaperArg, all?: unknown[], list?: string) => {
				const fromGroup = arg instanceof PaperNode && arg.parent ? listNameOfGroup(arg.parent.group.id) : undefined;
				const chosen = await ids(arg, all, 'Remove Papers from a Reading List');
				const name = typeof list === 'string' ? list : fromGroup ?? (chosen.length > 0 ? await this._pickList('Remove from Reading List', false, chosen) : undefined);
				return name ? this.removeFromList(chosen, name) : false;
			}),
			command(KeepCommands.DeleteList, async (arg?: unknown) => {
				const name = arg instanceof GroupNode ? listNameOfGroup(arg.group.id) : typeof arg === 'string' ? arg : await this._pickList('Delete Reading List', false);
				return name ? this.deleteList(name) : false;
			}),
			command(KeepCommands.HideRead, () => this.setHideRead(true)),
			command(KeepCommands.ShowRead, () => this.setHideRead(false)),
			command(KeepCommands.OpenLibraryFile, async () => {
				const uri = this.store.uri;
				if (uri) {
					await vscode.window.showTextDocument(uri).then(undefined, () => statusMessage('info', 'Paper Shelf: the library file does not exist yet; star a paper to create it.', 5000));
				}
			}),
		);
	}

	private async _edit(edit: LibraryEdit, done: string): Promise<boolean> {
		const editIds = 'ids' in edit ? edit.ids : [];
		if ('ids' in edit && editIds.length === 0) {
			return false;
		}
		const papers = editIds.map((id) => this._library.get(id)).filter((p): p is Paper => p !== undefined);
		const ok = await this.store.edit(edit, papers);
		if (ok) {
			statusMessage(edit.kind === 'star' ? 'star-full' : edit.kind === 'unstar' ? 'star-empty' : 'check', done, 3000);
		}
		return ok;
	}

	/** Asks for a list: the existing ones (those holding every paper of `holding`, when given), or a new name. */
	private async _pickList(title: string, allowNew: boolean, holding?: readonly string[]): Promise<string | undefined> {
		const lists = this.store.data.lists.filter((l) => !holding || holding.every((id) => l.ids.includes(id)));
		const items: (vscode.QuickPickItem & { list?: string })[] = lists.map((l) => ({ label: iconLabelText(l.name), description: `${l.ids.length} papers`, list: l.name }));
		if (allowNew) {
			items.push({ label: '$(add) New Reading List…' });
		}
		const pick = items.length === 1 && allowNew ? items[0] : await vscode.window.showQuickPick(items, { title, placeHolder: lists.length > 0 ? 'Choose a reading list' : 'No reading lists yet' });
		if (!pick) {
			return undefined;
		}
		if (pick.list !== undefined) {
			return pick.list;
		}
		const name = await vscode.window.showInputBox({ title: 'New Reading List', prompt: 'Name the list (e.g. "to read", "related work for chapter 3")', validateInput: (v) => v.trim() === '' ? 'A list needs a name.' : undefined });
		return name?.trim() || undefined;
	}
}

function describe(n: number): string {
	return n === 1 ? '1 paper' : `${n} papers`;
}
