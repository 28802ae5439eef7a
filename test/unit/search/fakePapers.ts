/**
 * Tiny hand-made papers for the search tests.
 */
import type { Paper } from '../../../src/core/model';

/** A paper with only what a test cares about; the rest defaulted. */
export function fakePaper(id: string, title: string, abstract = '', extra: Partial<Paper> = {}): Paper {
	return {
		id,
		title,
		abstract,
		authors: [],
		keywords: [],
		categories: [],
		links: {},
		source: { file: 'fake.txt', startLine: 1, endLine: 1 },
		...extra,
	};
}

/** The ids of hits, in order. */
export function ids(hits: readonly { paper: Paper }[]): string[] {
	return hits.map((h) => h.paper.id);
}

/** The text a range picks out of a string. */
export function picked(text: string, ranges: readonly { start: number; end: number }[]): string[] {
	return ranges.map((r) => text.slice(r.start, r.end));
}
