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
		files: ['**/*.js', '**/*.mjs'],
		languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
);
