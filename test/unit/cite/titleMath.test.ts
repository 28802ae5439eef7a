import * as assert from 'node:assert/strict';
import { parse as parseBibtexItems } from 'bibtex-parse';
import { bibtexEntry, bibtexTitle } from '../../../src/core/cite/bibtex';
import { cslItem } from '../../../src/core/cite/cslJson';
import { cslTitle, latexMath, mathAsText, splitTitleMath } from '../../../src/core/cite/titleMath';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';
import { bracesBalance, makePaper } from './citeTestSupport';

/** The `$` of a LaTeX string that are not escaped as `\$`. */
function mathDollars(latex: string): number {
	return [...latex.matchAll(/(?<!\\)\$/g)].length;
}

/**
 * Real arXiv titles (from the corpus) and hostile ones: the BibTeX title and the CSL-JSON title each must be.
 */
const TITLES: readonly [title: string, bibtex: string, csl: string][] = [
	['PanGu-$π$: Enhancing Language Model Architectures', '{PanGu-$\\pi$}: Enhancing Language Model Architectures', '<span class="nocase">PanGu-π</span>: Enhancing Language Model Architectures'],
	['$λ$-ECLIPSE: Multi-Concept Diffusion', '{$\\lambda$-ECLIPSE}: Multi-Concept Diffusion', '<span class="nocase">λ-ECLIPSE</span>: Multi-Concept Diffusion'],
	['MVD$^2$: Efficient Multiview 3D Reconstruction', '{MVD$^2$}: Efficient Multiview {3{D}} Reconstruction', '<span class="nocase">MVD<sup>2</sup></span>: Efficient Multiview <span class="nocase">3D</span> Reconstruction'],
	['Robust Faces and the $\\ell_1$ Regularization', 'Robust Faces and the {$\\ell_1$} Regularization', 'Robust Faces and the <span class="nocase">ℓ<sub>1</sub></span> Regularization'],
	['Di$\\mathtt{[M]}$O: Distilling', '{Di$\\mathtt{[M]}$O}: Distilling', '<span class="nocase">Di[M]O</span>: Distilling'],
	['$\\textit{Agents Under Siege}$: Attacks', '{$\\textit{Agents Under Siege}$}: Attacks', '<span class="nocase">Agents Under Siege</span>: Attacks'],
	['LLM$\\times$MapReduce-V2: Scaling', '{LLM$\\times$MapReduce-V2}: Scaling', '<span class="nocase">LLM×MapReduce-V2</span>: Scaling'],
	['A$^\\text{T}$A: Agents', '{A$^\\text{T}$A}: Agents', '<span class="nocase">A<sup>T</sup>A</span>: Agents'],
	['Worth $πr^{2}$ Tokens', 'Worth {$\\pi r^{2}$} Tokens', 'Worth <span class="nocase">πr<sup>2</sup></span> Tokens'],
	// Money, not math: a lone `$`, and `$5 to $10` (pandoc's rule: a closing `$` may not follow a space).
	['Can LLMs Earn $1 Million?', 'Can {LLMs} Earn \\$1 Million?', 'Can <span class="nocase">LLMs</span> Earn $1 Million?'],
	['From $5 to $10 Models', 'From \\$5 to \\$10 Models', 'From $5 to $10 Models'],
	// A closing `$` followed by a digit is not one either, nor `$$`, nor an escaped `\$`.
	['Pay $x$5 now', 'Pay \\${x\\$5} now', 'Pay $<span class="nocase">x$5</span> now'],
	['$$ and \\$x$', '\\$\\$ and \\textbackslash{}\\$x\\$', '$$ and \\$x$'],
	// Math whose braces do not balance is text, so the field's braces still balance.
	['Unbalanced ${x$ and $}y$ math', 'Unbalanced \\$\\{x\\$ and \\$\\}y\\$ math', 'Unbalanced ${x$ and $}y$ math'],
	['Unclosed $math', 'Unclosed \\$math', 'Unclosed $math'],
	// Letters with digits or underscores are names: braced, the underscore escaped outside math.
	['T3 and L_2 Losses', '{T3} and {L\\_2} Losses', '<span class="nocase">T3</span> and <span class="nocase">L_2</span> Losses'],
	// LaTeX's specials outside math are escaped; inside math, the ones that break math mode (`% # &`) are too.
	['100% & #1 ~ ^ \\ {Sets}', '100\\% \\& \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\{Sets\\}', '100% & #1 ~ ^ \\ {Sets}'],
	['Cheap $x%#&$ Models', 'Cheap {$x\\%\\#\\&$} Models', 'Cheap <span class="nocase">x%#&</span> Models'],
	['Escaped $\\%\\{\\}$ Stays', 'Escaped {$\\%\\{\\}$} Stays', 'Escaped %{} Stays'],
	['Plain Unicode π and Émile’s Café', 'Plain Unicode π and Émile’s Café', 'Plain Unicode π and Émile’s Café'],
];

