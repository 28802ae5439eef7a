// @ts-check
/**
 * UI test through the real workbench, the way a user gets the extension: `npm run package` makes the .vsix, which is
 * checked (size, contents), installed into a fresh code-server extensions folder, and driven in headless Chromium on a
 * temp copy of test/fixtures/workspace. Screenshots go to test-results/ui/.
 *
 *   npm run test:ui                  (expects the code-server host and Chromium; npm test's bootstrap installs both)
 *   PAPER_SHELF_UI_SKIP_PACKAGE=1    reuse the existing paper-shelf-<version>.vsix
 *   PAPER_SHELF_UI_UPDATE_SCREENSHOTS=1  also copy the README's shots (hero-light, hero-dark, search, citation, fetch-new, references-view) to
 *                                    media/screenshots/ (committed for the README; .vscodeignore keeps them out of the .vsix)
 *   --web                            the same pass with the extension in code-server's web worker extension host (its
 *                                    browser build, forced there by the user setting `remote.extensionKind`), as on
 *                                    vscode.dev; screenshots go to test-results/ui-web/ (the README's: web-host.png)
 *
 * Each check is a named step in `steps` below; add steps there and helpers in ./workbench.js. The run stops at the
 * first failing step (later ones are reported as not run), and ends with `N passed, M failed`. Steps share what they
 * chose (a topic, a paper) through `ctx.state`, so they run in order: tree → panel → search → filter → reload →
 * citation → dark and high-contrast themes → hostile file names and titles.
 */
const fs = require('node:fs');
const path = require('node:path');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const host = require('../host/codeServer');
const wb = require('./workbench');

/** --web: run the pass in the web worker extension host. */
const web = process.argv.includes('--web');
const manifest = JSON.parse(fs.readFileSync(path.join(host.repoRoot, 'package.json'), 'utf8'));
const vsixPath = path.join(host.repoRoot, `${manifest.name}-${manifest.version}.vsix`);
/** The .vsix ships two builds since the web build (Node and browser, about 60 KB compressed each): issue 16 caps it at 400 KB. */
const maxVsixBytes = 400 * 1024;
/** What the .vsix may hold besides vsce's own two files: bundles (no maps), media (not the README's screenshots), the manifest and the docs. */
const shippedFile = /^extension\/(dist\/(?!.*\.map$).+|media\/(?!screenshots\/).+|package\.json|readme\.md|changelog\.md|license(\.md|\.txt)?)$/i;
/** Editor settings for tidier screenshots: no minimap, long lines (BibTeX entries) wrapped. */
const screenshotSettings = { 'editor.minimap.enabled': false, 'editor.wordWrap': 'on' };
/** The README's screenshots: committed, never packaged. */
const screenshotsDir = path.join('media', 'screenshots');

/**
 * @typedef {object} UiContext
 * @property {import('playwright-core').Page} page
 * @property {string} url          the workbench URL on the fixture workspace
 * @property {string} workspace    the fixture copy's path
 * @property {{ topic: string, paper: string, searched: string, restoredTabs: string[], citedKey?: string }} state  what earlier steps chose or saw
 */

