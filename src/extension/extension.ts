import * as vscode from 'vscode';
import type { Paper } from '../core/model';
import { Citations } from './cite/citations';
import { ReferencesView } from './cite/referencesView';
import { TidyBibliography } from './cite/tidyBibliography';
import { PaperArgs } from './commands/paperArgs';
import { PaperCommands } from './commands/paperCommands';
import { ShelfConfig } from './config';
import { StorageKeys } from './ids';
import { DailyFetcher, globalFetchFolder } from './fetch/dailyFetcher';
import { NewPapers } from './fetch/newPapers';
import { DigestSources } from './library/digestSources';
import { ShelfDemand } from './library/shelfDemand';
import { PaperLibrary } from './library/paperLibrary';
import { AbstractPanels } from './panel/abstractPanels';
import { SearchPapers } from './search/searchPapers';
import { PapersDragAndDrop } from './tree/papersDragAndDrop';
import type { HostPlatform } from './platform';
import { PapersView } from './tree/papersView';
import { SortCommand } from './tree/sortCommand';
import { Keeps } from './keep/keeps';
import { LibraryStore } from './keep/libraryStore';
import { TreeSkimming } from './keep/skimming';
import { registerExport } from './keep/exportCommand';
import { PaperNotes } from './notes/paperNotes';
import { pickPapersToCite } from './search/paperQuickPick';

/**
 * What `activate` returns to other extensions (`vscode.extensions.getExtension('paper-shelf.paper-shelf').activate()`):
 * a small read-only view of the shelf. Papers are the core's `Paper` records; treat them as immutable.
 */
export interface PaperShelfApi {
	/**
	 * Resolves when the first load of the shelf has settled: the first search of the workspace for digests and the
	 * reading of every digest found (a load superseded by a newer one settles too, having landed nothing). Activation
	 * loads nothing; the first load starts when something needs the shelf: the Papers view, a Paper Shelf command,
	 * a note's first citation completion, hover, definition or check, or any member of this API, reading `ready`
	 * included. Later reloads (Refresh, edited digests) do not change it; listen to `onDidChangePapers` for those.
	 */
	readonly ready: Promise<void>;
	/** The shelf paper with this id (an arXiv id such as `2401.09603`, or Paper Shelf's `t-…` title id), if any; await `ready` first. */
	getPaper(id: string): Paper | undefined;
	/** The shelf papers matching `query` (title, authors, keywords, abstract; prefixes and typos), best first; at most `limit` (default 50). */
	search(query: string, limit?: number): Paper[];
	/** Fires when the papers on the shelf may have changed (a digest was added, edited or removed). */
	readonly onDidChangePapers: vscode.Event<void>;
	/** The citation key Paper Shelf gives the paper (by `paperShelf.citationKeyFormat`), or undefined for an id not on the shelf. */
	citationKey(id: string): string | undefined;
	/** Hooks for Paper Shelf's own integration tests: present only when the extension runs in `ExtensionMode.Test`. */
	readonly testing?: TestingHooks;
}

/** The live parts the integration tests look into and drive; test mode only, never a public API. */
export interface TestingHooks {
	readonly library: PaperLibrary;
	readonly sources: DigestSources;
	readonly view: PapersView;
	readonly panels: AbstractPanels;
	readonly search: SearchPapers;
	readonly citations: Citations;
	readonly references: ReferencesView;
	readonly tidy: TidyBibliography;
	/** Where the extension keeps its caches (its global storage folder). */
	readonly cacheDir?: vscode.Uri;
	/** The host the extension runs in: Node (desktop, remote) or the browser's web worker. */
	readonly platform: HostPlatform['kind'];
	readonly fetcher: DailyFetcher;
	readonly newPapers: NewPapers;
	readonly keeps: Keeps;
	readonly notes: PaperNotes;
	/** Answers "write outside the workspace?" with `answer` (given the full path) instead of the modal dialog; undefined restores it. */
	answerOutsideWorkspace(answer: ((fullPath: string) => Promise<boolean>) | undefined): void;
}

