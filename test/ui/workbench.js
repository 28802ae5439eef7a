// @ts-check
/**
 * Playwright helpers for driving the real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) in Chromium.
 * Selectors are the ones seen to work in 1.100 (../shared/docs/vscode-test-host.md). Used by test/ui/runUi.js; add
 * steps there and helpers here.
 */
const fs = require('node:fs');
const path = require('node:path');
const { setTimeout: delay } = require('node:timers/promises');

/** Where screenshots go (gitignored). */
/** Where the shots go: test-results/ui/, or test-results/ui-web/ for the run in the web worker extension host (`runUi.js --web`). */
const screenshotDir = path.resolve(__dirname, '..', '..', 'test-results', process.argv.includes('--web') ? 'ui-web' : 'ui');
/** The activity-bar container and view that package.json contributes. */
const PAPER_SHELF_CONTAINER = 'Paper Shelf';
const PAPERS_VIEW = 'Papers';

/**
 * Opens a workbench URL and waits until the workbench and its activity bar are drawn.
 * @param {import('playwright-core').Page} page
 * @param {string} url
 * @param {number} [timeoutMs]
 */
async function openWorkbench(page, url, timeoutMs = 60_000) {
	await page.goto(url);
	await page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
	await page.locator('.part.activitybar').waitFor({ timeout: timeoutMs });
}

/**
 * The activity-bar entry (a `tab`) of a view container.
 * @param {import('playwright-core').Page} page
 * @param {string} [title]
 */
function activityBarEntry(page, title = PAPER_SHELF_CONTAINER) {
	return page.locator('.part.activitybar').getByRole('tab', { name: title });
}

/**
 * A view's pane (`.pane` whose header names it) in the side bar.
 * @param {import('playwright-core').Page} page
 * @param {string} [viewName]
 */
function viewPane(page, viewName = PAPERS_VIEW) {
	return page.locator('.part.sidebar .pane').filter({ has: page.locator('.pane-header', { hasText: viewName }) });
}

/**
 * Opens the Paper Shelf container from the activity bar (unless it is already showing) and returns the Papers pane.
 * @param {import('playwright-core').Page} page
 * @param {{ container?: string, view?: string, timeoutMs?: number }} [options]
 */
async function openPaperShelfView(page, { container = PAPER_SHELF_CONTAINER, view = PAPERS_VIEW, timeoutMs = 20_000 } = {}) {
	const entry = activityBarEntry(page, container);
	await entry.waitFor({ timeout: timeoutMs });
	if ((await entry.getAttribute('aria-selected')) !== 'true') await entry.click();
	const pane = viewPane(page, view);
	await pane.waitFor({ timeout: timeoutMs });
	// A collapsed pane shows only its header: expand it.
	const header = pane.locator('.pane-header');
	if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
	return pane;
}

/**
 * The tree items of a view (role `treeitem`), optionally only those whose label contains a text.
 * @param {import('playwright-core').Page} page
 * @param {string} [viewName]
 * @param {string} [label]
 */
function treeItems(page, viewName = PAPERS_VIEW, label) {
	const items = viewPane(page, viewName).getByRole('treeitem');
	return label === undefined ? items : items.filter({ hasText: label });
}

/**
 * Runs a command from the command palette by its shown title, e.g. 'Paper Shelf: Search Papers…'.
 * @param {import('playwright-core').Page} page
 * @param {string} title  'Category: Title' as the palette shows it
 * @param {number} [timeoutMs]
 */
async function runPaletteCommand(page, title, timeoutMs = 10_000) {
	await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 }, force: true }).catch(() => undefined);
	await page.keyboard.press('F1');
	const input = page.locator('.quick-input-widget input');
	await input.waitFor({ timeout: timeoutMs });
	await input.fill(`>${title}`);
	// Click the row labelled exactly `title`: the focused (first) row can be another command that merely contains it
	// (a recently used one, or e.g. 'File: Compare Active File with Saved' for 'File: Save').
	const rows = page.locator('.quick-input-list .monaco-list-row');
	const exact = rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) }).first();
	await rows.filter({ hasText: title }).first().waitFor({ timeout: timeoutMs });
	if ((await exact.count()) > 0) await exact.click();
	else await input.press('Enter');
}

/**
 * @param {string} text
 * @returns {string} `text` with the characters that mean something in a RegExp escaped
 */
function escapeRegExp(text) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Saves a PNG screenshot as test-results/ui/<name>.png and returns its path.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 */
async function screenshot(page, name) {
	fs.mkdirSync(screenshotDir, { recursive: true });
	await page.mouse.move(1, 1); // away from the activity bar, whose hover tooltip would cover the view
	const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
	await page.screenshot({ path: file });
	return file;
}

/**
 * The content frame of the (first, or the one whose title matches) webview: `iframe.webview` → `iframe#active-frame`.
 * @param {import('playwright-core').Page} page
 * @param {string} [title]  the webview panel's title, when several are open
 */
