import * as vscode from 'vscode';
import { maxDigestBytes } from '../core/parse/digestSize';
import { fetchedGlobs } from '../core/fetch/fetchPlan';
import { readSettings, SETTINGS_SECTION, type AddBibliography, type FetchOnStartup, type GroupBy, type ShowBundled, type SortBy } from '../core/settings';

/** The `paperShelf.fetch.*` settings, checked. */
export interface FetchConfig {
	readonly folder: string;
	readonly arxivCategories: readonly string[];
	readonly onStartup: FetchOnStartup;
	readonly huggingFaceUrl: string;
	readonly arxivUrl: string;
	readonly timeoutMs: number;
}

/**
 * An immutable snapshot of every `paperShelf.*` setting. Keys, defaults and checks are the core settings module's
 * (src/core/settings.ts); this only reads VS Code's values through it. Read it again on change.
 */
export class ShelfConfig {
	private constructor(
		readonly digestGlobs: readonly string[],
		readonly showBundledDigest: ShowBundled,
		readonly groupBy: GroupBy,
		readonly userTopics: Readonly<Record<string, string>>,
		readonly maxDigestBytes: number,
		readonly openInNewTab: boolean,
		readonly citationKeyFormat: string,
		readonly latexCiteCommand: string,
		readonly citationTemplates: Readonly<Record<string, string>>,
		readonly bibliographyFile: string,
		readonly sortBy: SortBy,
		readonly fetch: FetchConfig,
		readonly addBibliographyToFrontMatter: AddBibliography,
		readonly libraryFile: string,
		readonly notesFolder: string,
		readonly notesTemplate: string,
	) {}

	static read(): ShelfConfig {
		const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const s = readSettings((key) => c.get(key));
		return new ShelfConfig(
			// Fetched files are found in the fetch folder whatever the digest patterns say.
			[...s.digests, ...fetchedGlobs(s['fetch.folder']).filter((g) => !s.digests.includes(g))],
			s.showBundledDigest,
			s.groupBy,
			s.topics,
			maxDigestBytes(s.maxDigestSizeMB),
			s.openInNewTab,
			s.citationKeyFormat,
			s.latexCiteCommand,
			s.citationTemplates,
			s.bibliographyFile,
			s.sortBy,
			{
				folder: s['fetch.folder'],
				arxivCategories: s['fetch.arxivCategories'],
				onStartup: s['fetch.onStartup'],
				huggingFaceUrl: s['fetch.huggingFaceUrl'],
				arxivUrl: s['fetch.arxivUrl'],
				timeoutMs: Math.round(s['fetch.timeoutSeconds'] * 1000),
			},
			s.addBibliographyToFrontMatter,
			s.libraryFile,
			s['notes.folder'],
			s['notes.template'],
		);
	}
}
