// @ts-check
/**
 * Makes a fresh clone ready to build and test, before any lint, build or test step runs. The first step of `npm test`
 * (`node test/host/bootstrap.js`) and of `npm start` (`node test/host/bootstrap.js --start`); each step is idempotent
 * and prints one line saying what it installs and why (or that it is already there):
 *
 *   1. Debian packages (test/host/systemPackages.js owns the list): for `npm test` build-essential, python3,
 *      libkrb5-dev, ripgrep (to build the code-server host), chromium, fonts-liberation (the headless browser of the
 *      integration and UI tests) and pandoc (the citation tests); for `npm start` the first four only. Installed with
 *      apt-get as root; without root it prints the exact apt-get command and stops.
 *   2. node_modules: `npm ci` when it is missing or out of date with package-lock.json.
 *   3. The code-server host (VS Code 1.100.3's server and web workbench, from npm) in ~/.cache/paper-shelf, by
 *      test/host/install-code-server.sh: the VS Code the integration and UI tests run in, and `npm start`'s fallback
 *      where desktop VS Code cannot be downloaded.
 *
 * Node built-ins only, because it runs before node_modules exists.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureSystemPackages } = require('./systemPackages');

const forStart = process.argv.includes('--start');

const root = path.resolve(__dirname, '..', '..');
const lockFile = path.join(root, 'package-lock.json');
const hiddenLock = path.join(root, 'node_modules', '.package-lock.json');

/**
 * Why node_modules needs `npm ci`, or '' when it is up to date.
 * npm writes node_modules/.package-lock.json on every install; when it is older than package-lock.json, the versions
 * are compared, so a lock file that was merely touched (checkout, `npm install` writing both) costs nothing.
 * @returns {string}
 */
function staleReason() {
	if (!fs.existsSync(path.join(root, 'node_modules'))) return 'node_modules is missing';
	if (!fs.existsSync(hiddenLock)) return 'node_modules was not installed by npm (no node_modules/.package-lock.json)';
	if (fs.statSync(hiddenLock).mtimeMs >= fs.statSync(lockFile).mtimeMs) return '';
	/** @type {Record<string, {version?: string, optional?: boolean, link?: boolean}>} */
	const wanted = JSON.parse(fs.readFileSync(lockFile, 'utf8')).packages ?? {};
	/** @type {Record<string, {version?: string}>} */
	const installed = JSON.parse(fs.readFileSync(hiddenLock, 'utf8')).packages ?? {};
	for (const [where, entry] of Object.entries(wanted)) {
		if (!where.startsWith('node_modules/') || entry.link) continue;
		const have = installed[where];
		if (!have) {
			if (entry.optional) continue; // platform-specific binaries (e.g. @esbuild/darwin-arm64) are never installed here
			return `${where} is missing`;
		}
		if (have.version !== entry.version) return `${where} is ${have.version}, package-lock.json wants ${entry.version}`;
	}
	return '';
}

ensureSystemPackages(forStart ? 'host' : 'test', '[bootstrap]');

const reason = staleReason();
if (reason) {
	console.log(`[bootstrap] ${reason}: running npm ci (installs the build and test tools pinned in package-lock.json)`);
	const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
	const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
	if (result.status !== 0) {
		console.error(`[bootstrap] npm ci failed (exit ${result.status ?? result.signal})`);
		process.exit(result.status || 1);
	}
} else {
	console.log('[bootstrap] node_modules is up to date');
}

const host = spawnSync('bash', [path.join(__dirname, 'install-code-server.sh')], { stdio: 'inherit' });
if (host.status !== 0) {
	console.error(`[bootstrap] the code-server host install failed (exit ${host.status ?? host.signal})`);
	process.exit(host.status || 1);
}
