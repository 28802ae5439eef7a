import * as assert from 'node:assert/strict';
import { blankLatexComments, latexBibliographies, locateBibliographies } from '../../../src/core/cite/bibliographyLocator';
import { prng } from '../../support/corpus';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

/** `latexBibliographies` as it was: one regular expression, and the line counted from the start for each match. */
function latexBibliographiesBefore(text: string): { path: string; line: number }[] {
	const clean = blankLatexComments(text);
	const found: { path: string; line: number }[] = [];
	const re = /\\(bibliography|addbibresource|addglobalbib)\s*(?:\[[^\]]*\]\s*)?\{([^}]*)\}/g;
	for (let m = re.exec(clean); m; m = re.exec(clean)) {
		const line = clean.slice(0, m.index).split('\n').length;
		for (const raw of m[1] === 'bibliography' ? m[2].split(',') : [m[2]]) {
			const name = raw.trim();
			if (name !== '') found.push({ path: m[1] === 'bibliography' && !/\.bib$/i.test(name) ? `${name}.bib` : name, line });
		}
	}
	return found;
}

const SMALL = 100_000;
const LARGE = 1_000_000;

const SHAPES: readonly { name: string; languageId: string; make: (n: number) => string }[] = [
	{ name: 'a front matter path followed by a long run of spaces', languageId: 'markdown', make: (n) => `---\nbibliography: a${' '.repeat(n)}b\n---\n` },
	{ name: 'a front matter list item with a long run of spaces before a lone CR', languageId: 'markdown', make: (n) => `---\nbibliography:\n  -${' '.repeat(n)}a\rb\n---\n` },
	{ name: 'a front matter list item with a long run of spaces before a line separator', languageId: 'markdown', make: (n) => `---\nbibliography:\n- ${' '.repeat(n)}a\u2028b\n---\n` },
	{ name: 'a run of `\\bibliography{` that never closes', languageId: 'latex', make: (n) => '\\bibliography{'.repeat(n / 14) },
	{ name: 'a run of `\\addbibresource[` that never closes', languageId: 'latex', make: (n) => '\\addbibresource['.repeat(n / 16) },
	{ name: 'many `\\addbibresource{…}` on one line', languageId: 'latex', make: (n) => '\\addbibresource{a.bib} '.repeat(n / 23) },
	{ name: 'many `\\bibliography{…}` lines', languageId: 'latex', make: (n) => '\\bibliography{a}\n'.repeat(n / 17) },
];

suite('Hostile documents for the bibliography locator', () => {
	for (const shape of SHAPES) {
		test(`A 1 MB document of ${shape.name} is read in time linear in its size`, function () {
			this.timeout(60_000);
			const r = timeRatio((text: string) => locateBibliographies(text, shape.languageId), shape.make(SMALL), shape.make(LARGE));
			assert.ok(r.ratio <= MAX_RATIO, ratioMessage(r, SMALL, LARGE));
		});
	}

	test('LaTeX commands are found exactly as the one regular expression found them', () => {
		const pieces = ['\\bibliography', '\\addbibresource', '\\addglobalbib', '{', '}', '[', ']', 'a', 'b.bib', ',', ' ', '\n', '%', '\\%'];
		const random = prng(1130);
		for (let k = 0; k < 20_000; k++) {
			let text = '';
			for (let p = Math.floor(random() * 16); p > 0; p--) text += pieces[Math.floor(random() * pieces.length)];
			assert.deepEqual(latexBibliographies(text), latexBibliographiesBefore(text), JSON.stringify(text));
		}
	});

	test('Comments and list items read as before, line breaks inside a line included', () => {
		assert.deepEqual(locateBibliographies('---\nbibliography: a.bib \u2028 # note\n---\n', 'markdown'), []);
		assert.deepEqual(locateBibliographies('---\nbibliography: a#b  #c #d\n---\n', 'markdown'), [{ path: 'a#b', line: 2 }]);
		assert.deepEqual(locateBibliographies('---\nbibliography:\n  -   a.bib   # x\n  - b\rc.bib\n  - d.bib\n---\n', 'markdown'), [{ path: 'a.bib', line: 3 }]);
	});
});
