import * as vscode from 'vscode';
import { PAPERS_MIME } from '../ids';
import type { PaperLookup } from '../library/paperLibrary';
import { PaperNode, type ShelfNode } from './papersTree';

/** Writes the citation of papers in a document's syntax (the citation features provide it). */
export interface CitationText {
	citationText(ids: readonly string[], languageId: string): string;
}

/**
 * Dragging papers out of the tree: carries their ids for Paper Shelf's drop provider (which inserts a
 * citation in the syntax of the target document) and a plain-text citation for any other target.
 */
export class PapersDragAndDrop implements vscode.TreeDragAndDropController<ShelfNode> {
	readonly dragMimeTypes = [PAPERS_MIME, 'text/plain'];
	readonly dropMimeTypes: readonly string[] = [];

	constructor(private readonly _library: PaperLookup, private readonly _citations: CitationText) {}

	handleDrag(source: readonly ShelfNode[], data: vscode.DataTransfer): void {
		const ids = source.filter((n): n is PaperNode => n instanceof PaperNode).map((n) => n.paper.id).filter((id) => this._library.get(id));
		if (ids.length === 0) {
			return;
		}
		data.set(PAPERS_MIME, new vscode.DataTransferItem(JSON.stringify(ids)));
		data.set('text/plain', new vscode.DataTransferItem(this._citations.citationText(ids, 'markdown')));
	}
}
