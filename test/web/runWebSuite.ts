/**
 * The integration suite's `run()` in the browser's web worker extension host (out/test/web/integration.js, loaded by
 * VS Code as one file, with `vscode` as its only module): mocha's browser build, the spec reporter writing to the
 * console (which the workbench relays through `codeAutomationLog`), and the same test files as in the Node host. What
 * cannot run without Node is listed before the run, and shows as pending in mocha's count.
 */
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import { loadTestEnv, testEnv, webHostExclusions } from '../integration/helpers';

/** Per-test timeout, as in the Node host's test/integration/index.ts. */
const testTimeoutMs = 60_000;

interface BrowserMocha {
	setup(options: Record<string, unknown>): void;
	run(done: (failures: number) => void): { stats?: { tests: number; passes: number; pending: number; failures: number } };
}

export async function runWebSuite(files: readonly [string, () => unknown][]): Promise<void> {
	await loadTestEnv();
	const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
	const grep = testEnv('PAPER_SHELF_TEST_GREP');
	mocha.setup({ ui: 'tdd', reporter: 'spec', color: false, timeout: testTimeoutMs, ...(grep ? { grep } : {}) });
	for (const [, load] of files) load();
	const excluded = webHostExclusions();
	console.log(`[web host] Paper Shelf integration suite in the web worker extension host (uiKind ${vscode.UIKind[vscode.env.uiKind]}), ${files.length} test files`);
	console.log(`[web host] ${excluded.length} test(s) need Node and are not run here (they show as pending):`);
	for (const { title, reason } of excluded) console.log(`[web host]   - ${title}: ${reason}`);
	return new Promise((resolve, reject) => {
		try {
			const runner = mocha.run((failures) => {
				const ran = runner.stats?.tests ?? 0;
				if (failures > 0) reject(new Error(`${failures} of ${ran} integration tests failed`));
				else if (ran === 0) reject(new Error(`no integration tests ran (${files.length} test files bundled)`));
				else resolve();
			});
		} catch (err) {
			reject(err instanceof Error ? err : new Error(String(err)));
		}
	});
}
