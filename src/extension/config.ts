import * as vscode from 'vscode';
import { maxDigestBytes } from '../core/parse/digestSize';
import { readSettings, SETTINGS_SECTION, type GroupBy, type ShowBundled } from '../core/settings';

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
	) {}

	static read(): ShelfConfig {
		const c = vscode.workspace.getConfiguration(SETTINGS_SECTION);
		const s = readSettings((key) => c.get(key));
		return new ShelfConfig(
			s.digests,
			s.showBundledDigest,
			s.groupBy,
			s.topics,
			maxDigestBytes(s.maxDigestSizeMB),
			s.openInNewTab,
			s.citationKeyFormat,
			s.latexCiteCommand,
			s.citationTemplates,
			s.bibliographyFile,
		);
	}
}
