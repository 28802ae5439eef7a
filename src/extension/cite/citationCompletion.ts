import * as vscode from 'vscode';
import { completionContext } from '../../core/cite/citationScanner';
import type { Paper } from '../../core/model';
import type { PaperLookup, PaperSearch } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import { oneLine } from '../../core/present/paperText';
import { CiteCommands } from './citeIds';
import { paperMarkdown } from './paperMarkdown';
import { plainText } from '../../core/text/untrustedText';

/** What completion needs from the citation keys. */
export interface CompletionKeys {
	keyOf(id: string): string | undefined;
}

/** Up to this many papers, an empty prefix offers every paper (and a key containing the prefix is offered too). */
const OFFER_ALL_LIMIT = 2000;
/** How many papers a prefix search offers on a large shelf. */
const SEARCH_LIMIT = 200;
/** How far back from the cursor the completion context looks (a `\cite[…][…]{a,b,…}` fits easily). */
const LOOK_BEHIND = 2000;

/**
 * Completes citation keys where the core's `completionContext` says a key is being typed: after `@` (not in a word
 * or an e-mail address, not in code) in Markdown-like notes, Typst and Org; inside `\cite{…}` and its variants in
 * LaTeX. The papers are the index's answer for what was typed (keys starting with it first), listed in exactly that
 * order: VS Code would re-rank by its own fuzzy match, so every item's `filterText` is the typed text itself (all
 * match equally) and `sortText` is its zero-padded rank; the list is incomplete, so each keystroke asks again.
 * Accepting one also adds the paper's entry to the note's bibliography through an internal command (a separate undo
 * step in the bibliography, since completion edits only the note).
 */
export class CitationCompletion implements vscode.CompletionItemProvider {
	constructor(private readonly _library: PaperLookup & PaperSearch, private readonly _shelf: ShelfNeed, private readonly _keys: CompletionKeys) {}

	async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
		const offset = document.offsetAt(position);
		const from = Math.max(0, offset - LOOK_BEHIND);
		// Code spans and fences are detected on the whole text for Markdown, so give it all when it is not huge.
		const start = document.languageId === 'latex' || offset > 200_000 ? from : 0;
		const text = document.getText(new vscode.Range(document.positionAt(start), position));
		const context = completionContext(text, text.length, document.languageId);
		if (!context) {
			return undefined;
		}
		const range = new vscode.Range(document.positionAt(start + context.replaceStart), position);
		// A key is being typed: the shelf is needed (the first completion starts its load and waits for it).
		await this._shelf.need();
		if (token.isCancellationRequested) {
			return undefined;
		}
		const papers = this._candidates(context.prefix);
		const typed = document.getText(range);
		const items = papers.flatMap((paper) => {
			const key = this._keys.keyOf(paper.id);
			return key ? [this._item(paper, key, range, document.uri)] : [];
		});
		items.forEach((item, rank) => {
			item.sortText = String(rank).padStart(6, '0');
			item.filterText = typed;
		});
		return new vscode.CompletionList(items, true);
	}

	/**
	 * The papers for what was typed, best first: with nothing typed, the shelf's first papers (all of them on a small
	 * shelf); else papers whose key starts with it, then the index's hits for it, then (small shelf) keys containing it.
	 */
	private _candidates(prefix: string): readonly Paper[] {
		const all = this._library.papers;
		const small = all.length <= OFFER_ALL_LIMIT;
		if (prefix === '') {
			return small ? all : all.slice(0, SEARCH_LIMIT);
		}
		const lower = prefix.toLowerCase();
		const byKey = all.filter((p) => this._keys.keyOf(p.id)?.toLowerCase().startsWith(lower)).slice(0, SEARCH_LIMIT);
		const seen = new Set(byKey.map((p) => p.id));
		const hits = this._library.search(prefix, SEARCH_LIMIT).map((h) => h.paper).filter((p) => !seen.has(p.id));
		hits.forEach((p) => seen.add(p.id));
		const inKey = small ? all.filter((p) => !seen.has(p.id) && this._keys.keyOf(p.id)?.toLowerCase().includes(lower)) : [];
		return [...byKey, ...hits, ...inKey];
	}

	private _item(paper: Paper, key: string, range: vscode.Range, note: vscode.Uri): vscode.CompletionItem {
		const title = plainText(oneLine(paper.title));
		const item = new vscode.CompletionItem({ label: key, description: title }, vscode.CompletionItemKind.Reference);
		item.detail = title;
		item.insertText = key;
		item.range = range;
		item.documentation = paperMarkdown(paper, key, { abstractChars: 300 });
		item.command = { title: 'Add Bibliography Entry', command: CiteCommands.AddEntries, arguments: [note, [paper.id]] };
		return item;
	}
}
