import * as vscode from 'vscode';
import type { PaperLookup } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import type { BibliographyWriter } from './bibliographyWriter';
import { bibliographyEntryOf, citationAt, type KeyLookup } from './citationAt';

/**
 * "Go to Definition" on a citation key in a note.
 *
 * A definition provider must return locations, and VS Code also calls it for the Ctrl+hover preview, so it must not
 * have side effects such as opening the abstract panel. The choice: a key of a shelf paper goes to the paper's entry
 * in its digest file (title and abstract, where the paper "is defined"); a key the shelf does not know goes to its
 * entry in the note's bibliography (.bib or CSL-JSON). The abstract panel is one click away in the key's hover.
 */
export class CitationDefinition implements vscode.DefinitionProvider {
	constructor(private readonly _library: PaperLookup, private readonly _shelf: ShelfNeed, private readonly _writer: BibliographyWriter, private readonly _keys: KeyLookup) {}

	async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
		const found = citationAt(document, position);
		if (!found) {
			return undefined;
		}
		await this._shelf.need();
		const paper = this._keys.paperOfKey(found.key);
		const digest = paper && this._library.digests.find((d) => d.parsed.papers.some((p) => p.id === paper.id));
		if (paper && digest) {
			const own = digest.parsed.papers.find((p) => p.id === paper.id) ?? paper;
			const start = new vscode.Position(Math.max(0, own.source.startLine - 1), 0);
			const end = new vscode.Position(Math.max(0, own.source.endLine - 1), 0);
			return new vscode.Location(digest.source.uri, new vscode.Range(start, end));
		}
		return bibliographyEntryOf(this._writer, document, found.key);
	}
}
