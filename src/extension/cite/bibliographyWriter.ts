import * as vscode from 'vscode';
import { decodeBibliography, planBibliographyBytes, unwritableCharacter, type LegacyEncoding } from '../../core/cite/bibliographyBytes';
import { readBibliographyEntries, type BibliographyEntryInfo } from '../../core/cite/bibliographyEntries';
import { bibliographyFormatOf, planBibliographyEdit, readBibliographyKeys, type BibliographyKey } from '../../core/cite/bibliographyFile';
import { locateBibliographies } from '../../core/cite/bibliographyLocator';
import { resolveWrittenPath } from '../../core/cite/bibliographyPath';
import type { CitedPaper } from '../../core/cite/citedPaper';
import { readBibliographyBytes, type BibliographyByteEdits, type StagedByteEdit } from './bibliographyByteEdits';
import { planRemovalBytes } from '../../core/cite/tidyBibliography';
import type { WriteBoundary } from './writeBoundary';

/** A bibliography a note uses: where it is, and the 1-based line of the note that names it (undefined: the setting). */
export interface NoteBibliography {
	readonly uri: vscode.Uri;
	readonly namedAtLine?: number;
}

/** The keys a bibliography defines, or why it cannot be read. A missing file defines none. */
export type BibliographyKeys =
	| { readonly ok: true; readonly uri: vscode.Uri; readonly exists: boolean; readonly keys: readonly BibliographyKey[] }
	| { readonly ok: false; readonly uri: vscode.Uri; readonly line: number; readonly message: string };

/**
 * What adding entries to a note's bibliography did (or would do), for messages. A failure changed nothing; `declined`
 * is the user saying no to a file outside the workspace.
 */
export type BibliographyEditResult =
	| { readonly ok: true; readonly uri: vscode.Uri; readonly added: readonly string[]; readonly alreadyPresent: readonly string[]; readonly created: boolean }
	| { readonly ok: false; readonly uri: vscode.Uri; readonly message: string; readonly declined?: boolean };

/** A planned change of a bibliography, ready to go into the `WorkspaceEdit` of an insertion. */
export interface BibliographyChange {
	readonly result: Extract<BibliographyEditResult, { ok: true }>;
	/**
	 * Puts the change into `edit`, before the note's edits; undefined when every entry is there already. `rollback`
	 * takes it back when applying the edit failed, and `problem` says why the bibliography part failed, if it did.
	 */
	addTo(edit: vscode.WorkspaceEdit): { rollback(): Promise<void>; readonly problem: string | undefined } | undefined;
}

/**
 * Finds the bibliography of a note, reads its keys and plans additions to it. A bibliography open in an editor with
 * unsaved changes is edited there and left unsaved; any other is changed as bytes (`BibliographyByteEdits`): the
 * entry's bytes, in the file's own encoding and line ending, go into the file's own bytes, and nothing else of it
 * changes — it is never opened as a text document, decoded and saved. Files outside the workspace folders are
 * written only with the user's consent (`WriteBoundary`). The parsing and planning are the pure core's.
 */
export class BibliographyWriter {
	constructor(
		private readonly _defaultFile: () => string,
		private readonly _byteEdits: BibliographyByteEdits,
		private readonly _boundary: WriteBoundary,
		/** The home folder for `~/` paths of `file:` URIs (none in the browser). */
		private readonly _homeDir?: string,
	) {}

	/**
	 * The bibliographies a note names (front matter `bibliography:`, `\bibliography{}`, `\addbibresource{}`), resolved
	 * against the note's folder (`~/` against the home folder); else `paperShelf.bibliographyFile` at the root of the
	 * note's workspace folder (or, with no folder open, beside the note). Only `.bib` and `.json` files are returned;
	 * the first is where entries go.
	 */
	bibliographiesOf(document: vscode.TextDocument): NoteBibliography[] {
		return this.bibliographiesOfText(document.uri, document.getText(), document.languageId);
	}

