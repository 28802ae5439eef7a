/**
 * Which papers the index holds, under which document numbers, and which digests hold them. A paper held by
 * several digests is one document; it goes when the last of them is removed, leaving a tombstone (its
 * number stays taken, the FlexSearch indexes still list it) until the tombstones are swept.
 */
import type { Paper } from '../model';

/** A digest's papers under the key the index knows it by (its file, usually). */
export interface DigestPapers {
	readonly key: string;
	readonly papers: readonly Paper[];
}

interface Entry {
	readonly docId: number;
	readonly paper: Paper;
	/** The keys of the digests holding the paper. */
	readonly digests: string[];
}

/** Papers by document number and by id, and the digests holding them. */
export class DocumentTable {
	private readonly _byId = new Map<string, Entry>();
	/** Paper per document number; undefined once removed (a tombstone). */
	private readonly _docs: (Paper | undefined)[] = [];
	private readonly _digests = new Map<string, string[]>();
	private _tombstones = 0;

	/** Number of live papers. */
	get size(): number {
		return this._byId.size;
	}

	/** Paper per document number; `undefined` for removed ones. */
	get docs(): readonly (Paper | undefined)[] {
		return this._docs;
	}

	/** The paper with this id, if held. */
	get(id: string): Paper | undefined {
		return this._byId.get(id)?.paper;
	}

	/** The document number of the paper with this id, if held. */
	docId(id: string): number | undefined {
		return this._byId.get(id)?.docId;
	}

	/** Every live paper, in the order they were added. */
	all(): Paper[] {
		return this._docs.filter((p): p is Paper => p !== undefined);
	}

	/** The digest keys held. */
	digestKeys(): string[] {
		return [...this._digests.keys()];
	}

	/** Digest key → ids of its papers, in insertion order (the maps themselves: do not change them). */
	digests(): ReadonlyMap<string, readonly string[]> {
		return this._digests;
	}

	/** Starts the (absent) digest `key` with no papers. */
	openDigest(key: string): void {
		this._digests.set(key, []);
	}

	/**
	 * Adds `paper` to the digest `key`. Returns its new document number, or undefined when the paper was
	 * already held (through this or another digest) and only the digest was noted.
	 */
	addPaper(key: string, paper: Paper): number | undefined {
		const ids = this._digests.get(key);
		const existing = this._byId.get(paper.id);
		if (existing) {
			if (!existing.digests.includes(key)) {
				existing.digests.push(key);
				ids?.push(paper.id);
			}
			return undefined;
		}
		const docId = this._docs.length;
		this._docs.push(paper);
		this._byId.set(paper.id, { docId, paper, digests: [key] });
		ids?.push(paper.id);
		return docId;
	}

	/**
	 * Removes the digest `key` and returns the papers that went with it (held by no other digest), in the
	 * digest's order; undefined for an unknown key.
	 */
	removeDigest(key: string): Paper[] | undefined {
		const ids = this._digests.get(key);
		if (!ids) {
			return undefined;
		}
		this._digests.delete(key);
		const gone: Paper[] = [];
		for (const id of ids) {
			const entry = this._byId.get(id);
			if (!entry) {
				continue;
			}
			const at = entry.digests.indexOf(key);
			if (at >= 0) entry.digests.splice(at, 1);
			if (entry.digests.length === 0) {
				this._byId.delete(id);
				this._docs[entry.docId] = undefined;
				this._tombstones++;
				gone.push(entry.paper);
			}
		}
		return gone;
	}

	/** Whether enough tombstones piled up to be worth a sweep (over 1000, and over a third of the live papers). */
	needsSweep(): boolean {
		return this._tombstones > 1000 && this._tombstones > this._byId.size / 3;
	}

	/** Notes that the tombstones were swept out of the field indexes (their numbers stay taken). */
	swept(): void {
		this._tombstones = 0;
	}

	/**
	 * A table with these papers under these document numbers (null: a tombstone) and digests (key → ids).
	 * Throws when a digest names a paper that is not among the documents.
	 */
	static restore(docs: readonly (Paper | null)[], digests: Iterable<readonly [string, readonly string[]]>): DocumentTable {
		const table = new DocumentTable();
		for (const [key, ids] of digests) table._digests.set(key, [...ids]);
		docs.forEach((paper, docId) => {
			table._docs.push(paper ?? undefined);
			if (paper) table._byId.set(paper.id, { docId, paper, digests: [] });
			else table._tombstones++;
		});
		for (const [key, ids] of table._digests) {
			for (const id of ids) {
				const entry = table._byId.get(id);
				if (!entry) throw new Error(`paper '${id}' of digest '${key}' is not in the cached index`);
				entry.digests.push(key);
			}
		}
		return table;
	}
}
