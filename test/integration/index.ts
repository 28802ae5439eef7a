import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/** Per-test timeout: generous, because the shared test machines are slow and the extension host is real. */
const testTimeoutMs = 60_000;

/** Every compiled integration test below this folder (out/test/integration/**\/*.test.js). */
function testFiles(dir: string): string[] {
	return fs
		.readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((f) => f.endsWith('.test.js'))
		.sort()
		.map((f) => path.join(dir, f));
}

/**
 * The entry point VS Code's test runner calls inside the extension host (desktop via @vscode/test-electron, or
 * code-server via test/host/runIntegration.js). Resolves when every test passed; rejects when any failed, when a test
 * file could not be loaded, or when no test ran at all.
 */
export function run(): Promise<void> {
	// PAPER_SHELF_TEST_GREP runs only the tests whose full title matches (for working on one feature; `npm test` sets none).
	const grep = process.env.PAPER_SHELF_TEST_GREP;
	const mocha = new Mocha({ ui: 'tdd', color: false, timeout: testTimeoutMs, reporter: 'spec', ...(grep ? { grep } : {}) });
	const files = testFiles(__dirname);
	for (const file of files) mocha.addFile(file);
	return new Promise((resolve, reject) => {
		try {
			const runner = mocha.run((failures) => {
				const ran = runner.stats?.tests ?? 0;
				if (failures > 0) reject(new Error(`${failures} of ${ran} integration tests failed`));
				else if (ran === 0) reject(new Error(`no integration tests ran (found ${files.length} test files in ${__dirname})`));
				else resolve();
			});
		} catch (err) {
			reject(err instanceof Error ? err : new Error(String(err)));
		}
	});
}
