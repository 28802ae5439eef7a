// @ts-check
/**
 * `npm start`: opens VS Code with Paper Shelf loaded from this repo (extensionDevelopmentPath) on a temp copy of
 * test/fixtures/workspace. Builds nothing itself; the npm script builds dist/ first.
 *
 *   npm start                       desktop VS Code when it can be downloaded and shown, else code-server
 *   npm start -- --port 8080        code-server on 127.0.0.1:8080 (default: a free port)
 *   PAPER_SHELF_TEST_HOST=code-server npm start    always code-server; =electron always desktop
 *   PAPER_SHELF_VSCODE_VERSION=1.100.3 npm start   desktop version to download (default: the latest stable)
 *
 * With code-server it prints the workbench URL (open it in a browser; it carries the extension path in its `payload`
 * query parameter) and runs until Ctrl-C.
 */
const fs = require('node:fs');
const path = require('node:path');
const https = require('node:https');
const { spawn } = require('node:child_process');
const { setTimeout, clearTimeout } = require('node:timers');
const host = require('./codeServer');

const hostChoice = process.env.PAPER_SHELF_TEST_HOST || 'auto';
const desktopVersion = process.env.PAPER_SHELF_VSCODE_VERSION || 'stable';

/** @returns {{ port?: number }} */
function parseArgs(argv = process.argv.slice(2)) {
	/** @type {{ port?: number }} */
	const options = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		const [name, inline] = arg.split('=', 2);
		if (name === '--port') {
			const value = Number(inline ?? argv[++i]);
			if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`--port wants a number from 1 to 65535, got ${inline ?? argv[i]}`);
			options.port = value;
		} else if (name === '--help' || name === '-h') {
			console.log('usage: npm start [-- --port N]    (env PAPER_SHELF_TEST_HOST=auto|electron|code-server)');
			process.exit(0);
		} else {
			throw new Error(`unknown argument ${arg} (usage: npm start [-- --port N])`);
		}
	}
	return options;
}

/** @returns {Promise<boolean>} whether VS Code's update server answers within 10 s */
function updateServerReachable() {
	return new Promise((resolve) => {
		const req = https.request('https://update.code.visualstudio.com/api/releases/stable', { method: 'HEAD', timeout: 10_000 }, (res) => {
			res.resume();
			resolve(true);
		});
		const timer = setTimeout(() => req.destroy(new Error('timeout')), 10_000);
		req.on('error', () => resolve(false));
		req.on('close', () => clearTimeout(timer));
		req.end();
	});
}

/**
 * Desktop VS Code, or why it cannot be used.
 * @returns {Promise<{ executable: string } | { error: string }>}
 */
async function desktop() {
	if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { error: 'no display (DISPLAY is not set)' };
	if (!(await updateServerReachable())) return { error: 'update.code.visualstudio.com is not reachable within 10 s' };
	try {
		const { downloadAndUnzipVSCode } = require('@vscode/test-electron');
		return { executable: await downloadAndUnzipVSCode({ version: desktopVersion, timeout: 30_000 }) };
	} catch (err) {
		return { error: `download failed: ${err instanceof Error ? err.message : String(err)}` };
	}
}

/** @param {string} executable */
function runDesktop(executable) {
	const workspace = host.makeFixtureWorkspace('paper-shelf-sample-');
	const profile = path.join(host.repoRoot, '.vscode-test');
	console.log(`[start] desktop VS Code (${executable}) on ${workspace}`);
	const child = spawn(
		executable,
		[
			`--extensionDevelopmentPath=${host.repoRoot}`,
			`--user-data-dir=${path.join(profile, 'user-data')}`,
			`--extensions-dir=${path.join(profile, 'extensions')}`,
			'--new-window',
			'--skip-welcome',
			'--skip-release-notes',
			workspace,
		],
		{ stdio: 'inherit', env: { ...process.env, PAPER_SHELF_TEST_WORKSPACE: workspace } },
	);
	child.on('exit', (code) => {
		fs.rmSync(workspace, { recursive: true, force: true });
		process.exit(code ?? 0);
	});
}

/** @param {{ port?: number }} options */
async function runCodeServer(options) {
	const { version, vscodeVersion } = host.installCodeServer();
	const workspace = host.makeFixtureWorkspace('paper-shelf-sample-');
	const server = await host.startCodeServer({ port: options.port, env: { PAPER_SHELF_TEST_WORKSPACE: workspace } });
	const url = host.workbenchUrl(server, { folder: workspace, extensionDevelopmentPath: host.repoRoot });
	// Ctrl-C: codeServer.js's exit hooks kill the server's process group and remove the temp folders.
	server.process.on('exit', (code, signal) => {
		console.error(`[start] code-server stopped unexpectedly (${code ?? signal}); last lines of its log:\n${server.logTail()}`);
		process.exit(1);
	});
	console.log(`[start] code-server ${version} (VS Code ${vscodeVersion}) with Paper Shelf from ${host.repoRoot}`);
	console.log(`[start] sample workspace: ${workspace}`);
	console.log(`[start] server log: ${server.logFile}`);
	console.log('[start] open this URL in a browser (Ctrl-C stops the server):');
	console.log(url);
}

async function main() {
	const options = parseArgs();
	if (hostChoice === 'code-server' || options.port !== undefined) return runCodeServer(options);
	if (hostChoice !== 'auto' && hostChoice !== 'electron') throw new Error(`unknown PAPER_SHELF_TEST_HOST=${hostChoice} (auto | electron | code-server)`);
	const found = await desktop();
	if ('executable' in found) return runDesktop(found.executable);
	if (hostChoice === 'electron') throw new Error(`desktop VS Code cannot run here: ${found.error}`);
	console.log(`[start] desktop VS Code unavailable (${found.error}); using code-server`);
	return runCodeServer(options);
}

main().catch((err) => {
	console.error(`[start] FAILED: ${err instanceof Error ? err.message : String(err)}`);
	process.exit(1);
});
