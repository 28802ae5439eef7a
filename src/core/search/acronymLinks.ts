/**
 * Acronyms and their expansions as the shelf's own papers define them ("processing-in-memory (PIM)"), for search:
 * a query word that is an acronym also matches its long form written out, and a query spelling the long form out
 * also matches the acronym. Definitions are found by the topics code's Schwartz–Hearst rule (`findLongForm`), in
 * abstracts and titles; an acronym with several meanings on the shelf links to the one most of its definitions use,
 * and only when that is a clear majority.
 */
import type { Paper } from '../model';
import { acronymSingular, cleanText, findLongForm, isAcronymLike } from '../topics/analyzeText';
import { tokenize } from './tokenize';
import { compareStrings } from '../text/compareStrings';

/** A paper's acronym definitions: acronym (lower case, singular) and long form (words, stopwords kept). */
export function acronymDefinitions(paper: Paper): { acronym: string; longForm: string[] }[] {
	const found: { acronym: string; longForm: string[] }[] = [];
	for (const text of [paper.title, paper.abstract]) {
		if (text.indexOf('(') < 0) continue;
		for (const match of text.matchAll(/\(([A-Za-z][A-Za-z0-9-]{1,11})\)/g)) {
			const raw = match[1];
			if (!isAcronymLike(raw) || raw.includes('-')) continue;
			const singular = acronymSingular(raw);
			// only the text just before the acronym is read (and cleaned of LaTeX debris)
			const window = cleanText(text.slice(Math.max(0, match.index - 200), match.index));
			const before = window.slice(Math.max(0, window.length - 120)).replace(/\s+$/, '');
			const longForm = findLongForm(singular, before);
			if (!longForm) continue;
			const words = tokenize(longForm);
			const acronym = singular.toLowerCase();
			if (words.length < 2 || words.length > acronym.length + 3 || words.includes(acronym)) continue;
			// "large language models (LLMs)": the plural long form is the singular one
			const last = words[words.length - 1];
			if (last.length > 3 && last.endsWith('s') && !last.endsWith('ss')) words[words.length - 1] = last.slice(0, -1);
			found.push({ acronym, longForm: words });
		}
	}
	return found;
}

/** What a snapshot keeps of the links: acronym → [long form (words joined by spaces), papers defining it so][]. */
export type AcronymEntries = [string, [string, number][]][];

/** Acronym ↔ long form, counted over the papers that define them. */
export class AcronymLinks {
	/** acronym → long form (words joined by spaces) → papers defining it so */
	private readonly _counts = new Map<string, Map<string, number>>();
	private _resolved: { byAcronym: Map<string, string[]>; byLongForm: Map<string, string> } | undefined;

	add(paper: Paper): void {
		this._change(paper, 1);
	}

	remove(paper: Paper): void {
		this._change(paper, -1);
	}

	/** The counts, sorted by acronym and long form (for the disk cache: `fromEntries` gives the same links back). */
	entries(): AcronymEntries {
		return [...this._counts]
			.map(([acronym, forms]): [string, [string, number][]] => [acronym, [...forms].sort((a, b) => compareStrings(a[0], b[0]))])
			.sort((a, b) => compareStrings(a[0], b[0]));
	}

	/** Links from `entries()`. */
	static fromEntries(entries: AcronymEntries): AcronymLinks {
		const links = new AcronymLinks();
		for (const [acronym, forms] of entries) {
			for (const [form, n] of forms) links._count(acronym, form, n);
		}
		return links;
	}

	/** Adds another shelf's counts (a digest adopted whole). */
	merge(other: AcronymLinks): void {
		for (const [acronym, forms] of other._counts) {
			for (const [form, n] of forms) this._count(acronym, form, n);
		}
	}

	/** The long form (words) of an acronym, when the shelf defines it with a clear majority meaning. */
	longForm(acronym: string): readonly string[] | undefined {
		return this._resolve().byAcronym.get(acronym);
	}

	/** Where `words` spell out a known long form starting at some position: [start, length, acronym]. */
	longFormsIn(words: readonly string[]): [number, number, string][] {
		const { byLongForm } = this._resolve();
		const found: [number, number, string][] = [];
		if (byLongForm.size === 0) return found;
		for (let i = 0; i < words.length; i++) {
			for (let len = 2; len <= 8 && i + len <= words.length; len++) {
				const key = words.slice(i, i + len).join(' ');
				const acronym = byLongForm.get(key) ?? (key.endsWith('s') ? byLongForm.get(key.slice(0, -1)) : undefined);
				if (acronym) found.push([i, len, acronym]);
			}
		}
		return found;
	}

	private _change(paper: Paper, delta: number): void {
		for (const { acronym, longForm } of acronymDefinitions(paper)) this._count(acronym, longForm.join(' '), delta);
	}

	private _count(acronym: string, form: string, delta: number): void {
		let forms = this._counts.get(acronym);
		if (!forms) this._counts.set(acronym, (forms = new Map()));
		const n = (forms.get(form) ?? 0) + delta;
		if (n > 0) forms.set(form, n);
		else forms.delete(form);
		if (forms.size === 0) this._counts.delete(acronym);
		this._resolved = undefined;
	}

	private _resolve(): { byAcronym: Map<string, string[]>; byLongForm: Map<string, string> } {
		if (this._resolved) return this._resolved;
		const byAcronym = new Map<string, string[]>();
		const byLongForm = new Map<string, string>();
		for (const [acronym, forms] of this._counts) {
			let total = 0;
			let best = '';
			let bestCount = 0;
			for (const [form, n] of forms) {
				total += n;
				if (n > bestCount || (n === bestCount && form < best)) {
					best = form;
					bestCount = n;
				}
			}
			if (bestCount * 2 <= total) continue;
			byAcronym.set(acronym, best.split(' '));
			// a long form two acronyms share goes to the one more papers define it for (then the alphabetically first):
			// the same links whatever order the papers (or a snapshot's entries) came in
			const known = byLongForm.get(best);
			const knownCount = known === undefined ? 0 : (this._counts.get(known)?.get(best) ?? 0);
			if (known === undefined || knownCount < bestCount || (knownCount === bestCount && acronym < known)) byLongForm.set(best, acronym);
		}
		this._resolved = { byAcronym, byLongForm };
		return this._resolved;
	}
}
