import * as vscode from 'vscode';
import { bibtexEntry } from '../../core/cite/bibtex';
import { digestKeyTable } from '../../core/cite/citationCheck';
import { assignCitationKeys, assignCitationKeysFromBases, baseCitationKey, compileKeyFormula, DEFAULT_KEY_FORMULA, type KeyFormula } from '../../core/cite/citationKey';
import { formatCitation } from '../../core/cite/citationSyntax';
import type { CitedPaper } from '../../core/cite/citedPaper';
import type { KeyCandidate } from '../../core/cite/nearestKey';
import type { Paper } from '../../core/model';
import { isTreeMarker, type PaperArg, type PaperArgs } from '../commands/paperArgs';
import type { ShelfConfig } from '../config';
import { Commands } from '../ids';
import type { PaperLookup, PaperSearch } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import { pickPapersToCite } from '../search/paperQuickPick';
import { Disposable } from '../util/disposable';
import { BibliographyByteEdits } from './bibliographyByteEdits';
import { BibliographyWriter, displayPath } from './bibliographyWriter';
import { CitationCompletion } from './citationCompletion';
import { CitationDeclaration, CitationDefinition } from './citationDefinition';
import { CitationDiagnostics } from './citationDiagnostics';
import { CitationDrop } from './citationDrop';
import { CitationHover } from './citationHover';
import { CitationInserter, describeBibliographyResult, type CitationFormatter } from './insertCitation';
import { FrontMatterOffer } from './frontMatterOffer';
import { CiteCommands, CITING_LANGUAGES, COMPLETION_LANGUAGES, NOTE_LANGUAGES } from './citeIds';
import { notify, statusMessage } from '../util/surfaces';
import type { HostPlatform } from '../platform';
import { WriteBoundary } from './writeBoundary';

/** The citation actions other parts (panel, search, tree) call. */
export interface CitationActions {
	insertCitation(ids: readonly string[]): Promise<void>;
	copyKey(ids: readonly string[]): Promise<void>;
	copyBibtex(ids: readonly string[]): Promise<void>;
	citationKey(id: string): string | undefined;
}

/** Keys in both directions, for the papers currently on the shelf. */
interface KeyTable {
	readonly byId: ReadonlyMap<string, string>;
	/** The keys with their papers' titles, made when first asked for. */
	candidates?: readonly KeyCandidate[];
	/** Paper ids by key, compared exactly (the core's `digestKeyTable` says why). */
	readonly byKey: ReadonlyMap<string, string>;
}

/**
 * Citations of shelf papers in notes: keys, the Insert Citation / Copy Key / Copy BibTeX commands, and the language
 * features (completion, hover, definition, diagnostics with quick fixes, drop from the Papers view). Everything that
 * can be pure lives in `src/core/cite`; this class and its helpers only talk to VS Code.
 */
export class Citations extends Disposable implements CitationFormatter {
	private _keys: KeyTable | undefined;
	private _formulaWarned: string | undefined;
	private _templateWarned = new Set<string>();
	private _lastEditor: vscode.TextEditor | undefined;
	private _diagnostics: CitationDiagnostics | undefined;
	private readonly _writer: BibliographyWriter;
	private readonly _inserter: CitationInserter;
	private readonly _byteEdits = this._register(new BibliographyByteEdits());
	/** Where Paper Shelf may write without asking (the workspace folders), and the user's answers for other files. */
	readonly boundary: WriteBoundary;
	/** The offer to name the bibliography in a note that names none. */
	readonly frontMatter: FrontMatterOffer;

	private readonly _onDidChangeKeys = this._register(new vscode.EventEmitter<void>());
	/** The keys may have changed (the papers or the key formula did). */
	readonly onDidChangeKeys = this._onDidChangeKeys.event;

	constructor(
		private readonly _library: PaperLookup & PaperSearch,
		private readonly _shelf: ShelfNeed,
		private readonly _config: () => ShelfConfig,
		globalState: vscode.Memento,
		platform: Pick<HostPlatform, 'realPath' | 'homeDir' | 'caseInsensitiveFiles'>,
	) {
		super();
		this.boundary = new WriteBoundary(globalState, platform);
		this._writer = new BibliographyWriter(() => this._config().bibliographyFile, this._byteEdits, this.boundary, platform.homeDir);
		this._inserter = new CitationInserter(this._writer, this);
		this.frontMatter = new FrontMatterOffer(globalState, this._writer, () => this._config().addBibliographyToFrontMatter);
		// The keys follow from the papers (and the formula): a change that leaves the papers as they were (topics
		// derived, a loading message) keeps them, and the preparation under way goes on.
		let papers = _library.papers;
		this._register(_library.onDidChange(() => {
			if (_library.papers !== papers) {
				papers = _library.papers;
				this._invalidate();
			}
		}));
		this._register({ dispose: () => clearTimeout(this._warmTimer) });
		this._lastEditor = usableEditor(vscode.window.activeTextEditor);
		this._register(vscode.window.onDidChangeActiveTextEditor((e) => {
			this._lastEditor = usableEditor(e) ?? this._lastEditor;
		}));
	}

