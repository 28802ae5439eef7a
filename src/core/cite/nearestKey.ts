/**
 * The key a mistyped or unknown citation key most likely meant: "did you mean …" for the quick fix. A candidate is
 * near when it is a few edits away (case differences count half) or when the typed key's words are words of its
 * title or key (`huangEnvHarness` → a paper titled "… Environment Harness …" by Huang). The answer must be
 * unambiguous: when two candidates are equally near, there is none.
 */

/** A key that could be meant, with the title of its entry or paper when known. */
export interface KeyCandidate {
	readonly key: string;
	readonly title?: string;
}

/** Keys longer than this are not compared letter by letter (a hostile note's 100,000-letter "key" stays cheap). */
const MAX_COMPARED = 128;

/** The words of a key or title: camelCase, digits and punctuation split it; lower case; three letters or more. */
export function keyWords(text: string): string[] {
	return text
		.slice(0, 4 * MAX_COMPARED)
		.replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
		.replace(/(\p{L})(\p{N})/gu, '$1 $2')
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((w) => w.length >= 3 && !/^\d+$/.test(w));
}

/**
 * Edit distance (insertions, deletions, substitutions, swaps of neighbours) between `a` and `b`, or `limit + 1` when
 * it exceeds `limit`. A letter that differs only in case costs half.
 */
export function editDistance(a: string, b: string, limit: number): number {
	if (Math.abs(a.length - b.length) > limit) {
		return limit + 1;
	}
	const cost = (x: string, y: string) => (x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? 0.5 : 1);
	let prev2: number[] = [];
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost(a[i - 1], b[j - 1]));
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				d = Math.min(d, prev2[j - 2] + 1);
			}
			row.push(d);
			best = Math.min(best, d);
		}
		if (best > limit) {
			return limit + 1;
		}
		prev2 = prev;
		prev = row;
	}
	return Math.min(prev[b.length], limit + 1);
}

/** The candidate `typed` most likely meant, or undefined when none is near or two are equally near. */
export function nearestKey(typed: string, candidates: readonly KeyCandidate[]): string | undefined {
	if (typed === '') {
		return undefined;
	}
	// About one edit per five letters, at least one, at most three.
	const limit = Math.min(3, Math.max(1, Math.floor(typed.length / 5)));
	const words = [...new Set(keyWords(typed))];
	let best: { key: string; score: number } | undefined;
	let tie = false;
	const seen = new Set<string>();
	for (const c of candidates) {
		if (c.key === typed || seen.has(c.key)) {
			continue;
		}
		seen.add(c.key);
		let score = Infinity;
		if (typed.length <= MAX_COMPARED && c.key.length <= MAX_COMPARED) {
			const d = editDistance(typed, c.key, limit);
			if (d <= limit) {
				score = d;
			}
		}
		if (score === Infinity && words.length >= 2) {
			// Shared words: every word of the typed key must be a word of the candidate's key or title.
			const theirs = new Set([...keyWords(c.key), ...keyWords(c.title ?? '')]);
			const shared = words.filter((w) => theirs.has(w) || [...theirs].some((t) => t.length >= 5 && (t.startsWith(w) || w.startsWith(t)))).length;
			if (shared === words.length) {
				// Behind any near spelling; more words in common is nearer.
				score = limit + 10 - Math.min(shared, 9);
			}
		}
		if (score === Infinity) {
			continue;
		}
		if (!best || score < best.score) {
			best = { key: c.key, score };
			tie = false;
		} else if (score === best.score) {
			tie = true;
		}
	}
	return best && !tie ? best.key : undefined;
}