/**
 * The composition root: builds every part of Paper Shelf and registers it. Does no heavy work itself. Called by the
 * entry point of each build (`src/node/extension.ts`, `src/web/extension.ts`) with what differs between hosts.
 */
export function activateShelf(context: vscode.ExtensionContext, platform: HostPlatform): PaperShelfApi {
	let config = ShelfConfig.read();
	const own = <T extends vscode.Disposable>(d: T): T => {
		context.subscriptions.push(d);
		return d;
	};

	const log = own(vscode.window.createOutputChannel('Paper Shelf', { log: true }));
	const bundled = vscode.Uri.joinPath(context.extensionUri, 'media', 'digests', 'daily-papers.txt');
	const sources = own(new DigestSources(bundled, context.workspaceState, StorageKeys.OpenedDigests, { uri: globalFetchFolder(context.globalStorageUri) }));
	const cacheDir = context.globalStorageUri;
	const library = own(new PaperLibrary(sources, config, context.workspaceState, log, { cacheDir, topicsWorker: platform.topicsWorker }));
	// Nothing is scanned or read here: the shelf loads when something first needs it (see ShelfDemand).
	const shelf = new ShelfDemand(() => library.reload());

	// Built in dependency order: each part gets the parts, events and narrow interfaces it needs, already made.
	const citations = own(new Citations(library, shelf, () => config, context.globalState, platform));
	// The panel's Star / Add to List / Open Note buttons reach the keep parts made below (called only after activation).
	const keepEvents = own(new vscode.EventEmitter<void>());
	const panels = own(new AbstractPanels(context.extensionUri, library, shelf, citations.actions, () => config.openInNewTab, {
		onDidChange: keepEvents.event,
		isStarred: (id) => keeps.store.isStarred(id),
		hasNote: (id) => { const p = library.get(id); return p !== undefined && notes.hasNote(p); },
		toggleStar: (id) => void keeps.toggleStar([id]),
		addToList: (id) => void vscode.commands.executeCommand('paperShelf.addToList', id),
		listsOf: (id) => keeps.store.data.lists.filter((l) => l.ids.includes(id)).map((l) => l.name),
		removeFromList: (id, list) => void keeps.removeFromList([id], list),
		openNote: (id) => void notes.open(id),
		keptPaper: (id) => keeps.paper(id),
	}));
	// Stars, reading lists and read marks: the library file (papers/library.json), read now (it is small) and watched.
	const store = own(new LibraryStore(() => config.libraryFile, context.globalStorageUri, () => shelf.started && !library.loading ? (id) => library.get(id) !== undefined : undefined));
	const notes = own(new PaperNotes({
		config: () => config,
		shelf,
		paper: (id) => library.get(id),
		keyOf: (id) => citations.keyOf(id),
		topicOf: (id) => library.topics.find((t) => t.kind !== 'user' && t.paperIds.includes(id))?.label,
		addEntries: (note, ids) => citations.addEntries(note, ids),
		pick: async (title) => await pickPapersToCite(library, (id) => citations.keyOf(id), title) ?? [],
	}));
	const keeps = own(new Keeps(store, library, shelf, context.workspaceState, (id) => citations.keyOf(id), notes));
	const references = own(new ReferencesView(citations.writer, shelf, citations, (id) => panels.show(id)));
	const tidy = new TidyBibliography(citations.writer, shelf, citations);
	own(tidy.register());
	const view = own(new PapersView(library, config.groupBy, context.workspaceState, shelf, new PapersDragAndDrop(library, citations), keeps));
	const skimming = own(new TreeSkimming(view.view, view.tree, panels));
	const search = new SearchPapers(library, context.workspaceState, {
		// A paper chosen in Search Papers is opened for real: the panel takes the focus.
		open: (id, query) => panels.show(id, query, true),
		insertCitation: citations.actions.insertCitation,
		copyKey: citations.actions.copyKey,
	});
	// What is new: marked in the tree, counted in the view's badge; opening a paper marks it seen.
	const newPapers = own(new NewPapers(library, context.globalState));
	view.tree.sortBy = config.sortBy;
	view.tree.marks = newPapers;
	newPapers.attach(view.view);
	own(new SortCommand(view.tree));
	const fetcher = own(new DailyFetcher({
		config: () => config.fetch,
		maxBytes: () => config.maxDigestBytes,
		globalStorage: context.globalStorageUri,
		globalState: context.globalState,
		reload: () => library.reload(),
		log,
	}));
	const args = new PaperArgs(view);
	own(citations.register(args));
	own(keeps.register(args));
	own(keeps.onDidChange(() => keepEvents.fire()));
	own(notes.register(args));
	own(registerExport(keeps, view.tree, shelf, (id) => citations.keyOf(id)));
	own(new PaperCommands({
		library,
		// Open Abstract also shows a paper kept only in the library file (starred, its digest gone).
		keptPaper: (id) => keeps.paper(id),
		sources,
		args,
		shelf,
		openAbstract: (id, query, focus) => panels.show(id, query, focus),
		search: (query) => search.show(query),
		reload: () => library.reload(),
		showBundled: async () => {
			await vscode.workspace.getConfiguration('paperShelf').update('showBundledDigest', 'always', vscode.ConfigurationTarget.Workspace);
		},
	}));
	// "A paper was opened": the tree reveals it, the search remembers it as recent.
	own(panels.onDidOpenPaper((id) => {
		skimming.markShown(view.tree.findPaper(id));
		void view.reveal(id);
	}));
	own(panels.onDidOpenPaper((id) => skimming.previewing !== id && void search.remember(id)));
	own(panels.onDidOpenPaper((id) => skimming.previewing !== id && void newPapers.markSeen([id])));
	// A keyword chip in the panel filters the shelf by it.
	own(panels.onDidAskFilter((keyword) => view.applyFilter(keyword)));
	// The optional daily fetch, in the background once the window has started (never in the test host: tests call it).
	if (config.fetch.onStartup !== 'off' && context.extensionMode !== vscode.ExtensionMode.Test) {
		const timer = setTimeout(() => void fetcher.fetchOnStartup(), 5_000);
		own({ dispose: () => clearTimeout(timer) });
	}

	own(vscode.workspace.onDidChangeConfiguration((e) => {
		if (!e.affectsConfiguration('paperShelf')) {
			return;
		}
		config = ShelfConfig.read();
		library.updateConfig(config);
		citations.updateConfig();
		view.tree.groupBy = config.groupBy;
		view.tree.sortBy = config.sortBy;
		if (e.affectsConfiguration('paperShelf.notes.folder')) {
			notes.relocate();
		}
		if (e.affectsConfiguration('paperShelf.libraryFile')) {
			store.relocate();
		}
	}));
	own(vscode.workspace.onDidChangeWorkspaceFolders(() => {
		store.relocate();
		notes.relocate();
		if (shelf.started) {
			void library.reload();
		}
	}));

	const testing: TestingHooks | undefined = context.extensionMode === vscode.ExtensionMode.Test ? {
		library, sources, view, panels, search, citations, fetcher, newPapers, keeps, notes, references, tidy, cacheDir, platform: platform.kind,
		answerOutsideWorkspace: (answer) => citations.boundary.answerWith(answer && ((fullPath) => answer(fullPath))),
	} : undefined;
	// The API's reads need the shelf too: they start the first load and answer from what has landed so far.
	return {
		get ready() {
			return shelf.need();
		},
		getPaper: (id) => (void shelf.need(), library.get(id)),
		search: (query, limit) => (void shelf.need(), library.search(query, limit).map((h) => h.paper)),
		onDidChangePapers: library.onDidChange,
		citationKey: (id) => (void shelf.need(), citations.keyOf(id)),
		...(testing ? { testing } : {}),
	};
}
