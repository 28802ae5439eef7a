import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { paperPickText } from '../../core/present/paperText';
import type { PaperLookup, PaperSearch } from '../library/paperLibrary';
import { iconLabelText, pickDescriptionText, plainText } from '../../core/text/untrustedText';

/** A paper in the picker. */
export interface PaperItem extends vscode.QuickPickItem {
	readonly paperId: string;
}

/** How many papers the picker lists at a time. */
const LIMIT = 100;

/**
 * A multi-select quick pick over the shelf that searches the library's index as the user types (every item is
 * `alwaysShow`, so VS Code's own label filter never hides a hit). Papers ticked earlier stay listed and ticked while
 * the query changes. Enter with nothing ticked takes the highlighted paper (the best hit). Resolves to the paper ids,
 * or undefined when cancelled.
 */
export function pickPapers(library: PaperLookup & PaperSearch, keyOf: (id: string) => string | undefined, title: string): Promise<string[] | undefined> {
	return new Promise((resolve) => {
		const pick = vscode.window.createQuickPick<PaperItem>();
		pick.title = plainText(title);
		pick.canSelectMany = true;
		pick.matchOnDescription = false;
		pick.matchOnDetail = false;
		pick.placeholder = library.papers.length > 0
			? `Search ${library.papers.length} papers by title, author, keyword or key; tick one or several`
			: 'No papers on the shelf yet';
		const item = (paper: Paper): PaperItem => paperPickItem(paper, keyOf(paper.id));
		let ticked: readonly PaperItem[] = [];
		const update = (query: string) => {
			const q = query.trim();
			const papers = q === '' ? library.papers.slice(0, LIMIT) : library.search(q, LIMIT).map((h) => h.paper);
			const keep = new Set(ticked.map((t) => t.paperId));
			const fresh = papers.filter((p) => !keep.has(p.id)).map(item);
			pick.items = [...ticked, ...fresh];
			pick.selectedItems = ticked;
			// A multi-select pick highlights nothing by itself; highlight the best hit so Enter cites it.
			pick.activeItems = fresh.slice(0, 1);
		};
		pick.onDidChangeSelection((selection) => (ticked = selection));
		pick.onDidChangeValue(update);
		let accepted = false;
		pick.onDidAccept(() => {
			accepted = true;
			const ids = (pick.selectedItems.length > 0 ? pick.selectedItems : pick.activeItems).map((i) => i.paperId);
			pick.hide();
			resolve(ids);
		});
		pick.onDidHide(() => {
			pick.dispose();
			if (!accepted) {
				resolve(undefined);
			}
		});
		update('');
		pick.show();
	});
}

/** A paper as the picker lists it: title, key and authors, the start of the abstract (no `$(icon)` drawn from them). */
export function paperPickItem(paper: Paper, key: string | undefined): PaperItem {
	const text = paperPickText(paper, { prefix: key });
	return {
		paperId: paper.id,
		label: iconLabelText(text.label),
		description: pickDescriptionText(text.description),
		detail: pickDescriptionText(text.detail),
		alwaysShow: true,
	};
}
