// @ts-check
/**
 * Runs the integration suite (out/test/integration/index.js, built by `node esbuild.js --tests`) inside a real VS Code.
 *
 *   PAPER_SHELF_TEST_HOST=auto          (default) desktop VS Code through @vscode/test-electron when it can be
 *                                       downloaded (and shown: DISPLAY or xvfb-run on Linux), else code-server
 *   PAPER_SHELF_TEST_HOST=electron      desktop VS Code only; fails when it cannot run
 *   PAPER_SHELF_TEST_HOST=code-server   code-server (VS Code's server + web workbench in headless Chromium) only
 *   PAPER_SHELF_VSCODE_VERSION          desktop version to download (default 1.100.3, the same VS Code as code-server)
 *   PAPER_SHELF_TEST_VERBOSE=1          also relay the web workbench's own start-up log lines
 *   PAPER_SHELF_TESTS_ENTRY             the compiled run() module to load instead of out/test/integration/index.js
 *   PAPER_SHELF_TEST_GREP               run only the integration tests whose full title matches this pattern
 *   PAPER_SHELF_TEST_TIMEOUT_MS         whole-run limit for the code-server host (default 600000 = 10 min)
 *
 *   --web   run the suite in code-server's web worker extension host instead: the extension's browser build
 *           (dist/web/extension.js, forced there by the user setting `remote.extensionKind`) and the suite bundled for
 *           the browser (out/test/web/integration.js). Tests that need Node are listed with the reason, not run.
 *           Environment variables do not reach a web worker: they go in out/test/web/env.json.
 *
 * Never skips: when no host can run, it exits non-zero and says why. The tests get the path of a fresh temp copy of
 * test/fixtures/workspace (also the opened folder) in PAPER_SHELF_TEST_WORKSPACE, and the URL of a local stand-in for the
 * Hugging Face API (test/host/fetchStandIn.js) in PAPER_SHELF_TEST_FETCH_SERVER.
 */
const fs = require('node:fs');
const path = require('node:path');
const https = require('node:https');
const util = require('node:util');
const { spawnSync } = require('node:child_process');
const { setTimeout, clearTimeout } = require('node:timers');
const host = require('./codeServer');
const { startFetchStandIn } = require('./fetchStandIn');

/** --web: the web worker extension host (see above). */
const web = process.argv.includes('--web');
/** The `run()` module to load in the host: the integration suite, or (PAPER_SHELF_TESTS_ENTRY) another, e.g. the in-host benchmark. */
const testsEntry = path.resolve(
	host.repoRoot,
	process.env.PAPER_SHELF_TESTS_ENTRY || (web ? path.join('out', 'test', 'web', 'integration.js') : path.join('out', 'test', 'integration', 'index.js')),
);
/** The user setting that makes code-server run Paper Shelf (which has both a `main` and a `browser` entry) in its web worker host. */
const webWorkerSettings = { 'remote.extensionKind': { [host.extensionId]: ['web'] } };
const resultsDir = path.join(host.repoRoot, 'test-results');
const desktopVersion = process.env.PAPER_SHELF_VSCODE_VERSION || '1.100.3';
const hostChoice = process.env.PAPER_SHELF_TEST_HOST || 'auto';
/** PAPER_SHELF_TEST_VERBOSE=1 relays the workbench's own start-up chatter too. */
const verbose = Boolean(process.env.PAPER_SHELF_TEST_VERBOSE);
/** Info lines the web workbench logs on every start; they say nothing about the tests. */
const workbenchChatter =
	/^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|\[Service Worker\]|ChatSessionStore:|Updating additional builtin extensions cache)/;
const overallTimeoutMs = Number(process.env.PAPER_SHELF_TEST_TIMEOUT_MS || 600_000);

/** @param {string} message */
const log = (message) => console.log(`[host] ${message}`);

/** A reason the desktop host cannot be tried, or '' when it can. */
function desktopBlocker() {
	if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.PAPER_SHELF_UNDER_XVFB && !commandExists('xvfb-run')) {
		return 'no DISPLAY and no xvfb-run (apt-get install -y xvfb)';
	}
	return '';
}

