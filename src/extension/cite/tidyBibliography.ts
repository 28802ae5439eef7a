import * as vscode from 'vscode';
import { languageIdForFile } from '../../core/cite/citationCheck';
import type { CitedPaper } from '../../core/cite/citedPaper';
import { citedKeysOf, planTidy, type TidyNote } from '../../core/cite/tidyBibliography';
import { iconLabelText } from '../../core/text/untrustedText';
import type { Paper } from '../../core/model';
import type { ShelfNeed } from '../library/shelfDemand';
import { confirmModal, notify } from '../util/surfaces';
import { readBibliographyBytes } from './bibliographyByteEdits';
import { currentText, displayPath, type BibliographyWriter } from './bibliographyWriter';
import { COMPLETION_LANGUAGES } from './citeIds';

/** The Tidy Bibliography command's id (contributed in package.json). */
export const TIDY_BIBLIOGRAPHY_COMMAND = 'paperShelf.tidyBibliography';

/** Note files Tidy reads to learn which keys the workspace cites. */
const NOTE_GLOB = '**/*.{md,markdown,qmd,rmd,Rmd,tex,ltx,latex,typ,org}';
/** At most this many notes are read (a workspace with more is reported as such). */
const MAX_NOTES = 5000;

/** What Tidy needs from the citation keys. */
export interface TidyKeys {
	paperOfKey(key: string): Paper | undefined;
}

/** What one run of Tidy did, for messages and tests. */
export interface TidyResult {
	readonly bibliography: vscode.Uri;
	readonly added: readonly string[];
	readonly unused: readonly string[];
	readonly removed: readonly string[];
	readonly unknown: readonly { readonly key: string; readonly notes: readonly string[] }[];
	readonly notesRead: number;
	/** Takes the removal back (Undo): the file gets its bytes from before the removal, if it was not changed since. */
	readonly undoRemoval?: () => Promise<void>;
	/** Why it stopped, when it did (nothing was changed after that point). */
	readonly problem?: string;
}

/**
 * Tidy Bibliography: for the active note's bibliography (or one picked), adds the entries of shelf papers that the
 * notes using it cite and it lacks; lists the entries no note of the workspace cites and, on a modal confirmation,
 * removes them — exactly their byte ranges, through the byte-exact edits Insert Citation uses, undoable from the
 * notification; and reports the keys that resolve nowhere. Every other byte of the file stays.
 */
export class TidyBibliography {
	/** Answers the removal question instead of the modal dialog (tests). */
	confirmWith: ((keys: readonly string[]) => Promise<boolean>) | undefined;

	constructor(private readonly _writer: BibliographyWriter, private readonly _shelf: ShelfNeed, private readonly _keys: TidyKeys) {}

	register(): vscode.Disposable {
		return vscode.commands.registerCommand(TIDY_BIBLIOGRAPHY_COMMAND, async (uri?: vscode.Uri) => {
			const bibliography = uri instanceof vscode.Uri ? uri : await this._chooseBibliography();
			return bibliography ? this.tidy(bibliography, true) : undefined;
		});
	}

	/** Tidies `bibliography`; `report` shows the outcome in a notification (with Undo after a removal). */
	async tidy(bibliography: vscode.Uri, report = false): Promise<TidyResult> {
		await this._shelf.need();
		const name = displayPath(bibliography);
		const empty = { bibliography, added: [], unused: [], removed: [], unknown: [], notesRead: 0 };
		const notes = await this._notes(bibliography);
		const text = await this._text(bibliography);
		if (typeof text !== 'string') {
			return this._done({ ...empty, problem: `${name}: ${text.message}` }, report);
		}
		const plan = planTidy(bibliography.path, text, notes, (key): CitedPaper | undefined => {
			const paper = this._keys.paperOfKey(key);
			return paper && { paper, key };
		});
		if (!plan.ok) {
			return this._done({ ...empty, notesRead: notes.length, problem: `${name}: ${plan.message}` }, report);
		}
		const base = { bibliography, unused: plan.unused.map((e) => e.key), unknown: plan.unknown, notesRead: notes.length };
		let added: readonly string[] = [];
		if (plan.missing.length > 0) {
			const change = await this._writer.prepare(bibliography, plan.missing);
			if (!('result' in change)) {
				return this._done({ ...base, added, removed: [], problem: change.message }, report);
			}
			const edit = new vscode.WorkspaceEdit();
			const staged = change.addTo(edit);
			if (!(await vscode.workspace.applyEdit(edit))) {
				await staged?.rollback();
				return this._done({ ...base, added, removed: [], problem: staged?.problem ?? `${name} could not be written` }, report);
			}
			added = change.result.added;
		}
		if (plan.unused.length === 0) {
			return this._done({ ...base, added, removed: [] }, report);
		}
		const keys = plan.unused.map((e) => e.key);
		const confirmed = this.confirmWith
			? await this.confirmWith(keys)
			: await confirmModal(
				`Remove ${keys.length} ${keys.length === 1 ? 'entry' : 'entries'} that no note in the workspace cites from ${name}?`,
				`${keys.slice(0, 30).join(', ')}${keys.length > 30 ? `, and ${keys.length - 30} more` : ''}.\n\nOnly these entries are removed; every other byte of the file stays. Undo is offered afterwards.`,
				'Remove',
			);
		if (!confirmed) {
			return this._done({ ...base, added, removed: [] }, report);
		}
		const removal = await this._writer.prepareRemoval(bibliography, new Set(keys));
		if (!removal.ok) {
			return this._done({ ...base, added, removed: [], problem: removal.message }, report);
		}
		const edit = new vscode.WorkspaceEdit();
		const staged = removal.addTo(edit);
		if (staged && !(await vscode.workspace.applyEdit(edit))) {
			await staged.rollback();
			return this._done({ ...base, added, removed: [], problem: staged.problem ?? `${name} could not be written` }, report);
		}
		// Deleting the staged file is what VS Code's Undo does to a byte edit: it checks the file and restores the bytes.
		const undoRemoval = staged ? async () => vscode.workspace.fs.delete(staged.uri) : undefined;
		return this._done({ ...base, added, removed: removal.removed, ...(undoRemoval ? { undoRemoval } : {}) }, report);
	}

