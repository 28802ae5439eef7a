// @ts-check
/**
 * Builds Paper Shelf.
 *
 *   node esbuild.js               type-check, then bundle extension, webview script and CLI into dist/
 *   node esbuild.js --production  the same, minified, no source maps (what `vsce package` ships)
 *   node esbuild.js --watch       rebuild on change (type errors are reported, not fatal)
 *   node esbuild.js --tests       also transpile src/ and test/ into out/ for mocha (unit and integration)
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

/** @type {import('esbuild').BuildOptions[]} */
const builds = [
	{
		...common,
		entryPoints: ['src/extension/extension.ts'],
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
		entryPoints: ['src/core/topics/topicsWorker.ts'],
		outfile: 'dist/topicsWorker.js',
		platform: 'node',
		format: 'cjs',
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
	});
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
