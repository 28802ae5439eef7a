import * as vscode from 'vscode';
import { maxDigestBytes } from '../core/parse/digestSize';

export type GroupBy = 'topic' | 'digest' | 'date' | 'none';
export type ShowBundled = 'auto' | 'always' | 'never';

/** An immutable snapshot of every `paperShelf.*` setting, with defaults. Read it again on change. */
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
		const c = vscode.workspace.getConfiguration('paperShelf');
		return new ShelfConfig(
			stringArray(c.get('digests'), ['**/*.digest.{txt,md,json,jsonl}', '**/daily_papers*.json']),
			oneOf(c.get('showBundledDigest'), ['auto', 'always', 'never'] as const, 'auto'),
			oneOf(c.get('groupBy'), ['topic', 'digest', 'date', 'none'] as const, 'topic'),
			stringRecord(c.get('topics')),
			maxDigestBytes(c.get('maxDigestSizeMB')),
			c.get('openInNewTab') === true,
			stringOr(c.get('citationKeyFormat'), 'auth.lower + shorttitle(3,3) + year'),
			stringOr(c.get('latexCiteCommand'), 'cite'),
			stringRecord(c.get('citationTemplates')),
			stringOr(c.get('bibliographyFile'), 'references.bib'),
		);
	}
}

// --- validation of untyped settings values

function stringOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value.trim() !== '' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return allowed.find((a) => a === value) ?? fallback;
}

function stringArray(value: unknown, fallback: readonly string[]): readonly string[] {
	return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : fallback;
}

function stringRecord(value: unknown): Readonly<Record<string, string>> {
	const out: Record<string, string> = {};
	if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (typeof v === 'string' && k.trim() !== '' && v.trim() !== '') {
				out[k.trim()] = v;
			}
		}
	}
	return out;
}
