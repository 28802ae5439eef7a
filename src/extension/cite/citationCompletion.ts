import * as vscode from 'vscode';
import type { BibliographyEntryInfo } from '../../core/cite/bibliographyEntries';
import { citationGroupAt, WINDOW } from '../../core/cite/citationMerge';
import { completionContext } from '../../core/cite/citationScanner';
import type { Paper } from '../../core/model';
import type { PaperLookup, PaperSearch } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import { oneLine } from '../../core/present/paperText';
import { displayPath, type BibliographyWriter } from './bibliographyWriter';
import { CiteCommands } from './citeIds';
import { paperMarkdown } from './paperMarkdown';
import { plainText } from '../../core/text/untrustedText';

/** What completion needs from the citation keys. */
export interface CompletionKeys {
	keyOf(id: string): string | undefined;
	/** The shelf paper of a key, if any. */
	paperOfKey(key: string): Paper | undefined;
	/** The user's citation templates (a per-paper one makes no citation to look into for keys already there). */
	templates(): Readonly<Record<string, string>> | undefined;
}

/** Up to this many papers, an empty prefix offers every paper (and a key containing the prefix is offered too). */
const OFFER_ALL_LIMIT = 2000;
/** How many papers a prefix search offers on a large shelf, and how many bibliography entries each match kind offers. */
const SEARCH_LIMIT = 200;
/** How far back from the cursor the completion context looks (a `\cite[…][…]{a,b,…}` fits easily). */
const LOOK_BEHIND = 2000;

/**
 * Completes citation keys where the core's `completionContext` says a key is being typed: after `@` (not in a word
 * or an e-mail address, not in code) in Markdown-like notes, Typst and Org; inside `\cite{…}` and its variants in
 * LaTeX. Offers the entries of the note's bibliographies first — the user's own keys too, with author, year and title
 * — then the shelf's papers, marked "shelf", as the index ranks them for what was typed. Keys already in the citation
 * at the cursor are not offered again. The list is shown in exactly this order: VS Code would re-rank by its own fuzzy
 * match, so every item's `filterText` is the typed text itself (all match equally), `sortText` is its zero-padded
 * rank, and the list is incomplete, so each keystroke asks again (and the entries are filtered here).
 * Accepting a shelf paper also adds its entry to the note's bibliography through an internal command (a separate
 * undo step in the bibliography, since completion edits only the note).
 */
export class CitationCompletion implements vscode.CompletionItemProvider {
	/** The paper of each item offered, for its documentation, made only when VS Code shows it (`resolveCompletionItem`). */
	private readonly _papers = new WeakMap<vscode.CompletionItem, { paper: Paper; key: string; footer?: string }>();

