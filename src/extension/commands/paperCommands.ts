import * as vscode from 'vscode';
import type { Paper } from '../../core/model';
import { Commands } from '../ids';
import type { PaperLookup } from '../library/paperLibrary';
import type { DigestSources } from '../library/digestSources';
import type { ShelfNeed } from '../library/shelfDemand';
import { isTreeMarker, type PaperArg, type PaperArgs } from './paperArgs';
import { Disposable } from '../util/disposable';
import { notify } from '../util/surfaces';

export interface PaperCommandDeps {
	readonly library: PaperLookup;
	readonly sources: DigestSources;
	/** Turns command arguments into paper ids (tree selection aware). */
	readonly args: PaperArgs;
	/** Every command needs the shelf: the first one run starts its load, and each waits for that first load. */
	readonly shelf: ShelfNeed;
	/** `focus`: move the focus to the panel (Enter in the tree opens "for real"); else it stays where it is. */
	readonly openAbstract: (id: string, query?: string, focus?: boolean) => void;
	/** A paper on the shelf or kept only in the library file (its digest gone). */
	readonly keptPaper: (id: string) => Paper | undefined;
	readonly search: (query?: string) => void;
	readonly reload: () => Promise<void>;
	readonly showBundled: () => Promise<void>;
}

/** The commands about one paper or the shelf as a whole that are not citations. */
export class PaperCommands extends Disposable {
	constructor(private readonly _deps: PaperCommandDeps) {
		super();
		const reg = (id: Commands, fn: (...args: never[]) => unknown) => this._register(vscode.commands.registerCommand(id, async (...args: never[]) => {
			await _deps.shelf.need();
			return fn(...args);
		}));
		reg(Commands.OpenAbstract, (arg: PaperArg, query?: string) => this._openAbstract(arg, typeof query === 'string' ? query : undefined));
		reg(Commands.SearchPapers, (query?: string) => _deps.search(typeof query === 'string' ? query : undefined));
		// Refresh as the first command is the first load itself, not a second one after it.
		this._register(vscode.commands.registerCommand(Commands.Refresh, () => _deps.shelf.started ? _deps.reload() : _deps.shelf.need()));
		reg(Commands.ShowBundledDigest, () => _deps.showBundled());
		reg(Commands.OpenDigestFile, (uri?: vscode.Uri) => this._openDigestFile(uri));
		reg(Commands.OpenOnArxiv, (arg: PaperArg, all?: unknown[]) => this._openLink(this._papers(arg, all), (p) => p.links.arxivAbs));
		reg(Commands.OpenOnHuggingFace, (arg: PaperArg, all?: unknown[]) => this._openLink(this._papers(arg, all), (p) => p.links.huggingFace));
		reg(Commands.RevealInDigest, (arg: PaperArg) => this._revealInDigest(arg));
	}

	private _papers(arg: PaperArg, all?: readonly unknown[]): Paper[] {
		return this._deps.args.ids(arg, all).map((id) => this._deps.library.get(id)).filter((p): p is Paper => p !== undefined);
	}

	private async _openAbstract(arg: PaperArg, query?: string): Promise<void> {
		const paper = this._deps.args.ids(arg).map((id) => this._deps.keptPaper(id)).find((p) => p !== undefined);
		if (paper) {
			this._deps.openAbstract(paper.id, query, isTreeMarker(arg) && arg.focus === true);
		} else if (isTreeMarker(arg)) {
			// Enter on a group row (the tree's Enter is this command's keybinding): what Enter does in any tree.
			await vscode.commands.executeCommand('list.select');
		} else {
			this._deps.search();
		}
	}

	private async _openLink(papers: readonly Paper[], pick: (p: Paper) => string | undefined): Promise<void> {
		for (const paper of papers) {
			const url = pick(paper);
			if (url && /^https?:\/\//i.test(url)) {
				await vscode.env.openExternal(vscode.Uri.parse(url, true));
			}
		}
	}

	private async _revealInDigest(arg: PaperArg): Promise<void> {
		const paper = this._papers(arg)[0];
		const digest = paper && this._deps.library.digests.find((d) => d.parsed.papers.some((p) => p.id === paper.id));
		if (!paper || !digest) {
			return;
		}
		const own = digest.parsed.papers.find((p) => p.id === paper.id) ?? paper;
		const start = new vscode.Position(Math.max(0, own.source.startLine - 1), 0);
		const end = new vscode.Position(Math.max(0, own.source.endLine - 1), Number.MAX_SAFE_INTEGER);
		const doc = await vscode.workspace.openTextDocument(digest.source.uri);
		await vscode.window.showTextDocument(doc, { selection: new vscode.Range(start, doc.validatePosition(end)), preview: true });
	}

	private async _openDigestFile(uri: vscode.Uri | undefined): Promise<void> {
		const target = uri instanceof vscode.Uri ? uri : (await vscode.window.showOpenDialog({
			title: 'Open Digest File',
			canSelectMany: false,
			openLabel: 'Add to Shelf',
			filters: { 'Digests': ['txt', 'md', 'json', 'jsonl', 'xml'], 'All files': ['*'] },
		}))?.[0];
		if (!target) {
			return;
		}
		await this._deps.sources.addOpened(target);
		await this._deps.reload();
		const digest = this._deps.library.digests.find((d) => d.source.uri.toString() === target.toString());
		const count = digest?.parsed.papers.length ?? 0;
		const errors = digest?.parsed.diagnostics.filter((d) => d.severity === 'error').length ?? 0;
		const name = target.path.split('/').pop();
		if (count === 0) {
			void notify.warning(`${name}: no papers found${errors ? ' (see the Problems panel)' : ''}.`);
		} else {
			void notify.info(`Added ${count} papers from ${name} to the shelf${errors ? `; ${errors} problems are in the Problems panel` : ''}.`);
		}
	}
}
