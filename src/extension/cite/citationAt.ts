import * as vscode from 'vscode';
import { scanCitations, type CitationOccurrence } from '../../core/cite/citationScanner';
import type { Paper } from '../../core/model';
import type { BibliographyWriter } from './bibliographyWriter';

/** What hover, definition and diagnostics need from the citation keys. */
export interface KeyLookup {
	/** The shelf paper a key belongs to. */
	paperOfKey(key: string): Paper | undefined;
}

/** The citation keys used in a note, found by the core's scanner, with their ranges. */
export function citationsIn(document: vscode.TextDocument): { occurrence: CitationOccurrence; range: vscode.Range }[] {
	return scanCitations(document.getText(), document.languageId).map((occurrence) => ({
		occurrence,
		range: new vscode.Range(document.positionAt(occurrence.start), document.positionAt(occurrence.end)),
	}));
}

/** The citation key under `position`, if any. */
export function citationAt(document: vscode.TextDocument, position: vscode.Position): { key: string; range: vscode.Range } | undefined {
	const found = citationsIn(document).find((c) => c.range.contains(position));
	return found && { key: found.occurrence.key, range: found.range };
}

/** Where a key is defined in a note's bibliographies: the file and the 0-based line of its entry. */
export async function bibliographyEntryOf(writer: BibliographyWriter, document: vscode.TextDocument, key: string): Promise<vscode.Location | undefined> {
	for (const bibliography of writer.bibliographiesOf(document)) {
		const keys = await writer.readKeys(bibliography.uri);
		const entry = keys.ok ? keys.keys.find((k) => k.key === key) : undefined;
		if (entry) {
			return new vscode.Location(bibliography.uri, new vscode.Position(Math.max(0, entry.line - 1), 0));
		}
	}
	return undefined;
}
