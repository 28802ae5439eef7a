import * as vscode from 'vscode';
import { planCitationEdit, type CitationEdit } from '../../core/cite/citationMerge';
import type { CitedPaper } from '../../core/cite/citedPaper';
import { displayPath, type BibliographyChange, type BibliographyEditResult, type BibliographyWriter } from './bibliographyWriter';

/** What inserting needs from the citation keys. */
export interface CitationFormatter {
	/** The shelf papers of `ids` with their keys (unknown ids left out). */
	cited(ids: readonly string[]): CitedPaper[];
	/** The citation of `cited` in a document of `languageId`. */
	format(cited: readonly CitedPaper[], languageId: string): string;
	/** The user's citation templates by language id (a per-paper template makes citations nothing merges into). */
	templates(): Readonly<Record<string, string>> | undefined;
}

/** What one insertion did. */
export interface InsertResult {
	readonly applied: boolean;
	readonly citation: string;
	readonly bibliography?: BibliographyEditResult;
}

/**
 * Inserting citations into a note together with their bibliography entries, all or nothing.
 *
 * The bibliography part is planned first (`BibliographyWriter.prepare`: parsing, encodings, the user's consent for a
 * file outside the workspace); when it cannot be done, the note is not touched. Then ONE `WorkspaceEdit` carries, in
 * this order: the bibliography's change and the note's text edits. A bibliography without unsaved changes is changed
 * as bytes through a staged file of `BibliographyByteEdits` (a file operation); one open with unsaved changes gets a
 * text edit in its editor followed by such a file operation that does nothing. VS Code's bulk-edit service gives
 * every part of one `applyEdit` the same undo group, and the file operation between the text edits keeps them two
 * single-file undo elements instead of one multi-file element — so one Undo in the note reverts the citation and the
 * entries (the file's bytes, or a file it created), Redo makes both again, and VS Code never asks "Undo in 2 files?"
 * (a prompt it refuses to show in its integration-test host). Nothing is saved: the bytes are written as they are,
 * and an unsaved bibliography stays unsaved. When applying the edit fails, the bibliography's change is taken back.
 */
export class CitationInserter {
	/** Insertions run one after the other: each plans from the bytes the previous one wrote. */
	private _queue: Promise<unknown> = Promise.resolve();

	constructor(private readonly _writer: BibliographyWriter, private readonly _formatter: CitationFormatter) {}

