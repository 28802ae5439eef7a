import * as vscode from 'vscode';
import { locateBibliographies } from '../../core/cite/bibliographyLocator';
import { bibliographyFormatOf, planBibliographyEdit, readBibliographyKeys, type BibliographyKey } from '../../core/cite/bibliographyFile';
import type { CitedPaper } from '../../core/cite/citedPaper';

/** A bibliography a note uses: where it is, and the 1-based line of the note that names it (undefined: the setting). */
export interface NoteBibliography {
	readonly uri: vscode.Uri;
	readonly namedAtLine?: number;
}

/** The keys a bibliography defines, or why it cannot be read. A missing file defines none. */
export type BibliographyKeys =
	| { readonly ok: true; readonly uri: vscode.Uri; readonly exists: boolean; readonly keys: readonly BibliographyKey[] }
	| { readonly ok: false; readonly uri: vscode.Uri; readonly line: number; readonly message: string };

/** What adding entries to a note's bibliography did (or would do), for messages. */
export type BibliographyEditResult =
	| { readonly ok: true; readonly uri: vscode.Uri; readonly added: readonly string[]; readonly alreadyPresent: readonly string[]; readonly created: boolean }
	| { readonly ok: false; readonly uri: vscode.Uri; readonly message: string };

/** The current text of a file: the open document's (unsaved changes included) or the file's; undefined when missing. */
interface CurrentText {
	readonly text: string;
	readonly document?: vscode.TextDocument;
}

/**
 * Finds the bibliography of a note and plans additions to it, all through the VS Code API so unsaved changes are
 * respected and every change is a `WorkspaceEdit`. The parsing and planning are the pure core's
 * (`src/core/cite/bibliographyFile.ts`); this class only reads files and turns offsets into positions.
 */
export class BibliographyWriter {
	private readonly _keyCache = new Map<string, { text: string; keys: BibliographyKeys }>();

	constructor(private readonly _defaultFile: () => string) {}

	/**
	 * The bibliographies a note names (front matter `bibliography:`, `\bibliography{}`, `\addbibresource{}`), resolved
	 * against the note's folder; else `paperShelf.bibliographyFile` at the root of the first workspace folder (or, with
	 * no folder open, beside the note). Only `.bib` and `.json` files are returned; the first is where entries go.
	 */
	bibliographiesOf(document: vscode.TextDocument): NoteBibliography[] {
		const named = locateBibliographies(document.getText(), document.languageId)
			.filter((ref) => bibliographyFormatOf(ref.path) !== undefined)
			.flatMap((ref) => {
				const uri = resolvePath(document.uri, ref.path);
				return uri ? [{ uri, namedAtLine: ref.line }] : [];
			});
		if (named.length > 0) {
			return named;
		}
		const fallback = this.defaultBibliography(document.uri);
		return fallback ? [{ uri: fallback }] : [];
	}

