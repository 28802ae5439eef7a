/**
 * Splitting an author name as digests write it (`Chengsong Huang`, `Jan van der Berg`, `Huang, Chengsong`,
 * `Martin Luther King Jr.`) into the parts bibliographies need.
 */

/** An author name in parts; `given`, `particle` and `suffix` are empty when absent. */
export interface PersonName {
	readonly given: string;
	/** A lower-case particle before the family name (`van der`, `de`), BibTeX's "von" part. */
	readonly particle: string;
	readonly family: string;
	readonly suffix: string;
}

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'des', 'le', 'la', 'dos', 'das', 'do', 'ten', 'ter', 'zu', 'af', 'av', 'al', 'el', 'bin', 'ibn']);
const SUFFIXES = /^(jr\.?|sr\.?|ii|iii|iv|v)$/i;

/**
 * Splits a name. `Family, Given` (and `Family, Suffix, Given`) is taken as written; otherwise the last word is the
 * family name, preceded by any lower-case particles, and a trailing `Jr.`/`III` is the suffix. A one-word name is
 * all family name.
 */
export function parsePersonName(name: string): PersonName {
	const clean = name.replace(/\s+/g, ' ').trim();
	const commaParts = clean.split(',').map((s) => s.trim());
	if (commaParts.length >= 2 && commaParts[0] !== '') {
		const [familyPart, ...rest] = commaParts;
		const { particle, family } = splitParticle(familyPart.split(' '));
		const suffix = rest.length >= 2 ? rest[0] : '';
		return { given: rest[rest.length - 1], particle, family, suffix };
	}
	const words = clean.split(' ').filter((w) => w !== '');
	let suffix = '';
	if (words.length > 2 && SUFFIXES.test(words[words.length - 1])) {
		suffix = words.pop()!;
	}
	if (words.length <= 1) {
		return { given: '', particle: '', family: words[0] ?? '', suffix };
	}
	// The particle starts at the first lower-case particle word after the first word.
	let start = words.length - 1;
	while (start - 1 >= 1 && PARTICLES.has(words[start - 1])) {
		start--;
	}
	return {
		given: words.slice(0, start).join(' '),
		particle: words.slice(start, words.length - 1).join(' '),
		family: words[words.length - 1],
		suffix,
	};
}

function splitParticle(words: string[]): { particle: string; family: string } {
	let i = 0;
	while (i < words.length - 1 && PARTICLES.has(words[i])) {
		i++;
	}
	return { particle: words.slice(0, i).join(' '), family: words.slice(i).join(' ') };
}

/** The family name alone (no particle), as citation keys use it. */
export function familyName(name: string): string {
	return parsePersonName(name).family;
}
