import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { isWebUrl, type HostMessage, type PageMessage, type PanelState, type PaperRef, type PaperView } from '../../shared/webviewProtocol';
import type { PaperLookup, PaperSearch, ShelfTopics } from '../library/paperLibrary';
import type { ShelfNeed } from '../library/shelfDemand';
import { Disposable } from '../util/disposable';
import { panelTitleText } from '../../core/present/paperText';
import { plainText } from '../../core/text/untrustedText';

/** What the panel's buttons do; the composition root wires these to the citation features. */
export interface PaperActions {
	insertCitation(ids: readonly string[]): Promise<void>;
	copyKey(ids: readonly string[]): Promise<void>;
	copyBibtex(ids: readonly string[]): Promise<void>;
	citationKey(id: string): string | undefined;
}

/** What the panel's keep buttons do (Star, Add to List, Open Note) and what they show; wired to src/extension/keep. */
export interface PanelKeepActions {
	readonly onDidChange: vscode.Event<void>;
	isStarred(id: string): boolean;
	hasNote(id: string): boolean;
	toggleStar(id: string): void;
	addToList(id: string): void;
	/** The reading lists holding the paper, by name. */
	listsOf(id: string): readonly string[];
	removeFromList(id: string, list: string): void;
	openNote(id: string): void;
	/** A paper kept only in the library file (starred or listed, its digest gone), shown from its record. */
	keptPaper(id: string): Paper | undefined;
}

/** What a page reported it rendered (kept for diagnostics and the integration tests). */
export type RenderedReport = Extract<PageMessage, { type: 'rendered' }>;

interface PanelEntry {
	readonly panel: vscode.WebviewPanel;
	paperId: string;
	query?: string;
	ready: boolean;
	/** The next render takes the focus (opened for real, or navigated inside the panel); a preview never does. */
	focus?: boolean;
}

/**
 * The abstract panels: one reused panel by default, or a tab per paper (`paperShelf.openInNewTab`).
 * Also the serializer that brings panels back after a window reload (only ids are persisted).
 */
export class AbstractPanels extends Disposable implements vscode.WebviewPanelSerializer<PanelState> {
	static readonly viewType = 'paperShelf.abstract';

	private readonly _entries = new Set<PanelEntry>();
	private readonly _onDidRender = this._register(new vscode.EventEmitter<RenderedReport>());
	/** A page finished rendering a paper. */
	readonly onDidRender = this._onDidRender.event;
	private _lastRendered: RenderedReport | undefined;
	private readonly _onDidOpenPaper = this._register(new vscode.EventEmitter<string>());
	/** A paper was opened in a panel (by a command, a search or a link between papers): its id. */
	readonly onDidOpenPaper = this._onDidOpenPaper.event;
	private readonly _onDidAskFilter = this._register(new vscode.EventEmitter<string>());
	/** A keyword chip was clicked: filter the shelf by this keyword (one of the shown paper's own). */
	readonly onDidAskFilter = this._onDidAskFilter.event;

	constructor(
		private readonly _extensionUri: vscode.Uri,
		private readonly _library: PaperLookup & PaperSearch & ShelfTopics,
		private readonly _shelf: ShelfNeed,
		private readonly _actions: PaperActions,
		private readonly _openInNewTab: () => boolean,
		private readonly _keep?: PanelKeepActions,
	) {
		super();
		if (_keep) {
			this._register(_keep.onDidChange(() => this._entries.forEach((e) => this._post(e))));
		}
		this._register(vscode.window.registerWebviewPanelSerializer(AbstractPanels.viewType, this));
		this._register(_library.onDidChange(() => this._entries.forEach((e) => this._post(e))));
		this._register({ dispose: () => this._entries.forEach((e) => e.panel.dispose()) });
	}

	get lastRendered(): RenderedReport | undefined {
		return this._lastRendered;
	}

	/** Whether a panel shows the paper `paperId` now. */
	shows(paperId: string): boolean {
		return [...this._entries].some((e) => e.paperId === paperId);
	}

