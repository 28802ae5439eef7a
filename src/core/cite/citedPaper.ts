/**
 * What bibliography writers take: a paper with the key it is cited by, and the options they share.
 */
import type { Paper } from '../model';

/** A paper together with its citation key. */
export interface CitedPaper {
	readonly paper: Paper;
	readonly key: string;
}

/** Options shared by the BibTeX and CSL writers. */
export interface BibliographyOptions {
	/**
	 * Where the papers were listed, written as `howpublished`/`publisher` for papers without an arXiv id and in a
	 * note for papers without a year. Default `Hugging Face Daily Papers`.
	 */
	readonly sourceName?: string;
}

/** Which cited papers a bibliography still lacks: each new key once, in order, and the keys it has already. */
export interface MissingEntries {
	readonly missing: CitedPaper[];
	readonly added: string[];
	readonly alreadyPresent: string[];
}

/** Splits `cited` by whether its key is in `present` (keys cited twice count once). */
export function missingEntries(cited: readonly CitedPaper[], present: ReadonlySet<string>): MissingEntries {
	const seen = new Set(present);
	const result: MissingEntries = { missing: [], added: [], alreadyPresent: [] };
	for (const c of cited) {
		if (seen.has(c.key)) {
			result.alreadyPresent.push(c.key);
			continue;
		}
		seen.add(c.key);
		result.added.push(c.key);
		result.missing.push(c);
	}
	return result;
}

/** The default `sourceName`. */
export const DEFAULT_SOURCE_NAME = 'Hugging Face Daily Papers';

/** The note a year-less paper gets: `Hugging Face Daily Papers, Jul 31` (the date only when the digest gave one). */
export function undatedNote(paper: Paper, options: BibliographyOptions = {}): string {
	const source = options.sourceName ?? DEFAULT_SOURCE_NAME;
	return paper.date ? `${source}, ${paper.date}` : source;
}

/** The month (1–12) of a paper's ISO date, when the paper has a year and the date starts with it. */
export function isoMonth(paper: Paper): number | undefined {
	if (paper.year === undefined || !paper.date) {
		return undefined;
	}
	const m = /^(\d{4})-(\d{2})/.exec(paper.date);
	if (!m || Number(m[1]) !== paper.year) {
		return undefined;
	}
	const month = Number(m[2]);
	return month >= 1 && month <= 12 ? month : undefined;
}

/** The ISO day of a paper's date, when it has a month (see `isoMonth`). */
export function isoDay(paper: Paper): number | undefined {
	const m = isoMonth(paper) !== undefined ? /^\d{4}-\d{2}-(\d{2})/.exec(paper.date ?? '') : null;
	const day = m ? Number(m[1]) : 0;
	return day >= 1 && day <= 31 ? day : undefined;
}

/** The URL a reference should point at: the arXiv abstract, else the Hugging Face page, else the project page. */
export function paperUrl(paper: Paper): string | undefined {
	if (paper.links.arxivAbs) {
		return paper.links.arxivAbs;
	}
	if (paper.arxivId && /^[A-Za-z0-9./-]+$/.test(paper.arxivId)) {
		return `https://arxiv.org/abs/${paper.arxivId}`;
	}
	return paper.links.huggingFace ?? paper.links.project;
}