	/** `bibliographiesOf` for a note given as its URI, text and language (a note file not open in an editor). */
	bibliographiesOfText(noteUri: vscode.Uri, text: string, languageId: string | undefined): NoteBibliography[] {
		const named = locateBibliographies(text, languageId)
			.filter((ref) => bibliographyFormatOf(ref.path) !== undefined)
			.flatMap((ref) => {
				const uri = resolvePath(noteUri, ref.path, this._homeDir);
				return uri ? [{ uri, namedAtLine: ref.line }] : [];
			});
		if (named.length > 0) {
			return named;
		}
		const fallback = this.defaultBibliography(noteUri);
		return fallback ? [{ uri: fallback }] : [];
	}

	/** `paperShelf.bibliographyFile` resolved for a note (undefined for an untitled note outside any folder). */
	defaultBibliography(noteUri: vscode.Uri): vscode.Uri | undefined {
		const folder = vscode.workspace.getWorkspaceFolder(noteUri) ?? vscode.workspace.workspaceFolders?.[0];
		return folder ? resolveFrom(folder.uri, this._defaultFile(), this._homeDir) : resolvePath(noteUri, this._defaultFile(), this._homeDir);
	}

	/**
	 * The keys a bibliography defines. The core remembers its reading per text (compared by content, not version: a
	 * document closed and reopened starts its versions again), so diagnostics, completion, hover and the plan of
	 * Insert Citation parse one text once between them.
	 */
	async readKeys(uri: vscode.Uri): Promise<BibliographyKeys> {
		const current = await currentText(uri);
		if (current === undefined) {
			return { ok: true, uri, exists: false, keys: [] };
		}
		if (typeof current !== 'string') {
			return { ok: false, uri, line: 1, message: current.message };
		}
		const parsed = readBibliographyKeys(uri.path, current);
		return parsed.ok ? { ok: true, uri, exists: true, keys: parsed.keys } : { ok: false, uri, line: parsed.line, message: parsed.message };
	}

	/** The entries of a bibliography with their titles, authors and years; none when it is missing or unreadable. */
	async readEntries(uri: vscode.Uri): Promise<readonly BibliographyEntryInfo[]> {
		const current = await currentText(uri);
		return typeof current === 'string' ? (readBibliographyEntries(uri.path, current) ?? []) : [];
	}

