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

	/**
	 * Appends the postings of `other` (same field) to this index, its document numbers mapped through
	 * `remap` (-1: leave the document out). Nothing is tokenized: the buckets are copied. Appending in
	 * `other`'s order gives the buckets a fresh build would, when `remap` is increasing and its numbers
	 * are all above this index's.
	 */
	adopt(other: FlexFieldIndex, remap: Int32Array): void {
		const mine = internals(this._index);
		const theirs = internals(other._index);
		for (const doc of theirs.reg) {
			const mapped = remap[doc];
			if (mapped !== undefined && mapped >= 0) mine.reg.add(mapped);
		}
		for (const [term, buckets] of theirs.map) {
			let target = mine.map.get(term);
			for (let b = 0; b < buckets.length; b++) {
				const bucket = buckets[b];
				if (!bucket) continue;
				for (const doc of bucket) {
					const mapped = remap[doc];
					if (mapped === undefined || mapped < 0) continue;
					if (!target) {
						target = [];
						mine.map.set(term, target);
					}
					(target[b] ??= []).push(mapped);
				}
			}
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

/**
 * FlexSearch's own structures, which `adopt` appends to: term → relevance buckets of document numbers, and
 * the set of document numbers (with `fastupdate: false`). They are what its export and import handle; the
 * typings do not declare them, hence the cast (one place, checked by the adoption tests against fresh builds).
 */
interface FlexInternals {
	readonly map: Map<string, (number[] | null | undefined)[]>;
	readonly reg: Set<number>;
}

function internals(index: Index): FlexInternals {
	return index as unknown as FlexInternals;
}

/** A field index per field. */
export type FieldIndexes = Readonly<Record<FieldName, FlexFieldIndex>>;

/** Empty indexes for every field. */
export function createFieldIndexes(): FieldIndexes {
	return { title: new FlexFieldIndex('title'), meta: new FlexFieldIndex('meta'), abstract: new FlexFieldIndex('abstract') };
}
