// @ts-check
/**
 * UI test through the real workbench, the way a user gets the extension: `npm run package` makes the .vsix, which is
 * checked (size, contents), installed into a fresh code-server extensions folder, and driven in headless Chromium on a
 * temp copy of test/fixtures/workspace. Screenshots go to test-results/ui/.
 *
 *   npm run test:ui                  (expects the code-server host; installs it when missing)
 *   PAPER_SHELF_UI_SKIP_PACKAGE=1    reuse the existing paper-shelf-<version>.vsix
 *
 * Each check is a named step in `steps` below; add steps there and helpers in ./workbench.js. The run stops at the
 * first failing step (later ones are reported as not run), and ends with `N passed, M failed`.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const host = require('../host/codeServer');
const wb = require('./workbench');

const manifest = JSON.parse(fs.readFileSync(path.join(host.repoRoot, 'package.json'), 'utf8'));
const vsixPath = path.join(host.repoRoot, `${manifest.name}-${manifest.version}.vsix`);
const maxVsixBytes = 300 * 1024;
/** What the .vsix may hold besides vsce's own two files: bundles (no maps), media, the manifest and the docs. */
const shippedFile = /^extension\/(dist\/(?!.*\.map$).+|media\/.+|package\.json|readme\.md|changelog\.md|license(\.md|\.txt)?)$/i;

/**
 * @typedef {object} UiContext
 * @property {import('playwright-core').Page} page
 * @property {string} url          the workbench URL on the fixture workspace
 * @property {string} workspace    the fixture copy's path
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
];

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
	for (const needed of ['extension/package.json', `extension/${manifest.main.replace(/^\.\//, '')}`]) {
		if (!files.includes(needed)) problems.push(`${needed} is missing`);
	}
	if (problems.length) throw new Error(problems.join('; '));
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
	if (!(await step('The .vsix is under 300 KB and holds only dist/, media/, the manifest and docs', checkVsix))) return summary(total - 1);

	const { version, vscodeVersion } = host.installCodeServer();
	console.log(`[host] code-server ${version} (VS Code ${vscodeVersion}), extension installed from ${path.basename(vsixPath)}`);
	const extensionsDir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'paper-shelf-ui-extensions-'));
	host.atExit(() => fs.rmSync(extensionsDir, { recursive: true, force: true }));
	const workspace = host.makeFixtureWorkspace();
	/** @type {import('../host/codeServer').CodeServer | undefined} */
	let server;
	/** @type {import('playwright-core').Browser | undefined} */
	let browser;
	try {
		host.installVsix(vsixPath, extensionsDir);
		server = await host.startCodeServer({ extensionsDir, env: { PAPER_SHELF_TEST_WORKSPACE: workspace } });
		browser = await host.launchBrowser();
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		/** @type {UiContext} */
		const ctx = { page, workspace, url: host.workbenchUrl(server, { folder: workspace }) };
		for (let i = 0; i < steps.length; i++) {
			const [name, fn] = steps[i];
			if (!(await step(name, () => fn(ctx)))) {
				const shot = await wb.screenshot(page, `failed-${name}`).catch(() => '(no screenshot)');
				console.log(`      screenshot: ${path.relative(host.repoRoot, shot)}`);
				return summary(steps.length - i - 1);
			}
		}
		return summary(0);
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