/** @type {[string, (ctx: UiContext) => Promise<void>][]} */
const steps = [
	['The workbench loads on the fixture workspace', async ({ page, url }) => {
		await wb.openWorkbench(page, url);
		await wb.screenshot(page, '01-workbench');
	}],
	['The activity bar has a Paper Shelf entry', async ({ page }) => {
		await wb.activityBarEntry(page).waitFor({ timeout: 20_000 });
	}],
	['The Papers view shows tree items', async ({ page }) => {
		await wb.openPaperShelfView(page);
		const items = wb.treeItems(page);
		try {
			await items.first().waitFor({ timeout: 20_000 });
		} finally {
			await wb.screenshot(page, '02-papers-view');
		}
		const labels = await items.allInnerTexts();
		console.log(`      ${labels.length} tree items shown, first: ${JSON.stringify(labels.slice(0, 3).map((l) => l.split('\n')[0]))}`);
	}],
	['Expanding the Quantization topic (or the first) shows as many papers as its count says', async ({ page, state }) => {
		const pane = wb.viewPane(page);
		const topics = pane.locator('[role="treeitem"][aria-level="1"]');
		await topics.first().waitFor({ timeout: 10_000 });
		const wanted = topics.filter({ has: page.locator('.label-name', { hasText: /^Quantization/ }) });
		const topic = (await wanted.count()) > 0 ? wanted.first() : topics.first();
		state.topic = await wb.labelOf(topic);
		const count = Number((await topic.locator('.label-description').innerText()).trim());
		await wb.expandTreeItem(topic);
		const children = pane.locator('[role="treeitem"][aria-level="2"]');
		await children.first().waitFor({ timeout: 10_000 });
		const papers = children.and(page.locator(':not([aria-expanded])'));
		const shown = await papers.count();
		await wb.setSideBarWidth(page, 440); // room for the papers' titles in the README shots
		await wb.screenshot(page, '03-topic-expanded');
		console.log(`      topic ${JSON.stringify(state.topic)} (${count}): ${shown} papers, first ${JSON.stringify(await wb.labelOf(papers.first()))}`);
		assert.ok(shown > 0, `topic ${state.topic} expanded to no paper items`);
		if ((await children.count()) === shown) assert.equal(shown, count, `topic ${state.topic} says ${count} papers but shows ${shown}`);
	}],
	['Clicking a paper opens its abstract panel with the same title and a non-empty abstract', async ({ page, state }) => {
		const paper = wb.viewPane(page).locator('[role="treeitem"][aria-level="2"]:not([aria-expanded])').first();
		state.paper = await wb.labelOf(paper);
		await paper.click();
		const frame = wb.webviewFrame(page);
		await expectHeading(frame, state.paper);
		const abstract = (await frame.locator('.abstract').innerText()).trim();
		assert.ok(abstract.length > 0, 'the abstract is empty');
		assert.notEqual(abstract, 'This digest has no abstract for this paper.');
		await expectTab(page, state.paper);
		await expectReadable(frame, 4.5);
		await wb.screenshot(page, '04-hero-light');
	}],
	...(web ? [/** @type {[string, (ctx: UiContext) => Promise<void>]} */ (['Developer: Show Running Extensions lists Paper Shelf in the web worker extension host (shown beside the panel)', async ({ page, state }) => {
		await wb.runPaletteCommand(page, 'Developer: Show Running Extensions');
		const row = page.locator('.monaco-list-row', { hasText: manifest.displayName }).first();
		await row.waitFor({ timeout: 15_000 });
		const text = (await row.innerText()).replace(/\s+/g, ' ');
		console.log(`      ${JSON.stringify(text)}`);
		assert.match(text, /web worker/, 'Paper Shelf is not running in the web worker extension host');
		// The README's web-host.png: the shelf, the abstract panel and, beside it, where the extension runs.
		await wb.runPaletteCommand(page, 'View: Move Editor into Right Group');
		await row.waitFor({ timeout: 10_000 });
		await wb.setSideBarWidth(page, 330);
		await expectHeading(wb.webviewFrame(page), state.paper); // the panel draws again after the layout change
		await wb.screenshot(page, 'web-host');
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
	}])] : []),
	['Search Papers finds "quantiz" as you type and opens the pick with its matches marked', async ({ page, state }) => {
		const input = await searchPapers(page, 'quantiz', true);
		const hit = wb.quickPickRows(page).filter({ has: page.locator('.label-name', { hasText: 'Quantization' }) });
		await hit.first().waitFor({ timeout: 10_000 });
		const focused = wb.focusedQuickPickRow(page);
		await focused.waitFor({ timeout: 5_000 });
		state.searched = await wb.labelOf(focused);
		console.log(`      ${await wb.quickPickRows(page).count()} rows drawn, Enter opens ${JSON.stringify(state.searched)}`);
		await wb.screenshot(page, '05-search');
		await input.press('Enter');
		const frame = wb.webviewFrame(page);
		await expectHeading(frame, state.searched);
		await expectMarks(frame, /quantiz/i);
		await expectTab(page, state.searched);
		await expectReadable(frame, 4.5);
	}],
	['Filter Papers "spiking" says in the view how many of the 71 papers match, and Clear Filter removes it', async ({ page }) => {
		await wb.runPaletteCommand(page, 'Paper Shelf: Filter Papers…');
		const input = await wb.waitForQuickInput(page, /^e\.g\. quantization$/);
		await input.fill('spiking');
		await input.press('Enter');
		const pane = wb.viewPane(page);
		const message = pane.locator('.message');
		let matching = -1;
		await wb.waitUntil(async () => {
			const m = (await message.innerText()).trim().match(/^(\d+) of 71 papers match 'spiking'$/);
			matching = m ? Number(m[1]) : -1;
			return m !== null;
		}, 10_000, async () => `the view's message is ${JSON.stringify(await message.innerText().catch(() => '(none)'))}`);
		assert.ok(matching > 0 && matching < 71, `${matching} of 71 papers match 'spiking'`);
		const groups = pane.locator('[role="treeitem"][aria-level="1"]');
		await groups.first().waitFor({ timeout: 5_000 });
		const counts = (await groups.locator('.label-description').allInnerTexts()).map(Number);
		console.log(`      message: ${JSON.stringify(await message.innerText())}; groups ${JSON.stringify(await groups.locator('.label-name').allInnerTexts())} counts ${JSON.stringify(counts)}`);
		assert.equal(counts.reduce((a, b) => a + b, 0), matching, 'the filtered groups\' counts do not add up to the message\'s number');
		await wb.screenshot(page, '06-filter');
		await wb.runPaletteCommand(page, 'Paper Shelf: Clear Filter');
		await wb.waitUntil(async () => !(await message.isVisible()) || (await message.innerText()).trim() === '', 10_000, async () => `after Clear Filter the message still says ${JSON.stringify(await message.innerText())}`);
	}],
	['After Developer: Reload Window the panel comes back showing the same paper', async ({ page, state }) => {
		// Not page.reload(): the web workbench saves open editors and webview state to IndexedDB on its own shutdown
		// path (or some seconds later), so a bare page reload restores no editor at all. Reload Window is what a user
		// runs, and it goes through that shutdown.
		const loaded = page.waitForEvent('load', { timeout: 30_000 });
		await wb.runPaletteCommand(page, 'Developer: Reload Window');
		await loaded;
		await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
		await expectHeading(wb.webviewFrame(page), state.searched, 30_000);
		// The page has rendered the paper, so the library is loaded: its tab title is checked in the last step (so that
		// a wrong title does not stop the steps after this one).
		state.restoredTabs = await wb.editorTabTitles(page);
		console.log(`      tabs after the reload: ${JSON.stringify(state.restoredTabs)}`);
		await wb.screenshot(page, '07-reloaded');
	}],
	['Insert Citation puts [@key] into notes.md and writes the entry to references.bib', async ({ page, workspace, state }) => {
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
		await page.keyboard.press('Control+P');
		const input = await wb.waitForQuickInput(page, /Search files by name/);
		await input.fill('notes.md');
		const rows = wb.quickPickRows(page).filter({ has: page.locator('.label-name', { hasText: /^notes\.md$/ }) });
		await rows.first().waitFor({ timeout: 10_000 });
		let row = rows.first();
		for (const candidate of await rows.all()) {
			const description = candidate.locator('.label-description');
			const where = (await description.count()) > 0 ? await description.innerText() : '';
			if (!/cite/.test(where)) {
				row = candidate;
				break;
			}
		}
		await row.click();
		const editor = page.locator('.part.editor .editor-instance .monaco-editor').filter({ has: page.locator('.view-lines', { hasText: 'Reading notes' }) }).first();
		const lines = editor.locator('.view-lines');
		await lines.waitFor({ timeout: 10_000 });
		await lines.click();
		await page.keyboard.press('Control+End');
		await wb.runPaletteCommand(page, 'Paper Shelf: Insert Citation…');
		await wb.waitForQuickInput(page, /^Search \d+ papers .*tick one or several$/);
		const focused = wb.focusedQuickPickRow(page);
		await focused.waitFor({ timeout: 10_000 });
		const cited = await wb.labelOf(focused);
		await wb.quickInputBox(page).press('Enter');
		/** @type {string} */
		let key = '';
		await wb.waitUntil(async () => {
			const m = (await lines.innerText()).replace(/\u00a0/g, ' ').match(/\[@([^\]\s;]+)\]/);
			key = m ? m[1] : '';
			return key !== '';
		}, 10_000, async () => `no [@key] in the editor after citing ${JSON.stringify(cited)}; its text: ${JSON.stringify((await lines.innerText()).slice(-300))}`);
		const status = page.locator('.part.statusbar .statusbar-item', { hasText: 'Cited' }).first();
		await status.waitFor({ timeout: 5_000 }).catch(() => undefined);
		const said = (await status.count()) > 0 ? `${JSON.stringify(await status.innerText())} (${(await status.boundingBox())?.width.toFixed(0)} px wide, aria-label ${JSON.stringify(await status.getAttribute('aria-label'))})` : '(no Cited message)';
		console.log(`      cited ${JSON.stringify(cited)} as [@${key}]; status bar: ${said}`);
		state.citedKey = key;
		const bib = path.join(workspace, 'references.bib');
		await wb.waitUntil(async () => fs.existsSync(bib) && fs.readFileSync(bib, 'utf8').includes(`{${key},`), 10_000, () => (fs.existsSync(bib) ? `references.bib has no entry ${key}:\n${fs.readFileSync(bib, 'utf8').slice(0, 400)}` : 'references.bib was not written'));
		await wb.runPaletteCommand(page, 'File: Save');
		await wb.runPaletteCommand(page, 'View: Show Explorer');
		const bibItem = page.locator('.part.sidebar .explorer-folders-view [role="treeitem"]', { hasText: 'references.bib' });
		await bibItem.waitFor({ timeout: 10_000 });
		// Open the bibliography beside the note (Alt+click in the Explorer opens to the side) and see the entry there.
		// (Quick Open does not find it yet: its file index predates the file.)
		await bibItem.click({ modifiers: ['Alt'] });
		await page.locator('.part.editor .editor-instance .view-lines', { hasText: `{${key},` }).first().waitFor({ timeout: 10_000 });
		assert.ok(!(await page.locator('.part.editor .tab.dirty', { hasText: 'notes.md' }).count()), 'notes.md is still unsaved after File: Save');
		await wb.setSideBarWidth(page, 260); // the Explorer needs less room than the papers' titles; the two editors more
		await wb.screenshot(page, '08-citation');
	}],
	['Dragging a paper from the Papers view into a note cites it by default and writes its entry to the note\'s bibliography', async ({ page, workspace }) => {
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
		await wb.openFileByName(page, 'dragged.md');
		const editor = page.locator('.part.editor .editor-instance .monaco-editor').filter({ has: page.locator('.view-lines', { hasText: 'Dragged notes' }) }).first();
		const lines = editor.locator('.view-lines');
		await lines.waitFor({ timeout: 10_000 });
		const pane = await wb.openPaperShelfView(page);
		let paper = pane.locator('[role="treeitem"][aria-level="2"]:not([aria-expanded])').first();
		if ((await paper.count()) === 0) {
			await wb.expandTreeItem(pane.locator('[role="treeitem"][aria-level="1"]').first());
		}
		paper = pane.locator('[role="treeitem"][aria-level="2"]:not([aria-expanded])').first();
		await paper.waitFor({ timeout: 10_000 });
		const dragged = await wb.labelOf(paper);
		const target = lines.locator('.view-line', { hasText: 'DROP-HERE' }).first();
		const box = await target.boundingBox();
		if (!box) throw new Error('the DROP-HERE line is not shown');
		// No Shift: a drag from the Papers view goes into the text, and Paper Shelf's edit must be the one applied.
		await paper.dragTo(target, { targetPosition: { x: Math.max(box.width * 0.7, box.width - 60), y: box.height / 2 } });
		/** @type {string} */
		let key = '';
		await wb.waitUntil(async () => {
			const m = (await lines.innerText()).replace(/\u00a0/g, ' ').match(/DROP-HERE\s*\[@([^\]\s;]+)\]/);
			key = m ? m[1] : '';
			return key !== '';
		}, 15_000, async () => `no [@key] after DROP-HERE once ${JSON.stringify(dragged)} was dropped; the note: ${JSON.stringify((await lines.innerText()).slice(-300))}`);
		const bib = path.join(workspace, 'drag', 'dragged.bib');
		await wb.waitUntil(async () => fs.existsSync(bib) && fs.readFileSync(bib, 'utf8').includes(`{${key},`), 10_000, () => (fs.existsSync(bib) ? `dragged.bib has no entry ${key}:\n${fs.readFileSync(bib, 'utf8').slice(0, 400)}` : 'dragged.bib was not written: the drop was not Paper Shelf\'s'));
		console.log(`      dropped ${JSON.stringify(dragged)} as [@${key}], and dragged.bib has its entry`);
		await wb.screenshot(page, '08b-dragged');
		await wb.runPaletteCommand(page, 'File: Save');
	}],
	['The References view lists a note\'s keys in order of first use, with titles and where each resolves', async ({ page, workspace, state }) => {
		assert.ok(state.citedKey, 'the citation step cited a paper');
		// A note with a bibliography of its own: a hand-written entry, a shelf key it has no entry for, a key that
		// resolves nowhere, and (below) a paper cited with Insert Citation, whose entry goes into demo.bib.
		fs.writeFileSync(path.join(workspace, 'demo.bib'), '@book{knuth1984texbook,\n  title = {The {\\TeX}book},\n  author = {Knuth, Donald E.},\n  year = {1984}\n}\n');
		fs.writeFileSync(path.join(workspace, 'chapter.md'), `---\ntitle: Related work\nbibliography: demo.bib\n---\n\n# Related work\n\nTypesetting follows [@knuth1984texbook]. Earlier work [@${state.citedKey}] and [@smith2019unknown] looked at schedulers.\n\nSince then, `);
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
		await wb.openFileByName(page, 'chapter.md');
		const lines = page.locator('.part.editor .editor-instance .view-lines', { hasText: 'Related work' }).first();
		await lines.waitFor({ timeout: 10_000 });
		await lines.click();
		await page.keyboard.press('Control+End');
		await wb.runPaletteCommand(page, 'Paper Shelf: Insert Citation…');
		await wb.waitForQuickInput(page, /^Search \d+ papers .*tick one or several$/);
		// The second paper: the first may be the one the citation step cited, which demo.bib is meant to lack.
		await wb.quickInputBox(page).press('ArrowDown');
		await wb.quickInputBox(page).press('Enter');
		await wb.waitUntil(async () => /Since then,\s*\[@[^\]]+\]/.test((await lines.innerText()).replace(/\u00a0/g, ' ')), 10_000, async () => `no citation after 'Since then': ${JSON.stringify((await lines.innerText()).slice(-200))}`);
		await wb.runPaletteCommand(page, 'File: Save');
		// The Papers view gives the References view the room for the shot, and takes it back afterwards.
		await wb.openPaperShelfView(page);
		await wb.setSideBarWidth(page, 520);
		const papersHeader = wb.viewPane(page).locator('.pane-header');
		if ((await papersHeader.getAttribute('aria-expanded')) === 'true') await papersHeader.click();
		const pane = await wb.openPaperShelfView(page, { view: 'References in this Note' });
		const rows = pane.getByRole('treeitem');
		await wb.waitUntil(async () => (await rows.count()) === 4, 10_000, async () => `the References view shows ${JSON.stringify(await rows.allInnerTexts())}`);
		const texts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
		console.log(`      references: ${JSON.stringify(texts)}`);
		assert.match(texts[0], /knuth1984texbook.*demo\.bib, line 1/);
		assert.match(texts[1], new RegExp(`${state.citedKey}.*on the shelf`));
		assert.match(texts[2], /smith2019unknown.*resolves nowhere/);
		assert.match(texts[3], /demo\.bib, line \d+/);
		// A click selects the citation in the note.
		await rows.nth(2).click();
		await wb.waitUntil(async () => (await page.locator('.part.statusbar').innerText()).includes('(16 selected)'), 10_000, async () => `the status bar says ${JSON.stringify(await page.locator('.part.statusbar').innerText())}`);
		await page.locator('.part.statusbar .statusbar-item', { hasText: 'Cited' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
		await wb.screenshot(page, '08c-references-view');
		const referencesHeader = pane.locator('.pane-header');
		if ((await referencesHeader.getAttribute('aria-expanded')) === 'true') await referencesHeader.click();
		if ((await papersHeader.getAttribute('aria-expanded')) === 'false') await papersHeader.click();
	}],
	['In Default Dark Modern the hero layout is drawn again and the panel text stays readable', async ({ page, state }) => {
		await wb.setColorTheme(page, 'Default Dark Modern', 'vs-dark');
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
		await wb.openPaperShelfView(page);
		await wb.setSideBarWidth(page, 440);
		const topic = wb.viewPane(page).locator('[role="treeitem"][aria-level="1"]').filter({ has: page.locator('.label-name', { hasText: state.topic }) }).first();
		await wb.expandTreeItem(topic);
		const paper = wb.viewPane(page).locator('[role="treeitem"][aria-level="2"]').filter({ has: page.locator('.label-name', { hasText: state.paper }) }).first();
		await paper.click();
		const frame = wb.webviewFrame(page);
		await expectHeading(frame, state.paper);
		await expectReadable(frame, 4.5);
		// Let the citation's status bar message time out: it is no part of this shot.
		await page.locator('.part.statusbar .statusbar-item', { hasText: 'Cited' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
		await wb.screenshot(page, '09-hero-dark');
	}],
	['In Default High Contrast the panel text has at least 7:1 contrast and search matches stay visible', async ({ page, state }) => {
		await wb.setColorTheme(page, 'Default High Contrast', 'hc-black');
		const frame = wb.webviewFrame(page);
		await expectHeading(frame, state.paper);
		await wb.waitUntil(async () => (await wb.contrastOf(frame.locator('.abstract'))).background === 'rgb(0, 0, 0)', 10_000, async () => `the panel did not take the high-contrast colors: ${JSON.stringify(await wb.contrastOf(frame.locator('.abstract')))}`);
		await expectReadable(frame, 7);
		// The same search as before, so the panel has <mark>s: high contrast draws them with an outline.
		const input = await searchPapers(page, 'quantiz', false);
		const focused = wb.focusedQuickPickRow(page);
		await wb.waitUntil(async () => (await wb.labelOf(focused)) === state.searched, 10_000, async () => `searching 'quantiz' again focuses ${JSON.stringify(await wb.labelOf(focused).catch(() => '(nothing)'))}, not ${JSON.stringify(state.searched)}`);
		await input.press('Enter');
		await expectHeading(frame, state.searched);
		await expectMarks(frame, /quantiz/i);
		await expectReadable(frame, 7);
		await wb.screenshot(page, '10-panel-high-contrast');
	}],
	['The panel restored by the reload had its paper\'s title on its tab', async ({ state }) => {
		const expected = panelTitle(state.searched);
		assert.ok(state.restoredTabs.includes(expected), `after the reload the panel showing ${JSON.stringify(state.searched)} has the tabs ${JSON.stringify(state.restoredTabs)}, not ${JSON.stringify(expected)}`);
	}],
	['A bibliography named like a command link fails to parse with a toast that shows its name as text, not as a link', async ({ page, workspace }) => {
		// The attack of issue 9: one click on such a link ran a shell command in the terminal.
		const name = '[Fix the bibliography](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D).bib';
		const folder = path.join(workspace, 'hostile');
		fs.mkdirSync(folder, { recursive: true });
		const bib = path.join(folder, name);
		const broken = '@article{broken2020,\n  title = {Never closed\n';
		fs.writeFileSync(bib, broken);
		const note = path.join(folder, 'hostile-note.md');
		fs.writeFileSync(note, `---\nbibliography: '${name}'\n---\n\nCite here: \n`);
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
		await wb.runPaletteCommand(page, 'Notifications: Clear All Notifications');
		await page.keyboard.press('Control+P');
		const input = await wb.waitForQuickInput(page, /Search files by name/);
		await input.fill(note);
		await wb.quickPickRows(page).filter({ hasText: 'hostile-note.md' }).first().waitFor({ timeout: 10_000 });
		await input.press('Enter');
		const lines = page.locator('.part.editor .editor-instance .view-lines', { hasText: 'Cite here' }).first();
		await lines.waitFor({ timeout: 10_000 });
		await lines.click();
		await page.keyboard.press('Control+End');
		await wb.runPaletteCommand(page, 'Paper Shelf: Insert Citation…');
		await wb.waitForQuickInput(page, /^Search \d+ papers .*tick one or several$/);
		await wb.focusedQuickPickRow(page).waitFor({ timeout: 10_000 });
		await wb.quickInputBox(page).press('Enter');
		const toast = wb.notificationMessages(page).filter({ hasText: 'Fix the bibliography' }).first();
		try {
			await toast.waitFor({ timeout: 15_000 });
			await page.waitForTimeout(800); // the toast slides in: let the screenshot show it whole
		} finally {
			await wb.screenshot(page, '11-hostile-bibliography-toast');
		}
		const shown = (await toast.innerText()).replace(/\u2060/g, '');
		console.log(`      toast: ${JSON.stringify(shown)}`);
		assert.ok(shown.includes(`${name}:`), `the toast names the bibliography as it is called: ${JSON.stringify(shown)}`);
		assert.match(shown, /left untouched/);
		const links = await toast.locator('a, .monaco-link').evaluateAll((els) => els.map((e) => `${e.textContent} → ${e.getAttribute('href') ?? e.getAttribute('data-href') ?? e.getAttribute('title')}`));
		assert.deepEqual(links, [], 'the toast has no link');
		assert.equal(fs.readFileSync(bib, 'utf8'), broken, 'the unparseable bibliography is left byte-identical');
		await wb.runPaletteCommand(page, 'Notifications: Clear All Notifications');
		await wb.runPaletteCommand(page, 'File: Revert File');
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
	}],
	['A digest title with $(zap) shows it literally in Search Papers, not as an icon', async ({ page, workspace }) => {
		const digest = path.join(workspace, 'hostile', 'zap.digest.md');
		const title = 'Zapping $(zap) Kernels for Tiny GPUs, $(gear) 3× Faster';
		fs.writeFileSync(digest, `## ${title}\n\nAn abstract about zapping kernels on tiny GPUs, see https://evil.example/zap for the code, long enough to read as one.\n`);
		await wb.runPaletteCommand(page, 'Paper Shelf: Search Papers…');
		const input = await wb.waitForQuickInput(page, /^Search \d+ papers|^No digests/);
		const row = wb.quickPickRows(page).filter({ hasText: 'Zapping' }).first();
		// The watcher puts the new digest on the shelf within a moment: type the query again until it is found.
		await wb.waitUntil(async () => {
			await input.fill('');
			await input.fill('zapping');
			return row.waitFor({ timeout: 1_500 }).then(() => true, () => false);
		}, 20_000, async () => `no row for the new digest's paper; rows: ${JSON.stringify(await wb.quickPickRows(page).allInnerTexts())}`);
		await wb.screenshot(page, '12-hostile-search');
		const label = (await wb.labelOf(row)).replace(/\u2060/g, '');
		const detail = (await row.innerText()).replace(/\u2060/g, '');
		console.log(`      row: ${JSON.stringify(label)}; ${await row.locator('.codicon').count()} codicons in the row`);
		assert.equal(label, title, 'the label shows the title literally');
		assert.equal(await row.locator('.label-name .codicon, .label-description .codicon, .quick-input-list-detail .codicon').count(), 0, 'no icon is drawn from the title or abstract');
		assert.ok(detail.includes('https://evil.example/zap'), 'the abstract shows the URL as text');
		// A link is an anchor with an href or a .monaco-link (the label and detail are `a.label-name`s without one; the
		// item buttons, Insert Citation and Copy Citation Key, are anchors in the row's action bar).
		const links = await row.locator('a[href], .monaco-link').evaluateAll((els) => els.filter((e) => !e.closest('.actions-container')).map((e) => e.outerHTML.slice(0, 200)));
		assert.deepEqual(links, [], 'the row has no link');
		await input.press('Escape');
		fs.rmSync(path.join(workspace, 'hostile'), { recursive: true, force: true });
	}],
	['Fetch Daily Papers gets a day from a local server: the badge counts the new papers, they are marked, sorting by upvotes ranks them, opening one drops the count, a keyword chip filters the shelf', async ({ page }) => {
		await wb.setColorTheme(page, 'Default Light Modern', 'vs');
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
		await wb.runPaletteCommand(page, 'Notifications: Clear All Notifications');
		const pane = await wb.openPaperShelfView(page);
		await wb.runPaletteCommand(page, 'Paper Shelf: Fetch Daily Papers…');
		await wb.waitForQuickInput(page, /Which day, week or month/);
		await wb.quickPickRows(page).filter({ hasText: 'A Date…' }).first().click();
		const day = await wb.waitForQuickInput(page, /YYYY-MM-DD|\d{4}-\d{2}-\d{2}/).catch(() => wb.quickInputBox(page));
		await day.fill('2026-08-21');
		await day.press('Enter');
		const badge = wb.activityBarEntry(page).locator('.badge-content');
		await wb.waitUntil(async () => (await badge.count()) > 0 && (await badge.innerText()).trim() === '17', 30_000, async () => `the activity bar badge reads ${JSON.stringify(await badge.innerText().catch(() => '(none)'))}, not 17`);
		const fetched = wb.notificationMessages(page).filter({ hasText: 'Fetched 17 papers' }).first();
		await fetched.waitFor({ timeout: 10_000 });
		console.log(`      toast: ${JSON.stringify(await fetched.innerText())}`);
		await wb.runPaletteCommand(page, 'Paper Shelf: Sort Papers By…');
		await wb.waitForQuickInput(page, /./).catch(() => undefined);
		await wb.quickPickRows(page).filter({ hasText: 'Upvotes' }).first().click();
		const newGroup = pane.locator('[role="treeitem"][aria-level="1"]').filter({ has: page.locator('.label-name', { hasText: /^New$/ }) }).first();
		await newGroup.waitFor({ timeout: 10_000 });
		if ((await newGroup.getAttribute('aria-expanded')) !== 'true') await wb.expandTreeItem(newGroup);
		const marked = pane.locator('[role="treeitem"][aria-level="2"]');
		await marked.first().waitFor({ timeout: 10_000 });
		const labels = await marked.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
		console.log(`      ${labels.length} rows under New, first: ${JSON.stringify(labels[0])}`);
		assert.ok(labels.length >= 10 && labels.every((l) => l.startsWith('new, ')), `the New group's rows say "new": ${JSON.stringify(labels.slice(0, 3))}`);
		assert.match(await marked.first().locator('.label-description').innerText(), /^● .*▲ 163$/, 'the most upvoted first, with the quiet dot');
		await wb.setSideBarWidth(page, 440);
		await wb.runPaletteCommand(page, 'Notifications: Clear All Notifications');
		await wb.screenshot(page, '13-fetch-new');
		const first = marked.first();
		const title = await wb.labelOf(first);
		await first.click();
		const frame = wb.webviewFrame(page);
		await expectHeading(frame, title);
		await wb.waitUntil(async () => (await badge.innerText().catch(() => '')).trim() === '16', 10_000, async () => `after opening a paper the badge reads ${JSON.stringify(await badge.innerText().catch(() => '(none)'))}, not 16`);
		const summary = (await frame.locator('.ai-summary').innerText()).trim();
		assert.match(summary, /^AI summary: \S/, 'the panel shows the AI summary');
		assert.ok(await frame.locator('.fact', { hasText: /★ \d+ GitHub stars/ }).count(), 'the panel shows the GitHub stars');
		const chip = frame.locator('button.keyword').first();
		const keyword = (await chip.innerText()).trim();
		await chip.click();
		const message = pane.locator('.message');
		await wb.waitUntil(async () => new RegExp(`^\\d+ of \\d+ papers match '${keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'$`).test((await message.innerText().catch(() => '')).trim()), 10_000, async () => `after clicking the chip ${JSON.stringify(keyword)} the view's message is ${JSON.stringify(await message.innerText().catch(() => '(none)'))}`);
		console.log(`      panel: ${JSON.stringify(summary.slice(0, 80))}…; chip ${JSON.stringify(keyword)} → ${JSON.stringify(await message.innerText())}`);
		await wb.screenshot(page, '14-fetch-panel');
		await wb.runPaletteCommand(page, 'Paper Shelf: Clear Filter');
	}],
	['Skimming with the keyboard: ↓ moves the abstract along while the tree keeps the focus; Ctrl+Alt+S stars, Ctrl+Alt+N opens a note; the panel adds it to a reading list and removes it', async ({ page, workspace }) => {
		await wb.runPaletteCommand(page, 'View: Close All Editor Groups');
		await wb.runPaletteCommand(page, 'Paper Shelf: Mark All Papers as Seen');
		await wb.setColorTheme(page, 'Default Light Modern', 'vs');
		const pane = await wb.openPaperShelfView(page);
		await wb.setSideBarWidth(page, 440);
		const papers = pane.locator('[role="treeitem"][aria-level="2"]:not([aria-expanded])');
		if ((await papers.count()) === 0) await wb.expandTreeItem(pane.locator('[role="treeitem"][aria-level="1"]').first());
		await papers.first().click();
		const frame = wb.webviewFrame(page);
		await expectHeading(frame, await wb.labelOf(papers.first()));
		const focusInTree = async () => (await page.locator('.part.sidebar :focus').count()) > 0;
		const seen = [await wb.labelOf(papers.first())];
		for (let i = 0; i < 2; i++) {
			await page.keyboard.press('ArrowDown');
			// The row that is both focused and selected: ↓ moves the selection (and so the panel), not only the focus.
			const current = pane.locator('[role="treeitem"][aria-selected="true"].focused');
			let label = '';
			await wb.waitUntil(async () => (await current.count()) === 1 && (label = await wb.labelOf(current)) !== seen[seen.length - 1], 10_000,
				async () => `after ↓ the selected row is still ${JSON.stringify(seen[seen.length - 1])}`);
			await expectHeading(frame, label);
			assert.ok(await focusInTree(), `after ↓ to ${JSON.stringify(label)} the focus left the tree`);
			seen.push(label);
		}
		console.log(`      skimmed ${JSON.stringify(seen)} with the focus in the tree`);
		await page.keyboard.press('Control+Alt+S');
		const starred = pane.locator('[role="treeitem"][aria-level="1"]', { has: page.locator('.label-name', { hasText: /^Starred$/ }) });
		await starred.waitFor({ timeout: 10_000 });
		assert.ok(await focusInTree(), 'starring took the focus out of the tree');
		const library = path.join(workspace, 'papers', 'library.json');
		await wb.waitUntil(async () => fs.existsSync(library), 10_000, async () => 'papers/library.json was not written');
		await page.keyboard.press('Control+Alt+N');
		const noteTab = page.locator('.part.editor .tab', { hasText: /\.md$/ }).first();
		await noteTab.waitFor({ timeout: 10_000 });
		const notes = fs.readdirSync(path.join(workspace, 'notes', 'papers'));
		assert.equal(notes.length, 1, `one note: ${JSON.stringify(notes)}`);
		await wb.expandTreeItem(starred);
		await page.locator('.part.editor .editor-instance .view-lines', { hasText: 'bibliography' }).first().waitFor({ timeout: 10_000 });
		await expectHeading(frame, seen[2]);
		await wb.screenshot(page, '15-starred-note');
		// The panel's Add to List… and Remove from <list> buttons, clicked in the real webview.
		const listed = () => /** @type {{ lists?: Record<string, string[]> }} */ (JSON.parse(fs.readFileSync(library, 'utf8'))).lists?.['to read'] ?? [];
		await frame.locator('button', { hasText: 'Add to List…' }).click();
		const input = wb.quickInputBox(page);
		await input.waitFor({ timeout: 10_000 });
		if ((await wb.quickPickRows(page).count()) > 0) {
			await input.fill('New Reading List');
			await input.press('Enter');
		}
		await wb.waitUntil(async () => /Name the list/.test(await page.locator('.quick-input-widget').innerText()), 10_000, async () => `no 'New Reading List' input: ${JSON.stringify(await page.locator('.quick-input-widget').innerText().catch(() => ''))}`);
		await input.fill('to read');
		await input.press('Enter');
		await wb.waitUntil(async () => listed().length === 1, 10_000, () => `library.json has no 'to read' list of one paper:\n${fs.readFileSync(library, 'utf8').slice(0, 600)}`);
		const remove = frame.locator('button', { hasText: 'Remove from “to read”' });
		await remove.waitFor({ timeout: 10_000 });
		await wb.screenshot(page, '16-panel-in-a-list');
		await remove.click();
		await wb.waitUntil(async () => listed().length === 0, 10_000, () => `the paper is still in 'to read':\n${fs.readFileSync(library, 'utf8').slice(0, 600)}`);
		await remove.waitFor({ state: 'detached', timeout: 10_000 });
		console.log('      the panel added the paper to "to read" and removed it again');
	}],
];

/**
 * Waits until the panel's h1 reads `title`.
 * @param {import('playwright-core').FrameLocator} frame
 * @param {string} title
 * @param {number} [timeoutMs]
 */
async function expectHeading(frame, title, timeoutMs = 15_000) {
	const h1 = frame.locator('h1');
	await wb.waitUntil(async () => (await h1.innerText({ timeout: 1_000 })).trim() === title, timeoutMs, async () => `the panel's h1 is ${JSON.stringify(await h1.innerText({ timeout: 1_000 }).catch(() => '(no h1)'))}, expected ${JSON.stringify(title)}`);
}

/**
 * The abstract panel's tab title for a paper title: cut to 47 characters and "…" when longer than 48.
 * @param {string} title
 */
function panelTitle(title) {
	return title.length > 48 ? `${title.slice(0, 47).trimEnd()}…` : title;
}

/**
 * Waits until an editor tab shows the panel title for a paper title (cut to 47 characters and "…" when longer than 48).
 * @param {import('playwright-core').Page} page
 * @param {string} title
 * @param {number} [timeoutMs]
 */
async function expectTab(page, title, timeoutMs = 10_000) {
	const expected = panelTitle(title);
	await wb.waitUntil(async () => (await wb.editorTabTitles(page)).includes(expected), timeoutMs, async () => `no editor tab ${JSON.stringify(expected)}; tabs: ${JSON.stringify(await wb.editorTabTitles(page))}`);
}

/**
 * Runs Search Papers and enters `query`, then waits until the list shows the search's results: a paper the list
 * before typing (recently opened papers) did not have. Until the extension's results arrive, VS Code shows those
 * idle items filtered by the text, without their separators, so "no separator" alone is not enough.
 * @param {import('playwright-core').Page} page
 * @param {string} query  one whose results include papers that were not opened before
 * @param {boolean} typing  key by key (searching as you type), or all at once
 */
async function searchPapers(page, query, typing) {
	await wb.runPaletteCommand(page, 'Paper Shelf: Search Papers…');
	const input = await wb.waitForQuickInput(page, /^Search \d+ papers/);
	const rows = wb.quickPickRows(page);
	await rows.first().waitFor({ timeout: 10_000 });
	const idle = new Set((await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim()));
	if (typing) await input.pressSequentially(query, { delay: 40 });
	else await input.fill(query);
	await wb.waitUntil(async () => {
		const labels = (await rows.locator('.label-name').allInnerTexts()).map((t) => t.trim());
		return (await input.inputValue()) === query && labels.some((l) => !idle.has(l));
	}, 10_000, async () => `the list for ${JSON.stringify(query)} still shows only the papers shown before typing: ${JSON.stringify([...idle])}`);
	return input;
}

/**
 * Asserts the panel has <mark>s, each matching `query`.
 * @param {import('playwright-core').FrameLocator} frame
 * @param {RegExp} query
 */
async function expectMarks(frame, query) {
	const marks = await frame.locator('mark').allInnerTexts();
	assert.ok(marks.length > 0, 'the panel shows no <mark>');
	assert.ok(marks.every((m) => query.test(m)), `marks that do not match ${query}: ${JSON.stringify(marks)}`);
}

/**
 * Asserts the panel's title, abstract, first button and marks have at least `minimum`:1 contrast with their backgrounds.
 * @param {import('playwright-core').FrameLocator} frame
 * @param {number} minimum
 */
async function expectReadable(frame, minimum) {
	const report = [];
	for (const selector of ['h1', '.abstract', '.authors', 'button', 'mark']) {
		const element = frame.locator(selector).first();
		if ((await element.count()) === 0) continue;
		const c = await wb.contrastOf(element);
		report.push(`${selector} ${c.ratio.toFixed(1)}:1 (${c.color} on ${c.background}${c.outline === 'none' ? '' : `, outline ${c.outline}`})`);
		assert.ok(c.ratio >= minimum, `${selector} has ${c.ratio.toFixed(2)}:1 contrast (${c.color} on ${c.background}), below ${minimum}:1`);
		if (selector === 'mark') {
			assert.ok(c.background !== c.parentBackground || c.outline !== 'none', `a <mark> looks like the text around it: ${c.background} on ${c.parentBackground}, no outline`);
		}
	}
	console.log(`      contrast: ${report.join(', ')}`);
}

// --- the .vsix -----------------------------------------------------------------------------------------------------------

/**
 * File names inside a zip, read from its central directory.
 * @param {string} file
 * @returns {string[]}
 */
function zipEntries(file) {
	const buf = fs.readFileSync(file);
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw new Error(`${file} is not a zip file`);
	const count = buf.readUInt16LE(eocd + 10);
	let at = buf.readUInt32LE(eocd + 16);
	const names = [];
	for (let n = 0; n < count; n++) {
		if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: bad central directory entry ${n}`);
		const nameLength = buf.readUInt16LE(at + 28);
		const extraLength = buf.readUInt16LE(at + 30);
		const commentLength = buf.readUInt16LE(at + 32);
		names.push(buf.toString('utf8', at + 46, at + 46 + nameLength));
		at += 46 + nameLength + extraLength + commentLength;
	}
	return names;
}

/**
 * Every file below a folder (recursively).
 * @param {string} dir
 * @returns {string[]}
 */
function listFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function packageVsix() {
	if (process.env.PAPER_SHELF_UI_SKIP_PACKAGE && fs.existsSync(vsixPath)) return;
	fs.rmSync(vsixPath, { force: true });
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['run', 'package'], { cwd: host.repoRoot, stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`npm run package failed (exit ${result.status ?? result.signal})`);
	if (!fs.existsSync(vsixPath)) throw new Error(`npm run package did not write ${path.basename(vsixPath)}`);
}

/** @returns {Promise<void>} */
async function checkVsix() {
	const size = fs.statSync(vsixPath).size;
	const entries = zipEntries(vsixPath).filter((e) => !e.endsWith('/'));
	const files = entries.filter((e) => e !== 'extension.vsixmanifest' && e !== '[Content_Types].xml');
	console.log(`      ${path.basename(vsixPath)}: ${(size / 1024).toFixed(1)} KB, ${files.length} files: ${files.map((f) => f.replace(/^extension\//, '')).join(', ')}`);
	const problems = [];
	if (size >= maxVsixBytes) problems.push(`it is ${(size / 1024).toFixed(1)} KB, the limit is ${maxVsixBytes / 1024} KB`);
	const unexpected = files.filter((f) => !shippedFile.test(f));
	if (unexpected.length) problems.push(`it ships files outside dist/, media/ and the docs (fix .vscodeignore): ${unexpected.join(', ')}`);
	// .vscodeignore lists media's parts one by one (to leave the screenshots out): a new media file must still ship.
	const mediaFiles = listFiles(path.join(host.repoRoot, 'media'))
		.map((f) => path.relative(host.repoRoot, f).split(path.sep).join('/'))
		.filter((f) => !f.startsWith(`${screenshotsDir.split(path.sep).join('/')}/`));
	for (const needed of ['extension/package.json', `extension/${manifest.main.replace(/^\.\//, '')}`, `extension/${manifest.browser.replace(/^\.\//, '')}`, 'extension/dist/topicsWorker.js', 'extension/dist/web/topicsWorker.js', ...mediaFiles.map((f) => `extension/${f}`)]) {
		if (!files.includes(needed)) problems.push(`${needed} is missing`);
	}
	if (files.includes('extension/dist/cli.js')) problems.push('it ships dist/cli.js, the command line, which nothing in the editor runs');
	if (problems.length) throw new Error(problems.join('; '));
}

// --- the README's screenshots -------------------------------------------------------------------------------------------

/** media/screenshots/<name>.png ← test-results/ui/<shot>.png */
const readmeScreenshots = web ? { 'web-host': 'web-host' } : { 'hero-light': '04-hero-light', 'hero-dark': '09-hero-dark', search: '05-search', citation: '08-citation', 'references-view': '08c-references-view', 'fetch-new': '13-fetch-new', 'starred-note': '15-starred-note' };
const maxScreenshotBytes = 250 * 1024;

/**
 * Copies this run's chosen screenshots to media/screenshots/ (PAPER_SHELF_UI_UPDATE_SCREENSHOTS=1); a shot the run did
 * not take (its step failed or did not run) is left as it was.
 * @param {number} since  the run's start (ms): older files are a previous run's
 */
function updateReadmeScreenshots(since) {
	const dir = path.join(host.repoRoot, screenshotsDir);
	fs.mkdirSync(dir, { recursive: true });
	for (const [name, shot] of Object.entries(readmeScreenshots)) {
		const from = path.join(wb.screenshotDir, `${shot}.png`);
		const to = path.join(dir, `${name}.png`);
		if (!fs.existsSync(from) || fs.statSync(from).mtimeMs < since) {
			console.log(`[screenshots] ${shot}.png was not taken in this run: ${path.relative(host.repoRoot, to)} left as it was`);
			continue;
		}
		fs.copyFileSync(from, to);
		const size = fs.statSync(to).size;
		console.log(`[screenshots] ${path.relative(host.repoRoot, to)} ← ${shot}.png (${(size / 1024).toFixed(0)} KB${size > maxScreenshotBytes ? `, over ${maxScreenshotBytes / 1024} KB: shrink it` : ''})`);
	}
}

// --- runner --------------------------------------------------------------------------------------------------------------

let passed = 0;
let failed = 0;

async function main() {
	/** @param {string} name @param {() => Promise<void>} fn @returns {Promise<boolean>} */
	const step = async (name, fn) => {
		const started = Date.now();
		try {
			await fn();
			passed++;
			console.log(`  ✔ ${name} (${Date.now() - started} ms)`);
			return true;
		} catch (err) {
			failed++;
			console.log(`  ✘ ${name}\n      ${(err instanceof Error ? err.message : String(err)).split('\n').join('\n      ')}`);
			return false;
		}
	};
	const summary = (/** @type {number} */ notRun) => {
		console.log(`\n${passed} passed, ${failed} failed${notRun ? `, ${notRun} not run` : ''}`);
		return failed === 0 && notRun === 0 ? 0 : 1;
	};

	packageVsix();
	console.log('\nPaper Shelf UI');
	const total = steps.length + 1;
	if (!(await step('The .vsix is under 400 KB and holds only dist/, media/ (all of it but the screenshots), the manifest and docs', checkVsix))) return summary(total - 1);

	const { version, vscodeVersion } = host.installCodeServer();
	console.log(`[host] code-server ${version} (VS Code ${vscodeVersion}), extension installed from ${path.basename(vsixPath)}${web ? ', run in the web worker extension host (browser build)' : ''}`);
	const extensionsDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'paper-shelf-ui-extensions-'));
	host.atExit(() => fs.rmSync(extensionsDir, { recursive: true, force: true }));
	const workspace = host.makeFixtureWorkspace();
	/** @type {import('../host/codeServer').CodeServer | undefined} */
	let server;
	/** @type {import('playwright-core').Browser | undefined} */
	let browser;
	try {
		host.installVsix(vsixPath, extensionsDir);
		// Hugging Face stands in: a local server answering every day with the recorded day of the fixtures.
		const hfDay = fs.readFileSync(path.join(host.repoRoot, 'test', 'fixtures', 'digests', 'hf-daily-papers-2026-08-21.json'));
		const hf = require('node:http').createServer((/** @type {import('node:http').IncomingMessage} */ _req, /** @type {import('node:http').ServerResponse} */ res) => {
			// The web worker host fetches from the workbench's origin, so the stand-in allows it (as a CORS-enabled API would).
			res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
			res.end(hfDay);
		});
		await new Promise((resolve) => hf.listen(0, '127.0.0.1', () => resolve(undefined)));
		host.atExit(() => hf.close());
		const hfUrl = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (hf.address()).port}/api/daily_papers`;
		const baseSettings = { ...screenshotSettings, 'paperShelf.fetch.huggingFaceUrl': hfUrl };
		const settings = web ? { ...baseSettings, 'remote.extensionKind': { [host.extensionId]: ['web'] } } : baseSettings;
		server = await host.startCodeServer({ extensionsDir, env: { PAPER_SHELF_TEST_WORKSPACE: workspace }, settings });
		browser = await host.launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		/** @type {UiContext} */
		const ctx = { page, workspace, url: host.workbenchUrl(server, { folder: workspace }), state: { topic: '', paper: '', searched: '', restoredTabs: [] } };
		const started = Date.now();
		let notRun = 0;
		for (let i = 0; i < steps.length; i++) {
			const [name, fn] = steps[i];
			if (!(await step(name, () => fn(ctx)))) {
				const shot = await wb.screenshot(page, `failed-${name}`).catch(() => '(no screenshot)');
				console.log(`      screenshot: ${path.relative(host.repoRoot, shot)}`);
				notRun = steps.length - i - 1;
				break;
			}
		}
		if (process.env.PAPER_SHELF_UI_UPDATE_SCREENSHOTS) updateReadmeScreenshots(started);
		return summary(notRun);
	} finally {
		await browser?.close().catch(() => undefined);
		await server?.stop();
		fs.rmSync(workspace, { recursive: true, force: true });
		fs.rmSync(extensionsDir, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(err) => {
		console.error(`[ui] FAILED: ${err instanceof Error ? err.stack || err.message : String(err)}`);
		console.log(`\n${passed} passed, ${failed + 1} failed`);
		process.exit(1);
	},
);
