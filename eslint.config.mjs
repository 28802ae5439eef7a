// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

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
		files: ['src/core/**/*.ts', 'src/cli/**/*.ts', 'test/unit/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/core is pure: no vscode imports here.' }], patterns: ['**/extension/**'] }],
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
