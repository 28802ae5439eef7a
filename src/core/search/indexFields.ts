/**
 * The fields of the search index and what goes into each: titles, authors with keywords ("meta"), abstracts;
 * how FlexSearch stores them and how much a match in each counts.
 */
import type { Paper } from '../model';
import { indexTerms, stopwords } from './tokenize';

/**
 * Everything that changes what the index holds or how it ranks. Part of the cache key: change any of it
 * and cached indexes are rebuilt.
 */
export const paperIndexConfig = {
	tokenizer: 'unicode-words-v1',
	title: { tokenize: 'strict', resolution: 9 },
	meta: { tokenize: 'strict', resolution: 3 },
	abstract: { tokenize: 'strict', resolution: 3 },
	weights: { title: 1, meta: 0.6, abstract: 0.35 },
	stopwords: [...stopwords].sort().join(','),
} as const;

export type FieldName = 'title' | 'meta' | 'abstract';

/** The fields in a fixed order: `fieldTerms` lists a paper's terms in this order. */
export const fieldNames: readonly FieldName[] = ['title', 'meta', 'abstract'];

/** A paper's indexable terms per field (in `fieldNames` order), stopwords dropped, repeats kept. */
export function fieldTerms(paper: Paper): [string[], string[], string[]] {
	const meta: string[] = [];
	for (const name of paper.authors) meta.push(...indexTerms(name));
	for (const keyword of paper.keywords) meta.push(...indexTerms(keyword));
	return [indexTerms(paper.title), meta, indexTerms(paper.abstract)];
}
