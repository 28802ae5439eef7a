import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_KEY_FORMULA_SOURCE } from '../../src/core/cite/citationKey';
import { DEFAULT_MAX_DIGEST_SIZE_MB } from '../../src/core/parse/digestSize';
import { readSettings, SETTINGS, SETTINGS_SECTION, settingName, type SettingKey } from '../../src/core/settings';

interface DeclaredSetting {
	readonly type?: string;
	readonly default?: unknown;
	readonly enum?: readonly string[];
}

/** The settings package.json contributes, by full name. */
function declared(): Record<string, DeclaredSetting> {
	const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
	return pkg.contributes.configuration.properties;
}

const keys = Object.keys(SETTINGS) as SettingKey[];

suite('The settings module holds every setting, as package.json declares it', () => {
	test('package.json contributes exactly the settings the module declares', () => {
		assert.deepEqual(Object.keys(declared()).sort(), keys.map((k) => `${SETTINGS_SECTION}.${k}`).sort());
	});

	test('Every default, type and list of choices in package.json equals the module\'s', () => {
		const pkg = declared();
		for (const key of keys) {
			const spec: { type: string; default: unknown; enum?: readonly string[] } = SETTINGS[key];
			const entry = pkg[settingName(key)];
			assert.deepEqual(entry.default, spec.default, `default of ${settingName(key)}`);
			assert.equal(entry.type, spec.type, `type of ${settingName(key)}`);
			assert.deepEqual(entry.enum, spec.enum, `choices of ${settingName(key)}`);
		}
	});

	test('The core\'s own defaults are the module\'s: the digest size limit and the citation key formula', () => {
		assert.equal(DEFAULT_MAX_DIGEST_SIZE_MB, SETTINGS.maxDigestSizeMB.default);
		assert.equal(DEFAULT_KEY_FORMULA_SOURCE, SETTINGS.citationKeyFormat.default);
	});

	test('Nothing set reads as every default; values of the wrong type or outside the choices fall back to it', () => {
		const defaults = readSettings(() => undefined);
		for (const key of keys) {
			assert.deepEqual(defaults[key], SETTINGS[key].default, key);
		}
		const wrong: Record<SettingKey, unknown> = {
			digests: 'not an array',
			showBundledDigest: 'sometimes',
			groupBy: 'colour',
			topics: ['x'],
			maxDigestSizeMB: '12',
			openInNewTab: 'yes',
			citationKeyFormat: '  ',
			latexCiteCommand: 3,
			citationTemplates: null,
			bibliographyFile: '',
			sortBy: 'colour',
			'fetch.folder': 7,
			'fetch.arxivCategories': 'cs.LG',
			'fetch.onStartup': 'hourly',
			'fetch.huggingFaceUrl': 'file:///etc/passwd',
			'fetch.arxivUrl': 'not a url',
			'fetch.timeoutSeconds': -1,
			addBibliographyToFrontMatter: 'sometimes',
			libraryFile: ' ',
			'notes.folder': 7,
			'notes.template': {},
		};
		assert.deepEqual(readSettings((k) => wrong[k]), defaults);
	});

	test('Good values are kept; blank topics and non-string array items are dropped', () => {
		const given: Record<SettingKey, unknown> = {
			digests: ['a/*.md', 3, ''],
			showBundledDigest: 'never',
			groupBy: 'date',
			topics: { ' Quant ': 'quantization', Empty: ' ', '': 'x' },
			maxDigestSizeMB: 2,
			openInNewTab: true,
			citationKeyFormat: 'auth + year',
			latexCiteCommand: 'citeauthor',
			citationTemplates: { markdown: '[@${keys:; @}]' },
			bibliographyFile: 'bib/refs.json',
			sortBy: 'upvotes',
			'fetch.folder': ' digests/daily ',
			'fetch.arxivCategories': ['cs.AR', ' cs.LG ', 'cat:cs.AI OR x', 5],
			'fetch.onStartup': 'both',
			'fetch.huggingFaceUrl': 'http://127.0.0.1:8123/api/daily_papers',
			'fetch.arxivUrl': 'https://mirror.example/api/query',
			'fetch.timeoutSeconds': 0.5,
			addBibliographyToFrontMatter: 'never',
			libraryFile: 'shared/library.json',
			'notes.folder': 'lit',
			'notes.template': ' templates/paper.md ',
		};
		assert.deepEqual(readSettings((k) => given[k]), {
			digests: ['a/*.md'],
			showBundledDigest: 'never',
			groupBy: 'date',
			topics: { Quant: 'quantization' },
			maxDigestSizeMB: 2,
			openInNewTab: true,
			citationKeyFormat: 'auth + year',
			latexCiteCommand: 'citeauthor',
			citationTemplates: { markdown: '[@${keys:; @}]' },
			bibliographyFile: 'bib/refs.json',
			sortBy: 'upvotes',
			'fetch.folder': 'digests/daily',
			'fetch.arxivCategories': ['cs.AR', 'cs.LG'],
			'fetch.onStartup': 'both',
			'fetch.huggingFaceUrl': 'http://127.0.0.1:8123/api/daily_papers',
			'fetch.arxivUrl': 'https://mirror.example/api/query',
			'fetch.timeoutSeconds': 0.5,
			addBibliographyToFrontMatter: 'never',
			libraryFile: 'shared/library.json',
			'notes.folder': 'lit',
			'notes.template': 'templates/paper.md',
		});
	});
});
