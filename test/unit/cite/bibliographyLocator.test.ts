import * as assert from 'node:assert/strict';
import { locateBibliographies } from '../../../src/core/cite/bibliographyLocator';

function paths(text: string, languageId?: string): string[] {
	return locateBibliographies(text, languageId).map((r) => r.path);
}

suite('Bibliography locator', () => {
	test('Front matter names one bibliography, quoted or not, with its line', () => {
		assert.deepEqual(locateBibliographies('---\ntitle: x\nbibliography: refs.bib\n---\nText', 'markdown'), [{ path: 'refs.bib', line: 3 }]);
		assert.deepEqual(paths("---\nbibliography: 'my refs.json' # mine\n---\n", 'quarto'), ['my refs.json']);
		assert.deepEqual(paths('---\nbibliography: "a#b.bib"\n---\n', 'rmd'), ['a#b.bib']);
	});

	test('Front matter lists, flow or block, name several', () => {
		assert.deepEqual(paths('---\nbibliography: [a.bib, "b c.json"]\n---\n', 'markdown'), ['a.bib', 'b c.json']);
		assert.deepEqual(locateBibliographies('---\nbibliography:\n  - a.bib\n\n  - ../b.bib\nlink-citations: true\n---\n', 'markdown'), [
			{ path: 'a.bib', line: 3 },
			{ path: '../b.bib', line: 5 },
		]);
	});

	test('A bibliography key outside front matter, or nested, does not count', () => {
		assert.deepEqual(paths('Text\n---\nbibliography: refs.bib\n---\n', 'markdown'), []);
		assert.deepEqual(paths('---\nformat:\n  bibliography: refs.bib\n---\n', 'markdown'), []);
		assert.deepEqual(paths('---\ntitle: x\n---\nbibliography: refs.bib\n', 'markdown'), []);
	});

	test('LaTeX \\bibliography gets .bib added, \\addbibresource is taken as written', () => {
		assert.deepEqual(paths('\\bibliography{refs, more.bib}', 'latex'), ['refs.bib', 'more.bib']);
		assert.deepEqual(locateBibliographies('\\documentclass{article}\n\\addbibresource[datatype=bibtex]{lit/refs.bib}\n', 'latex'), [{ path: 'lit/refs.bib', line: 2 }]);
		assert.deepEqual(paths('\\bibliographystyle{plain}', 'latex'), []);
	});

	test('Commented-out LaTeX commands are ignored, escaped percent signs are not comments', () => {
		assert.deepEqual(paths('% \\bibliography{old}\n50\\% done \\addbibresource{new.bib}', 'latex'), ['new.bib']);
	});

	test('The language decides where to look; none looks everywhere', () => {
		const both = '---\nbibliography: a.bib\n---\n\\addbibresource{b.bib}';
		assert.deepEqual(paths(both, 'markdown'), ['a.bib']);
		assert.deepEqual(paths(both, 'latex'), ['b.bib']);
		assert.deepEqual(paths(both), ['a.bib', 'b.bib']);
	});

	test('A document that names none gives an empty list', () => {
		assert.deepEqual(paths('# Notes\n\nSee [@a].', 'markdown'), []);
	});
});
