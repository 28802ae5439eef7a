/**
 * The abstract panel's page script (bundled for the browser into dist/webview.js).
 * Every string from a digest is put into the page with `textContent`, never as HTML.
 */
import type { HostMessage, PageMessage, PanelState, PaperRef, PaperView, TextRange } from '../shared/webviewProtocol';

interface VsCodeApi {
	postMessage(message: PageMessage): void;
	setState(state: PanelState): void;
	getState(): PanelState | undefined;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') as HTMLElement;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
	const message = event.data;
	switch (message.type) {
		case 'show':
			render(message.paper, message.focus === true);
			break;
		case 'missing':
			renderMissing(message.id);
			break;
	}
});

document.addEventListener('click', (event) => {
	const target = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
	if (!target) {
		return;
	}
	event.preventDefault();
	const id = target.dataset.id ?? '';
	switch (target.dataset.action) {
		case 'open': vscode.postMessage({ type: 'open', id }); break;
		case 'insertCitation': vscode.postMessage({ type: 'insertCitation', id }); break;
		case 'copyKey': vscode.postMessage({ type: 'copyKey', id }); break;
		case 'copyBibtex': vscode.postMessage({ type: 'copyBibtex', id }); break;
		case 'openLink': vscode.postMessage({ type: 'openLink', url: target.dataset.url ?? '' }); break;
		case 'filterKeyword': vscode.postMessage({ type: 'filterKeyword', keyword: target.dataset.keyword ?? '' }); break;
		case 'toggleStar': vscode.postMessage({ type: 'toggleStar', id }); break;
		case 'addToList': vscode.postMessage({ type: 'addToList', id }); break;
		case 'removeFromList': vscode.postMessage({ type: 'removeFromList', id, list: target.dataset.list ?? '' }); break;
		case 'openNote': vscode.postMessage({ type: 'openNote', id }); break;
	}
});

vscode.postMessage({ type: 'ready' });

// --- rendering

function render(paper: PaperView, focus: boolean): void {
	vscode.setState({ paperId: paper.id });
	const article = el('article', { class: 'paper' });

	const header = el('header');
	header.append(highlighted('h1', paper.title, paper.titleHighlights));
	if (paper.authors.length > 0) {
		header.append(el('p', { class: 'authors' }, paper.authors.join(', ')));
	}
	const facts = el('p', { class: 'facts' });
	for (const fact of [paper.date, paper.topic ? `Topic: ${paper.topic}` : undefined, paper.upvotes !== undefined ? `▲ ${paper.upvotes} upvotes` : undefined, paper.githubStars !== undefined ? `★ ${paper.githubStars} GitHub stars` : undefined, paper.citationKey ? `Key: ${paper.citationKey}` : undefined]) {
		if (fact) {
			facts.append(el('span', { class: 'fact' }, fact));
		}
	}
	header.append(facts);
	article.append(header);

	const actions = el('nav', { class: 'actions', 'aria-label': 'Paper actions' });
	actions.append(
		button('Insert Citation', 'insertCitation', paper.id, 'Insert a citation into the last active editor'),
		button('Copy BibTeX', 'copyBibtex', paper.id),
		button('Copy Key', 'copyKey', paper.id),
	);
	if (paper.starred !== undefined) {
		actions.append(
			button(paper.starred ? '★ Unstar' : '☆ Star', 'toggleStar', paper.id, paper.starred ? 'Remove the star' : 'Star this paper (it goes to the Starred group)'),
			button('Add to List…', 'addToList', paper.id, 'Add this paper to a reading list'),
			...(paper.lists ?? []).map((list) => {
				const b = button(`Remove from “${list}”`, 'removeFromList', paper.id, `Remove this paper from the reading list '${list}'`);
				b.dataset.list = list;
				return b;
			}),
			button(paper.hasNote ? 'Open Note' : 'New Note', 'openNote', paper.id, 'Open the literature note of this paper (created from the template when there is none)'),
		);
	}
	for (const link of paper.links) {
		actions.append(button(link.label, 'openLink', paper.id, link.url, link.url));
	}
	article.append(actions);

	if (paper.aiSummary) {
		const summary = el('p', { class: 'ai-summary' });
		summary.append(el('strong', {}, 'AI summary: '), document.createTextNode(paper.aiSummary));
		article.append(summary);
	}

	article.append(highlighted('p', paper.abstract || 'This digest has no abstract for this paper.', paper.abstractHighlights, 'abstract'));

	if (paper.keywords.length > 0) {
		// Chips: clicking one filters the shelf by that keyword.
		const kw = el('p', { class: 'keywords', 'aria-label': 'Keywords (filter the shelf)' });
		for (const k of paper.keywords) {
			const chip = el('button', { type: 'button', class: 'keyword', 'data-action': 'filterKeyword', title: `Show the papers about '${k}'` }, k);
			chip.dataset.keyword = k;
			kw.append(chip);
		}
		article.append(kw);
	}

	const pager = el('nav', { class: 'pager', 'aria-label': 'Papers in this topic' });
	pager.append(refButton('← Previous', paper.previous), refButton('Next →', paper.next));
	article.append(pager);

	if (paper.related.length > 0) {
		const section = el('section', { class: 'related' });
		section.append(el('h2', {}, 'Related papers'));
		const list = el('ul');
		for (const r of paper.related) {
			const item = el('li');
			item.append(el('a', { href: '#', 'data-action': 'open', 'data-id': r.id }, r.title));
			list.append(item);
		}
		section.append(list);
		article.append(section);
	}
	article.append(el('p', { class: 'source' }, paper.source));

	root.replaceChildren(article);
	window.scrollTo(0, 0);
	if (focus) {
		(article.querySelector('h1') as HTMLElement).focus();
	}
	report(paper);
}