	/** `paperShelf.bibliographyFile` resolved for a note (undefined for an untitled note outside any folder). */
	defaultBibliography(noteUri: vscode.Uri): vscode.Uri | undefined {
		const setting = this._defaultFile();
		const folder = vscode.workspace.workspaceFolders?.[0];
		if (folder && !isAbsolutePath(setting)) {
			return vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]+/).filter((s) => s !== '' && s !== '.'));
		}
		return resolvePath(noteUri, setting);
	}

	/** The keys a bibliography defines (parsed again only when its text changed). */
	async readKeys(uri: vscode.Uri): Promise<BibliographyKeys> {
		const current = await currentText(uri);
		if (!current) {
			return { ok: true, uri, exists: false, keys: [] };
		}
		const cacheKey = uri.toString();
		const cached = this._keyCache.get(cacheKey);
		// Compared by text, not version: a document closed and reopened starts its versions again.
		if (cached && cached.text === current.text) {
			return cached.keys;
		}
		const parsed = readBibliographyKeys(uri.path, current.text);
		const keys: BibliographyKeys = parsed.ok
			? { ok: true, uri, exists: true, keys: parsed.keys }
			: { ok: false, uri, line: parsed.line, message: parsed.message };
		this._keyCache.set(cacheKey, { text: current.text, keys });
		return keys;
	}

	/**
	 * Adds to `edit` what `cited` needs in `bibliography`: a `createFile` (ignored when the file exists) followed by one
	 * insertion, or nothing when every key is there. The `createFile` is always added when something is inserted: it
	 * also puts the bibliography's text edit in its own undo element of the same undo group as the note's edit, so one
	 * undo in the note reverts both without VS Code's "undo in all files?" prompt (see `insertCitation.ts`).
	 * An unparseable file is left alone and the result says which line is wrong.
	 */
	async addEntries(edit: vscode.WorkspaceEdit, bibliography: vscode.Uri, cited: readonly CitedPaper[]): Promise<BibliographyEditResult> {
		const current = await currentText(bibliography);
		const existing = current?.text ?? '';
		const plan = planBibliographyEdit(bibliography.path, existing, cited);
		if (!plan.ok) {
			return { ok: false, uri: bibliography, message: `${displayPath(bibliography)}: ${plan.message}` };
		}
		if (plan.insertion) {
			const position = current?.document
				? current.document.positionAt(plan.insertion.offset)
				: positionAt(existing, plan.insertion.offset);
			edit.createFile(bibliography, { ignoreIfExists: true });
			edit.insert(bibliography, position, plan.insertion.text);
		}
		return { ok: true, uri: bibliography, added: plan.added, alreadyPresent: plan.alreadyPresent, created: current === undefined && plan.insertion !== undefined };
	}

	/** Whether a bibliography has unsaved changes now (so Paper Shelf must not save it for the user). */
	static isDirty(uri: vscode.Uri): boolean {
		return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && d.isDirty);
	}

	/** Saves a bibliography Paper Shelf just changed, when it had no unsaved changes of the user's before. */
	static async saveIfClean(uri: vscode.Uri, wasDirty: boolean): Promise<void> {
		if (wasDirty) {
			return;
		}
		const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
		if (document?.isDirty) {
			await document.save();
		}
	}
}

// --- helpers

async function currentText(uri: vscode.Uri): Promise<CurrentText | undefined> {
	const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
	if (open) {
		return { text: open.getText(), document: open };
	}
	let stat: vscode.FileStat;
	try {
		stat = await vscode.workspace.fs.stat(uri);
	} catch {
		return undefined;
	}
	if (stat.type & vscode.FileType.Directory) {
		return undefined;
	}
	try {
		const document = await vscode.workspace.openTextDocument(uri);
		return { text: document.getText(), document };
	} catch {
		const bytes = await vscode.workspace.fs.readFile(uri);
		return { text: new TextDecoder().decode(bytes) };
	}
}

function positionAt(text: string, offset: number): vscode.Position {
	const before = text.slice(0, offset);
	const line = before.split('\n').length - 1;
	return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
}

function isAbsolutePath(path: string): boolean {
	return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * A path as a note writes it (`refs.bib`, `../refs.bib`, `/abs/refs.bib`), resolved against the note's folder (for
 * an untitled note, the first workspace folder; undefined when there is none).
 */
function resolvePath(noteUri: vscode.Uri, path: string): vscode.Uri | undefined {
	const home = typeof process !== 'undefined' ? process.env.HOME : undefined;
	const expanded = path.startsWith('~/') && home ? home + path.slice(1) : path;
	if (isAbsolutePath(expanded)) {
		const base = noteUri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/') : noteUri;
		return base.with({ path: expanded.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/'), query: '', fragment: '' });
	}
	const folder = noteUri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(noteUri, '..');
	return folder && vscode.Uri.joinPath(folder, ...expanded.split(/[\\/]+/).filter((s) => s !== '' && s !== '.'));
}

/** A short name for messages: the path relative to its workspace folder, else the file name. */
export function displayPath(uri: vscode.Uri): string {
	return vscode.workspace.asRelativePath(uri, false);
}
