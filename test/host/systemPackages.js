// @ts-check
/**
 * The Debian packages `npm test` and `npm start` need, and the one idempotent step that installs them. The list lives
 * here only: test/host/bootstrap.js runs this step first (before npm ci, lint, build or any test), and
 * test/host/install-code-server.sh runs it too (`node test/host/systemPackages.js host`), so the host installer works
 * on its own and never installs anything twice.
 *
 *   node test/host/systemPackages.js [test|host] [--quiet]
 *       test (default): everything `npm test` needs; host: only what building the code-server host needs (`npm start`);
 *       --quiet: no line when nothing is missing
 *
 * Present packages cost one dpkg-query. Missing ones: as root, `apt-get update` + `apt-get install -y
 * --no-install-recommends …` (output in <cache>/apt-get.log, its tail printed on failure); without root, the exact
 * command to run and a non-zero exit, instead of a failure deep inside a test. Node built-ins only: it runs before
 * node_modules exists.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

/**
 * @typedef {'host' | 'test'} Purpose  host: build and run the code-server host; test: also what only the tests use
 * @typedef {{ name: string, purpose: Purpose, why: string, present?: () => boolean }} DebianPackage
 */

/**
 * Every Debian package Paper Shelf's commands need, with why. `present` replaces the dpkg check where any install will do.
 * @type {readonly DebianPackage[]}
 */
const PACKAGES = [
	{ name: 'build-essential', purpose: 'host', why: 'compilers for the native modules of the code-server host', present: () => has('make') && has('g++') },
	{ name: 'python3', purpose: 'host', why: 'node-gyp, which builds those modules', present: () => has('python3') },
	{ name: 'libkrb5-dev', purpose: 'host', why: "headers for code-server's kerberos module" },
	{ name: 'ripgrep', purpose: 'host', why: "VS Code's search binary (its npm package would download it)" },
	{ name: 'chromium', purpose: 'test', why: 'the headless browser the integration and UI tests drive' },
	{ name: 'fonts-liberation', purpose: 'test', why: 'a font for the text in UI screenshots' },
	{ name: 'pandoc', purpose: 'test', why: 'the citation tests check that pandoc resolves inserted citations' },
];

const cacheRoot = process.env.PAPER_SHELF_HOST_CACHE || path.join(os.homedir(), '.cache', 'paper-shelf');

/** @param {string} command */
function has(command) {
	return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * The packages `purpose` needs.
 * @param {Purpose} purpose
 */
function packagesFor(purpose) {
	return PACKAGES.filter((p) => purpose === 'test' || p.purpose === 'host');
}

/**
 * Which of `packages` are not installed (dpkg's "install ok installed", or the package's own check).
 * @param {readonly DebianPackage[]} packages
 * @returns {DebianPackage[]}
 */
function missingPackages(packages) {
	const query = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...packages.map((p) => p.name)], { encoding: 'utf8' });
	const installed = new Set(
		(query.stdout ?? '')
			.split('\n')
			.filter((line) => line.endsWith(' install ok installed'))
			.map((line) => line.split(' ')[0].split(':')[0]),
	);
	return packages.filter((p) => !installed.has(p.name) && !(p.present && p.present()));
}

/**
 * The one step: makes sure every Debian package `purpose` needs is installed, or exits the process (status 1) with
 * the command that installs them. Prints one line either way.
 * @param {Purpose} purpose
 * @param {string} tag  the log prefix, e.g. '[bootstrap]'
 * @param {{ quietWhenPresent?: boolean }} [options]  print nothing when nothing is missing
 */
function ensureSystemPackages(purpose, tag, { quietWhenPresent = false } = {}) {
	const wanted = packagesFor(purpose);
	const names = wanted.map((p) => p.name).join(' ');
	if (!has('dpkg-query') || !has('apt-get')) {
		console.log(`${tag} not a Debian system (no dpkg-query/apt-get): make sure the equivalents of ${names} are installed`);
		return;
	}
	const missing = missingPackages(wanted);
	if (missing.length === 0) {
		if (!quietWhenPresent) console.log(`${tag} Debian packages installed: ${names}`);
		return;
	}
	const list = missing.map((p) => p.name).join(' ');
	const reasons = missing.map((p) => `${p.name}: ${p.why}`).join('; ');
	const command = `apt-get update && apt-get install -y --no-install-recommends ${list}`;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		console.error(`${tag} missing Debian packages (${reasons}).`);
		console.error(`${tag} Installing them needs root. Run this, then the same npm command again:`);
		console.error(`    sudo sh -c '${command}'`);
		process.exit(1);
	}
	fs.mkdirSync(cacheRoot, { recursive: true });
	const log = path.join(cacheRoot, 'apt-get.log');
	console.log(`${tag} installing Debian packages ${list} (${reasons}) with apt-get; log: ${log}`);
	fs.writeFileSync(log, `${new Date().toISOString()} ${command}\n`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	// Another apt run (unattended upgrades, a second checkout's bootstrap) holds the lock for a while: wait for it.
	const lock = ['-o', 'DPkg::Lock::Timeout=600'];
	for (const args of [['update', ...lock], ['install', '-y', '--no-install-recommends', ...lock, ...missing.map((p) => p.name)]]) {
		const fd = fs.openSync(log, 'a');
		const result = spawnSync('apt-get', args, { stdio: ['ignore', fd, fd], env });
		fs.closeSync(fd);
		if (result.status !== 0) {
			const tail = fs.readFileSync(log, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
			console.error(`${tag} apt-get ${args[0]} failed (exit ${result.status ?? result.signal}); last lines of ${log}:\n${tail}`);
			process.exit(1);
		}
	}
	const still = missingPackages(wanted);
	if (still.length > 0) {
		console.error(`${tag} apt-get finished but these are still missing: ${still.map((p) => p.name).join(' ')} (see ${log})`);
		process.exit(1);
	}
}

module.exports = { PACKAGES, packagesFor, missingPackages, ensureSystemPackages };

if (require.main === module) {
	const args = process.argv.slice(2);
	const quietWhenPresent = args.includes('--quiet');
	const purpose = args.find((a) => a !== '--quiet') ?? 'test';
	if (purpose !== 'test' && purpose !== 'host') {
		console.error(`usage: node test/host/systemPackages.js [test|host] [--quiet]  (got '${purpose}')`);
		process.exit(2);
	}
	ensureSystemPackages(purpose, process.env.PAPER_SHELF_LOG_TAG || '[packages]', { quietWhenPresent });
}