	/** The result, after showing it when asked. */
	private _done(result: TidyResult, report: boolean): TidyResult {
		if (!report) {
			return result;
		}
		const name = displayPath(result.bibliography);
		const list = (keys: readonly string[]) => `${keys.slice(0, 10).join(', ')}${keys.length > 10 ? `, … (${keys.length - 10} more)` : ''}`;
		const parts = [
			result.added.length > 0 ? `added ${result.added.length} from the shelf (${list(result.added)})` : '',
			result.removed.length > 0 ? `removed ${result.removed.length} no note cites (${list(result.removed)})` : result.unused.length > 0 ? `kept ${result.unused.length} no note cites (${list(result.unused)})` : '',
			result.unknown.length > 0 ? `${result.unknown.length} cited key${result.unknown.length === 1 ? '' : 's'} resolve nowhere: ${list(result.unknown.map((u) => `${u.key} (${u.notes[0]})`))}` : '',
		].filter((p) => p !== '');
		const message = `Paper Shelf: Tidy ${name} (${result.notesRead} note${result.notesRead === 1 ? '' : 's'} read): ${parts.length > 0 ? parts.join('; ') : 'nothing to do'}.`;
		if (result.problem) {
			void notify.error(`Paper Shelf: Tidy ${name} stopped: ${result.problem}. ${parts.length > 0 ? parts.join('; ') + '.' : 'Nothing was changed.'}`);
		} else if (result.undoRemoval) {
			const undo = result.undoRemoval;
			void notify.info(message, 'Undo Removal').then((choice) => choice === 'Undo Removal' && void undo());
		} else {
			void (result.unknown.length > 0 ? notify.warning(message) : notify.info(message));
		}
		return result;
	}

	/** The notes of the workspace with the keys they cite and whether they use `bibliography`. */
	private async _notes(bibliography: vscode.Uri): Promise<TidyNote[]> {
		const target = bibliography.toString();
		const files = await vscode.workspace.findFiles(NOTE_GLOB, '**/node_modules/**', MAX_NOTES);
		const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
		const seen = new Set<string>();
		const notes: TidyNote[] = [];
		const add = (uri: vscode.Uri, text: string, languageId: string | undefined) => {
			seen.add(uri.toString());
			notes.push({
				name: displayPath(uri),
				citedKeys: citedKeysOf(text, languageId),
				usesBibliography: this._writer.bibliographiesOfText(uri, text, languageId).some((b) => b.uri.toString() === target),
			});
		};
		// Open notes first, with their unsaved text (untitled ones too).
		for (const document of open.values()) {
			if (COMPLETION_LANGUAGES.includes(document.languageId) && !['output', 'git', 'vscode-scm'].includes(document.uri.scheme)) {
				add(document.uri, document.getText(), document.languageId);
			}
		}
		for (const uri of files) {
			if (seen.has(uri.toString())) {
				continue;
			}
			const bytes = await readBibliographyBytes(uri).catch(() => undefined);
			if (bytes instanceof Uint8Array) {
				add(uri, new TextDecoder().decode(bytes), languageIdForFile(uri.path));
			}
		}
		return notes;
	}

	/** The bibliography's current text (an open editor's, unsaved changes included), '' when it does not exist yet. */
	private async _text(bibliography: vscode.Uri): Promise<string | { message: string }> {
		const keys = await this._writer.readKeys(bibliography);
		if (!keys.ok) {
			return { message: keys.message };
		}
		if (!keys.exists) {
			return '';
		}
		return (await currentText(bibliography)) ?? '';
	}

	/** The active note's bibliography, else one picked among the workspace's `.bib` files and the default one. */
	private async _chooseBibliography(): Promise<vscode.Uri | undefined> {
		const editor = vscode.window.activeTextEditor;
		if (editor && COMPLETION_LANGUAGES.includes(editor.document.languageId)) {
			const first = this._writer.bibliographiesOf(editor.document)[0];
			if (first) {
				return first.uri;
			}
		}
		const files = await vscode.workspace.findFiles('**/*.bib', '**/node_modules/**', 200);
		const fallback = vscode.workspace.workspaceFolders?.[0] && this._writer.defaultBibliography(vscode.workspace.workspaceFolders[0].uri);
		const candidates = [...files, ...(fallback && !files.some((f) => f.toString() === fallback.toString()) ? [fallback] : [])];
		if (candidates.length === 0) {
			void notify.info('Paper Shelf: no bibliography to tidy. Open a note that names one, or set paperShelf.bibliographyFile.');
			return undefined;
		}
		if (candidates.length === 1) {
			return candidates[0];
		}
		const picked = await vscode.window.showQuickPick(candidates.map((uri) => ({ label: iconLabelText(displayPath(uri)), uri })), { title: 'Tidy Bibliography', placeHolder: 'The bibliography to tidy' });
		return picked?.uri;
	}
}
