import * as vscode from 'vscode';
import { listNameOfGroup } from '../../core/library/libraryGroups';
import { EXPORT_EXTENSIONS, EXPORT_FORMATS, exportPapers, type ExportFormat } from '../../core/library/exportPapers';
import type { Paper } from '../../core/model';
import { iconLabelText, plainText } from '../../core/text/untrustedText';
import type { ShelfNeed } from '../library/shelfDemand';
import { childNodes, GroupNode, type PapersTree, type ShelfNode } from '../tree/papersTree';
import { statusMessage } from '../util/surfaces';
import { KeepCommands } from './keepIds';
import type { Keeps } from './keeps';

const FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
	bibtex: 'BibTeX (.bib)', 'csl-json': 'CSL-JSON (.json)', ris: 'RIS (.ris) — Zotero, EndNote, Mendeley', markdown: 'Markdown reading list (.md)',
};

/** What to export: a name (for the file and the Markdown heading) and its papers. */
interface ExportSource {
	readonly label: string;
	readonly papers: readonly Paper[];
}

/**
 * Export Papers…: a group of the tree (Starred, a reading list, a topic) from its context menu, or from the title bar
 * or palette a choice of Starred, a list or the current filter's result; then a format and where to save.
 */
export function registerExport(keeps: Keeps, tree: PapersTree, shelf: ShelfNeed, keyOf: (id: string) => string | undefined): vscode.Disposable {
	return vscode.commands.registerCommand(KeepCommands.Export, async (node?: ShelfNode, formatArg?: string, target?: vscode.Uri) => {
		await shelf.need();
		await keeps.store.loaded;
		const source = node instanceof GroupNode ? fromGroup(node) : await pickSource(keeps, tree);
		if (!source) {
			return undefined;
		}
		const format = EXPORT_FORMATS.find((f) => f === formatArg)
			?? (await vscode.window.showQuickPick(EXPORT_FORMATS.map((f) => ({ label: FORMAT_LABELS[f], format: f })), { title: plainText(`Export ${source.label}`) }))?.format;
		if (!format) {
			return undefined;
		}
		const cited = source.papers.map((paper) => ({ paper, key: keyOf(paper.id) ?? paper.id.replace(/[^A-Za-z0-9_.:-]/g, '') }));
		const text = exportPapers(cited, format, source.label);
		const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
		const name = `${source.label.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'papers'}.${EXPORT_EXTENSIONS[format]}`;
		const uri = target instanceof vscode.Uri ? target : await vscode.window.showSaveDialog({ title: plainText(`Export ${source.label}`), defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined });
		if (!uri) {
			return undefined;
		}
		await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
		statusMessage('export', `Exported ${cited.length} papers to ${vscode.workspace.asRelativePath(uri, false)}`, 5000);
		return uri;
	});
}

function papersBelow(node: ShelfNode): Paper[] {
	const seen = new Set<string>();
	const out: Paper[] = [];
	const visit = (n: ShelfNode) => {
		if (n.kind === 'paper') {
			if (!seen.has(n.paper.id)) {
				seen.add(n.paper.id);
				out.push(n.paper);
			}
		} else {
			childNodes(n).forEach(visit);
		}
	};
	visit(node);
	return out;
}

function fromGroup(node: GroupNode): ExportSource {
	const list = listNameOfGroup(node.group.id);
	return { label: list ?? node.group.label, papers: papersBelow(node) };
}

async function pickSource(keeps: Keeps, tree: PapersTree): Promise<ExportSource | undefined> {
	const papersOf = (ids: readonly string[]) => [...new Set(ids)].map((id) => keeps.paper(id)).filter((p): p is Paper => p !== undefined);
	const items: (vscode.QuickPickItem & { source: () => ExportSource })[] = [];
	const data = keeps.store.data;
	if (data.starred.length > 0) {
		items.push({ label: '$(star-full) Starred', description: `${data.starred.length} papers`, source: () => ({ label: 'Starred papers', papers: papersOf(data.starred) }) });
	}
	for (const list of data.lists) {
		items.push({ label: `$(list-unordered) ${iconLabelText(list.name)}`, description: `${list.ids.length} papers`, source: () => ({ label: list.name, papers: papersOf(list.ids) }) });
	}
	const filter = tree.filter;
	if (filter) {
		items.push({ label: `$(filter) Papers matching '${iconLabelText(filter.query)}'`, description: `${filter.ids.size} papers`, source: () => ({ label: filter.query, papers: papersOf([...filter.ids]) }) });
	}
	for (const root of tree.roots()) {
		if (root instanceof GroupNode && (root.group.kind === 'topic' || root.group.kind === 'user-topic')) {
			items.push({ label: `$(tag) ${iconLabelText(root.group.label)}`, description: `${root.group.count} papers`, source: () => fromGroup(root) });
		}
	}
	const pick = await vscode.window.showQuickPick(items, { title: 'Export Papers', placeHolder: 'Starred, a reading list, the filter\'s result or a topic' });
	return pick?.source();
}
