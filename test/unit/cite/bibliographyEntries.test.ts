import * as assert from 'node:assert/strict';
import { bibtexFields, readBibliographyEntries } from '../../../src/core/cite/bibliographyEntries';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

suite('Bibliography entries for completion', () => {
	test('BibTeX: title, family names and year, with braces, accents, quotes, # and @string macros', () => {
		const bib = [
			'@string{tug = "TeX Users Group"}',
			'',
			'@book{knuth1984texbook,',
			'  title     = {The {\\TeX}book},',
			'  author    = {Knuth, Donald E.},',
			'  publisher = tug,',
			'  year      = 1984',
			'}',
			'@article{lamport, author = "Leslie Lamport and M{\\"u}ller, Hans and others", title = "A " # {Paper} # " on {LaTeX}", date = {1994-05}}',
			'@misc{bare,',
			'  note = {no title}',
			'}',
		].join('\r\n');
		const entries = readBibliographyEntries('refs.bib', bib);
		assert.ok(entries);
		const byKey = new Map(entries.map((e) => [e.key, e]));
		assert.deepEqual(byKey.get('knuth1984texbook'), { key: 'knuth1984texbook', line: 3, title: 'The \\TeXbook', authors: ['Knuth'], year: '1984' });
		assert.deepEqual(byKey.get('lamport'), { key: 'lamport', line: 9, title: 'A Paper on LaTeX', authors: ['Lamport', 'Muller'], year: '1994' });
		assert.deepEqual(byKey.get('bare'), { key: 'bare', line: 10, authors: [] });
	});

	test('CSL-JSON: title, family (or literal) names and the issued year', () => {
		const json = JSON.stringify([{ id: 'a', type: 'book', title: 'Alpha  Book', author: [{ family: 'Smith', given: 'J' }, { literal: 'ACME Lab' }], issued: { 'date-parts': [[2020, 3]] } }, { id: 'b', type: 'article' }], null, 2);
		assert.deepEqual(readBibliographyEntries('refs.json', json), [
			{ key: 'a', line: 2, title: 'Alpha Book', authors: ['Smith', 'ACME Lab'], year: '2020' },
			{ key: 'b', line: 24, authors: [] },
		]);
	});

	test('an unreadable file gives undefined, not a guess', () => {
		assert.equal(readBibliographyEntries('refs.bib', '@misc{a, title = {unclosed'), undefined);
		assert.equal(readBibliographyEntries('refs.json', '[{"id": 1'), undefined);
		assert.equal(readBibliographyEntries('refs.txt', ''), undefined);
	});

	test('hostile fields stay linear: deep braces, endless # chains, a huge entry', function () {
		this.timeout(120_000);
		const hostile = (n: number) => `@misc{k, title = {${'{'.repeat(n)}x${'}'.repeat(n)}}, author = a${' # b'.repeat(n)}, year = "${'{'.repeat(n)}"}\n`;
		// Sizes past the CPU caches: this scan reads a 62 KB input from cache, about 3 times faster per byte than 637 KB,
		// which measured 33x for a linear scan; 0.6 MB against 6.4 MB compares like with like.
		const r = timeRatio((t: string) => bibtexFields(t, 0, t.length), hostile(300_000), hostile(3_000_000));
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, hostile(300_000).length, hostile(3_000_000).length));
		const many = (n: number) => Array.from({ length: n }, (_, i) => `@misc{k${i}, title = {T ${i}}, author = {A and B}, year = 2000}`).join('\n');
		// Every call gets a text of its own (a numbered comment line first): an equal text would be the memo's answer,
		// timing a Map lookup instead of the reading (it measured 33x for 10x the input that way).
		let call = 0;
		const m = timeRatio((t: string) => readBibliographyEntries('x.bib', `% ${call++}\n${t}`), many(1_000), many(10_000));
		assert.ok(m.ratio < MAX_RATIO, ratioMessage(m, many(1_000).length, many(10_000).length));
	});
});