	readonly actions: CitationActions = {
		insertCitation: async (ids) => this.insert(ids),
		copyKey: async (ids) => this.copyKey(ids),
		copyBibtex: async (ids) => this.copyBibtex(ids),
		citationKey: (id) => this.keyOf(id),
	};

	/** Registers the commands and the language features; `args` turns command arguments into paper ids. */
	register(args: PaperArgs): vscode.Disposable {
		const notes = NOTE_LANGUAGES.map((language) => ({ language }));
		const completion = new CitationCompletion(this._library, this._shelf, this, this._writer);
		const diagnostics = new CitationDiagnostics(this._writer, this._shelf, this);
		// Commands need the shelf: the first one run starts its load, and each waits for that first load.
		const command = <A extends unknown[]>(id: string, fn: (...args: A) => unknown) => vscode.commands.registerCommand(id, async (...args: A) => {
			await this._shelf.need();
			return fn(...args);
		});
		this._diagnostics = diagnostics;
		return vscode.Disposable.from(
			vscode.workspace.registerFileSystemProvider(BibliographyByteEdits.scheme, this._byteEdits, { isCaseSensitive: true }),
			command(Commands.CopyCitationKey, async (arg: PaperArg, all?: unknown[]) => this.copyKey(await this._idsOrPick(args.ids(arg, all), 'Copy Citation Key'))),
			// From the palette: a picker of papers (not the tree's selection, which the user may not be looking at).
			command(Commands.CopyBibtex, async (arg: PaperArg, all?: unknown[]) => this.copyBibtex(await this._idsOrPick(args.ids(arg, all, false), 'Copy BibTeX'))),
			// From the palette or the keybinding there is no argument: pick papers rather than cite whatever the tree has
			// selected, which the user may not be looking at.
			// From the tree's own keybinding (Ctrl+Alt+C while the Papers view has focus), the tree's selection is meant.
			command(Commands.InsertCitation, (arg: PaperArg, all?: unknown[]) => this.insert(args.ids(arg, all, isTreeMarker(arg)))),
			command(CiteCommands.AddEntries, (uri: vscode.Uri, ids: readonly string[]) => this.addEntries(uri, ids)),
			command(CiteCommands.ChangeKey, (uri: vscode.Uri, range: vscode.Range, oldKey: string, newKey: string) => this.changeKey(uri, range, oldKey, newKey)),
			command(CiteCommands.CiteInstead, (uri: vscode.Uri, range: vscode.Range, oldKey: string) => this.citeInstead(uri, range, oldKey)),
			vscode.languages.registerCompletionItemProvider(COMPLETION_LANGUAGES.map((language) => ({ language })), completion, '@', '{', ','),
			vscode.languages.registerHoverProvider(notes, new CitationHover(this._writer, this._shelf, this, this._library)),
			vscode.languages.registerDefinitionProvider(notes, new CitationDefinition(this._library, this._shelf, this._writer, this)),
			vscode.languages.registerDeclarationProvider(notes, new CitationDeclaration(this._library, this._shelf, this)),
			vscode.languages.registerCodeActionsProvider(notes, diagnostics, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
			// Notes by language (a better match than VS Code's own `*` providers, so the citation is the default drop, ahead
			// of "Insert Plain Text"), and any other file with `*`.
			vscode.languages.registerDocumentDropEditProvider([...notes, ...CITING_LANGUAGES.map((language) => ({ language })), '*'], new CitationDrop(this._inserter, (document) => this._offerFrontMatter(document, true)), { dropMimeTypes: [CitationDrop.mimeType], providedDropEditKinds: [CitationDrop.kind] }),
			diagnostics,
		);
	}

	/** Called by the composition root when settings change. */
	updateConfig(): void {
		this._invalidate();
	}

	// --- keys

	/** The citation key of a shelf paper, or undefined for an id not on the shelf. */
	keyOf(id: string): string | undefined {
		return this._table().byId.get(id);
	}

	/** The shelf paper a key belongs to; keys compare exactly, case included, as pandoc and biber compare them. */
	paperOfKey(key: string): Paper | undefined {
		const id = this._table().byKey.get(key);
		return id === undefined ? undefined : this._library.get(id);
	}

	/** The shelf papers of `ids` with their keys; unknown ids are left out, repeated ones kept once. */
	cited(ids: readonly string[]): CitedPaper[] {
		const seen = new Set<string>();
		const out: CitedPaper[] = [];
		for (const id of ids) {
			const paper = this._library.get(id);
			const key = this.keyOf(id);
			if (paper && key && !seen.has(id)) {
				seen.add(id);
				out.push({ paper, key });
			}
		}
		return out;
	}

	/** The citation of `cited` in a document of `languageId`, by the language's template (user's or built-in). */
	format(cited: readonly CitedPaper[], languageId: string): string {
		const config = this._config();
		const { text, templateError } = formatCitation(languageId, cited, { latexCommand: config.latexCiteCommand, templates: config.citationTemplates });
		if (templateError && !this._templateWarned.has(languageId)) {
			this._templateWarned.add(languageId);
			void notify.warning(`Paper Shelf: the citation template for "${languageId}" in paperShelf.citationTemplates is invalid at column ${templateError.column}: ${templateError.message}. Using the built-in one.`);
		}
		return text;
	}

	/** The user's citation templates by language id. */
	templates(): Readonly<Record<string, string>> | undefined {
		return this._config().citationTemplates;
	}

	/** The shelf's keys with their papers' titles (for "did you mean"). */
	keyCandidates(): readonly KeyCandidate[] {
		const table = this._table();
		table.candidates ??= [...table.byId].map(([id, key]) => ({ key, title: this._library.get(id)?.title ?? '' }));
		return table.candidates;
	}

	/** The citation of `ids` in a document of `languageId` (ids not on the shelf are left out). */
	citationText(ids: readonly string[], languageId: string): string {
		return this.format(this.cited(ids), languageId);
	}

	// --- commands

	async copyKey(ids: readonly string[]): Promise<void> {
		const keys = this.cited(ids).map((c) => c.key);
		if (keys.length > 0) {
			await vscode.env.clipboard.writeText(keys.join(', '));
			statusMessage('key', `Copied ${keys.join(', ')}`, 4000);
		}
	}

	async copyBibtex(ids: readonly string[]): Promise<void> {
		const cited = this.cited(ids);
		if (cited.length > 0) {
			await vscode.env.clipboard.writeText(cited.map((c) => bibtexEntry(c.paper, c.key)).join('\n\n') + '\n');
			statusMessage('copy', `Copied BibTeX for ${cited.map((c) => c.key).join(', ')}`, 4000);
		}
	}

	/**
	 * Inserts the citation of `ids` (or of papers picked in a quick pick when `ids` is empty) at every cursor of the
	 * active editor, or of the last active one when a panel or view has focus, and adds their bibliography entries.
	 */
	async insert(ids: readonly string[]): Promise<void> {
		let editor = await this._targetEditor();
		if (!editor) {
			void notify.info('Paper Shelf: open a note (Markdown, LaTeX, …) to insert a citation into.');
			return;
		}
		const chosen = ids.length > 0 ? ids : await pickPapersToCite(this._library, (id) => this.keyOf(id), `Insert Citation into ${displayPath(editor.document.uri)}`);
		if (!chosen || chosen.length === 0) {
			return;
		}
		if (vscode.window.activeTextEditor !== editor) {
			// From the abstract panel or a view: bring the note back to the front, with its cursors.
			const selections = editor.selections;
			editor = await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
			editor.selections = selections;
		}
		const result = await this._inserter.insert(editor, chosen);
		if (!result.applied) {
			if (result.bibliography && !result.bibliography.ok) {
				this._report(result.bibliography, undefined, 'The citation was not inserted either.');
			} else if (result.citation !== '') {
				void notify.error(`Paper Shelf: could not insert the citation into ${displayPath(editor.document.uri)}.`);
			}
			return;
		}
		this._report(result.bibliography, `Cited ${result.citation}`);
		this._offerFrontMatter(editor.document, result.bibliography?.ok === true);
	}

	/** After entries were written for `document` (`wrote`), the offer to name its bibliography (once per note). */
	private _offerFrontMatter(document: vscode.TextDocument, wrote: boolean): void {
		if (wrote) {
			this.lastFrontMatterOffer = this.frontMatter.offer(document);
		}
	}

	/** The last front-matter offer's outcome (tests wait on it). */
	lastFrontMatterOffer: Promise<unknown> = Promise.resolve();

	/** Adds the entries of `ids` to the bibliography of the note `uri` (completion and quick fixes run this). */
	async addEntries(uri: vscode.Uri, ids: readonly string[]): Promise<void> {
		const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? await vscode.workspace.openTextDocument(uri);
		const result = await this._inserter.addEntries(document, ids);
		this._report(result);
		this._offerFrontMatter(document, result?.ok === true);
		if (result?.ok && result.added.length > 0) {
			// The bibliography changed as bytes, not as a document: check the note again now.
			void this._diagnostics?.refresh(document);
		}
	}

	/** Quick fix: `oldKey` at `range` of the note becomes `newKey`, and a shelf paper's entry is added with it. */
	async changeKey(uri: vscode.Uri, range: vscode.Range, oldKey: string, newKey: string): Promise<void> {
		const document = await this._document(uri);
		const id = this._table().byKey.get(newKey);
		const result = await this._inserter.replace(document, range, oldKey, newKey, id === undefined ? [] : [id]);
		this._afterFix(document, result, `Changed ${oldKey} to ${newKey}`);
	}

	/** Quick fix: `oldKey` at `range` of the note becomes the key of a paper picked from the shelf, with its entry. */
	async citeInstead(uri: vscode.Uri, range: vscode.Range, oldKey: string): Promise<void> {
		const document = await this._document(uri);
		const picked = await pickPapersToCite(this._library, (id) => this.keyOf(id), `Cite a paper instead of ${oldKey}`);
		const id = picked?.[0];
		const key = id === undefined ? undefined : this.keyOf(id);
		if (id === undefined || key === undefined) {
			return;
		}
		const result = await this._inserter.replace(document, range, oldKey, key, [id]);
		this._afterFix(document, result, `Cited ${key} instead of ${oldKey}`);
	}

	private async _document(uri: vscode.Uri): Promise<vscode.TextDocument> {
		return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? vscode.workspace.openTextDocument(uri);
	}

	private _afterFix(document: vscode.TextDocument, result: Awaited<ReturnType<CitationInserter['replace']>>, done: string): void {
		if (!result.applied) {
			if (result.bibliography && !result.bibliography.ok) {
				this._report(result.bibliography, undefined, 'The key was not changed either.');
			}
			return;
		}
		this._report(result.bibliography, done);
		void this._diagnostics?.refresh(document);
		this._offerFrontMatter(document, result.bibliography?.ok === true);
	}

	/** The insert engine, for the drop provider and tests. */
	get inserter(): CitationInserter {
		return this._inserter;
	}

	/** The citation diagnostics, once `register` ran (tests refresh a note through it instead of waiting). */
	get diagnostics(): CitationDiagnostics | undefined {
		return this._diagnostics;
	}

	/** Where notes' bibliographies are found and read. */
	get writer(): BibliographyWriter {
		return this._writer;
	}

	// --- internals

	private _report(result: Awaited<ReturnType<CitationInserter['addEntries']>>, prefix?: string, also = ''): void {
		if (result && !result.ok) {
			if (result.declined) {
				statusMessage('circle-slash', `Paper Shelf: ${result.message}`, 5000);
			} else {
				void notify.error(`Paper Shelf: ${result.message}. The bibliography was left untouched.${also ? ` ${also}` : ''}`);
			}
			return;
		}
		const text = [prefix, describeBibliographyResult(result)].filter((s) => s).join(' — ');
		if (text) {
			statusMessage('quote', text, 5000);
		}
	}

	/**
	 * The editor to cite into: the active text editor; else (a panel or a view has focus) the last active one, where
	 * it is visible, or reopened when its document is still open; else any visible text editor.
	 */
	private async _targetEditor(): Promise<vscode.TextEditor | undefined> {
		const active = usableEditor(vscode.window.activeTextEditor);
		if (active) {
			return active;
		}
		const last = this._lastEditor;
		const visible = vscode.window.visibleTextEditors;
		if (last) {
			const shown = visible.find((e) => e === last) ?? visible.find((e) => e.document === last.document);
			if (shown) {
				return shown;
			}
			if (!last.document.isClosed) {
				const reopened = await vscode.window.showTextDocument(last.document, { preview: false });
				reopened.selections = last.selections;
				return reopened;
			}
		}
		return visible.find((e) => usableEditor(e));
	}

	/** The given ids, or (from the palette with nothing selected in the tree) the papers picked in a quick pick. */
	private async _idsOrPick(ids: readonly string[], title: string): Promise<readonly string[]> {
		return ids.length > 0 ? ids : (await pickPapersToCite(this._library, (id) => this.keyOf(id), title)) ?? [];
	}

	private _invalidate(): void {
		this._keys = undefined;
		this._onDidChangeKeys.fire();
		this._scheduleWarmUp();
	}

	// --- preparing the keys before the first citation needs them

	private _warmGeneration = 0;
	private _warming: { generation: number; papers: readonly Paper[]; source: string; formula: KeyFormula; bases: { paper: Paper; base: string }[] } | undefined;
	private _warmTimer: ReturnType<typeof setTimeout> | undefined;
	/** Resolves when the keys of the current shelf are prepared (tests and the benchmark wait on it). */
	warmedUp: Promise<void> = Promise.resolve();

	/**
	 * Prepares the key table once the shelf has settled (no change for a moment, not loading), a slice of papers at a
	 * time with the event loop let through between slices, so that the first Insert Citation or `[@` completion finds
	 * it made instead of computing 10,000 keys while the user waits. A change of the shelf or the formula meanwhile
	 * starts over; a citation asked for before it is done computes the table at once, as before.
	 */
	private _scheduleWarmUp(): void {
		const generation = ++this._warmGeneration;
		clearTimeout(this._warmTimer);
		let done: () => void = () => undefined;
		this.warmedUp = new Promise((resolve) => (done = resolve));
		const start = () => {
			this._warmTimer = undefined;
			if (generation !== this._warmGeneration || this.isDisposed) {
				return done();
			}
			if (this._library.loading) {
				this._warmTimer = setTimeout(start, WARM_UP_SETTLE_MS);
				return;
			}
			void this._warmUp(generation).finally(done);
		};
		this._warmTimer = setTimeout(start, WARM_UP_SETTLE_MS);
	}

	private async _warmUp(generation: number): Promise<void> {
		const progress = { generation, papers: this._library.papers, source: this._config().citationKeyFormat, formula: this._formula(), bases: [] as { paper: Paper; base: string }[] };
		this._warming = progress;
		while (progress.bases.length < progress.papers.length) {
			if (generation !== this._warmGeneration || this._keys || this.isDisposed) {
				return;
			}
			basesOf(progress, WARM_UP_SLICE);
			await new Promise((resolve) => setTimeout(resolve, 0));
		}
		if (generation === this._warmGeneration && !this._keys && !this.isDisposed) {
			this._keys = tableOf(progress.bases);
		}
		this._warming = undefined;
	}

	private _formula(): KeyFormula {
		const source = this._config().citationKeyFormat;
		const compiled = compileKeyFormula(source);
		if (compiled.ok) {
			return compiled.formula;
		}
		if (this._formulaWarned !== source) {
			this._formulaWarned = source;
			void notify.error(`Paper Shelf: paperShelf.citationKeyFormat is invalid at column ${compiled.error.column}: ${compiled.error.message}. Using the default formula.`);
		}
		return DEFAULT_KEY_FORMULA;
	}

	private _table(): KeyTable {
		if (!this._keys) {
			const warming = this._warming;
			if (warming && warming.generation === this._warmGeneration && warming.papers === this._library.papers && warming.source === this._config().citationKeyFormat) {
				// Asked for while being prepared: finish what the preparation started rather than start over.
				basesOf(warming, Infinity);
				this._keys = tableOf(warming.bases);
			} else {
				const byId = assignCitationKeys(this._library.papers, this._formula());
				this._keys = { byId, byKey: digestKeyTable(byId) };
			}
		}
		return this._keys;
	}
}

/** The keys in both directions from the papers' base keys. */
function tableOf(bases: readonly { paper: Paper; base: string }[]): KeyTable {
	const byId = assignCitationKeysFromBases(bases);
	return { byId, byKey: digestKeyTable(byId) };
}

/** Computes the base keys of up to `count` more papers of a warm-up. */
function basesOf(progress: { papers: readonly Paper[]; formula: KeyFormula; bases: { paper: Paper; base: string }[] }, count: number): void {
	const end = Math.min(progress.papers.length, progress.bases.length + count);
	for (let i = progress.bases.length; i < end; i++) {
		const paper = progress.papers[i];
		progress.bases.push({ paper, base: baseCitationKey(paper, progress.formula) });
	}
}

/** How long the shelf must stay unchanged before its keys are prepared. */
const WARM_UP_SETTLE_MS = 1000;
/** Papers whose keys are computed between two turns of the event loop (about 10 ms of work). */
const WARM_UP_SLICE = 250;

/** Schemes of editors that are not notes (output channels, the debug console, diff sides of Git). */
const NOT_NOTES = new Set(['output', 'debug', 'git', 'vscode-scm', 'comment']);

/** An editor a citation can go into: a text editor, not an output channel or debug console. */
function usableEditor(editor: vscode.TextEditor | undefined): vscode.TextEditor | undefined {
	return editor && !NOT_NOTES.has(editor.document.uri.scheme) ? editor : undefined;
}
