/**
 * The index's vocabulary: every term with the number of live papers holding it (its document frequency),
 * a sorted list of terms for prefix completion, and the terms one slip away from a word, for typos.
 *
 * The FlexSearch field indexes store whole words only; prefixes and typos are resolved here, against the
 * vocabulary, into whole words to look up.
 */

import { compareStrings } from '../text/compareStrings';

/** How many live papers hold a term; `stamp` marks the last document and field that counted it. */
interface TermStat {
	/** The dictionary's own copy of the term, handed to FlexSearch so every paper shares one string. */
	readonly term: string;
	papers: number;
	stamp: number;
}

/** At most this many completions of a prefix (the most frequent). */
export const maxPrefixCompletions = 24;
/** `prefixFrequency` sums over at most this many terms. */
const prefixFrequencyTerms = 64;
/** Completions of prefixes up to this long (the widest scans) are remembered until the vocabulary changes. */
const cachedPrefixLength = 3;
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Vocabulary, document frequencies, prefix completion and typo candidates. */
export class TermDictionary {
	private readonly _stats = new Map<string, TermStat>();
	/** Every term ever seen, sorted, for prefix expansion; may hold terms whose count fell to 0. */
	private _sortedTerms: string[] = [];
	/** Terms seen since the last `mergePending`, not yet in `_sortedTerms`. */
	private _newTerms: string[] = [];
	private readonly _completionCache = new Map<string, string[]>();

	/** Number of terms held by at least one live paper. */
	get size(): number {
		return this._stats.size;
	}

	/** Whether a live paper holds `term`. */
	has(term: string): boolean {
		return this._stats.has(term);
	}

	/** How many live papers hold `term` (0 for unknown terms). */
	documentFrequency(term: string): number {
		return this._stats.get(term)?.papers ?? 0;
	}

	/**
	 * Takes in the terms of document `docId` per field (at most 4 fields) and returns each field's distinct
	 * terms in order of first occurrence, as the dictionary's shared strings. With `count`, the document is
	 * added to the document frequency of each of its distinct terms (once over all fields): one map lookup
	 * per word, no set per document. New terms become completions at the next `mergePending`.
	 */
	addDocument(docId: number, fields: readonly (readonly string[])[], count: boolean): string[][] {
		const stats = this._stats;
		const base = docId * 4;
		return fields.map((terms, f) => {
			const distinct: string[] = [];
			for (let i = 0; i < terms.length; i++) {
				const term = terms[i];
				let stat = stats.get(term);
				if (!stat) {
					stat = { term, papers: 0, stamp: -1 };
					stats.set(term, stat);
					this._newTerms.push(term);
				}
				if (stat.stamp < base && count) stat.papers++;
				if (stat.stamp !== base + f) {
					stat.stamp = base + f;
					distinct.push(stat.term);
				}
			}
			return distinct;
		});
	}

	/** Takes a removed document's terms (all fields, repeats allowed) out of the document frequencies. */
	removeDocument(terms: Iterable<string>): void {
		for (const term of new Set(terms)) {
			const stat = this._stats.get(term);
			if (stat && --stat.papers <= 0) this._stats.delete(term);
		}
		this._completionCache.clear();
	}

	/**
	 * Adds another dictionary's document frequencies (of documents new to this one) without tokenizing
	 * anything; new terms become completions at the next `mergePending`.
	 */
	adopt(other: TermDictionary): void {
		for (const [term, { papers }] of other._stats) {
			const stat = this._stats.get(term);
			if (stat) stat.papers += papers;
			else {
				this._stats.set(term, { term, papers, stamp: -1 });
				this._newTerms.push(term);
			}
		}
		this._completionCache.clear();
	}

	/**
	 * Prepares for documents to be added again without counting (`addDocument(…, false)` after the field
	 * indexes were rebuilt): forgets which documents were seen.
	 */
	resetStamps(): void {
		for (const stat of this._stats.values()) stat.stamp = -1;
	}

	/** Sorts the completion list afresh from the live terms (dropping those whose count fell to 0). */
	resort(): void {
		this._sortedTerms = [...this._stats.keys()].sort();
		this._newTerms = [];
	}

