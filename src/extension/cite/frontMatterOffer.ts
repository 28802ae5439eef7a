import * as vscode from 'vscode';
import { citationSyntaxKind } from '../../core/cite/citationSyntax';
import { planFrontMatterBibliography, relativeTo } from '../../core/cite/frontMatterBibliography';
import type { AddBibliography } from '../../core/settings';
import { notify, statusMessage } from '../util/surfaces';
import { displayPath, type BibliographyWriter } from './bibliographyWriter';

/** The workspace-state key of the notes already offered (their URIs). */
const OFFERED_KEY = 'paperShelf.frontMatterOffered';
/** Remembered notes at most (the oldest are forgotten first). */
const MAX_REMEMBERED = 2000;

/** What an offer came to, for tests and callers. */
export type FrontMatterOutcome = 'added' | 'declined' | 'guided' | 'skipped';

/**
 * After Paper Shelf writes entries for a note that names no bibliography (they went to `paperShelf.bibliographyFile`),
 * offers once per note — remembered in the workspace state — to name it in the note, so that `pandoc --citeproc`
 * resolves the citations too: `bibliography: references.bib` in a Markdown note's YAML front matter (a block is made
 * when there is none; nothing else of the note changes), and for LaTeX, which line to add (`\addbibresource` or
 * `\bibliography`). `paperShelf.addBibliographyToFrontMatter`: `ask` (default), `always` (no question), `never`.
 */
export class FrontMatterOffer {
	/** Asks the user; tests replace it to answer without a notification. */
	ask: (message: string, ...choices: string[]) => Thenable<string | undefined> = (message, ...choices) => notify.info(message, ...choices);

	private readonly _pending = new Set<string>();

	constructor(private readonly _state: vscode.Memento, private readonly _writer: BibliographyWriter, private readonly _setting: () => AddBibliography) {}

	/** Offers (at most once per note) to name the bibliography in `document`; see the class comment. */
	async offer(document: vscode.TextDocument): Promise<FrontMatterOutcome> {
		const setting = this._setting();
		const note = document.uri.toString();
		const kind = citationSyntaxKind(document.languageId);
		if (setting === 'never' || document.isClosed || document.uri.scheme === 'untitled' || kind === 'other' || this._offered().includes(note) || this._pending.has(note)) {
			return 'skipped';
		}
		const bibliographies = this._writer.bibliographiesOf(document);
		const target = bibliographies[0];
		if (!target || bibliographies.some((b) => b.namedAtLine !== undefined)) {
			return 'skipped';
		}
		const path = relativeTo(vscode.Uri.joinPath(document.uri, '..').path, target.uri.path);
		this._pending.add(note);
		try {
			if (kind === 'latex') {
				await this._remember(note);
				const base = path.replace(/\.bib$/i, '');
				void notify.info(`Paper Shelf wrote the entries to ${displayPath(target.uri)}, which ${displayPath(document.uri)} does not name. Add \\addbibresource{${path}} to the preamble (biblatex), or \\bibliography{${base}} where the references go (BibTeX), so LaTeX finds them.`);
				return 'guided';
			}
			if (!planFrontMatterBibliography(document.getText(), path)) {
				return 'skipped';
			}
			if (setting === 'ask') {
				const add = 'Add to Front Matter';
				const answer = await this.ask(`${displayPath(document.uri)} names no bibliography, so pandoc --citeproc will not find the entries in ${displayPath(target.uri)}. Add "bibliography: ${path}" to its front matter?`, add, 'Not for This Note');
				await this._remember(note);
				if (answer !== add) {
					return 'declined';
				}
			} else {
				await this._remember(note);
			}
			// Planned again from the text as it is now: the note may have changed while the user was asked.
			const plan = planFrontMatterBibliography(document.getText(), path);
			if (!plan || document.isClosed) {
				return 'skipped';
			}
			const edit = new vscode.WorkspaceEdit();
			edit.insert(document.uri, document.positionAt(plan.offset), plan.text, { label: 'Name the Bibliography', needsConfirmation: false });
			if (!(await vscode.workspace.applyEdit(edit))) {
				return 'skipped';
			}
			statusMessage('quote', `Added bibliography: ${path} to the front matter of ${displayPath(document.uri)}`, 5000);
			return 'added';
		} finally {
			this._pending.delete(note);
		}
	}

	private _offered(): readonly string[] {
		const value = this._state.get<unknown>(OFFERED_KEY);
		return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	}

	private async _remember(note: string): Promise<void> {
		await this._state.update(OFFERED_KEY, [...this._offered().filter((n) => n !== note), note].slice(-MAX_REMEMBERED));
	}
}
