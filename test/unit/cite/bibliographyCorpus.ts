/**
 * Generated bibliographies for the reading tests and the benchmark: realistic ones (Better BibTeX-like BibTeX, CSL-JSON
 * as Zotero exports it) of any size, and the hostile shapes issue 9 reported. Seeded, so every run sees the same text.
 */
import { prng } from '../../support/corpus';

const FAMILIES = ['Müller', 'Smith', 'Nguyễn', 'García Márquez', 'van der Berg', "O'Neil", 'Zhang', 'Øster', 'Łukasiewicz', 'Dubois'];
const GIVEN = ['Anna', 'José', 'Jürgen', 'Wei', 'Chloé', 'Ian', 'Åsa', 'Mária'];
const WORDS = ['deep', 'learning', 'sparse', 'attention', 'graph', 'neural', 'quantization', 'FPGA', 'DNA', 'transformer', 'kernel', 'scheduling', 'Bayesian', 'inference', 'robust', 'memory'];
const JOURNALS = ['nips', 'icml', 'jmlr'];

/** BibTeX spelling of an accented name, as Better BibTeX writes it (`M{\"u}ller`). */
function latexAccents(text: string): string {
	return text
		.replace(/ü/g, '{\\"u}')
		.replace(/é/g, "{\\'e}")
		.replace(/á/g, "{\\'a}")
		.replace(/ễ/g, '{\\~{\\^e}}')
		.replace(/Ø/g, '{\\O}')
		.replace(/Ł/g, '{\\L}')
		.replace(/Å/g, '{\\AA}');
}

function pick<T>(rand: () => number, xs: readonly T[]): T {
	return xs[Math.floor(rand() * xs.length)];
}

function words(rand: () => number, n: number): string[] {
	return Array.from({ length: n }, () => pick(rand, WORDS));
}

/** The citation key of generated entry `i` (unique). */
export function generatedKey(i: number): string {
	return `key${i}_${(i * 2654435761) >>> 0}`;
}

/**
 * A .bib file of `entries` entries in Better BibTeX's shape (≈ 140 bytes an entry on average, so 36k entries are
 * ≈ 5 MB): `@string` macros, `@comment`, `%` lines, accents in braces, protected acronyms, `#` concatenation, the odd
 * long abstract, `@article{…}` and `@inproceedings(…)`.
 */
export function realisticBibtex(entries: number, seed = 1): string {
	const rand = prng(seed);
	const parts: string[] = [
		'% Exported by Better BibTeX for Zotero',
		'@string{nips = {Advances in Neural Information Processing Systems}}',
		'@string{icml = "International Conference on Machine Learning"}',
		'@string{jmlr = {Journal of Machine Learning Research}}',
		'@comment{jabref-meta: databaseType:bibtex;}',
		'',
	];
	for (let i = 0; i < entries; i++) {
		const authors = Array.from({ length: 1 + Math.floor(rand() * 2) }, () => `${latexAccents(pick(rand, FAMILIES))}, ${latexAccents(pick(rand, GIVEN))}`);
		const title = words(rand, 2 + Math.floor(rand() * 4)).map((w) => (/^[A-Z]{2,}/.test(w) ? `{${w}}` : w)).join(' ');
		const paren = i % 50 === 7;
		const fields = [`title = {${title}}`, `author = {${authors.join(' and ')}}`, `year = ${2000 + (i % 25)}`];
		if (i % 5 === 0) fields.push(`journal = ${pick(rand, JOURNALS)} # " (" # {${i % 40}} # ")"`);
		if (i % 100 === 0) fields.push(`abstract = {${words(rand, 60).join(' ')}, with $\\mathcal{O}(n^{2})$ cost.}`);
		parts.push(`@${paren ? 'inproceedings(' : 'article{'}${generatedKey(i)},\n  ${fields.join(',\n  ')}\n${paren ? ')' : '}'}`);
		if (i % 1000 === 999) parts.push(`% checked ${i + 1} entries`);
	}
	return parts.join('\n') + '\n';
}

/** A CSL-JSON array of `items` items as Zotero exports it (≈ 300 bytes an item), pretty-printed with 2 spaces. */
export function realisticCslJson(items: number, seed = 1): string {
	const rand = prng(seed);
	const out: unknown[] = [];
	for (let i = 0; i < items; i++) {
		out.push({
			id: generatedKey(i),
			type: 'article-journal',
			title: words(rand, 3 + Math.floor(rand() * 5)).join(' '),
			author: Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({ family: pick(rand, FAMILIES), given: pick(rand, GIVEN) })),
			issued: { 'date-parts': [[2000 + (i % 25), 1 + (i % 12)]] },
			'container-title': pick(rand, ['NeurIPS', 'ICML', 'JMLR']),
			DOI: `10.1000/x${i}`,
		});
	}
	return JSON.stringify(out, null, 2) + '\n';
}

/** BibTeX whose entries are the same shape repeated `n` times, for the linear-time checks. */
export function repeatedBibtexEntries(n: number): string {
	let text = '';
	for (let i = 0; i < n; i++) {
		text += `@misc{k${i},\n  title = {T {N}},\n  year = 2020\n}\n`;
	}
	return text;
}
