/**
 * Every `paperShelf.*` setting in one place: its key, type, allowed values and default, and how a raw value (whatever
 * the user wrote in settings.json) becomes a checked one. The editor reads its settings through `readSettings`; the
 * CLI, which has no settings, uses the same defaults. package.json's `contributes.configuration` declares the same
 * settings for VS Code's settings UI; a unit test (test/unit/settings.test.ts) pins the two together, key for key and
 * default for default, so they cannot drift.
 */

/** The settings section: every key below is `paperShelf.<key>`. */
export const SETTINGS_SECTION = 'paperShelf';

/** How the Papers view groups the shelf. */
export const GROUP_BY_VALUES = ['topic', 'digest', 'date', 'none'] as const;
export type GroupBy = (typeof GROUP_BY_VALUES)[number];

/** When the bundled digest is on the shelf. */
export const SHOW_BUNDLED_VALUES = ['auto', 'always', 'never'] as const;
export type ShowBundled = (typeof SHOW_BUNDLED_VALUES)[number];

/** How papers are ordered inside a group: as the digest lists them, by upvotes, newest first, or by title. */
export const SORT_BY_VALUES = ['digest', 'upvotes', 'date', 'title'] as const;
export type SortBy = (typeof SORT_BY_VALUES)[number];

/** What the editor fetches by itself once a day when it starts. */
export const FETCH_ON_STARTUP_VALUES = ['off', 'daily-papers', 'arxiv', 'both'] as const;
export type FetchOnStartup = (typeof FETCH_ON_STARTUP_VALUES)[number];

/** Whether a note that names no bibliography gets `bibliography:` in its front matter. */
export const ADD_BIBLIOGRAPHY_VALUES = ['ask', 'always', 'never'] as const;
export type AddBibliography = (typeof ADD_BIBLIOGRAPHY_VALUES)[number];

/** The LaTeX citation commands `paperShelf.latexCiteCommand` offers. */
export const LATEX_CITE_COMMANDS = ['cite', 'citep', 'citet', 'autocite', 'parencite', 'textcite', 'footcite'] as const;

/** One setting's declaration: its JSON type as package.json states it, its default and, for a choice, its values. */
export interface SettingSpec<T> {
	readonly type: 'array' | 'string' | 'object' | 'number' | 'boolean';
	readonly default: T;
	readonly enum?: readonly string[];
}

/** Every setting, by key (without the section). */
export const SETTINGS = {
	digests: { type: 'array', default: ['**/*.digest.{txt,md,json,jsonl}', '**/daily_papers*.json'] as readonly string[] },
	showBundledDigest: { type: 'string', default: 'auto' as ShowBundled, enum: SHOW_BUNDLED_VALUES },
	groupBy: { type: 'string', default: 'topic' as GroupBy, enum: GROUP_BY_VALUES },
	topics: { type: 'object', default: {} as Readonly<Record<string, string>> },
	maxDigestSizeMB: { type: 'number', default: 256 },
	openInNewTab: { type: 'boolean', default: false },
	citationKeyFormat: { type: 'string', default: 'auth.lower + shorttitle(3,3) + year' },
	latexCiteCommand: { type: 'string', default: 'cite', enum: LATEX_CITE_COMMANDS },
	citationTemplates: { type: 'object', default: {} as Readonly<Record<string, string>> },
	bibliographyFile: { type: 'string', default: 'references.bib' },
	sortBy: { type: 'string', default: 'digest' as SortBy, enum: SORT_BY_VALUES },
	'fetch.folder': { type: 'string', default: 'papers' },
	'fetch.arxivCategories': { type: 'array', default: ['cs.LG'] as readonly string[] },
	'fetch.onStartup': { type: 'string', default: 'off' as FetchOnStartup, enum: FETCH_ON_STARTUP_VALUES },
	'fetch.huggingFaceUrl': { type: 'string', default: 'https://huggingface.co/api/daily_papers' },
	'fetch.arxivUrl': { type: 'string', default: 'https://export.arxiv.org/api/query' },
	'fetch.timeoutSeconds': { type: 'number', default: 20 },
	addBibliographyToFrontMatter: { type: 'string', default: 'ask' as AddBibliography, enum: ADD_BIBLIOGRAPHY_VALUES },
	libraryFile: { type: 'string', default: 'papers/library.json' },
	'notes.folder': { type: 'string', default: 'notes/papers' },
	'notes.template': { type: 'string', default: '' },
} as const satisfies Record<string, SettingSpec<unknown>>;

export type SettingKey = keyof typeof SETTINGS;

/** The full name of a setting, for messages: `paperShelf.maxDigestSizeMB`. */
export function settingName(key: SettingKey): string {
	return `${SETTINGS_SECTION}.${key}`;
}

