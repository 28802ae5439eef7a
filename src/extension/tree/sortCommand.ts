import * as vscode from 'vscode';
import { SETTINGS_SECTION, SORT_BY_VALUES, type SortBy } from '../../core/settings';
import { Commands } from '../ids';
import { Disposable } from '../util/disposable';
import type { PapersTree } from './papersTree';

const choices: Readonly<Record<SortBy, { label: string; detail: string }>> = {
	digest: { label: 'Digest Order', detail: 'As the digest lists them' },
	upvotes: { label: 'Upvotes', detail: 'Most upvoted first (the Hugging Face Daily Papers ranking)' },
	date: { label: 'Date', detail: 'Newest first' },
	title: { label: 'Title', detail: 'A to Z' },
};

/** Sort Papers By…: the order of papers inside each group (`paperShelf.sortBy`), from the view's title bar. */
export class SortCommand extends Disposable {
	constructor(private readonly _tree: PapersTree) {
		super();
		this._register(vscode.commands.registerCommand(Commands.SortBy, (by?: SortBy) => this.choose(by)));
	}

	async choose(by?: SortBy): Promise<void> {
		if (!by) {
			const pick = await vscode.window.showQuickPick(
				SORT_BY_VALUES.map((value) => ({ ...choices[value], value, description: value === this._tree.sortBy ? '(current)' : undefined })),
				{ title: 'Sort Papers By' },
			);
			by = pick?.value;
		}
		if (by && (SORT_BY_VALUES as readonly string[]).includes(by)) {
			this._tree.sortBy = by;
			await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('sortBy', by, vscode.ConfigurationTarget.Global);
		}
	}
}
