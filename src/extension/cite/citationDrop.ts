import * as vscode from 'vscode';
import { PAPERS_MIME } from '../ids';
import type { CitationInserter } from './insertCitation';
import { notify } from '../util/surfaces';

/**
 * Dropping papers dragged from the Papers view into an editor: inserts their citation in the syntax of the target
 * document and, as the drop's additional edit, their missing bibliography entries. VS Code applies the insert and the
 * additional edit in one undo group, so one undo reverts both. When the entries cannot be added (the bibliography
 * cannot be parsed or written, or the user declined a file outside the workspace), nothing is dropped.
 */
export class CitationDrop implements vscode.DocumentDropEditProvider {
	/** The MIME type the Papers view's drag controller puts the paper ids under (a JSON array of strings). */
	static readonly mimeType = PAPERS_MIME;
	static readonly kind = vscode.DocumentDropOrPasteEditKind.Empty.append('paperShelf', 'citation');

	/** `dropped` is told about a note that got a drop writing entries (a moment later: VS Code applies the edit first). */
	constructor(private readonly _inserter: CitationInserter, private readonly _dropped?: (document: vscode.TextDocument) => void) {}

	async provideDocumentDropEdits(document: vscode.TextDocument, position: vscode.Position, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken): Promise<vscode.DocumentDropEdit | undefined> {
		const ids = parseIds(await dataTransfer.get(CitationDrop.mimeType)?.asString());
		if (ids.length === 0 || token.isCancellationRequested) {
			return undefined;
		}
		const { citation, plan, edit, bibliography } = await this._inserter.dropFor(document, position, ids);
		if (citation === '' || !plan || token.isCancellationRequested) {
			return undefined;
		}
		if (!edit) {
			// All or nothing: without its entries the citation is not dropped either — not even as VS Code's plain text,
			// so the drop's default is an edit that inserts nothing (the drop selector still offers the others).
			if (bibliography && !bibliography.ok && !bibliography.declined) {
				void notify.error(`Paper Shelf: ${bibliography.message}. The bibliography was left untouched, and nothing was dropped.`);
			}
			return new vscode.DocumentDropEdit('', 'Insert Citation (not possible: the bibliography cannot be written)', CitationDrop.kind);
		}
		const title = ids.length === 1 ? 'Insert Citation' : `Insert Citation of ${ids.length} Papers`;
		const atDrop = plan.start === plan.end && plan.start === document.offsetAt(position);
		// A new citation (or keys added right where the paper was dropped) is the drop's own text; keys merged into a
		// citation elsewhere around the drop go in the additional edit, with the entries, and the drop inserts nothing.
		const drop = new vscode.DocumentDropEdit(atDrop ? plan.text : '', title, CitationDrop.kind);
		const noteEdit = !atDrop && (plan.text !== '' || plan.end > plan.start);
		if (noteEdit) {
			edit.replace(document.uri, new vscode.Range(document.positionAt(plan.start), document.positionAt(plan.end)), plan.text);
		}
		if (noteEdit || (bibliography?.ok && bibliography.added.length > 0)) {
			drop.additionalEdit = edit;
		}
		if (bibliography?.ok && this._dropped) {
			setTimeout(() => this._dropped?.(document), 1500);
		}
		return drop;
	}
}

/** The paper ids of a drag from the Papers view; anything that is not a JSON array of strings gives none. */
function parseIds(json: string | undefined): string[] {
	if (!json) {
		return [];
	}
	try {
		const value: unknown = JSON.parse(json);
		return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	} catch {
		return [];
	}
}
