/**
 * RIS (Research Information Systems) records, as Zotero, EndNote and Mendeley import them: one record per paper,
 * `TY  - ` first and `ER  - ` last, one `TAG  - value` per line. Papers are written as `TY  - GEN` (a generic item,
 * which every RIS reader maps), with the arXiv id in `AN` and `M1` and `DB  - arXiv`.
 */
import { isoDay, isoMonth, paperUrl, undatedNote, type BibliographyOptions, type CitedPaper } from './citedPaper';
import { parsePersonName } from './personName';

/** One RIS value: a single line (RIS has no continuation lines), control characters dropped. */
function risValue(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** An author as RIS wants it: `Family, Given` (particle with the family, suffix after). */
export function risName(name: string): string {
	const n = parsePersonName(name);
	const family = [n.particle, n.family].filter((s) => s !== '').join(' ');
	return [family, n.given, n.suffix].filter((s) => s !== '').join(', ');
}

/** The RIS record of one paper (lines joined with `\r\n`, as the RIS spec writes them, ending with `ER  - `). */
export function risRecord({ paper, key }: CitedPaper, options: BibliographyOptions = {}): string {
	const lines: [string, string][] = [['TY', 'GEN'], ['ID', key], ['TI', paper.title]];
	for (const a of paper.authors) {
		lines.push(['AU', risName(a)]);
	}
	if (paper.year !== undefined) {
		const month = isoMonth(paper);
		const day = isoDay(paper);
		lines.push(['PY', String(paper.year)]);
		lines.push(['DA', `${paper.year}/${month !== undefined ? String(month).padStart(2, '0') : ''}/${day !== undefined ? String(day).padStart(2, '0') : ''}/`]);
	}
	if (paper.abstract) {
		lines.push(['AB', paper.abstract]);
	}
	for (const k of paper.keywords) {
		lines.push(['KW', k]);
	}
	if (paper.arxivId) {
		lines.push(['DB', 'arXiv'], ['AN', paper.arxivId], ['M1', `arXiv:${paper.arxivId}`]);
	}
	const url = paperUrl(paper);
	if (url) {
		lines.push(['UR', url]);
	}
	if (paper.links.arxivPdf) {
		lines.push(['L1', paper.links.arxivPdf]);
	}
	if (paper.year === undefined) {
		lines.push(['N1', undatedNote(paper, options)]);
	}
	lines.push(['ER', '']);
	// Every line is `TAG  - value`; the end-of-record line keeps its space after the dash (`ER  - `), as the spec writes it.
	return lines.map(([tag, value]) => `${tag}  - ${risValue(value)}`).join('\r\n');
}

/** RIS records for papers, blank-line separated, ending with a line break. */
export function risRecords(cited: readonly CitedPaper[], options: BibliographyOptions = {}): string {
	return cited.map((c) => risRecord(c, options)).join('\r\n\r\n') + '\r\n';
}