suite('Math and capitals in titles', () => {
	for (const [title, bibtex, csl] of TITLES) {
		test(`'${title}' is written for BibTeX and CSL-JSON as on the paper`, () => {
			assert.equal(bibtexTitle(title), bibtex);
			assert.equal(cslTitle(title), csl);
		});
	}

	test('Every BibTeX title balances, pairs its math dollars, and parses back inside an entry', () => {
		const hostile = [...TITLES.map(([t]) => t), '$', '$$$', '$}$', '${$', '$\\$', '$ $', '$a$$b$', '\\$a$', '$a\\$', '%$x%$%', '${{{x}}}$ }{', '$\\', '$x$_ $_$'];
		for (const [i, title] of hostile.entries()) {
			const latex = bibtexTitle(title);
			assert.ok(bracesBalance(latex), `'${title}' → '${latex}' must balance`);
			assert.equal(mathDollars(latex) % 2, 0, `'${title}' → '${latex}': unescaped dollars come in pairs`);
			// Outside math, no bare specials: each `% # & _` is escaped.
			const outsideMath = latex.split(/(?<!\\)\$/).filter((_, k) => k % 2 === 0).join('');
			assert.doesNotMatch(outsideMath, /(?<!\\)[%#&_]/, `'${title}' → '${latex}' escapes specials outside math`);
			const entry = bibtexEntry(makePaper({ title, year: 2024 }), `k${i}`);
			const items = parseBibtexItems(entry).filter((item) => item.itemtype === 'entry');
			assert.equal(items.length, 1, `'${title}' gives one entry`);
		}
	});

	test('Math spans follow pandoc’s rule, and a lone or money dollar stays text', () => {
		assert.deepEqual(splitTitleMath('A $x$ b'), [{ math: false, text: 'A ' }, { math: true, text: 'x' }, { math: false, text: ' b' }]);
		assert.deepEqual(splitTitleMath('$ x$ and $x $'), [{ math: false, text: '$ x$ and $x $' }]);
		assert.deepEqual(splitTitleMath('$x$$y$'), [{ math: true, text: 'x' }, { math: true, text: 'y' }]);
	});

	test('Unicode math becomes LaTeX commands, and LaTeX commands read back as unicode text', () => {
		assert.equal(latexMath('α≤β×γ→∞'), '\\alpha\\leq\\beta\\times\\gamma\\rightarrow\\infty');
		assert.equal(latexMath('πr'), '\\pi r');
		assert.equal(latexMath('ℝ^n'), '\\mathbb{R}^n');
		assert.equal(mathAsText('\\alpha_{i}^{2}\\,x'), 'α<sub>i</sub><sup>2</sup>,x');
		assert.equal(mathAsText('\\unknown'), 'unknown');
	});

	test('The CSL-JSON item carries the CSL title', () => {
		assert.equal(cslItem(makePaper({ title: 'PanGu-$π$: Enhancing' }), 'k').title, '<span class="nocase">PanGu-π</span>: Enhancing');
	});

	test('Titles are written in linear time, whatever their dollars and braces', function () {
		this.timeout(60_000);
		const build = (n: number) => '$a '.repeat(n) + '${'.repeat(n) + '$' + '{'.repeat(n) + 'x' + '}'.repeat(n) + '$';
		for (const write of [bibtexTitle, cslTitle]) {
			const small = build(1_000);
			const large = build(10_000);
			const r = timeRatio(write, small, large);
			assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, small.length, large.length));
		}
	});
});
