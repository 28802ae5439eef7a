import * as vscode from 'vscode';
import type { CitedPaper } from '../../core/cite/citedPaper';
import { BibliographyWriter, displayPath, type BibliographyEditResult } from './bibliographyWriter';

/** What inserting needs from the citation keys. */
export interface CitationFormatter {
	/** The shelf papers of `ids` with their keys (unknown ids left out). */
	cited(ids: readonly string[]): CitedPaper[];
	/** The citation of `cited` in a document of `languageId`. */
	format(cited: readonly CitedPaper[], languageId: string): string;
}

/** What one insertion did. */
export interface InsertResult {
	readonly applied: boolean;
	readonly citation: string;
	readonly bibliography?: BibliographyEditResult;
}

/**
 * Inserting citations into a note together with their bibliography entries.
 *
 * The citation (at every cursor) and the bibliography entries go into ONE `WorkspaceEdit`, in this order: the note's
 * text edits, a `createFile(bib, { ignoreIfExists: true })`, the bibliography's text edit. VS Code's bulk-edit service
 * runs consecutive edits of one kind together and gives every part of one `applyEdit` the same undo group; the file
 * operation in the middle makes the note's and the bibliography's text edits two single-file undo elements of that
 * group instead of one multi-file element. So one Undo in the note reverts the citation and the new entries (and a
 * bibliography file it created) without the "Undo in 2 files?" prompt a multi-file element raises — a prompt VS Code
 * refuses to show in its integration-test host. A bibliography that had no unsaved changes is saved afterwards so
 * Pandoc and LaTeX see the entries; Undo then leaves it dirty, as any undo does.
 */
export class CitationInserter {
	constructor(private readonly _writer: BibliographyWriter, private readonly _formatter: CitationFormatter) {}

	/**
	 * Replaces every selection of `editor` by the citation of `ids` in the document's syntax and adds the missing
	 * entries to its bibliography; the cursors end after the inserted citations.
	 */
	async insert(editor: vscode.TextEditor, ids: readonly string[]): Promise<InsertResult> {
		const document = editor.document;
		const cited = this._formatter.cited(ids);
		if (cited.length === 0) {
			return { applied: false, citation: '' };
		}
		const citation = this._formatter.format(cited, document.languageId);
		const selections = [...editor.selections].sort((a, b) => a.start.compareTo(b.start));
		const spans = selections.map((s) => [document.offsetAt(s.start), document.offsetAt(s.end)] as const);
		const edit = new vscode.WorkspaceEdit();
		const metadata = { label: 'Insert Citation', needsConfirmation: false };
		for (const selection of selections) {
			edit.replace(document.uri, selection, citation, metadata);
		}
		const result = await this._applyWithBibliography(edit, document, cited);
		if (result.applied && vscode.window.visibleTextEditors.includes(editor)) {
			let delta = 0;
			editor.selections = spans.map(([start, end]) => {
				const after = document.positionAt(start + delta + citation.length);
				delta += citation.length - (end - start);
				return new vscode.Selection(after, after);
			});
		}
		return { ...result, citation };
	}

	/** The edit a drop of papers onto `document` makes besides inserting the citation text: the bibliography entries. */
	async bibliographyEditFor(document: vscode.TextDocument, ids: readonly string[]): Promise<{ citation: string; edit: vscode.WorkspaceEdit; bibliography?: BibliographyEditResult }> {
		const cited = this._formatter.cited(ids);
		const citation = cited.length > 0 ? this._formatter.format(cited, document.languageId) : '';
		const edit = new vscode.WorkspaceEdit();
		const bibliography = cited.length > 0 ? await this._addToEdit(edit, document, cited) : undefined;
		return { citation, edit, bibliography };
	}

	/** Adds the entries of `ids` missing from `document`'s bibliography (completion and quick fixes use this). */
	async addEntries(document: vscode.TextDocument, ids: readonly string[]): Promise<BibliographyEditResult | undefined> {
		const cited = this._formatter.cited(ids);
		if (cited.length === 0) {
			return undefined;
		}
		const result = await this._applyWithBibliography(new vscode.WorkspaceEdit(), document, cited);
		return result.bibliography;
	}

	private async _addToEdit(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, cited: readonly CitedPaper[]): Promise<BibliographyEditResult | undefined> {
		const target = this._writer.bibliographiesOf(document)[0];
		return target ? this._writer.addEntries(edit, target.uri, cited) : undefined;
	}

	private async _applyWithBibliography(edit: vscode.WorkspaceEdit, document: vscode.TextDocument, cited: readonly CitedPaper[]): Promise<Omit<InsertResult, 'citation'>> {
		const bibliography = await this._addToEdit(edit, document, cited);
		const wasDirty = bibliography ? BibliographyWriter.isDirty(bibliography.uri) : false;
		if (edit.size === 0) {
			return { applied: false, bibliography };
		}
		const applied = await vscode.workspace.applyEdit(edit);
		if (applied && bibliography?.ok && bibliography.added.length > 0) {
			await BibliographyWriter.saveIfClean(bibliography.uri, wasDirty);
		}
		return { applied, bibliography };
	}
}

/** A one-line account of what happened to the bibliography, for the status bar or a message. */
export function describeBibliographyResult(result: BibliographyEditResult | undefined): string | undefined {
	if (!result || !result.ok) {
		return undefined;
	}
	const name = displayPath(result.uri);
	if (result.added.length === 0) {
		return `${name} already has ${result.alreadyPresent.length === 1 ? 'this entry' : 'these entries'}`;
	}
	const entries = `${result.added.length} ${result.added.length === 1 ? 'entry' : 'entries'}`;
	return result.created ? `created ${name} with ${entries}` : `${entries} added to ${name}`;
}
