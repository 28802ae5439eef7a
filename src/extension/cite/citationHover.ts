import * as vscode from 'vscode';
import { Commands } from '../ids';
import type { PaperLookup } from '../library/paperLibrary';
import { digestLocation } from './citationDefinition';
import type { ShelfNeed } from '../library/shelfDemand';
import { displayPath, type BibliographyWriter } from './bibliographyWriter';
import { bibliographyEntryOf, citationAt, type KeyLookup } from './citationAt';
import { paperMarkdown } from './paperMarkdown';
import { appendUntrusted, untrustedMarkdown } from '../util/surfaces';

/**
 * Hover on a citation key in a note: the shelf paper (title, authors, start of the abstract, an "Open Abstract"
 * link) and whether the note's bibliography has its entry yet; for a key only the bibliography knows, where it is
 * defined. Keys that resolve nowhere get no hover (their diagnostic says so).
 */
export class CitationHover implements vscode.HoverProvider {
	constructor(private readonly _writer: BibliographyWriter, private readonly _shelf: ShelfNeed, private readonly _keys: KeyLookup, private readonly _library: PaperLookup) {}

	async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
		const found = citationAt(document, position);
		if (!found) {
			return undefined;
		}
		await this._shelf.need();
		const paper = this._keys.paperOfKey(found.key);
		const entry = await bibliographyEntryOf(this._writer, document, found.key);
		const where = entry ? `in ${displayPath(entry.uri)}, line ${entry.range.start.line + 1}` : undefined;
		if (paper) {
			const digest = digestLocation(this._library, this._keys, found.key);
			const shelf = digest ? `on the shelf in ${displayPath(digest.uri)}, line ${digest.range.start.line + 1}` : 'on the shelf';
			const footer = where ? `Defined ${where}; also ${shelf}` : `Not in ${this._bibliographyName(document)} yet; ${shelf}`;
			return new vscode.Hover(paperMarkdown(paper, found.key, { abstractChars: 600, footer, openAbstractCommand: Commands.OpenAbstract }), found.range);
		}
		if (where) {
			const md = appendUntrusted(untrustedMarkdown(), `${found.key}: defined ${where} (not a paper on the shelf)`);
			return new vscode.Hover(md, found.range);
		}
		return undefined;
	}

	private _bibliographyName(document: vscode.TextDocument): string {
		const first = this._writer.bibliographiesOf(document)[0];
		return first ? displayPath(first.uri) : 'the bibliography';
	}
}
