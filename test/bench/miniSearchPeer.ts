import type { Options as MiniSearchOptions } from 'minisearch';
import type { Paper } from '../../src/core/model';

/**
 * MiniSearch as both benchmarks (bench.ts, relevanceBench.ts) configure it: the last word a prefix, one typo in words
 * of 5 letters or more, title ×3, authors and keywords ×2.
 */
export const miniSearchOptions: MiniSearchOptions<Paper> = {
	fields: ['title', 'abstract', 'authors', 'keywords'],
	idField: 'id',
	extractField: (doc: Paper, field: string) => {
		const value = (doc as unknown as Record<string, unknown>)[field];
		return Array.isArray(value) ? value.join(' ') : (value as string);
	},
	searchOptions: {
		boost: { title: 3, authors: 2, keywords: 2 },
		prefix: (_term: string, i: number, terms: string[]) => i === terms.length - 1,
		fuzzy: (term: string) => (term.length >= 5 ? 1 : false),
		combineWith: 'OR',
	},
};