function webviewFrame(page, title) {
	const outer = title === undefined ? page.locator('iframe.webview').first() : page.locator(`iframe.webview[title="${title}"]`).first();
	return outer.contentFrame().locator('iframe#active-frame').contentFrame();
}

/**
 * The messages of the notification toasts currently shown.
 * @param {import('playwright-core').Page} page
 */
function notificationMessages(page) {
	return page.locator('.notifications-toasts .notification-list-item-message');
}

/**
 * The shown label (without the description) of a tree item or list row.
 * @param {import('playwright-core').Locator} row
 */
async function labelOf(row) {
	return (await row.locator('.label-name').first().innerText()).trim();
}

/**
 * Expands a collapsed tree item (a click on a collapsed item expands it) and waits until it says it is expanded.
 * @param {import('playwright-core').Locator} item  a role=treeitem locator
 * @param {number} [timeoutMs]
 */
async function expandTreeItem(item, timeoutMs = 10_000) {
	// A click that lands while the tree redraws its rows (a star or a fetch refreshes it) is lost: click again when
	// the row is still collapsed a while after the last click.
	let clickedAt = 0;
	await waitUntil(async () => {
		if ((await item.getAttribute('aria-expanded')) === 'true') return true;
		if (Date.now() - clickedAt > 2_000) {
			await item.click().catch(() => undefined);
			clickedAt = Date.now();
		}
		return false;
	}, timeoutMs, async () => `tree item ${JSON.stringify(await item.innerText())} did not expand`);
}

/**
 * The quick input's text box (command palette, quick picks, input boxes).
 * @param {import('playwright-core').Page} page
 */
function quickInputBox(page) {
	return page.locator('.quick-input-widget input');
}

/**
 * Waits until the quick input that a command opened is the one showing (its placeholder matches), so that typing
 * goes to it and not to the command palette it replaced.
 * @param {import('playwright-core').Page} page
 * @param {RegExp} placeholder
 * @param {number} [timeoutMs]
 */
async function waitForQuickInput(page, placeholder, timeoutMs = 10_000) {
	const input = quickInputBox(page);
	await waitUntil(async () => (await input.isVisible()) && placeholder.test((await input.getAttribute('placeholder')) ?? ''), timeoutMs, async () => `no quick input with the placeholder ${placeholder} (shown: ${JSON.stringify(await input.getAttribute('placeholder').catch(() => null))})`);
	return input;
}

/**
 * Opens a workspace file by name through Quick Open (Ctrl+P). A file written a moment ago may be missing from the
 * first answer (Quick Open's file list can predate it), so when no row carries the name within a few seconds the
 * picker is closed and the name typed again, until `timeoutMs`.
 * @param {import('playwright-core').Page} page
 * @param {string} name  the file's name as the row shows it, e.g. 'chapter.md'
 * @param {number} [timeoutMs]
 */
async function openFileByName(page, name, timeoutMs = 45_000) {
	const deadline = Date.now() + timeoutMs;
	const exact = new RegExp(`^${escapeRegExp(name)}$`);
	for (let attempt = 1; ; attempt++) {
		await page.keyboard.press('Control+P');
		const input = await waitForQuickInput(page, /Search files by name/);
		await input.fill(name);
		const row = quickPickRows(page).filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
		const found = await row.waitFor({ timeout: 4_000 }).then(() => true, () => false);
		if (found) {
			await row.click();
			return;
		}
		await page.keyboard.press('Escape');
		if (Date.now() > deadline) throw new Error(`Quick Open did not list ${name} after ${attempt} tries`);
		await delay(500);
	}
}

/**
 * The quick pick's rows currently drawn (only the visible part of a long list is in the DOM).
 * @param {import('playwright-core').Page} page
 */
function quickPickRows(page) {
	return page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
}

/**
 * The quick pick's focused row (what Enter accepts).
 * @param {import('playwright-core').Page} page
 */
function focusedQuickPickRow(page) {
	return page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused');
}

/**
 * The editor tabs' titles, left to right, across all groups.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
async function editorTabTitles(page) {
	const titles = await page.locator('.part.editor .tabs-container .tab .label-name').allInnerTexts();
	return titles.map((t) => t.trim());
}

/**
 * Polls `check` until it returns true; otherwise throws the message `explain` gives (the state seen at the end).
 * @param {() => Promise<boolean>} check
 * @param {number} timeoutMs
 * @param {() => Promise<string> | string} explain
 */
async function waitUntil(check, timeoutMs, explain) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(await explain());
		await delay(150);
	}
}

/**
 * Switches the color theme through "Preferences: Color Theme" and waits until the workbench carries the theme's
 * base class (`vs`, `vs-dark`, `hc-black`, `hc-light`).
 * @param {import('playwright-core').Page} page
 * @param {string} theme  the theme's settings id, e.g. 'Default Dark Modern'
 * @param {'vs' | 'vs-dark' | 'hc-black' | 'hc-light'} baseClass
 */