/** @param {string} name */
function commandExists(name) {
	return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Whether VS Code's update server answers within the time limit (any HTTP answer counts).
 * @param {number} timeoutMs
 * @returns {Promise<boolean>}
 */
function updateServerReachable(timeoutMs = 10_000) {
	return new Promise((resolve) => {
		const req = https.request('https://update.code.visualstudio.com/api/releases/stable', { method: 'HEAD', timeout: timeoutMs }, (res) => {
			res.resume();
			resolve(true);
		});
		const timer = setTimeout(() => req.destroy(new Error('timeout')), timeoutMs);
		req.on('timeout', () => req.destroy(new Error('timeout')));
		req.on('error', () => resolve(false));
		req.on('close', () => clearTimeout(timer));
		req.end();
	});
}

// --- desktop VS Code through @vscode/test-electron ---------------------------------------------------------------------

/**
 * Downloads desktop VS Code, or returns why it could not.
 * @returns {Promise<{ executable: string } | { error: string }>}
 */
async function downloadDesktop() {
	const blocker = desktopBlocker();
	if (blocker) return { error: blocker };
	if (!(await updateServerReachable())) return { error: 'update.code.visualstudio.com is not reachable within 10 s' };
	try {
		const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
		return { executable: await downloadAndUnzipVSCode({ version: desktopVersion, timeout: 30_000 }) };
	} catch (err) {
		return { error: `download of VS Code ${desktopVersion} failed: ${err instanceof Error ? err.message : String(err)}` };
	}
}

/**
 * @param {string} executable
 * @returns {Promise<number>} exit code
 */
async function runDesktop(executable) {
	if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.PAPER_SHELF_UNDER_XVFB) {
		log('no DISPLAY: re-running under xvfb-run');
		const result = spawnSync('xvfb-run', ['-a', process.execPath, path.join(__dirname, 'runIntegration.js')], {
			stdio: 'inherit',
			env: { ...process.env, PAPER_SHELF_TEST_HOST: 'electron', PAPER_SHELF_UNDER_XVFB: '1' },
		});
		return result.status ?? 1;
	}
	let version = desktopVersion;
	try {
		const productDir = process.platform === 'darwin' ? path.join(executable, '..', '..', 'Resources', 'app') : path.join(path.dirname(executable), 'resources', 'app');
		version = JSON.parse(fs.readFileSync(path.join(productDir, 'package.json'), 'utf8')).version;
	} catch {
		// keep the requested version
	}
	log(`desktop VS Code ${version} (@vscode/test-electron)`);
	const workspace = host.makeFixtureWorkspace();
	const { runTests } = require('@vscode/test-electron');
	try {
		await runTests({
			vscodeExecutablePath: executable,
			extensionDevelopmentPath: host.repoRoot,
			extensionTestsPath: testsEntry,
			extensionTestsEnv: { PAPER_SHELF_TEST_WORKSPACE: workspace, PAPER_SHELF_TEST_FETCH_SERVER: process.env.PAPER_SHELF_TEST_FETCH_SERVER },
			launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
		});
		return 0;
	} catch (err) {
		console.error(`[host] desktop VS Code test run failed: ${err instanceof Error ? err.message : String(err)}`);
		return 1;
	} finally {
		fs.rmSync(workspace, { recursive: true, force: true });
	}
}

// --- code-server ---------------------------------------------------------------------------------------------------------

