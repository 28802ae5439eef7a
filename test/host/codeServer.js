// @ts-check
/**
 * The code-server test host, shared by the integration runner, `npm start` and the UI test: install it, start it
 * quietly on loopback in its own process group, build workbench URLs, open them in headless Debian Chromium, and stop
 * everything again. Facts behind each choice: ../shared/docs/vscode-test-host.md.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const net = require('node:net');
const http = require('node:http');
const { spawn, spawnSync } = require('node:child_process');
const { setTimeout: delay } = require('node:timers/promises');

/** Repo root (the extension's development path). */
const repoRoot = path.resolve(__dirname, '..', '..');
/** The extension's id (`publisher.name`), as settings such as `remote.extensionKind` name it. */
const extensionId = (() => {
	const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
	return `${manifest.publisher}.${manifest.name}`;
})();
/** The pinned code-server; 4.100.x is the newest line that runs on Node 20. */
const CODE_SERVER_VERSION = '4.100.3';
/** Where the installer caches code-server, outside the repo. */
const cacheRoot = process.env.PAPER_SHELF_HOST_CACHE || path.join(os.homedir(), '.cache', 'paper-shelf');
const installDir = path.join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
const codeServerBin = path.join(installDir, 'node_modules', '.bin', 'code-server');
/** Debian's Chromium (never Playwright's own download: these machines cannot fetch it). */
const chromiumPath = process.env.PAPER_SHELF_CHROMIUM || '/usr/bin/chromium';
/** Flags that keep headless Chromium from reaching for the (closed) network; see the host doc. */
const chromiumArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/** Settings for a quiet, predictable workbench: no start page, tips, trust prompts or update checks. */
const quietSettings = {
	'workbench.startupEditor': 'none',
	'workbench.tips.enabled': false,
	'workbench.welcomePage.walkthroughs.openOnInstall': false,
	'workbench.enableExperiments': false,
	'security.workspace.trust.enabled': false,
	'telemetry.telemetryLevel': 'off',
	'update.mode': 'none',
	'extensions.autoCheckUpdates': false,
	'extensions.autoUpdate': false,
	'extensions.ignoreRecommendations': true,
	'git.enabled': false,
	'chat.disableAIFeatures': true,
	'window.commandCenter': false,
};

// --- cleanup that also runs on Ctrl-C: the server lives in its own process group, which a terminal's SIGINT misses --------

/** @type {Set<() => void>} */
const cleanups = new Set();
let hooked = false;

function runCleanups() {
	for (const fn of [...cleanups]) {
		cleanups.delete(fn);
		try {
			fn();
		} catch {
			// keep cleaning up the rest
		}
	}
}

/**
 * Runs a synchronous cleanup when the process exits, including on SIGINT, SIGTERM and SIGHUP (then it exits with
 * 128 + the signal number). Returns a function that cancels it.
 * @param {() => void} fn
 * @returns {() => void}
 */
function atExit(fn) {
	cleanups.add(fn);
	if (!hooked) {
		hooked = true;
		process.on('exit', runCleanups);
		for (const [signal, code] of /** @type {const} */ ([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]])) {
			process.on(signal, () => {
				runCleanups();
				process.exit(code);
			});
		}
	}
	return () => cleanups.delete(fn);
}

/**
 * Installs code-server when it is not cached yet (see install-code-server.sh: it checks the Debian packages the build
 * needs first). `npm test` and `npm start` have already done this in test/host/bootstrap.js, so here it is a no-op.
 * @returns {{ bin: string, version: string, vscodeVersion: string }}
 */
function installCodeServer() {
	const result = spawnSync('bash', [path.join(__dirname, 'install-code-server.sh')], { stdio: 'inherit' });
	if (result.status !== 0) throw new Error(`code-server install failed (exit ${result.status ?? result.signal})`);
	return { bin: codeServerBin, ...codeServerVersion() };
}

/**
 * Versions of the installed code-server and of the VS Code inside it, read from their package.json files.
 * @returns {{ version: string, vscodeVersion: string }}
 */
function codeServerVersion() {
	const pkg = path.join(installDir, 'node_modules', 'code-server', 'package.json');
	const vscodePkg = path.join(installDir, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
	return {
		version: JSON.parse(fs.readFileSync(pkg, 'utf8')).version,
		vscodeVersion: JSON.parse(fs.readFileSync(vscodePkg, 'utf8')).version,
	};
}

/**
 * A free TCP port on 127.0.0.1.
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/**
 * A fresh temp copy of test/fixtures/workspace, so tests may write files without touching the repo.
 * @param {string} [prefix]
 * @returns {string} the copy's absolute path
 */
function makeFixtureWorkspace(prefix = 'paper-shelf-workspace-') {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	atExit(() => fs.rmSync(dir, { recursive: true, force: true }));
	fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'workspace'), dir, { recursive: true });
	return dir;
}

/**
 * @param {string} url
 * @returns {Promise<boolean>}
 */
function answers(url) {
	return new Promise((resolve) => {
		const req = http.get(url, { timeout: 2000 }, (res) => {
			res.resume();
			resolve(res.statusCode === 200);
		});
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(false));
	});
}

/**
 * @typedef {object} CodeServer
 * @property {number} port
 * @property {string} origin          e.g. http://127.0.0.1:41234
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} logFile         the server's stdout and stderr
 * @property {import('node:child_process').ChildProcess} process
 * @property {() => string} logTail   the last lines of the server log
 * @property {() => Promise<void>} stop  kills the server's whole process group and removes its temp folders
 */

