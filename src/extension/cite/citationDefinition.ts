import * as vscode from 'vscode';
import type { PaperLookup } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import type { BibliographyWriter } from './bibliographyWriter';
import { bibliographyEntryOf, citationAt, type KeyLookup } from './citationAt';

/**
 * "Go to Definition" on a citation key in a note.
 *
 * A definition provider must return locations, and VS Code also calls it for the Ctrl+hover preview, so it must not
 * have side effects such as opening the abstract panel. A key with an entry in the note's bibliography (.bib or
 * CSL-JSON) goes there — that is what pandoc and LaTeX read — and only there: given several locations VS Code lists
 * them by path, not in the order given, so the digest would come first whenever its path sorts first. The shelf
 * paper's place in its digest is the key's *declaration* (Go to / Peek Declaration, {@link CitationDeclaration}); a
 * key only the shelf knows goes to the digest here too.
 */
export class CitationDefinition implements vscode.DefinitionProvider {
	constructor(private readonly _library: PaperLookup, private readonly _shelf: ShelfNeed, private readonly _writer: BibliographyWriter, private readonly _keys: KeyLookup) {}

	async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
		const found = citationAt(document, position);
		if (!found) {
			return undefined;
		}
		await this._shelf.need();
		return (await bibliographyEntryOf(this._writer, document, found.key)) ?? digestLocation(this._library, this._keys, found.key);
	}
}

/** "Go to Declaration" / "Peek Declaration" on a citation key: where the shelf paper of the key is in its digest. */
export class CitationDeclaration implements vscode.DeclarationProvider {
	constructor(private readonly _library: PaperLookup, private readonly _shelf: ShelfNeed, private readonly _keys: KeyLookup) {}

	async provideDeclaration(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
		const found = citationAt(document, position);
		if (!found) {
			return undefined;
		}
		await this._shelf.need();
		return digestLocation(this._library, this._keys, found.key);
	}
}

/** Where a shelf paper's key is defined in its digest file (its lines there), if the key is a shelf paper's. */
export function digestLocation(library: PaperLookup, keys: KeyLookup, key: string): vscode.Location | undefined {
	const paper = keys.paperOfKey(key);
	const digest = paper && library.digests.find((d) => d.parsed.papers.some((p) => p.id === paper.id));
	if (!paper || !digest) {
		return undefined;
	}
	const own = digest.parsed.papers.find((p) => p.id === paper.id) ?? paper;
	const start = new vscode.Position(Math.max(0, own.source.startLine - 1), 0);
	const end = new vscode.Position(Math.max(0, own.source.endLine - 1), 0);
	return new vscode.Location(digest.source.uri, new vscode.Range(start, end));
}