	/**
	 * Plans adding what `cited` needs to `bibliography`, asking the user first when the file is outside the workspace.
	 * A failure (unparseable, an encoding that cannot hold the entry, not CSL-JSON, declined) is returned as a result
	 * and nothing may then change, the note included.
	 */
	async prepare(bibliography: vscode.Uri, cited: readonly CitedPaper[]): Promise<BibliographyChange | Extract<BibliographyEditResult, { ok: false }>> {
		const name = displayPath(bibliography);
		const fail = (message: string) => ({ ok: false as const, uri: bibliography, message: `${name}: ${message}` });
		const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === bibliography.toString());
		let onDisk: Awaited<ReturnType<typeof readBibliographyBytes>>;
		try {
			onDisk = await readBibliographyBytes(bibliography);
		} catch (e) {
			return fail(`cannot be read (${e instanceof Error ? e.message : String(e)})`);
		}
		if (onDisk === 'directory') {
			return fail('this is a folder, not a bibliography file');
		}
		if (onDisk === 'special') {
			return fail('not a regular file (a FIFO, socket or device); Paper Shelf reads and writes only regular files');
		}
		const count = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
		if (open?.isDirty) {
			// The user's unsaved work: the entry goes into the editor, and saving stays theirs.
			const version = open.version;
			const plan = planBibliographyEdit(bibliography.path, open.getText(), cited);
			if (!plan.ok) {
				return fail(plan.message);
			}
			const result = { ok: true as const, uri: bibliography, added: plan.added, alreadyPresent: plan.alreadyPresent, created: false };
			const insertion = plan.insertion;
			if (!insertion) {
				return { result, addTo: () => undefined };
			}
			const decoded = onDisk ? decodeBibliography(onDisk, legacyEncodingOf(bibliography)) : undefined;
			const bad = decoded?.ok ? unwritableCharacter(insertion.text, decoded.encoding) : undefined;
			if (bad !== undefined) {
				return fail(`it has unsaved changes, and its encoding on disk cannot hold "${bad}" of the new entry; save it as UTF-8 first`);
			}
			if (!(await this._allowed(bibliography, `Add ${count(plan.added.length)} to it (in its editor, unsaved)?`))) {
				return { ok: false, uri: bibliography, declined: true, message: `${name}: not written, as you chose` };
			}
			if (open.version !== version) {
				// Typed into while the user was asked: plan again from the text as it is now (the answer is remembered).
				return this.prepare(bibliography, cited);
			}
			return {
				result,
				addTo: (edit) => {
					const position = open.positionAt(insertion.offset);
					edit.insert(bibliography, position, insertion.text);
					// Keeps the bibliography's edit and the note's apart: two single-file undo elements of one group.
					const separator = this._byteEdits.stage(undefined);
					edit.createFile(separator.uri, { contents: separator.contents });
					return {
						problem: undefined,
						rollback: async () => {
							const range = new vscode.Range(position, open.positionAt(open.offsetAt(position) + insertion.text.length));
							if (!open.isClosed && open.getText(range) === insertion.text.replace(/\r?\n/g, open.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n')) {
								const undo = new vscode.WorkspaceEdit();
								undo.delete(bibliography, range);
								await vscode.workspace.applyEdit(undo);
							}
						},
					};
				},
			};
		}
		const plan = planBibliographyBytes(bibliography.path, onDisk, cited, legacyEncodingOf(bibliography));
		if (!plan.ok) {
			return fail(plan.message);
		}
		const result = { ok: true as const, uri: bibliography, added: plan.added, alreadyPresent: plan.alreadyPresent, created: plan.kind === 'create' };
		if (plan.kind === 'none') {
			return { result, addTo: () => undefined };
		}
		if (!(await this._allowed(bibliography, `${plan.kind === 'create' ? 'Create it with' : 'Add'} ${count(plan.added.length)}${plan.kind === 'create' ? '' : ' to it'}?`))) {
			return { ok: false, uri: bibliography, declined: true, message: `${name}: not written, as you chose` };
		}
		return {
			result,
			addTo: (edit) => {
				const staged = this._byteEdits.stage({ file: bibliography, before: onDisk, offset: plan.byteOffset, inserted: plan.inserted, name });
				edit.createFile(staged.uri, { contents: staged.contents });
				return staged;
			},
		};
	}