/**
 * Starts code-server on 127.0.0.1 in its own process group, with its own user-data, extensions and config folders and
 * no gallery, and waits until /healthz answers.
 * @param {object} [options]
 * @param {number} [options.port]            default: a free port
 * @param {string} [options.extensionsDir]   default: an empty temp folder
 * @param {Record<string, string>} [options.env]  extra environment (reaches the extension host, so the tests)
 * @param {Record<string, unknown>} [options.settings]  merged over the quiet defaults
 * @returns {Promise<CodeServer>}
 */
async function startCodeServer(options = {}) {
	const port = options.port ?? (await freePort());
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-code-server-'));
	const userDataDir = path.join(base, 'user-data');
	const extensionsDir = options.extensionsDir ?? path.join(base, 'extensions');
	const config = path.join(base, 'config.yaml');
	const logFile = path.join(base, 'server.log');
	fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
	fs.mkdirSync(extensionsDir, { recursive: true });
	fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...quietSettings, ...options.settings }, null, '\t'));
	fs.writeFileSync(config, 'auth: none\ncert: false\n');

	const log = fs.openSync(logFile, 'a');
	const child = spawn(
		codeServerBin,
		[
			'--auth', 'none',
			'--bind-addr', `127.0.0.1:${port}`,
			'--disable-telemetry',
			'--disable-update-check',
			'--disable-workspace-trust',
			'--disable-getting-started-override',
			'--ignore-last-opened',
			'--user-data-dir', userDataDir,
			'--extensions-dir', extensionsDir,
			'--config', config,
		],
		{
			detached: true, // its own process group, so stop() can kill the server and every helper it started
			stdio: ['ignore', log, log],
			env: { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env },
		},
	);
	fs.closeSync(log);
	const pid = /** @type {number} */ (child.pid);
	let exited = false;
	child.on('exit', () => (exited = true));
	const cancelCleanup = atExit(() => {
		killGroup(pid, 'SIGKILL');
		if (!process.env.PAPER_SHELF_KEEP_HOST_DIRS) fs.rmSync(base, { recursive: true, force: true });
	});

	const logTail = (lines = 40) => {
		try {
			const text = fs.readFileSync(logFile, 'utf8').split('\n').filter((line) => line.trim() !== '');
			return text.slice(-lines).join('\n');
		} catch {
			return '(no server log)';
		}
	};
	let stopped = false;
	const stop = async () => {
		if (stopped) return;
		stopped = true;
		cancelCleanup();
		killGroup(pid, 'SIGTERM');
		for (let i = 0; i < 30 && !exited; i++) await delay(100);
		killGroup(pid, 'SIGKILL');
		if (!process.env.PAPER_SHELF_KEEP_HOST_DIRS) fs.rmSync(base, { recursive: true, force: true });
	};

	const origin = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	while (!(await answers(`${origin}/healthz`))) {
		if (exited || Date.now() > deadline) {
			const why = exited ? `exited with ${child.exitCode ?? child.signalCode}` : 'did not answer /healthz within 60 s';
			const tail = logTail();
			await stop();
			throw new Error(`code-server ${why}; last lines of its log:\n${tail}`);
		}
		await delay(200);
	}
	return { port, origin, userDataDir, extensionsDir, logFile, process: child, logTail, stop };
}

/**
 * @param {number} pid  the group leader
 * @param {NodeJS.Signals} signal
 */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/**
 * The workbench URL for a folder; with extension development paths, they go in the `payload` query parameter as
 * vscode-remote:// URIs (code-server rejects them on its command line), which runs them in the remote Node
 * extension host.
 * @param {CodeServer | { origin: string, port: number }} server
 * @param {object} options
 * @param {string} options.folder                      absolute path of the workspace folder
 * @param {string} [options.extensionDevelopmentPath]  absolute path of the extension under development
 * @param {string} [options.extensionTestsPath]        absolute path of the compiled test entry (exports run())
 * @returns {string}
 */
function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
	const authority = `127.0.0.1:${server.port}`;
	/** @param {string} p */
	const remote = (p) => `vscode-remote://${authority}${encodeURI(p.split(path.sep).join('/'))}`;
	/** @type {[string, string][]} */
	const payload = [];
	if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
	if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
	let url = `${server.origin}/?folder=${encodeURIComponent(folder)}`;
	if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
	return url;
}

/**
 * Headless Debian Chromium through playwright-core, in a fresh temp profile.
 * @returns {Promise<import('playwright-core').Browser>}
 */
async function launchBrowser() {
	if (!fs.existsSync(chromiumPath)) {
		throw new Error(`no Chromium at ${chromiumPath}: run node test/host/systemPackages.js (as root it apt-installs chromium and the other Debian packages the tests need; npm test runs it first)`);
	}
	const { chromium } = require('playwright-core');
	return chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
}

/**
 * Installs a .vsix into an extensions folder with code-server's own CLI.
 * @param {string} vsix
 * @param {string} extensionsDir
 */
function installVsix(vsix, extensionsDir) {
	const base = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-vsix-install-'));
	try {
		const result = spawnSync(
			codeServerBin,
			['--config', path.join(base, 'config.yaml'), '--user-data-dir', path.join(base, 'user-data'), '--extensions-dir', extensionsDir, '--install-extension', vsix],
			{ encoding: 'utf8', env: { ...process.env, EXTENSIONS_GALLERY: '{}' } },
		);
		if (result.status !== 0) throw new Error(`code-server --install-extension failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
		return result.stdout.trim();
	} finally {
		fs.rmSync(base, { recursive: true, force: true });
	}
}

module.exports = {
	extensionId,
	atExit,
	CODE_SERVER_VERSION,
	repoRoot,
	installDir,
	codeServerBin,
	chromiumPath,
	chromiumArgs,
	installCodeServer,
	codeServerVersion,
	freePort,
	makeFixtureWorkspace,
	startCodeServer,
	workbenchUrl,
	launchBrowser,
	installVsix,
};
