/**
 * Messages between the abstract panel (host side, `src/extension/panel`) and its page script
 * (`src/webview`). Both sides import these types; nothing here runs.
 */

/** A character range into a string, `end` exclusive. */
export interface TextRange {
	readonly start: number;
	readonly end: number;
}

export interface PaperRef {
	readonly id: string;
	readonly title: string;
}

/** Everything the panel shows of one paper, as plain data (the page escapes all of it). */
export interface PaperView {
	readonly id: string;
	readonly title: string;
	readonly titleHighlights: readonly TextRange[];
	readonly authors: readonly string[];
	readonly date?: string;
	readonly topic?: string;
	readonly upvotes?: number;
	/** A one-sentence summary the digest carries (Hugging Face `ai_summary`). */
	readonly aiSummary?: string;
	/** The stars of the paper's GitHub repository, when the digest gives them. */
	readonly githubStars?: number;
	readonly citationKey?: string;
	/** Only http(s) links ever reach the page. */
	readonly links: readonly { readonly label: string; readonly url: string }[];
	readonly abstract: string;
	readonly abstractHighlights: readonly TextRange[];
	readonly keywords: readonly string[];
	readonly previous?: PaperRef;
	readonly next?: PaperRef;
	readonly related: readonly PaperRef[];
	readonly source: string;
	/** Starred, and whether a literature note exists: for the Star/Unstar and Open Note buttons (absent: no buttons). */
	readonly starred?: boolean;
	readonly hasNote?: boolean;
	/** The reading lists holding the paper, for a Remove button each (absent with the other keep buttons). */
	readonly lists?: readonly string[];
}

export type HostMessage =
	/** `focus`: the page takes the focus (its heading) — only when the paper was opened for real, never for a preview. */
	| { readonly type: 'show'; readonly paper: PaperView; readonly focus?: boolean }
	| { readonly type: 'missing'; readonly id: string };

export type PageMessage =
	| { readonly type: 'ready' }
	| { readonly type: 'open'; readonly id: string }
	| { readonly type: 'insertCitation'; readonly id: string }
	| { readonly type: 'copyKey'; readonly id: string }
	| { readonly type: 'copyBibtex'; readonly id: string }
	| { readonly type: 'openLink'; readonly url: string }
	/** A keyword chip was clicked: filter the shelf by it. */
	| { readonly type: 'filterKeyword'; readonly keyword: string }
	| { readonly type: 'toggleStar'; readonly id: string }
	| { readonly type: 'addToList'; readonly id: string }
	/** Remove the shown paper from `list`, one of the lists its view named. */
	| { readonly type: 'removeFromList'; readonly id: string; readonly list: string }
	| { readonly type: 'openNote'; readonly id: string }
	/** What the page rendered (element counts are of the paper's part of the page), reported back so the host and its tests can check it. */
	| { readonly type: 'rendered'; readonly id: string; readonly title: string; readonly abstractText: string; readonly elementCounts: Readonly<Record<string, number>> };

/** The state the page keeps with `setState` so the panel survives a reload: ids only. */
export interface PanelState {
	readonly paperId: string;
	readonly query?: string;
}

/** True for the only URLs a paper's links may have. */
export function isWebUrl(url: string): boolean {
	try {
		const u = new URL(url);
		return u.protocol === 'https:' || u.protocol === 'http:';
	} catch {
		return false;
	}
}
