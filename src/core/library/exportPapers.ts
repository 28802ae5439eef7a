/**
 * Export of a set of papers (a reading list, the starred papers, a topic, a search result) through the core's
 * bibliography writers: BibTeX, CSL-JSON, RIS, or a Markdown reading list. The editor and the CLI both call this.
 */
import { bibtexEntry } from '../cite/bibtex';
import { markdownLink, readableReference } from '../cite/citationSyntax';
import type { CitedPaper } from '../cite/citedPaper';
import { cslItem } from '../cite/cslJson';
import { risRecords } from '../cite/ris';

export const EXPORT_FORMATS = ['bibtex', 'csl-json', 'ris', 'markdown'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The file extension a format's export gets. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = { bibtex: 'bib', 'csl-json': 'json', ris: 'ris', markdown: 'md' };

/** The text of an export; `title` heads a Markdown reading list. Ends with a line break. */
export function exportPapers(cited: readonly CitedPaper[], format: ExportFormat, title = 'Reading list'): string {
	switch (format) {
		case 'bibtex':
			return cited.map(({ paper, key }) => bibtexEntry(paper, key)).join('\n\n') + '\n';
		case 'csl-json':
			return JSON.stringify(cited.map(({ paper, key }) => cslItem(paper, key)), null, 2) + '\n';
		case 'ris':
			return risRecords(cited);
		case 'markdown':
			return [`# ${title.replace(/\s+/g, ' ').trim()}`, '', ...cited.map(({ paper, key }) => `- [ ] ${markdownLink(paper)} — ${readableReference(paper)} [@${key}]`), ''].join('\n');
	}
}