/** @returns {Promise<number>} exit code */
async function runCodeServer() {
	const { version, vscodeVersion } = host.installCodeServer();
	log(`code-server ${version} (VS Code ${vscodeVersion})${web ? ', web worker extension host (browser build)' : ''}`);
	const workspace = host.makeFixtureWorkspace();
	const env = { PAPER_SHELF_TEST_WORKSPACE: workspace, PAPER_SHELF_TEST_REPO: host.repoRoot, PAPER_SHELF_TEST_FETCH_SERVER: String(process.env.PAPER_SHELF_TEST_FETCH_SERVER), ...(process.env.PAPER_SHELF_TEST_GREP ? { PAPER_SHELF_TEST_GREP: process.env.PAPER_SHELF_TEST_GREP } : {}) };
	const envFile = path.join(path.dirname(testsEntry), 'env.json');
	if (web) fs.writeFileSync(envFile, JSON.stringify(env, null, '\t'));
	let webHostStarted = false;
	/** @type {import('./codeServer').CodeServer | undefined} */
	let server;
	/** @type {import('playwright-core').Browser | undefined} */
	let browser;
	/** @type {ReturnType<typeof setTimeout> | undefined} */
	let timer;
	const started = Date.now();
	try {
		server = await host.startCodeServer({ env, ...(web ? { settings: webWorkerSettings } : {}) });
		browser = await host.launchBrowser();
		const page = await browser.newPage();
		/** @type {(code: number) => void} */
		let finish = () => undefined;
		/** @type {Promise<number>} */
		const exitCode = new Promise((resolve) => (finish = resolve));
		/** @type {string[]} */
		const pageErrors = [];
		let mochaFinished = false;
		page.on('pageerror', (err) => pageErrors.push(err.message));
		page.on('console', (message) => {
			if (message.text().includes('The web worker extension host is started')) webHostStarted = true;
		});
		// Hooks the web workbench calls in automation (the same ones @vscode/test-web registers): every line the
		// extension host logs, and the exit code when run() settles (0 resolved, 1 rejected).
		await page.exposeFunction('codeAutomationLog', (/** @type {string} */ type, /** @type {unknown} */ args) => {
			const text = Array.isArray(args) ? util.format(...args) : String(args);
			if (!verbose && type === 'info' && workbenchChatter.test(text)) return;
			if (/^\s*\d+ passing \(/.test(text)) mochaFinished = true;
			(type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
		});
		await page.exposeFunction('codeAutomationExit', (/** @type {number} */ code, /** @type {{relativePath: string, contents: string}[]} */ logs) => {
			if (code !== 0 && Array.isArray(logs)) saveLogs(logs);
			finish(code);
		});
		const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), overallTimeoutMs)));
		const url = host.workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: host.repoRoot, extensionTestsPath: testsEntry });
		await page.goto(url);
		const outcome = await Promise.race([exitCode, timeout]);
		if (outcome === 'timeout') {
			console.error(`[host] FAILED: the integration run did not finish within ${overallTimeoutMs / 1000} s`);
			if (pageErrors.length) console.error(`[host] page errors:\n${pageErrors.slice(-10).join('\n')}`);
			console.error(`[host] last lines of the code-server log:\n${server.logTail()}`);
			return 1;
		}
		let code = Number(outcome);
		if (web && !webHostStarted) {
			console.error('[host] FAILED: the page never started the web worker extension host, so the suite did not run in it');
			code = 1;
		}
		log(`integration run ${code === 0 ? 'passed' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
		// When mocha never reported, the host itself broke (extension host crash, incompatible engine…): show the server.
		if (code !== 0 && !mochaFinished) console.error(`[host] last lines of the code-server log:\n${server.logTail(20)}`);
		return code;
	} finally {
		clearTimeout(timer);
		await browser?.close().catch(() => undefined);
		await server?.stop();
		fs.rmSync(workspace, { recursive: true, force: true });
		if (web) fs.rmSync(envFile, { force: true });
	}
}

/** Keeps the workbench's own log files of a failed run in test-results/ for a post-mortem. */
function saveLogs(/** @type {{relativePath: string, contents: string}[]} */ logs) {
	const dir = path.join(resultsDir, 'integration-logs');
	fs.rmSync(dir, { recursive: true, force: true });
	for (const { relativePath, contents } of logs) {
		const file = path.join(dir, path.normalize(relativePath).replace(/^(\.\.[/\\])+/, ''));
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, contents);
	}
	log(`workbench logs of the failed run saved in ${path.relative(host.repoRoot, dir)}/`);
}

// --- main ----------------------------------------------------------------------------------------------------------------

async function main() {
	if (!fs.existsSync(testsEntry)) {
		console.error(`[host] ${path.relative(host.repoRoot, testsEntry)} is missing: run \`node esbuild.js --tests\` first`);
		return 1;
	}
	if (web) {
		// Desktop VS Code's web worker host needs a browser too; code-server is the one host here that has both.
		if (hostChoice === 'electron') {
			console.error('[host] --web runs in code-server only (PAPER_SHELF_TEST_HOST=electron cannot host the web build)');
			return 1;
		}
		return runCodeServer();
	}
	switch (hostChoice) {
		case 'code-server':
			return runCodeServer();
		case 'electron': {
			const desktop = await downloadDesktop();
			if ('error' in desktop) {
				console.error(`[host] FAILED: desktop VS Code cannot run here: ${desktop.error}`);
				return 1;
			}
			return runDesktop(desktop.executable);
		}
		case 'auto': {
			const desktop = await downloadDesktop();
			if ('executable' in desktop) return runDesktop(desktop.executable);
			log(`desktop VS Code unavailable (${desktop.error}); using code-server`);
			return runCodeServer();
		}
		default:
			console.error(`[host] unknown PAPER_SHELF_TEST_HOST=${hostChoice} (auto | electron | code-server)`);
			return 1;
	}
}

/** Runs the suite with the fetch stand-in (see fetchStandIn.js) serving for its whole length. */
async function withFetchStandIn() {
	const standIn = await startFetchStandIn();
	process.env.PAPER_SHELF_TEST_FETCH_SERVER = standIn.url;
	try {
		return await main();
	} finally {
		await standIn.close();
	}
}

withFetchStandIn().then(
	(code) => process.exit(code),
	(err) => {
		console.error(`[host] FAILED: ${err instanceof Error ? err.stack || err.message : String(err)}`);
		process.exit(1);
	},
);