	/**
	 * Plans removing the entries with `keys` from `bibliography` (Tidy Bibliography): the file's bytes without exactly
	 * those entries' ranges (`planRemovalBytes`), staged as one byte-exact, undoable change. A bibliography with unsaved
	 * changes in an editor is refused (its text is the user's work in progress), as is one that cannot be read or parsed.
	 */
	async prepareRemoval(bibliography: vscode.Uri, keys: ReadonlySet<string>): Promise<{ readonly ok: true; readonly removed: readonly string[]; addTo(edit: vscode.WorkspaceEdit): StagedByteEdit | undefined } | { readonly ok: false; readonly message: string; readonly declined?: boolean }> {
		const name = displayPath(bibliography);
		if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === bibliography.toString() && d.isDirty)) {
			return { ok: false, message: `${name} has unsaved changes; save it first` };
		}
		let onDisk: Awaited<ReturnType<typeof readBibliographyBytes>>;
		try {
			onDisk = await readBibliographyBytes(bibliography);
		} catch (e) {
			return { ok: false, message: `${name} cannot be read (${e instanceof Error ? e.message : String(e)})` };
		}
		if (!(onDisk instanceof Uint8Array)) {
			return { ok: false, message: `${name} is not a regular file that exists` };
		}
		const plan = planRemovalBytes(bibliography.path, onDisk, keys, legacyEncodingOf(bibliography));
		if (!plan.ok) {
			return { ok: false, message: `${name}: ${plan.message}` };
		}
		const removed = plan.removed.flatMap((r) => r.keys);
		if (removed.length === 0) {
			return { ok: true, removed, addTo: () => undefined };
		}
		if (!(await this._allowed(bibliography, `Remove ${removed.length} ${removed.length === 1 ? 'entry' : 'entries'} from it?`))) {
			return { ok: false, declined: true, message: `${name}: not written, as you chose` };
		}
		return {
			ok: true,
			removed,
			addTo: (edit) => {
				const staged = this._byteEdits.stage({ file: bibliography, before: onDisk, offset: 0, inserted: new Uint8Array(0), after: plan.after, name });
				edit.createFile(staged.uri, { contents: staged.contents });
				return staged;
			},
		};
	}

	private async _allowed(uri: vscode.Uri, what: string): Promise<boolean> {
		return (await this._boundary.mayWrite(uri, what)).allowed;
	}
}

// --- helpers

/**
 * The current text of a bibliography: the open document's (unsaved changes included), else the file's, decoded from
 * its bytes without opening it as a document; undefined when missing; an error when it cannot be decoded.
 */
export async function currentText(uri: vscode.Uri): Promise<string | { message: string } | undefined> {
	const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
	if (open) {
		return open.getText();
	}
	const bytes = await readBibliographyBytes(uri);
	if (bytes === 'special') {
		return { message: 'not a regular file (a FIFO, socket or device); Paper Shelf reads only regular files' };
	}
	if (bytes === undefined || bytes === 'directory') {
		return undefined;
	}
	const decoded = decodeBibliography(bytes, legacyEncodingOf(uri));
	return decoded.ok ? decoded.text : { message: decoded.message };
}

/**
 * What a bibliography that is not UTF-8 is taken to be: Latin-1, unless `files.encoding` names another encoding for
 * it — then Paper Shelf writes only ASCII into it.
 */
function legacyEncodingOf(uri: vscode.Uri): LegacyEncoding {
	const configured = vscode.workspace.getConfiguration('files', uri).get<string>('encoding') ?? 'utf8';
	return ['utf8', 'utf8bom', 'iso88591', 'windows1252'].includes(configured) ? 'latin-1' : 'unknown';
}


/**
 * `written` resolved against the folder `base` (absolute and `~/` paths ignore it), as a URI of `base`'s kind;
 * undefined when that kind of URI cannot hold the path (a `\\server` path outside the file system).
 */
function resolveFrom(base: vscode.Uri, written: string, homeDir: string | undefined): vscode.Uri | undefined {
	// The home folder is for `~/` paths in notes and settings of file system URIs only.
	const resolved = resolveWrittenPath(written, base.path, base.scheme === 'file' ? homeDir : undefined);
	try {
		return base.scheme === 'file' ? vscode.Uri.file(resolved) : base.with({ path: resolved, query: '', fragment: '' });
	} catch {
		return undefined;
	}
}

/**
 * A path as a note writes it (`refs.bib`, `../refs.bib`, `/abs/refs.bib`, `~/refs.bib`), resolved against the note's
 * folder (for an untitled note, the first workspace folder; undefined when there is none).
 */
function resolvePath(noteUri: vscode.Uri, path: string, homeDir: string | undefined): vscode.Uri | undefined {
	const folder = noteUri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(noteUri, '..');
	return folder && resolveFrom(folder, path, homeDir);
}

/** A short name for messages: the path relative to its workspace folder, else the file name. */
export function displayPath(uri: vscode.Uri): string {
	return vscode.workspace.asRelativePath(uri, false);
}
