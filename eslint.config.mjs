// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noNode = 'No Node modules here: this code also runs in the browser (web build). Use vscode.workspace.fs, vscode.Uri, TextEncoder/TextDecoder, src/core/hash/sha256.ts, src/core/runtime.ts; put Node-only code in src/node/.';
const nodeModules = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'https', 'net', 'util', 'stream', 'zlib', 'buffer', 'events', 'url', 'timers', 'assert'].map((name) => ({ name, message: noNode }));
const nodePatterns = [{ group: ['node:*'], message: noNode }];
const nodeGlobals = [
	{ name: 'Buffer', message: 'No Buffer in code that runs in the browser: use Uint8Array, TextEncoder/TextDecoder.' },
	{ name: 'process', message: 'No process in code that runs in the browser: pass what differs through HostPlatform (src/extension/platform.ts).' },
	{ name: 'setImmediate', message: 'Use yieldToEventLoop from src/core/runtime.ts.' },
	{ name: '__dirname', message: 'No __dirname in code that runs in the browser: use the extension URI.' },
];

export default tseslint.config(
	{ ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.test-host/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		files: ['**/*.ts'],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'@typescript-eslint/no-explicit-any': 'error',
			eqeqeq: ['error', 'always'],
			curly: ['error', 'multi-line'],
		},
	},
	{
		// The pure core must never depend on the editor: it runs under plain Node and in the CLI.
		files: ['src/cli/**/*.ts', 'test/unit/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is pure: no vscode imports here.' }], patterns: ['**/extension/**'] }],
		},
	},
	{
		// The extension also runs as a web extension (vscode.dev, github.dev: the browser's web worker extension host,
		// built from src/web/extension.ts), so the core and the extension layer use no Node module. Node-only pieces live
		// in src/node/ (the Node build's entry, worker_threads, realpath) and src/cli/.
		files: ['src/extension/**/*.ts', 'src/web/**/*.ts', 'src/shared/**/*.ts', 'src/webview/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { paths: nodeModules, patterns: nodePatterns }],
			'no-restricted-globals': ['error', ...nodeGlobals],
		},
	},
	{
		// The same for the core, which is also pure: no vscode.
		files: ['src/core/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', {
				paths: [{ name: 'vscode', message: 'src/core is pure: no vscode imports here.' }, ...nodeModules],
				patterns: [{ group: ['**/extension/**'], message: 'src/core is pure: no imports from the extension layer.' }, ...nodePatterns],
			}],
			'no-restricted-globals': ['error', ...nodeGlobals],
		},
	},
	{
		// Text from a digest or a workspace file must never become a link, an icon or a command: notifications, status
		// bar messages and Markdown strings go through src/extension/util/surfaces.ts, which neutralises it.
		files: ['src/**/*.ts'],
		ignores: ['src/extension/util/surfaces.ts'],
		rules: {
			'no-restricted-syntax': ['error',
				{ selector: 'MemberExpression[property.name=/^(showInformationMessage|showWarningMessage|showErrorMessage)$/]', message: 'Use notify.info/warning/error from util/surfaces.ts: it keeps file names and digest text from becoming links.' },
				{ selector: 'MemberExpression[property.name="setStatusBarMessage"]', message: 'Use statusMessage from util/surfaces.ts: it keeps $(icon) in untrusted text from rendering.' },
				{ selector: 'NewExpression[callee.property.name="MarkdownString"]', message: 'Use untrustedMarkdown() from util/surfaces.ts (not trusted, no HTML, no theme icons).' },
				{ selector: 'CallExpression[callee.property.name="appendText"]', message: 'Use appendUntrusted() from util/surfaces.ts: appendText leaves autolinks such as <https://…> clickable.' },
			],
		},
	},
	{
		files: ['**/*.js', '**/*.mjs'],
		languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