	constructor(private readonly _library: PaperLookup & PaperSearch, private readonly _shelf: ShelfNeed, private readonly _keys: CompletionKeys, private readonly _writer: BibliographyWriter) {}

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
		const present = this._keysAround(document, offset, context.prefix);
		const bibliography = await this._bibliographyEntries(document);
		// A key is being typed: the shelf is needed (the first completion starts its load and waits for it).
		await this._shelf.need();
		if (token.isCancellationRequested) {
			return undefined;
		}
		const items: vscode.CompletionItem[] = [];
		const listed = new Set(present);
		for (const { entry, uri } of matchingEntries(bibliography, context.prefix)) {
			if (!listed.has(entry.key)) {
				listed.add(entry.key);
				items.push(this._entryItem(entry, uri, range));
			}
		}
		for (const paper of this._candidates(context.prefix)) {
			const key = this._keys.keyOf(paper.id);
			if (key && !listed.has(key)) {
				listed.add(key);
				items.push(this._paperItem(paper, key, range, document.uri));
			}
		}
		const typed = document.getText(range);
		items.forEach((item, rank) => {
			item.sortText = String(rank).padStart(6, '0');
			item.filterText = typed;
		});
		return new vscode.CompletionList(items, true);
	}

	resolveCompletionItem(item: vscode.CompletionItem): vscode.CompletionItem {
		const of = this._papers.get(item);
		if (of && !item.documentation) {
			item.documentation = paperMarkdown(of.paper, of.key, { abstractChars: 300, ...(of.footer ? { footer: of.footer } : {}) });
		}
		return item;
	}

	/** The keys of the citation around the cursor, but the one being typed. */
	private _keysAround(document: vscode.TextDocument, offset: number, prefix: string): Set<string> {
		const from = Math.max(0, offset - WINDOW);
		const window = document.getText(new vscode.Range(document.positionAt(from), document.positionAt(offset + WINDOW)));
		const group = citationGroupAt(window, offset - from, document.languageId, this._keys.templates());
		const keys = new Set(group?.keys ?? []);
		keys.delete(prefix);
		return keys;
	}

	/** The entries of the note's bibliographies, in file order. */
	private async _bibliographyEntries(document: vscode.TextDocument): Promise<{ entry: BibliographyEntryInfo; uri: vscode.Uri }[]> {
		const out: { entry: BibliographyEntryInfo; uri: vscode.Uri }[] = [];
		for (const bibliography of this._writer.bibliographiesOf(document)) {
			for (const entry of await this._writer.readEntries(bibliography.uri)) {
				out.push({ entry, uri: bibliography.uri });
			}
		}
		return out;
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

	/** An entry of the note's bibliography (the user's own, or one Paper Shelf wrote): nothing to add on accepting. */
	private _entryItem(entry: BibliographyEntryInfo, uri: vscode.Uri, range: vscode.Range): vscode.CompletionItem {
		const title = plainText(oneLine(entry.title ?? ''));
		const byline = plainText([entry.authors.length > 2 ? `${entry.authors[0]} et al.` : entry.authors.join(' and '), entry.year].filter((s) => s).join(' '));
		const where = `${displayPath(uri)}, line ${entry.line}`;
		const item = new vscode.CompletionItem({ label: entry.key, detail: byline ? ` ${byline}` : undefined, description: title || where }, vscode.CompletionItemKind.Reference);
		item.detail = [byline, title, `in ${where}`].filter((s) => s).join(' — ');
		item.insertText = entry.key;
		item.range = range;
		const paper = this._keys.paperOfKey(entry.key);
		if (paper) {
			this._papers.set(item, { paper, key: entry.key, footer: `in ${where}` });
		}
		return item;
	}

	private _paperItem(paper: Paper, key: string, range: vscode.Range, note: vscode.Uri): vscode.CompletionItem {
		const title = plainText(oneLine(paper.title));
		const item = new vscode.CompletionItem({ label: key, detail: ' (shelf)', description: title }, vscode.CompletionItemKind.Reference);
		item.detail = `${title} — on the shelf; accepting adds its entry to the bibliography`;
		item.insertText = key;
		item.range = range;
		this._papers.set(item, { paper, key });
		item.command = { title: 'Add Bibliography Entry', command: CiteCommands.AddEntries, arguments: [note, [paper.id]] };
		return item;
	}
}

/**
 * The bibliography entries for what was typed, in file order within each kind: keys starting with it, then entries
 * whose key, title or an author contains it (case-insensitive); at most SEARCH_LIMIT of each, however large the file.
 */
export function matchingEntries<T extends { entry: BibliographyEntryInfo }>(entries: readonly T[], prefix: string): T[] {
	const lower = prefix.toLowerCase();
	const starts: T[] = [];
	const contains: T[] = [];
	for (const item of entries) {
		const key = item.entry.key.toLowerCase();
		if (key.startsWith(lower)) {
			if (starts.length < SEARCH_LIMIT) starts.push(item);
		} else if (contains.length < SEARCH_LIMIT && (key.includes(lower) || (item.entry.title ?? '').toLowerCase().includes(lower) || item.entry.authors.some((a) => a.toLowerCase().includes(lower)))) {
			contains.push(item);
		}
	}
	return [...starts, ...contains];
}
