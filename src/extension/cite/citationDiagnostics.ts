import * as vscode from 'vscode';
import type { ShelfNeed } from '../library/shelfDemand';
import { Disposable } from '../util/disposable';
import { displayPath, type BibliographyWriter } from './bibliographyWriter';
import type { KeyLookup } from './citationAt';
import { citationsToCheck, isCitingNote, resolveCitations } from '../../core/cite/citationCheck';
import { nearestKey, type KeyCandidate } from '../../core/cite/nearestKey';
import { CiteCommands, DIAGNOSTIC_SOURCE, NOTE_LANGUAGES } from './citeIds';
import { plainText } from '../../core/text/untrustedText';

/** Diagnostic codes, so the quick fix knows what it is fixing. */
export const enum CitationProblem {
	/** The key is neither in the note's bibliography nor on the shelf. */
	Unresolved = 'unresolved-citation',
	/** The key is a shelf paper's, but the note's bibliography has no entry for it yet. */
	NotInBibliography = 'missing-bibliography-entry',
	/** A bibliography the note uses cannot be parsed. */
	UnreadableBibliography = 'unreadable-bibliography',
}

/** How long typing settles before a note is checked again. */
const DEBOUNCE_MS = 400;

/** What diagnostics need from the citation keys. */
export interface DiagnosticKeys extends KeyLookup {
	/** Fires when the shelf's keys may have changed. */
	readonly onDidChangeKeys: vscode.Event<void>;
	/** The shelf's keys with their papers' titles, for "did you mean". */
	keyCandidates(): readonly KeyCandidate[];
}

/**
 * Warnings in notes for citation keys that resolve nowhere (neither the note's bibliography nor the shelf has them),
 * and for keys of shelf papers that the bibliography lacks, with the quick fix "Add entry from digest". A note whose
 * bibliography cannot be parsed gets one error naming the file and line, and no key warnings (nothing is known).
 * Checks are debounced while typing and rerun when the shelf or a bibliography changes.
 */
export class CitationDiagnostics extends Disposable implements vscode.CodeActionProvider {
	private readonly _collection = this._register(vscode.languages.createDiagnosticCollection('paper-shelf-citations'));
	private readonly _timers = new Map<string, ReturnType<typeof setTimeout>>();
	private readonly _generation = new Map<string, number>();
	private readonly _onDidUpdate = this._register(new vscode.EventEmitter<vscode.Uri>());
	/** A note's diagnostics were recomputed (for tests and anyone who waits on them). */
	readonly onDidUpdate = this._onDidUpdate.event;

	constructor(private readonly _writer: BibliographyWriter, private readonly _shelf: ShelfNeed, private readonly _keys: DiagnosticKeys) {
		super();
		this._register({ dispose: () => this._timers.forEach((t) => clearTimeout(t)) });
		this._register(vscode.workspace.onDidOpenTextDocument((d) => this._changed(d, 0)));
		this._register(vscode.workspace.onDidChangeTextDocument((e) => this._changed(e.document, DEBOUNCE_MS)));
		this._register(vscode.workspace.onDidSaveTextDocument((d) => this._changed(d, 0)));
		this._register(vscode.workspace.onDidCloseTextDocument((d) => {
			if (isNote(d)) {
				this._collection.delete(d.uri);
			}
		}));
		this._register(_keys.onDidChangeKeys(() => this._all(DEBOUNCE_MS)));
		const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.bib'));
		this._register(watcher.onDidChange(() => this._all(DEBOUNCE_MS)));
		this._register(watcher.onDidCreate(() => this._all(DEBOUNCE_MS)));
		this._register(watcher.onDidDelete(() => this._all(DEBOUNCE_MS)));
		this._all(0);
	}

	/** Checks a note now (tests call this instead of waiting for the debounce). */
	async refresh(document: vscode.TextDocument): Promise<readonly vscode.Diagnostic[]> {
		const key = document.uri.toString();
		const generation = (this._generation.get(key) ?? 0) + 1;
		this._generation.set(key, generation);
		const diagnostics = await this._compute(document);
		if (this._generation.get(key) === generation && !document.isClosed) {
			this._collection.set(document.uri, diagnostics);
			this._onDidUpdate.fire(document.uri);
		}
		return diagnostics;
	}

	// --- code actions