	/**
	 * Replaces every selection of `editor` by the citation of `ids` in the document's syntax and adds the missing
	 * entries to its bibliography; the cursors end after the inserted citations. When the bibliography part cannot be
	 * done, nothing changes.
	 */
	insert(editor: vscode.TextEditor, ids: readonly string[]): Promise<InsertResult> {
		return this._serially(async () => {
			const document = editor.document;
			const cited = this._formatter.cited(ids);
			if (cited.length === 0) {
				return { applied: false, citation: '' };
			}
			const citation = this._formatter.format(cited, document.languageId);
			const prepared = await this._prepare(document, cited);
			if (prepared && 'ok' in prepared) {
				return { applied: false, citation, bibliography: prepared };
			}
			// The selections as they are now, after any question the preparation asked; each merges into the citation it
			// is in or right after (by the language's rules), else gets a new one.
			const text = document.getText();
			const plans = [...editor.selections].map((s) => this.plan(text, document.offsetAt(s.start), document.offsetAt(s.end), document.languageId, cited));
			const { edits, cursors } = combinePlans(plans);
			const edit = new vscode.WorkspaceEdit();
			const staged = prepared?.addTo(edit);
			const metadata = { label: 'Insert Citation', needsConfirmation: false };
			for (const e of edits) {
				edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.text, metadata);
			}
			const applied = await this._apply(edit, staged);
			if (!applied.ok) {
				return { applied: false, citation, bibliography: applied.failure(prepared?.result.uri ?? document.uri) };
			}
			if (vscode.window.visibleTextEditors.includes(editor)) {
				editor.selections = cursors.map((offset) => {
					const after = document.positionAt(offset);
					return new vscode.Selection(after, after);
				});
			}
			return { applied: true, citation, bibliography: prepared?.result };
		});
	}

	/**
	 * What a drop of papers at `position` of `document` does: the note's edit (`plan`: merged into the citation there,
	 * else a new citation at `position`) and, in `edit`, the bibliography entries. When they cannot be added, `edit`
	 * is undefined and the drop must not happen.
	 */
	async dropFor(document: vscode.TextDocument, position: vscode.Position, ids: readonly string[]): Promise<{ citation: string; plan?: CitationEdit; edit: vscode.WorkspaceEdit | undefined; bibliography?: BibliographyEditResult }> {
		const cited = this._formatter.cited(ids);
		if (cited.length === 0) {
			return { citation: '', edit: undefined };
		}
		const citation = this._formatter.format(cited, document.languageId);
		const edit = new vscode.WorkspaceEdit();
		const prepared = await this._prepare(document, cited);
		if (prepared && 'ok' in prepared) {
			return { citation, edit: undefined, bibliography: prepared };
		}
		prepared?.addTo(edit);
		const offset = document.offsetAt(position);
		return { citation, plan: this.plan(document.getText(), offset, offset, document.languageId, cited), edit, bibliography: prepared?.result };
	}

	/** The note's edit citing `cited` at `[start, end)` of `text` (see `planCitationEdit`). */
	plan(text: string, start: number, end: number, languageId: string, cited: readonly CitedPaper[]): CitationEdit {
		return planCitationEdit(text, start, end, languageId, cited.map((c) => c.key), (keys) => this._formatter.format(cited.filter((c) => keys.includes(c.key)), languageId), this._formatter.templates());
	}

	/**
	 * Replaces `range` of `document` (which must still read `expected`) by `text` and adds the entries of `ids` the
	 * bibliography lacks, in one edit: one undo step, as an insertion (the quick fixes use this).
	 */
	replace(document: vscode.TextDocument, range: vscode.Range, expected: string, text: string, ids: readonly string[]): Promise<InsertResult> {
		return this._serially(async () => {
			const cited = this._formatter.cited(ids);
			const prepared = cited.length > 0 ? await this._prepare(document, cited) : undefined;
			if (prepared && 'ok' in prepared) {
				return { applied: false, citation: text, bibliography: prepared };
			}
			if (document.getText(range) !== expected) {
				// Typed over while the bibliography was read (or the user was asked): nothing to fix any more.
				return { applied: false, citation: text };
			}
			const edit = new vscode.WorkspaceEdit();
			const staged = prepared?.addTo(edit);
			edit.replace(document.uri, range, text, { label: 'Change Citation Key', needsConfirmation: false });
			const applied = await this._apply(edit, staged);
			if (!applied.ok) {
				return { applied: false, citation: text, bibliography: applied.failure(prepared?.result.uri ?? document.uri) };
			}
			return { applied: true, citation: text, bibliography: prepared?.result };
		});
	}

	/** Adds the entries of `ids` missing from `document`'s bibliography (completion and quick fixes use this). */
	addEntries(document: vscode.TextDocument, ids: readonly string[]): Promise<BibliographyEditResult | undefined> {
		return this._serially(async () => {
			const cited = this._formatter.cited(ids);
			const prepared = cited.length > 0 ? await this._prepare(document, cited) : undefined;
			if (!prepared || 'ok' in prepared) {
				return prepared;
			}
			const edit = new vscode.WorkspaceEdit();
			const staged = prepared.addTo(edit);
			if (!staged) {
				return prepared.result;
			}
			const applied = await this._apply(edit, staged);
			return applied.ok ? prepared.result : applied.failure(prepared.result.uri);
		});
	}

	private async _prepare(document: vscode.TextDocument, cited: readonly CitedPaper[]): Promise<BibliographyChange | Extract<BibliographyEditResult, { ok: false }> | undefined> {
		const target = this._writer.bibliographiesOf(document)[0];
		return target ? this._writer.prepare(target.uri, cited) : undefined;
	}

	/** Applies `edit`; when that fails, takes the bibliography's change back, so the insertion is all or nothing. */
	private async _apply(edit: vscode.WorkspaceEdit, staged: ReturnType<BibliographyChange['addTo']>): Promise<{ ok: true } | { ok: false; failure: (uri: vscode.Uri) => Extract<BibliographyEditResult, { ok: false }> }> {
		let applied = false;
		try {
			applied = await vscode.workspace.applyEdit(edit);
		} catch {
			applied = false;
		}
		if (applied) {
			return { ok: true };
		}
		await staged?.rollback();
		const reason = staged?.problem;
		return { ok: false, failure: (uri) => ({ ok: false, uri, message: reason ?? `could not apply the edit to ${displayPath(uri)}; nothing was changed` }) };
	}

	private _serially<T>(task: () => Promise<T>): Promise<T> {
		const run = this._queue.then(task, task);
		this._queue = run.catch(() => undefined);
		return run;
	}
}

/**
 * The edits of several cursors' plans, in order and without overlaps (two cursors in one citation merge into it
 * once), and where each cursor ends in the text after the edits: past what it inserted (and the citation's close).
 */
export function combinePlans(plans: readonly CitationEdit[]): { edits: CitationEdit[]; cursors: number[] } {
	const order = plans.map((_, i) => i).sort((a, b) => plans[a].start - plans[b].start || plans[a].end - plans[b].end);
	const edits: CitationEdit[] = [];
	const cursors: number[] = new Array<number>(plans.length);
	let delta = 0;
	let last: { edit: CitationEdit; cursor: number } | undefined;
	for (const i of order) {
		const plan = plans[i];
		if (last && plan.start === last.edit.start && plan.end === last.edit.end && plan.merged === last.edit.merged && plan.merged) {
			cursors[i] = last.cursor;
			continue;
		}
		if (last && plan.start < last.edit.end) {
			// Overlaps the previous cursor's edit (a selection around another cursor's citation): that one wins.
			cursors[i] = last.cursor;
			continue;
		}
		const cursor = plan.start + delta + plan.text.length + plan.skip;
		if (plan.text !== '' || plan.end > plan.start) {
			edits.push(plan);
		}
		delta += plan.text.length - (plan.end - plan.start);
		last = { edit: plan, cursor };
		cursors[i] = cursor;
	}
	return { edits, cursors };
}

/** A one-line account of what happened to the bibliography, for the status bar or a message. */
export function describeBibliographyResult(result: BibliographyEditResult | undefined): string | undefined {
	if (!result || !result.ok) {
		return undefined;
	}
	const name = displayPath(result.uri);
	if (result.added.length === 0) {
		return `${name} already has ${result.alreadyPresent.length === 1 ? 'this entry' : 'these entries'}`;
	}
	const entries = `${result.added.length} ${result.added.length === 1 ? 'entry' : 'entries'}`;
	return result.created ? `created ${name} with ${entries}` : `${entries} added to ${name}`;
}