/** Every setting's value, checked: a value of the wrong type or outside its choices is the default. */
export interface ShelfSettings {
	readonly digests: readonly string[];
	readonly showBundledDigest: ShowBundled;
	readonly groupBy: GroupBy;
	readonly topics: Readonly<Record<string, string>>;
	/** The setting as given (MB, a finite number, else the default); `maxDigestBytes` turns it into bytes. */
	readonly maxDigestSizeMB: number;
	readonly openInNewTab: boolean;
	readonly citationKeyFormat: string;
	readonly latexCiteCommand: string;
	readonly citationTemplates: Readonly<Record<string, string>>;
	readonly bibliographyFile: string;
	readonly sortBy: SortBy;
	/** Relative to the first workspace folder; `''` is the folder itself. */
	readonly 'fetch.folder': string;
	readonly 'fetch.arxivCategories': readonly string[];
	readonly 'fetch.onStartup': FetchOnStartup;
	readonly 'fetch.huggingFaceUrl': string;
	readonly 'fetch.arxivUrl': string;
	/** Seconds, a finite number above zero (else the default). */
	readonly 'fetch.timeoutSeconds': number;
	readonly addBibliographyToFrontMatter: AddBibliography;
	readonly libraryFile: string;
	readonly 'notes.folder': string;
	/** A workspace path, or '' for the built-in template. */
	readonly 'notes.template': string;
}

/** Reads every setting through `get` (the raw value of a key, or undefined) and checks it. */
export function readSettings(get: (key: SettingKey) => unknown): ShelfSettings {
	return {
		digests: stringArray(get('digests'), SETTINGS.digests.default),
		showBundledDigest: oneOf(get('showBundledDigest'), SHOW_BUNDLED_VALUES, SETTINGS.showBundledDigest.default),
		groupBy: oneOf(get('groupBy'), GROUP_BY_VALUES, SETTINGS.groupBy.default),
		topics: stringRecord(get('topics')),
		maxDigestSizeMB: finiteNumber(get('maxDigestSizeMB'), SETTINGS.maxDigestSizeMB.default),
		openInNewTab: get('openInNewTab') === true,
		citationKeyFormat: stringOr(get('citationKeyFormat'), SETTINGS.citationKeyFormat.default),
		// Any command name is kept (the enum is what the settings UI offers; `\citeauthor` typed by hand works too).
		latexCiteCommand: stringOr(get('latexCiteCommand'), SETTINGS.latexCiteCommand.default),
		citationTemplates: stringRecord(get('citationTemplates')),
		bibliographyFile: stringOr(get('bibliographyFile'), SETTINGS.bibliographyFile.default),
		sortBy: oneOf(get('sortBy'), SORT_BY_VALUES, SETTINGS.sortBy.default),
		'fetch.folder': typeof get('fetch.folder') === 'string' ? (get('fetch.folder') as string).trim() : SETTINGS['fetch.folder'].default,
		'fetch.arxivCategories': stringArray(get('fetch.arxivCategories'), SETTINGS['fetch.arxivCategories'].default).map((c) => c.trim()).filter((c) => /^[A-Za-z-]+(?:\.[A-Za-z-]+)?$/.test(c)),
		'fetch.onStartup': oneOf(get('fetch.onStartup'), FETCH_ON_STARTUP_VALUES, SETTINGS['fetch.onStartup'].default),
		'fetch.huggingFaceUrl': httpUrlOr(get('fetch.huggingFaceUrl'), SETTINGS['fetch.huggingFaceUrl'].default),
		'fetch.arxivUrl': httpUrlOr(get('fetch.arxivUrl'), SETTINGS['fetch.arxivUrl'].default),
		'fetch.timeoutSeconds': positiveNumber(get('fetch.timeoutSeconds'), SETTINGS['fetch.timeoutSeconds'].default),
		addBibliographyToFrontMatter: oneOf(get('addBibliographyToFrontMatter'), ADD_BIBLIOGRAPHY_VALUES, SETTINGS.addBibliographyToFrontMatter.default),
		libraryFile: stringOr(get('libraryFile'), SETTINGS.libraryFile.default),
		'notes.folder': stringOr(get('notes.folder'), SETTINGS['notes.folder'].default),
		'notes.template': typeof get('notes.template') === 'string' ? (get('notes.template') as string).trim() : '',
	};
}

// --- checking untyped values

function stringOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

function finiteNumber(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function positiveNumber(value: unknown, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** An http(s) URL without credentials, else the fallback: a base URL setting never names another scheme. */
function httpUrlOr(value: unknown, fallback: string): string {
	if (typeof value !== 'string') return fallback;
	try {
		const url = new URL(value.trim());
		return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '' ? url.toString() : fallback;
	} catch {
		return fallback;
	}
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return allowed.find((a) => a === value) ?? fallback;
}

function stringArray(value: unknown, fallback: readonly string[]): readonly string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : fallback;
}

function stringRecord(value: unknown): Readonly<Record<string, string>> {
	const out: Record<string, string> = {};
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [k, v] of Object.entries(value)) {
			if (typeof v === 'string' && k.trim() !== '' && v.trim() !== '') {
				out[k.trim()] = v;
			}
		}
	}
	return out;
}
