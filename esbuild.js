// @ts-check
/**
 * Builds Paper Shelf.
 *
 *   node esbuild.js               type-check, then bundle extension (Node and web), webview script and CLI into dist/
 *   node esbuild.js --production  the same, minified, no source maps (what `vsce package` ships)
 *   node esbuild.js --watch       rebuild on change (type errors are reported, not fatal)
 *   node esbuild.js --tests       also transpile src/ and test/ into out/ for mocha (unit and integration), and bundle
 *                                 the integration suite for the web worker extension host (out/test/web/integration.js)
 */
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');
const typecheck = !process.argv.includes('--no-typecheck');

/** Prints esbuild's errors in the `file:line:col: error` shape VS Code's $esbuild-watch problem matcher reads. */
const problemMatcherPlugin = {
	name: 'problem-matcher',
	/** @param {import('esbuild').PluginBuild} build */
	setup(build) {
		build.onStart(() => console.log('[watch] build started'));
		build.onEnd((result) => {
			for (const { text, location } of result.errors) {
				console.error(`✘ [ERROR] ${text}`);
				if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
			}
			console.log('[watch] build finished');
		});
	},
};

/** @type {import('esbuild').BuildOptions} */
const common = {
	bundle: true,
	minify: production,
	sourcemap: !production,
	sourcesContent: false,
	logLevel: 'warning',
	target: 'node20',
	plugins: watch ? [problemMatcherPlugin] : [],
};

/**
 * What every bundle for the browser shares: no Node built-ins and no polyfills for them (esbuild fails the build when
 * one is imported), the packages' browser builds, and a target the web workbench's browsers all run.
 * @type {import('esbuild').BuildOptions}
 */
const webBundle = {
	platform: 'browser',
	target: 'es2022',
	mainFields: ['browser', 'module', 'main'],
};

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
	{
		// Desktop and remote (Node) extension hosts: package.json `main`.
		...common,
		entryPoints: ['src/node/extension.ts'],
		outfile: 'dist/extension.js',
		platform: 'node',
		format: 'cjs',
		external: ['vscode'],
		// jsonc-parser's UMD `main` hides its requires from esbuild; its ESM `module` build bundles correctly.
		mainFields: ['module', 'main'],
	},
	{
		...common,
		entryPoints: ['src/webview/main.ts'],
		outfile: 'dist/webview.js',
		platform: 'browser',
		format: 'iife',
		target: 'es2022',
	},
	{
		...common,
		entryPoints: ['src/cli/cli.ts'],
		outfile: 'dist/cli.js',
		platform: 'node',
		format: 'cjs',
		mainFields: ['module', 'main'],
		banner: { js: '#!/usr/bin/env node' },
	},
	{
		// Topics are derived in a worker_threads worker, off the extension host's main thread.
		...common,
		entryPoints: ['src/node/topicsWorkerThread.ts'],
		outfile: 'dist/topicsWorker.js',
		platform: 'node',
		format: 'cjs',
	},
	{
		// The browser's web worker extension host (vscode.dev, github.dev): package.json `browser`. The same sources
		// as the Node build, through src/web/extension.ts; a Node module reached from here fails the build.
		...common,
		...webBundle,
		entryPoints: ['src/web/extension.ts'],
		outfile: 'dist/web/extension.js',
		format: 'cjs',
		external: ['vscode'],
	},
	{
		// Topics in a Web Worker in the browser, loaded from its own file.
		...common,
		...webBundle,
		entryPoints: ['src/web/topicsWorker.ts'],
		outfile: 'dist/web/topicsWorker.js',
		format: 'iife',
	},
];

/** Every .ts file below a folder, as paths relative to the repo. */
function tsFiles(dir) {
	return fs
		.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
		.map((f) => path.join(dir, f));
}

if (tests) {
	// Start from an empty out/, so a deleted or renamed test never lingers there as a stale compiled copy.
	fs.rmSync('out', { recursive: true, force: true });
	// Tests run from out/ unbundled, so each module stays a file mocha can load and `vscode` resolves
	// from the extension host at run time.
	builds.push({
		entryPoints: [...tsFiles('src'), ...tsFiles('test')],
		outdir: 'out',
		outbase: '.',
		bundle: false,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		sourcemap: true,
		logLevel: 'warning',
		define: { PAPER_SHELF_TEST_HOST: '"node"' },
	});
	builds.push(webIntegrationSuite());
}

/**
 * The integration suite bundled for the browser's web worker extension host, which loads a test module as one file
 * with no `require` but `vscode`. The entry lists every test file (each required lazily, once mocha's `suite` and
 * `test` exist); Node built-ins resolve to `test/web/nodeStub.ts` (tests that need Node are listed, not run, there:
 * see test/integration/helpers.ts) and `node:assert/strict` to a small strict assert for the browser.
 * @returns {import('esbuild').BuildOptions}
 */
function webIntegrationSuite() {
	const files = tsFiles('test/integration').filter((f) => f.endsWith('.test.ts')).sort();
	const lines = files.map((f) => `\t[${JSON.stringify(path.basename(f, '.ts'))}, () => require(${JSON.stringify('./' + f.split(path.sep).join('/'))})],`);
	/** @type {import('esbuild').Plugin} */
	const nodeBuiltins = {
		name: 'web-test-node-builtins',
		setup(build) {
			const builtins = /^(node:.*|assert|assert\/strict|fs|path|os|crypto|child_process|util|worker_threads)$/;
			build.onResolve({ filter: builtins }, (args) => ({
				path: path.resolve(/^(node:)?assert(\/strict)?$/.test(args.path) ? 'test/web/assert.ts' : 'test/web/nodeStub.ts'),
			}));
		},
	};
	return {
		stdin: {
			contents: `const { runWebSuite } = require('./test/web/runWebSuite');\nexports.run = () => runWebSuite([\n${lines.join('\n')}\n]);\n`,
			resolveDir: __dirname,
			sourcefile: 'web-integration-entry.js',
			loader: 'js',
		},
		...webBundle,
		bundle: true,
		outfile: 'out/test/web/integration.js',
		format: 'cjs',
		external: ['vscode'],
		sourcemap: 'inline',
		sourcesContent: false,
		logLevel: 'warning',
		define: { PAPER_SHELF_TEST_HOST: '"web"' },
		plugins: [nodeBuiltins],
	};
}

function runTypecheck() {
	const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', '.'], { stdio: 'inherit' });
	return tsc.status === 0;
}

async function main() {
	if (typecheck && !runTypecheck() && !watch) {
		console.error('esbuild.js: type-check failed (tsc --noEmit)');
		process.exit(1);
	}
	if (watch) {
		const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
		await Promise.all(contexts.map((c) => c.watch()));
		return;
	}
	await Promise.all(builds.map((b) => esbuild.build(b)));
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
