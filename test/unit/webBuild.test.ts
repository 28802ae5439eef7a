import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../support/corpus';

interface Manifest {
	main?: string;
	browser?: string;
	extensionKind?: string[];
	capabilities?: { virtualWorkspaces?: { supported?: unknown }; untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[] } };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest;

/** Every module a CommonJS bundle requires. */
function requiresOf(file: string): string[] {
	const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
	return [...new Set([...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]))].sort();
}

suite('The web build (vscode.dev, github.dev) next to the Node build', () => {
	test('the manifest has a Node entry and a browser entry, and lets VS Code run it where the files are', () => {
		assert.equal(manifest.main, './dist/extension.js');
		assert.equal(manifest.browser, './dist/web/extension.js');
		// No extensionKind: with both entries VS Code picks ["workspace", "web"], so remote windows run it beside the
		// files (SSH, WSL, containers) and a browser-only workbench runs the web build.
		assert.equal(manifest.extensionKind, undefined);
		assert.equal(manifest.capabilities?.virtualWorkspaces?.supported, true);
		assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, 'limited');
	});

	test('in an untrusted workspace, its settings cannot start a fetch or point one at another server', () => {
		// A cloned repository's .vscode/settings.json could otherwise make VS Code contact a server of its choosing at
		// every start (a tracking beacon) before the user trusted it: VS Code ignores workspace values of these there.
		const restricted = manifest.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? [];
		for (const key of ['paperShelf.fetch.onStartup', 'paperShelf.fetch.huggingFaceUrl', 'paperShelf.fetch.arxivUrl']) {
			assert.ok(restricted.includes(key), `${key} is a restricted configuration`);
		}
	});

	test('the browser bundles need nothing but the vscode module (no Node built-in, no polyfill)', () => {
		assert.deepEqual(requiresOf('dist/web/extension.js'), ['vscode']);
		assert.deepEqual(requiresOf('dist/web/topicsWorker.js'), []);
		const web = fs.readFileSync(path.join(repoRoot, 'dist/web/extension.js'), 'utf8');
		// (FlexSearch's own worker mode, which Paper Shelf does not use, keeps a dead `__dirname` branch; its
		// `worker_threads` is disabled by the package's `browser` field, so nothing of it can load.)
		for (const nodeOnly of [/\bBuffer\.from\(/, /\bprocess\.(env|platform|pid)\b/, /\bnode:[a-z_]+/, /"\(disabled\):(?!worker_threads")/]) {
			assert.doesNotMatch(web, nodeOnly, `dist/web/extension.js uses ${nodeOnly}`);
		}
	});

	test('the Node bundles are the ones that use Node: worker_threads for topics, os for the home folder', () => {
		assert.ok(requiresOf('dist/extension.js').includes('node:worker_threads') || requiresOf('dist/extension.js').includes('worker_threads'));
		assert.ok(requiresOf('dist/topicsWorker.js').some((m) => m.endsWith('worker_threads')));
	});
});
