import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { paperPickText } from '../../core/present/paperText';
import { iconLabelText, pickDescriptionText, plainText } from '../../core/text/untrustedText';
import type { PaperLookup, PaperSearch } from '../library/paperLibrary';

/** An item of a paper quick pick; `paperId` is absent on separators and messages ("No papers match"). */
export interface PaperPickItem extends vscode.QuickPickItem {
	readonly paperId?: string;
}

/**
 * A paper as a quick pick lists it (the core's `paperPickText`): `prefix` (a key or a topic) before the authors,
 * `detail` or the start of the abstract below. Every part is digest text, so no `$(icon)` is drawn from it and its
 * Markdown hover links nothing. Items are `alwaysShow`: the index has matched already, VS Code's filter must not hide.
 */
export function paperPickItem(paper: Paper, text: { readonly prefix?: string; readonly detail?: string } = {}, buttons?: readonly vscode.QuickInputButton[]): PaperPickItem & { readonly paperId: string } {
	const t = paperPickText(paper, text);
	return {
		paperId: paper.id,
		label: iconLabelText(t.label),
		description: pickDescriptionText(t.description),
		detail: pickDescriptionText(t.detail),
		alwaysShow: true,
		buttons,
	};
}

/** What a searchable paper pick shows and how it answers. */
export interface PaperQuickPickOptions {
	readonly title: string;
	readonly placeholder: string;
	/** The query the pick opens with. */
	readonly value?: string;
	/** Tick several papers (Insert Citation, Copy Key) or take one (Search Papers). */
	readonly canSelectMany: boolean;
	/** The items for a query, shown in the order given (the index's ranking; never re-sorted here). */
	items(query: string): readonly PaperPickItem[];
	/** An item's button was pressed; true closes the pick without an answer. */
	onButton?(paperId: string, button: vscode.QuickInputButton): boolean;
}

/** The papers taken, and the query they were found with. */
export interface PaperQuickPickResult {
	readonly ids: readonly string[];
	readonly query: string;
}

/**
 * The one searchable quick pick over the shelf (Search Papers and the citation commands' picker): it asks `items` on
 * every keystroke. With `canSelectMany`, papers ticked earlier stay listed first and ticked while the query changes,
 * the best hit is highlighted, and Enter with nothing ticked takes it. Resolves to undefined when dismissed.
 */
export function showPaperQuickPick(options: PaperQuickPickOptions): Promise<PaperQuickPickResult | undefined> {
	return new Promise((resolve) => {
		const pick = vscode.window.createQuickPick<PaperPickItem>();
		pick.title = plainText(options.title);
		pick.placeholder = options.placeholder;
		pick.canSelectMany = options.canSelectMany;
		// The index has ranked the items already: VS Code must neither sort them by its own label match (it would put
		// label matches first, then alphabetically) nor match on the other lines; labels are matched for highlights only.
		// `sortByLabel` is in a proposed .d.ts only, but the extension host passes it on without a proposal check (and
		// the pickerOrder integration test fails if it stops working).
		(pick as vscode.QuickPick<PaperPickItem> & { sortByLabel: boolean }).sortByLabel = false;
		pick.matchOnDescription = false;
		pick.matchOnDetail = false;
		let ticked: readonly PaperPickItem[] = [];
		const update = (query: string) => {
			const items = options.items(query);
			if (!options.canSelectMany) {
				pick.items = items;
				return;
			}
			const keep = new Set(ticked.map((t) => t.paperId));
			const fresh = items.filter((i) => i.paperId !== undefined && !keep.has(i.paperId));
			pick.items = [...ticked, ...fresh];
			pick.selectedItems = ticked;
			// A multi-select pick highlights nothing by itself; highlight the best hit so Enter takes it.
			pick.activeItems = fresh.slice(0, 1);
		};
		if (options.canSelectMany) {
			pick.onDidChangeSelection((selection) => (ticked = selection));
		}
		pick.onDidChangeValue(update);
		pick.onDidTriggerItemButton(({ item, button }) => {
			if (item.paperId && options.onButton?.(item.paperId, button)) {
				pick.hide();
			}
		});
		let answered = false;
		pick.onDidAccept(() => {
			const chosen = options.canSelectMany && pick.selectedItems.length > 0 ? pick.selectedItems : options.canSelectMany ? pick.activeItems : pick.selectedItems.slice(0, 1);
			const ids = chosen.map((i) => i.paperId).filter((id): id is string => id !== undefined);
			if (ids.length === 0) {
				return;
			}
			answered = true;
			const query = pick.value;
			pick.hide();
			resolve({ ids, query });
		});
		pick.onDidHide(() => {
			pick.dispose();
			if (!answered) {
				resolve(undefined);
			}
		});
		pick.value = options.value ?? '';
		update(pick.value);
		pick.show();
	});
}

/** How many papers the citation picker lists at a time. */
const CITE_LIMIT = 100;

/** The citation picker's items for a query: the index's hits in its order (the shelf's first papers when empty), with keys. */
export function citePickItems(library: PaperLookup & PaperSearch, keyOf: (id: string) => string | undefined, query: string): PaperPickItem[] {
	const q = query.trim();
	const papers = q === '' ? library.papers.slice(0, CITE_LIMIT) : library.search(q, CITE_LIMIT).map((h) => h.paper);
	return papers.map((p) => paperPickItem(p, { prefix: keyOf(p.id) }));
}

/** Papers to cite, ticked in the searchable pick (one or several); undefined when dismissed. */
export async function pickPapersToCite(library: PaperLookup & PaperSearch, keyOf: (id: string) => string | undefined, title: string): Promise<readonly string[] | undefined> {
	const result = await showPaperQuickPick({
		title,
		placeholder: library.papers.length > 0
			? `Search ${library.papers.length} papers by title, author, keyword or key; tick one or several`
			: 'No papers on the shelf yet',
		canSelectMany: true,
		items: (query) => citePickItems(library, keyOf, query),
	});
	return result?.ids;
}
