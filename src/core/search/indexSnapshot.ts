/**
 * A serializable picture of the search index, for the disk cache (indexCache.ts), and the index's parts
 * rebuilt from one. The format is what caches on disk hold: change it only with the cache key.
 */
import type { Paper } from '../model';
import { AcronymLinks, type AcronymEntries } from './acronymLinks';
import { DocumentTable, type DigestPapers } from './documentTable';
import { createFieldIndexes, type FieldIndexes, type FieldRecords } from './flexFieldIndex';
import { fieldNames, type FieldName } from './indexFields';
import { TermDictionary } from './termDictionary';

/** A serializable picture of a `PaperIndex`, for the cache (see indexCache.ts). */
export interface PaperIndexSnapshot {
	/** Paper id per internal document number; null for removed ones. */
	readonly docs: (string | null)[];
	/** Digest key → ids of its papers. */
	readonly digests: [string, string[]][];
	/** Term → occurrences in live papers, sorted by term. */
	readonly vocabulary: [string, number][];
	/** FlexSearch export records per field. */
	readonly fields: Record<FieldName, FieldRecords>;
	/** Acronym ↔ long form definitions counted over the live papers (acronymLinks.ts), sorted. */
	readonly acronyms: AcronymEntries;
}

/** The parts of an index that a snapshot pictures. */
export interface IndexParts {
	readonly table: DocumentTable;
	readonly dictionary: TermDictionary;
	readonly fields: FieldIndexes;
	readonly acronyms: AcronymLinks;
}

/** The snapshot of these parts. */
export function takeSnapshot({ table, dictionary, fields, acronyms }: IndexParts): PaperIndexSnapshot {
	const records = {} as Record<FieldName, FieldRecords>;
	for (const name of fieldNames) {
		records[name] = fields[name].export();
	}
	return {
		docs: table.docs.map((p) => (p ? p.id : null)),
		digests: [...table.digests()].map(([key, ids]): [string, string[]] => [key, [...ids]]),
		vocabulary: dictionary.entries(),
		fields: records,
		acronyms: acronyms.entries(),
	};
}

/**
 * The parts of an index rebuilt from a snapshot and the digests' papers. Throws when the papers are not the
 * ones the snapshot was taken from.
 */
export function restoreSnapshot(snapshot: PaperIndexSnapshot, digests: readonly DigestPapers[]): IndexParts {
	const papersById = new Map<string, Paper>();
	const digestPaperIds = new Map(snapshot.digests);
	if (digestPaperIds.size !== digests.length) {
		throw new Error(`the cache holds ${digestPaperIds.size} digests, ${digests.length} were given`);
	}
	const held = new Map<string, string[]>();
	for (const { key, papers } of digests) {
		const ids = digestPaperIds.get(key);
		const given = [...new Set(papers.map((p) => p.id))];
		if (!ids || ids.length !== given.length || ids.some((id, i) => id !== given[i])) {
			throw new Error(`the papers of digest '${key}' differ from the cached ones`);
		}
		for (const p of papers) if (!papersById.has(p.id)) papersById.set(p.id, p);
		held.set(key, ids);
	}
	const docs = snapshot.docs.map((id) => {
		const paper = id === null ? null : papersById.get(id);
		if (paper === undefined) {
			throw new Error(`cached paper '${id}' is in none of the digests`);
		}
		return paper;
	});
	const table = DocumentTable.restore(docs, held);
	const dictionary = TermDictionary.fromEntries(snapshot.vocabulary);
	const fields = createFieldIndexes();
	for (const name of fieldNames) {
		fields[name].import(snapshot.fields[name]);
	}
	return { table, dictionary, fields, acronyms: AcronymLinks.fromEntries(snapshot.acronyms) };
}
