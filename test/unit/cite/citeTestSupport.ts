/** Papers, paths and digest loading shared by the citation tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Paper } from '../../../src/core/model';
import { parseDigest } from '../../../src/core/parse';

import { dailyPapersFile, repoRoot } from '../../support/corpus';

export { hfDayFile, repoRoot } from '../../support/corpus';
/** The bundled Daily Papers page (media/digests). */
export const bundledDigestFile = dailyPapersFile;

/** A fixture of test/fixtures/cite as text. */
export function citeFixture(name: string): string {
	return fs.readFileSync(path.join(repoRoot, 'test/fixtures/cite', name), 'utf8');
}

/** A paper with defaults for every field not given. */
export function makePaper(fields: Partial<Paper> & { title: string }): Paper {
	return {
		id: fields.arxivId ?? `t-${fields.title.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 16)}`,
		abstract: '',
		authors: [],
		links: {},
		keywords: [],
		categories: [],
		source: { file: 'test', startLine: 1, endLine: 1 },
		...fields,
	};
}

/** The papers of a digest file, parsed by the real parser. */
export function digestPapers(file: string): readonly Paper[] {
	return parseDigest(fs.readFileSync(file), file).papers;
}

/** Vaswani et al. 2017, the example every key formula is checked against. */
export const vaswani: Paper = makePaper({
	title: 'Attention Is All You Need',
	authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
	year: 2017,
	date: '2017-06-12',
	arxivId: '1706.03762',
	categories: ['cs.CL', 'cs.LG'],
});

/** Braces balanced the way BibTeX counts them: every brace counts, backslash or not. */
export function bracesBalance(text: string): boolean {
	let depth = 0;
	for (const c of text) {
		depth += c === '{' ? 1 : c === '}' ? -1 : 0;
		if (depth < 0) {
			return false;
		}
	}
	return depth === 0;
}