	/** Show a paper, highlighting `query`'s matches when given; the focus stays where it is unless `focus`. */
	show(paperId: string, query?: string, focus = false): void {
		const paper = this._paper(paperId);
		const reuse = this._openInNewTab() ? [...this._entries].find((e) => e.paperId === paperId) : [...this._entries][0];
		if (reuse) {
			reuse.paperId = paperId;
			reuse.query = query;
			reuse.focus = focus;
			reuse.panel.title = panelTitle(paper);
			reuse.panel.reveal(reuse.panel.viewColumn ?? vscode.ViewColumn.Beside, !focus);
			this._post(reuse);
		} else {
			const panel = vscode.window.createWebviewPanel(AbstractPanels.viewType, panelTitle(paper), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: !focus }, this._options());
			this._adopt(panel, { paperId, query }, focus);
		}
		this._onDidOpenPaper.fire(paperId);
	}

	async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PanelState | undefined): Promise<void> {
		if (!state || typeof state.paperId !== 'string') {
			panel.dispose();
			return;
		}
		// A panel restored after a reload shows its paper once the shelf has loaded (onDidChange posts it again).
		void this._shelf.need();
		panel.webview.options = this._options();
		panel.title = panelTitle(this._paper(state.paperId));
		this._adopt(panel, state);
	}

	private _adopt(panel: vscode.WebviewPanel, state: PanelState, focus = false): void {
		const entry: PanelEntry = { panel, paperId: state.paperId, query: state.query, ready: false, focus };
		this._entries.add(entry);
		// Tab icons are not drawn in the theme's foreground colour, so ship one per theme kind.
		panel.iconPath = {
			light: vscode.Uri.joinPath(this._extensionUri, 'media', 'shelf-light.svg'),
			dark: vscode.Uri.joinPath(this._extensionUri, 'media', 'shelf-dark.svg'),
		};
		panel.webview.html = this._html(panel.webview);
		panel.onDidDispose(() => this._entries.delete(entry));
		panel.webview.onDidReceiveMessage((m: PageMessage) => this._onMessage(entry, m));
	}

	private _options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
		return {
			enableScripts: true,
			enableFindWidget: true,
			retainContextWhenHidden: false,
			localResourceRoots: [vscode.Uri.joinPath(this._extensionUri, 'media'), vscode.Uri.joinPath(this._extensionUri, 'dist')],
		};
	}

	private _onMessage(entry: PanelEntry, message: PageMessage): void {
		switch (message.type) {
			case 'ready':
				entry.ready = true;
				this._post(entry);
				break;
			case 'open':
				if (this._library.get(message.id)) {
					entry.paperId = message.id;
					entry.query = undefined;
					entry.focus = true;
					entry.panel.title = panelTitle(this._library.get(message.id));
					this._post(entry);
					this._onDidOpenPaper.fire(message.id);
				}
				break;
			case 'insertCitation':
				void this._actions.insertCitation([message.id]);
				break;
			case 'copyKey':
				void this._actions.copyKey([message.id]);
				break;
			case 'copyBibtex':
				void this._actions.copyBibtex([message.id]);
				break;
			case 'openLink':
				// The page is not trusted to choose what opens: only http(s) links of the shown paper.
				if (isWebUrl(message.url) && this._linksOf(entry.paperId).includes(message.url)) {
					void vscode.env.openExternal(vscode.Uri.parse(message.url, true));
				}
				break;
			case 'filterKeyword':
				// Only a keyword of the shown paper: the page does not choose what the shelf is filtered by.
				if (typeof message.keyword === 'string' && this._library.get(entry.paperId)?.keywords.includes(message.keyword)) {
					this._onDidAskFilter.fire(message.keyword);
				}
				break;
			case 'toggleStar':
				this._keep?.toggleStar(message.id);
				break;
			case 'addToList':
				this._keep?.addToList(message.id);
				break;
			case 'removeFromList':
				// Only the shown paper, and only from a list that holds it: the page does not choose what is edited.
				if (message.id === entry.paperId && typeof message.list === 'string' && this._keep?.listsOf(message.id).includes(message.list)) {
					this._keep.removeFromList(message.id, message.list);
				}
				break;
			case 'openNote':
				this._keep?.openNote(message.id);
				break;
			case 'rendered':
				this._lastRendered = message;
				this._onDidRender.fire(message);
				break;
		}
	}

	/** The paper of a panel: on the shelf, else kept in the library file. */
	private _paper(id: string): Paper | undefined {
		return this._library.get(id) ?? this._keep?.keptPaper(id);
	}

	private _linksOf(paperId: string): string[] {
		const paper = this._paper(paperId);
		return paper ? paperLinks(paper).map((l) => l.url) : [];
	}

	private _post(entry: PanelEntry): void {
		if (!entry.ready) {
			return;
		}
		const paper = this._paper(entry.paperId);
		// A panel restored before the shelf had loaded got a placeholder title: name it now.
		entry.panel.title = panelTitle(paper);
		const message: HostMessage = paper ? { type: 'show', paper: this._view(paper, entry.query), focus: entry.focus === true } : { type: 'missing', id: entry.paperId };
		entry.focus = false;
		void entry.panel.webview.postMessage(message);
	}

	/** The plain data the page renders for one paper. */
	private _view(paper: Paper, query: string | undefined): PaperView {
		// A topic's paperIds hold its subtopics' papers too, in their order.
		const topic = this._library.topics.find((t) => t.kind !== 'user' && t.paperIds.includes(paper.id));
		const siblings = topic?.paperIds ?? [];
		const at = siblings.indexOf(paper.id);
		const ref = (id: string | undefined): PaperRef | undefined => {
			const p = id ? this._library.get(id) : undefined;
			return p ? { id: p.id, title: p.title } : undefined;
		};
		const hit = query ? this._library.search(query, 500).find((h) => h.paper.id === paper.id) : undefined;
		const related = this._library.related(paper.id, 5).map((h) => ({ id: h.paper.id, title: h.paper.title }));
		return {
			id: paper.id,
			title: paper.title,
			titleHighlights: hit?.matches.title ?? [],
			authors: paper.authors,
			date: paper.date,
			topic: topic?.label,
			upvotes: paper.upvotes,
			aiSummary: paper.aiSummary,
			githubStars: paper.githubStars,
			citationKey: this._actions.citationKey(paper.id),
			links: paperLinks(paper),
			abstract: paper.abstract,
			abstractHighlights: hit?.matches.abstract ?? [],
			keywords: paper.keywords,
			previous: at > 0 ? ref(siblings[at - 1]) : undefined,
			next: at >= 0 ? ref(siblings[at + 1]) : undefined,
			related,
			source: `${paper.source.file.split(/[\\/]/).pop()}, line ${paper.source.startLine}`,
			...(this._keep ? { starred: this._keep.isStarred(paper.id), hasNote: this._keep.hasNote(paper.id), lists: this._keep.listsOf(paper.id) } : {}),
		};
	}

	private _html(webview: vscode.Webview): string {
		const nonce = makeNonce();
		const css = webview.asWebviewUri(vscode.Uri.joinPath(this._extensionUri, 'media', 'panel.css'));
		const js = webview.asWebviewUri(vscode.Uri.joinPath(this._extensionUri, 'dist', 'webview.js'));
		const csp = [
			`default-src 'none'`,
			`style-src ${webview.cspSource}`,
			`img-src ${webview.cspSource}`,
			`font-src ${webview.cspSource}`,
			`script-src 'nonce-${nonce}'`,
		].join('; ');
		return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(css.toString())}">
<title>Paper Shelf</title>
</head>
<body>
<main id="root" aria-live="polite"><p class="source">Loading…</p></main>
<script nonce="${nonce}" src="${escapeAttribute(js.toString())}"></script>
</body>
</html>`;
	}
}

// --- helpers

function panelTitle(paper: Paper | undefined): string {
	return plainText(panelTitleText(paper));
}

/** The paper's links that may be shown and opened: http(s) only. */
export function paperLinks(paper: Paper): { label: string; url: string }[] {
	const candidates: [string, string | undefined][] = [
		['arXiv', paper.links.arxivAbs],
		['PDF', paper.links.arxivPdf],
		['Hugging Face', paper.links.huggingFace],
		['Code', paper.links.code],
		['Project page', paper.links.project],
	];
	return candidates.filter((c): c is [string, string] => typeof c[1] === 'string' && isWebUrl(c[1])).map(([label, url]) => ({ label, url }));
}

function makeNonce(): string {
	const bytes = new Uint8Array(16);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function escapeAttribute(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
