import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/model';
import { citePickItems } from '../../src/extension/search/paperQuickPick';
import type { GroupNode, PaperNode, ShelfNode } from '../../src/extension/tree/papersTree';
import { escapeMarkdownSyntaxTokens, parsedIcons, renderedIcons, renderMarkdown, tagsIn } from '../unit/text/vscodeParsers';
import { deleteFile, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

/** Bidi controls that reorder what is shown (embeddings, overrides, isolates, marks). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A digest whose file name and paper try every trick: notification links, icons, autolinks, Markdown, HTML, bidi. */
const digestName = '[Fix the shelf](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D)\u202Ednammoc.digest.md';
const title = 'Zapped \u202Egnp.exe $(zap) kernels $(sync~spin) at https://evil.example [run](command:workbench.action.openSettings) **loud**';
const abstract = 'Read more at https://evil.example/a $(zap), <https://evil.example/b>, www.evil.example or mail admin@evil.example; <b>bold</b> [x](https://evil.example/c) ![i](https://evil.example/i.png) $(zap) and a long enough abstract to be read as one.';

/** The links in rendered Markdown, except Paper Shelf's own Open Abstract command link. */
function foreignTags(markdown: string): string[] {
	const html = renderMarkdown(markdown).replace(/<a href="command:paperShelf\.openAbstract[^"]*">Open Abstract<\/a>/g, '');
	return tagsIn(html).filter((t) => !['strong', 'br'].includes(t));
}

function markdownOf(value: vscode.MarkdownString | string | undefined | { value: string }): string {
	return typeof value === 'string' ? value : value?.value ?? '';
}

function allNodes(api: Api, nodes: readonly ShelfNode[] = api.testing.view.tree.getChildren()): ShelfNode[] {
	return nodes.flatMap((n) => [n, ...allNodes(api, api.testing.view.tree.getChildren(n))]);
}

suite('Hostile text on VS Code surfaces', () => {
	const file = () => workspaceUri('hostile', digestName);
	let paper: Paper;

	suiteSetup(async () => {
		const api = await shelfApi();
		await writeText(file(), `# Hostile\n\n## ${title}\n\n${abstract}\n`);
		paper = await waitFor('the hostile digest to be on the shelf', () => api.testing.library.papers.find((p) => p.title.startsWith('Zapped')), 20_000,
			() => JSON.stringify(api.testing.library.digests.map((d) => d.source.uri.path)));
	});

	suiteTeardown(async () => {
		const api = await shelfApi();
		api.testing.view.tree.groupBy = 'topic';
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
		await deleteFile(file());
		await waitFor('the hostile digest to leave the shelf', () => !api.testing.library.papers.some((p) => p.title.startsWith('Zapped')));
	});

	test('tree labels, descriptions and tooltips show hostile titles and file names without bidi reordering or links', async () => {
		const api = await shelfApi();
		api.testing.view.tree.groupBy = 'digest';
		const nodes = allNodes(api);
		const group = nodes.find((n): n is GroupNode => n.kind === 'group' && n.group.label.includes('Fix the shelf'));
		assert.ok(group, `the digest's group is in the tree: ${nodes.flatMap((n) => (n.kind === 'group' ? [n.group.label] : [])).join(' | ')}`);
		const groupItem = api.testing.view.tree.getTreeItem(group);
		const groupLabel = typeof groupItem.label === 'string' ? groupItem.label : groupItem.label?.label ?? '';
		assert.ok(groupLabel.includes('[Fix the shelf](command:'), `the file name is readable: ${groupLabel}`);
		assert.ok(!BIDI.test(groupLabel), `no bidi control in the group label ${JSON.stringify(groupLabel)}`);
		assert.ok(!BIDI.test(String(groupItem.tooltip)), 'no bidi control in the group tooltip');

		const node = nodes.find((n): n is PaperNode => n.kind === 'paper' && n.paper.id === paper.id);
		assert.ok(node, 'the hostile paper is in the tree');
		const item = api.testing.view.tree.getTreeItem(node);
		const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
		assert.equal(label, paper.title.replace(new RegExp(BIDI.source, 'g'), ''), 'the title is readable');
		assert.ok(!BIDI.test(label), `no bidi control in the paper label ${JSON.stringify(label)}`);
		assert.ok(!BIDI.test(item.accessibilityInformation?.label ?? ''), 'no bidi control in what a screen reader reads');
		const tooltip = item.tooltip;
		assert.ok(tooltip instanceof vscode.MarkdownString);
		assert.ok(!tooltip.isTrusted, 'the tooltip is not trusted');
		assert.ok(!tooltip.supportHtml, 'the tooltip renders no HTML');
		assert.ok(!tooltip.supportThemeIcons, 'the tooltip renders no theme icons');
		assert.deepEqual(foreignTags(tooltip.value), [], `the tooltip renders no link, image or tag: ${renderMarkdown(tooltip.value)}`);
	});

	test('search and citation quick picks show $(icon) in titles and abstracts literally, and their hovers link nothing', async () => {
		const api = await shelfApi();
		const item = api.testing.search.itemsFor('zapped kernels').find((i) => i.paperId === paper.id);
		assert.ok(item, 'the search finds the hostile paper');
		const key = api.testing.citations.keyOf(paper.id) ?? '';
		const cite = citePickItems(api.testing.library, (id) => api.testing.citations.keyOf(id), 'zapped kernels').find((i) => i.paperId === paper.id);
		assert.ok(cite, 'the citation picker finds the hostile paper');
		assert.ok(key !== '' && cite.description?.includes(key), 'the citation pick names the key');
		for (const [what, text] of [['search label', item.label], ['search description', item.description], ['search detail', item.detail], ['citation pick label', cite.label], ['citation pick description', cite.description], ['citation pick detail', cite.detail]] as const) {
			assert.deepEqual(renderedIcons(text ?? ''), [], `${what} draws no icon: ${JSON.stringify(text)}`);
			assert.deepEqual(parsedIcons(text ?? ''), [], `${what} has nothing VS Code's filter takes for an icon`);
			assert.ok(!BIDI.test(text ?? ''), `${what} has no bidi control`);
			if (!what.endsWith('label')) {
				assert.deepEqual(tagsIn(renderMarkdown(escapeMarkdownSyntaxTokens(text ?? ''))), [], `${what}'s Markdown hover links nothing: ${JSON.stringify(text)}`);
			}
		}
		assert.equal(item.label.replace(/\u2060/g, ''), paper.title.replace(new RegExp(BIDI.source, 'g'), ''), 'a person reads the title');
	});

	test('the hover and the completion documentation of a cited hostile paper render its text, not its links or markup', async () => {
		const api = await shelfApi();
		const key = api.testing.citations.keyOf(paper.id);
		assert.ok(key, 'the hostile paper has a key');
		const note = workspaceUri('hostile', 'note.md');
		await writeText(note, `A claim [@${key}].\n\n@\n`);
		const document = await vscode.workspace.openTextDocument(note);
		await vscode.window.showTextDocument(document);
		const position = new vscode.Position(0, document.lineAt(0).text.indexOf(key) + 2);
		const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', note, position);
		const contents = hovers.flatMap((h) => h.contents).map(markdownOf).filter((v) => v.includes('Zapped'));
		assert.ok(contents.length > 0, 'the hover shows the paper');
		for (const value of contents) {
			assert.deepEqual(foreignTags(value), [], `the hover renders no foreign link or tag: ${renderMarkdown(value)}`);
			assert.ok(!/(^|[^\\])\$\(/.test(value), 'no theme icon syntax');
		}
		for (const hover of hovers) {
			for (const c of hover.contents) {
				if (c instanceof vscode.MarkdownString) {
					assert.ok(!c.supportHtml && !c.supportThemeIcons, 'hovers render no HTML and no theme icons');
					assert.ok(c.isTrusted === undefined || c.isTrusted === false || (typeof c.isTrusted === 'object' && c.isTrusted.enabledCommands.every((id) => id === 'paperShelf.openAbstract')), 'only Open Abstract may run from a hover');
				}
			}
		}
		const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', note, new vscode.Position(2, 1), undefined, 10_000);
		const completion = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === key);
		assert.ok(completion, 'completion offers the hostile paper');
		const documentation = markdownOf(completion.documentation);
		assert.deepEqual(foreignTags(documentation), [], `the completion documentation renders no link or tag: ${renderMarkdown(documentation)}`);
		assert.ok(!BIDI.test(completion.detail ?? '') && !BIDI.test(typeof completion.label === 'string' ? '' : completion.label.description ?? ''), 'no bidi control in the completion detail');
		await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
		await deleteFile(note);
	});

	test('the abstract panel\'s tab title has no bidi control to reorder it', async () => {
		await vscode.commands.executeCommand('paperShelf.openAbstract', paper.id);
		const tab = await waitFor('the panel tab of the hostile paper', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('Zapped')));
		assert.ok(!BIDI.test(tab.label), `no bidi control in the tab title ${JSON.stringify(tab.label)}`);
		assert.ok(tab.label.startsWith('Zapped gnp.exe $(zap) kernels'), `the tab title is readable: ${tab.label}`);
	});
});