	/** Makes the terms added since the last call available to prefix completion. */
	mergePending(): void {
		if (this._newTerms.length === 0) {
			return;
		}
		this._completionCache.clear();
		const fresh = [...new Set(this._newTerms)].sort();
		this._newTerms = [];
		const old = this._sortedTerms;
		if (old.length === 0) {
			this._sortedTerms = fresh;
			return;
		}
		const merged: string[] = new Array(old.length + fresh.length);
		let i = 0;
		let j = 0;
		let k = 0;
		while (i < old.length && j < fresh.length) {
			if (old[i] === fresh[j]) {
				merged[k++] = old[i++];
				j++;
			} else merged[k++] = old[i] < fresh[j] ? old[i++] : fresh[j++];
		}
		while (i < old.length) merged[k++] = old[i++];
		while (j < fresh.length) merged[k++] = fresh[j++];
		merged.length = k;
		this._sortedTerms = merged;
	}

	/** How often words starting with `prefix` occur (sum of document frequencies, over at most 64 words). */
	prefixFrequency(prefix: string): number {
		const terms = this._sortedTerms;
		let total = 0;
		for (let i = this._lowerBound(prefix), seen = 0; i < terms.length && seen < prefixFrequencyTerms && terms[i].startsWith(prefix); i++, seen++) {
			total += this._stats.get(terms[i])?.papers ?? 0;
		}
		return total;
	}

	/**
	 * The most frequent live terms starting with `prefix` (the prefix itself included when it is a term),
	 * at most `maxPrefixCompletions`; equally frequent ones in alphabetical order.
	 */
	completions(prefix: string): string[] {
		const cached = this._completionCache.get(prefix);
		if (cached) return cached;
		const terms = this._sortedTerms;
		const found: [string, number][] = [];
		for (let i = this._lowerBound(prefix); i < terms.length && terms[i].startsWith(prefix); i++) {
			const n = this._stats.get(terms[i])?.papers;
			if (n) found.push([terms[i], n]);
		}
		found.sort((a, b) => b[1] - a[1]);
		if (found.length > maxPrefixCompletions) found.length = maxPrefixCompletions;
		const completions = found.map(([t]) => t);
		if (prefix.length <= cachedPrefixLength) this._completionCache.set(prefix, completions);
		return completions;
	}

	/**
	 * The known forms one slip (delete, swap, substitute, insert) away from `word` with their frequency, most
	 * frequent first: document frequencies of whole words, or with `prefix` of the words they start.
	 */
	typoCandidates(word: string, prefix: boolean): [string, number][] {
		const candidates: [string, number][] = [];
		for (const candidate of editsOf(word)) {
			const n = prefix ? this.prefixFrequency(candidate) : this.documentFrequency(candidate);
			if (n > 0) candidates.push([candidate, n]);
		}
		return candidates.sort((a, b) => b[1] - a[1]);
	}

	/** Live terms and their document frequencies, sorted by term (what a snapshot keeps). */
	entries(): [string, number][] {
		return [...this._stats]
			.map(([term, stat]): [string, number] => [term, stat.papers])
			.sort((a, b) => compareStrings(a[0], b[0]));
	}

	/** A dictionary holding these terms and frequencies (as `entries` gave them; sorted again if they are not). */
	static fromEntries(entries: readonly (readonly [string, number])[]): TermDictionary {
		const dictionary = new TermDictionary();
		const sorted: string[] = new Array(entries.length);
		let inOrder = true;
		entries.forEach(([term, n], i) => {
			dictionary._stats.set(term, { term, papers: n, stamp: -1 });
			sorted[i] = term;
			if (i > 0 && sorted[i - 1] >= term) inOrder = false;
		});
		dictionary._sortedTerms = inOrder ? sorted : sorted.sort();
		return dictionary;
	}

	/** Index of the first sorted term `>= prefix`. */
	private _lowerBound(prefix: string): number {
		const terms = this._sortedTerms;
		let lo = 0;
		let hi = terms.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (terms[mid] < prefix) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
}

/** Every string one edit (delete, swap, substitute, insert) away from `word`, in a fixed order. */
export function editsOf(word: string): Set<string> {
	const edits = new Set<string>();
	for (let i = 0; i <= word.length; i++) {
		const head = word.slice(0, i);
		const tail = word.slice(i);
		if (tail) {
			edits.add(head + tail.slice(1));
			if (tail.length > 1) edits.add(head + tail[1] + tail[0] + tail.slice(2));
		}
		for (const c of alphabet) {
			if (tail) edits.add(head + c + tail.slice(1));
			edits.add(head + c + tail);
		}
	}
	edits.delete(word);
	return edits;
}
