// @ts-check
/**
 * Playwright helpers for driving the real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3) in Chromium.
 * Selectors are the ones seen to work in 1.100 (../shared/docs/vscode-test-host.md). Used by test/ui/runUi.js; add
 * steps there and helpers here.
 */
const fs = require('node:fs');
const path = require('node:path');

/** Where screenshots go (gitignored). */
const screenshotDir = path.resolve(__dirname, '..', '..', 'test-results', 'ui');
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
	const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
	await row.waitFor({ timeout: timeoutMs });
	await input.press('Enter');
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

module.exports = {
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