	async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
		return [...this._missingEntryActions(document, context), ...(await this._unresolvedActions(document, context))];
	}

	/** "Change to <nearest key>" (when one is unambiguously near) and "Cite a paper from the shelf…" for unknown keys. */
	private async _unresolvedActions(document: vscode.TextDocument, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
		const unresolved = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === CitationProblem.Unresolved);
		if (unresolved.length === 0) {
			return [];
		}
		const candidates: KeyCandidate[] = [];
		for (const bibliography of this._writer.bibliographiesOf(document)) {
			for (const entry of await this._writer.readEntries(bibliography.uri)) {
				candidates.push({ key: entry.key, ...(entry.title ? { title: entry.title } : {}) });
			}
		}
		candidates.push(...this._keys.keyCandidates());
		const actions: vscode.CodeAction[] = [];
		for (const diagnostic of unresolved) {
			const key = document.getText(diagnostic.range);
			const near = nearestKey(key, candidates);
			if (near) {
				const action = new vscode.CodeAction(`Change to ${plainText(near)}`, vscode.CodeActionKind.QuickFix);
				action.diagnostics = [diagnostic];
				action.isPreferred = true;
				action.command = { title: action.title, command: CiteCommands.ChangeKey, arguments: [document.uri, diagnostic.range, key, near] };
				actions.push(action);
			}
			const pick = new vscode.CodeAction('Cite a paper from the shelf…', vscode.CodeActionKind.QuickFix);
			pick.diagnostics = [diagnostic];
			pick.command = { title: pick.title, command: CiteCommands.CiteInstead, arguments: [document.uri, diagnostic.range, key] };
			actions.push(pick);
		}
		return actions;
	}

	/** "Add entry from digest" for shelf keys the bibliography lacks (and all of them at once). */
	private _missingEntryActions(document: vscode.TextDocument, context: vscode.CodeActionContext): vscode.CodeAction[] {
		const fixable = (d: vscode.Diagnostic) => d.source === DIAGNOSTIC_SOURCE && d.code === CitationProblem.NotInBibliography;
		const actions: vscode.CodeAction[] = [];
		for (const diagnostic of context.diagnostics.filter(fixable)) {
			const paper = this._keys.paperOfKey(document.getText(diagnostic.range));
			if (!paper) {
				continue;
			}
			const action = new vscode.CodeAction(`Add entry from digest for ${document.getText(diagnostic.range)}`, vscode.CodeActionKind.QuickFix);
			action.diagnostics = [diagnostic];
			action.isPreferred = true;
			action.command = { title: action.title, command: CiteCommands.AddEntries, arguments: [document.uri, [paper.id]] };
			actions.push(action);
		}
		const all = this._collection.get(document.uri)?.filter(fixable) ?? [];
		const ids = [...new Set(all.map((d) => this._keys.paperOfKey(document.getText(d.range))?.id).filter((id): id is string => id !== undefined))];
		if (actions.length > 0 && ids.length > 1) {
			const action = new vscode.CodeAction(`Add all ${ids.length} missing entries from the digest`, vscode.CodeActionKind.QuickFix);
			action.diagnostics = all;
			action.command = { title: action.title, command: CiteCommands.AddEntries, arguments: [document.uri, ids] };
			actions.push(action);
		}
		return actions;
	}

	// --- checking

	private async _compute(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
		// Which `@key`s are citations and how keys compare is the core's one policy, shared with `check-citations`.
		const citations = citationsToCheck(document.getText(), document.languageId);
		if (citations.length === 0) {
			return [];
		}
		// The note cites: the shelf is needed to tell a shelf key from one that resolves nowhere.
		await this._shelf.need();
		const bibliographies = this._writer.bibliographiesOf(document);
		const defined = new Set<string>();
		const diagnostics: vscode.Diagnostic[] = [];
		for (const bibliography of bibliographies) {
			const keys = await this._writer.readKeys(bibliography.uri);
			if (keys.ok) {
				keys.keys.forEach((k) => defined.add(k.key));
				continue;
			}
			const line = Math.max(0, (bibliography.namedAtLine ?? 1) - 1);
			const range = document.lineAt(Math.min(line, document.lineCount - 1)).range;
			const diagnostic = new vscode.Diagnostic(range, plainText(`Cannot read the bibliography ${displayPath(keys.uri)}: ${keys.message}`), vscode.DiagnosticSeverity.Error);
			diagnostic.source = DIAGNOSTIC_SOURCE;
			diagnostic.code = CitationProblem.UnreadableBibliography;
			diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(new vscode.Location(keys.uri, new vscode.Position(Math.max(0, keys.line - 1), 0)), plainText(keys.message))];
			diagnostics.push(diagnostic);
		}
		if (diagnostics.length > 0) {
			return diagnostics;
		}
		const target = bibliographies[0] ? displayPath(bibliographies[0].uri) : 'the bibliography';
		const statuses = resolveCitations(citations, defined, (key) => this._keys.paperOfKey(key)?.id);
		const citing = isCitingNote(statuses, bibliographies.some((b) => b.namedAtLine !== undefined));
		for (const status of statuses) {
			if (status.kind === 'bibliography' || (status.kind === 'unresolved' && !citing)) {
				continue;
			}
			const { key, start, end } = status.occurrence;
			const range = new vscode.Range(document.positionAt(start), document.positionAt(end));
			const onShelf = status.kind === 'digest';
			const diagnostic = onShelf
				? new vscode.Diagnostic(range, plainText(`${key} is on the shelf but not in ${target} yet`), vscode.DiagnosticSeverity.Warning)
				: new vscode.Diagnostic(range, plainText(`${key} resolves nowhere: it is neither in ${target} nor a paper on the shelf`), vscode.DiagnosticSeverity.Warning);
			diagnostic.source = DIAGNOSTIC_SOURCE;
			diagnostic.code = onShelf ? CitationProblem.NotInBibliography : CitationProblem.Unresolved;
			diagnostics.push(diagnostic);
		}
		return diagnostics;
	}

	private _changed(document: vscode.TextDocument, delay: number): void {
		if (isNote(document)) {
			this._schedule(document, delay);
		} else if (/\.(bib|json)$/i.test(document.uri.path)) {
			this._all(DEBOUNCE_MS);
		}
	}

	private _all(delay: number): void {
		for (const document of vscode.workspace.textDocuments) {
			if (isNote(document)) {
				this._schedule(document, delay);
			}
		}
	}

	private _schedule(document: vscode.TextDocument, delay: number): void {
		const key = document.uri.toString();
		clearTimeout(this._timers.get(key));
		this._timers.set(key, setTimeout(() => {
			this._timers.delete(key);
			if (!this.isDisposed && !document.isClosed) {
				void this.refresh(document);
			}
		}, delay));
	}
}

function isNote(document: vscode.TextDocument): boolean {
	return NOTE_LANGUAGES.includes(document.languageId) && document.uri.scheme !== 'git' && document.uri.scheme !== 'output';
}
