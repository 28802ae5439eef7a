/**
 * The one place that talks to FlexSearch: an inverted index of one field, fed with terms that tokenize.ts
 * already normalized (one normalizer for papers, queries and highlights).
 *
 * FlexSearch takes text and encodes it into terms. Joining a paper's terms into a string only for FlexSearch
 * to split it again costs a join, a split and a fresh copy of every word per paper and field; so `add` hands
 * the terms over directly: they wait in this instance's own slot until FlexSearch's `encode` call for that
 * very `add` takes them, as they are (the term dictionary's shared strings). Nothing is shared between
 * instances or with the library beyond that one synchronous call.
 */
import { Index, type IndexOptions, type IntermediateSearchResults } from 'flexsearch';
import { paperIndexConfig, type FieldName } from './indexFields';

/** FlexSearch export records: key and data, as `Index.export` hands them out and `Index.import` takes them. */
export type FieldRecords = [string, string][];

/** One field's inverted index: document numbers per term, in relevance buckets (earlier is better). */
export class FlexFieldIndex {
	private readonly _index: Index;
	/** The terms `add` hands to FlexSearch's next `encode` call. */
	private _pending: string[] | undefined;

	constructor(readonly field: FieldName) {
		const { tokenize, resolution } = paperIndexConfig[field];
		const options: IndexOptions = {
			tokenize,
			resolution,
			fastupdate: false,
			encode: (text: string) => this._encode(text),
		};
		this._index = new Index(options);
	}

	/** Adds a document with exactly these terms (distinct, already normalized; none is split or changed). */
	add(docId: number, terms: string[]): void {
		this._pending = terms;
		try {
			this._index.add(docId, '\u0000');
		} finally {
			this._pending = undefined;
		}
	}

	/**
	 * The documents holding `term`, unresolved: bucket `b` holds those where the term stands at relevance
	 * position `b` (of the field's resolution); buckets may be missing.
	 */
	postings(term: string): IntermediateSearchResults {
		return this._index.search(term, { resolve: false }).result;
	}

	/** The index as FlexSearch exports it. */
	export(): FieldRecords {
		const records: FieldRecords = [];
		this._index.export((key: string, data: string) => {
			records.push([key, data]);
		});
		return records;
	}

	/** Loads records that `export` produced. */
	import(records: FieldRecords): void {
		for (const [key, data] of records) {
			this._index.import(key, data);
		}
	}

	/** Hands pending terms over as they are; anything else (a query word) is split on spaces. */
	private _encode(text: string): string[] {
		const terms = this._pending;
		if (terms) {
			this._pending = undefined;
			return terms;
		}
		return text ? text.split(' ') : [];
	}
}

/** A field index per field. */
export type FieldIndexes = Readonly<Record<FieldName, FlexFieldIndex>>;

/** Empty indexes for every field. */
export function createFieldIndexes(): FieldIndexes {
	return { title: new FlexFieldIndex('title'), meta: new FlexFieldIndex('meta'), abstract: new FlexFieldIndex('abstract') };
}