async function setColorTheme(page, theme, baseClass) {
	await runPaletteCommand(page, 'Preferences: Color Theme');
	const input = await waitForQuickInput(page, /Color Theme/);
	await input.fill(theme);
	// The picker labels themes by their short name ('Dark Modern') and matches the settings id in the description.
	const row = quickPickRows(page).filter({ hasText: theme }).first();
	await row.waitFor({ timeout: 10_000 });
	await row.click();
	const workbench = page.locator('.monaco-workbench');
	await waitUntil(async () => ((await workbench.getAttribute('class')) ?? '').split(/\s+/).includes(baseClass), 10_000, async () => `the workbench did not switch to ${theme}: classes ${await workbench.getAttribute('class')}`);
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/**
 * WCAG contrast ratio of an element's text color against what is behind it, computed in its frame (webview pages have
 * the theme's colors in CSS variables). Semi-transparent backgrounds (e.g. a highlight) are composited over their
 * ancestors' down to the first opaque one. Also reports the element's outline, which high-contrast themes use instead
 * of a background.
 * @param {import('playwright-core').Locator} element
 * @returns {Promise<{ ratio: number, color: string, background: string, parentBackground: string, outline: string }>}
 */
async function contrastOf(element) {
	return element.evaluate((node) => {
		const view = /** @type {Window} */ (node.ownerDocument.defaultView); // the page's, not this Node file's globals
		/** @param {string} css @returns {[number, number, number, number]} */
		const rgba = (css) => {
			const m = css.match(/rgba?\(([^)]+)\)/);
			if (!m) return [0, 0, 0, 0];
			const p = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
			return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
		};
		/** Background of `from` and its ancestors, composited. @param {Element | null} from */
		const backdrop = (from) => {
			/** @type {[number, number, number, number][]} */
			const layers = [];
			for (let at = from; at; at = at.parentElement) {
				const c = rgba(view.getComputedStyle(at).backgroundColor);
				if (c[3] > 0) layers.push(c);
				if (c[3] >= 1) break;
			}
			let out = [255, 255, 255];
			for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
			return out.map(Math.round);
		};
		/** @param {number[]} c */
		const luminance = (c) => {
			const lin = c.slice(0, 3).map((v) => {
				const x = v / 255;
				return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
			});
			return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
		};
		const style = view.getComputedStyle(node);
		const bg = backdrop(node);
		const parentBg = backdrop(node.parentElement);
		const [hi, lo] = [luminance(rgba(style.color)), luminance(bg)].sort((x, y) => y - x);
		return {
			ratio: (hi + 0.05) / (lo + 0.05),
			color: style.color,
			background: `rgb(${bg.join(', ')})`,
			parentBackground: `rgb(${parentBg.join(', ')})`,
			outline: style.outlineStyle === 'none' || rgba(style.outlineColor)[3] === 0 || style.outlineWidth === '0px' ? 'none' : `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`,
		};
	});
}

/**
 * Drags the sash between the side bar and the editor so the side bar is about `width` pixels wide.
 * @param {import('playwright-core').Page} page
 * @param {number} width
 */
async function setSideBarWidth(page, width) {
	const box = await page.locator('.part.sidebar').boundingBox();
	if (!box) throw new Error('the side bar is not shown');
	const y = box.y + box.height / 2;
	await page.mouse.move(box.x + box.width - 1, y);
	await page.mouse.down();
	await page.mouse.move(box.x + width, y, { steps: 8 });
	await page.mouse.up();
	// Leave the sash, and wait for its hover highlight (a blue line, shown after a delay) to go: screenshots come next.
	await page.mouse.move(box.x + width / 2, y, { steps: 4 });
	await delay(500);
	const lit = page.locator('.monaco-sash.hover, .monaco-sash.active');
	await waitUntil(async () => (await lit.count()) === 0, 3_000, async () => `the sash stays highlighted: ${await lit.first().getAttribute('class')}`).catch((err) => console.log(`      (${err.message})`));
	await waitUntil(async () => Math.abs(((await page.locator('.part.sidebar').boundingBox())?.width ?? 0) - width) <= 8, 5_000, async () => `the side bar is ${(await page.locator('.part.sidebar').boundingBox())?.width} px wide, not ${width}`);
}

module.exports = {
	labelOf,
	expandTreeItem,
	quickInputBox,
	waitForQuickInput,
	quickPickRows,
	openFileByName,
	focusedQuickPickRow,
	editorTabTitles,
	waitUntil,
	setColorTheme,
	contrastOf,
	setSideBarWidth,
	PAPER_SHELF_CONTAINER,
	PAPERS_VIEW,
	screenshotDir,
	openWorkbench,
	activityBarEntry,
	viewPane,
	openPaperShelfView,
	treeItems,
	runPaletteCommand,
	screenshot,
	webviewFrame,
	notificationMessages,
};