function renderMissing(id: string): void {
	vscode.setState({ paperId: id });
	root.replaceChildren(el('p', { class: 'missing' }, `The paper ${id} is no longer on the shelf.`));
}

/** Tell the host what the paper's part of the page now holds, counted from the live DOM. */
function report(paper: PaperView): void {
	const counts: Record<string, number> = {};
	for (const tag of ['script', 'img', 'iframe', 'style', 'a', 'mark', 'button']) {
		counts[tag] = root.querySelectorAll(tag).length;
	}
	vscode.postMessage({
		type: 'rendered',
		id: paper.id,
		title: root.querySelector('h1')?.textContent ?? '',
		abstractText: root.querySelector('.abstract')?.textContent ?? '',
		elementCounts: counts,
	});
}

// --- DOM helpers: text only, never innerHTML

function el(tag: string, attrs: Record<string, string> = {}, text?: string): HTMLElement {
	const node = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs)) {
		node.setAttribute(k, v);
	}
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

function button(label: string, action: string, id: string, title?: string, url?: string): HTMLElement {
	const b = el('button', { type: 'button', 'data-action': action, 'data-id': id }, label);
	if (title) {
		b.title = title;
	}
	if (url) {
		b.dataset.url = url;
	}
	return b;
}

function refButton(label: string, ref: PaperRef | undefined): HTMLElement {
	const b = el('button', { type: 'button', class: 'secondary' }, label);
	if (ref) {
		b.dataset.action = 'open';
		b.dataset.id = ref.id;
		b.title = ref.title;
	} else {
		b.setAttribute('disabled', '');
	}
	return b;
}

/** A block whose text has `<mark>`s around the given ranges. */
function highlighted(tag: string, text: string, ranges: readonly TextRange[], cls?: string): HTMLElement {
	const node = el(tag, cls ? { class: cls, tabindex: '-1' } : { tabindex: '-1' });
	let at = 0;
	for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
		const start = Math.max(at, Math.min(r.start, text.length));
		const end = Math.max(start, Math.min(r.end, text.length));
		if (end === start) {
			continue;
		}
		node.append(document.createTextNode(text.slice(at, start)), el('mark', {}, text.slice(start, end)));
		at = end;
	}
	node.append(document.createTextNode(text.slice(at)));
	return node;
}
