import * as assert from 'node:assert/strict';
import { citationGroupAt, planCitationEdit } from '../../../src/core/cite/citationMerge';
import { formatCitation } from '../../../src/core/cite/citationSyntax';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

/** Cites `keys` at the `|` of `marked` (an empty selection) in `languageId`; returns the new text with `|` at the cursor. */
function cite(languageId: string, marked: string, keys: string[], templates?: Record<string, string>): string {
	const at = marked.indexOf('|');
	assert.ok(at >= 0, 'the test text marks the cursor with |');
	const text = marked.slice(0, at) + marked.slice(at + 1);
	const edit = planCitationEdit(text, at, at, languageId, keys, (k) => formatCitation(languageId, k.map((key) => ({ key })), { templates }).text, templates);
	const after = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
	const cursor = edit.start + edit.text.length + edit.skip;
	return after.slice(0, cursor) + '|' + after.slice(cursor);
}

suite('Citation merge', () => {
	test('Pandoc: inside or right after [@a] the keys join it; elsewhere a new citation', () => {
		assert.equal(cite('markdown', 'See [@a|].', ['b']), 'See [@a; @b]|.');
		assert.equal(cite('markdown', 'See [@a]|.', ['b']), 'See [@a; @b]|.');
		assert.equal(cite('markdown', 'See [@|a].', ['b', 'c']), 'See [@a; @b; @c]|.');
		assert.equal(cite('markdown', 'See [see @a, p. 3|] now', ['b']), 'See [see @a, p. 3; @b]| now');
		assert.equal(cite('markdown', 'See [-@a; @b|]', ['c']), 'See [-@a; @b; @c]|');
		assert.equal(cite('markdown', 'See [@a;|]', ['c']), 'See [@a; @c]|');
		assert.equal(cite('quarto', 'x [@{a.b}]| y', ['c']), 'x [@{a.b}; @c]| y');
		assert.equal(cite('markdown', 'See |.', ['b']), 'See [@b]|.');
		assert.equal(cite('markdown', 'See [@a] |.', ['b']), 'See [@a] [@b]|.', 'a space after the citation: a new one');
	});

	test('Pandoc: never a duplicate; citing the same paper twice changes nothing', () => {
		assert.equal(cite('markdown', 'See [@a]|.', ['a']), 'See [@a]|.');
		assert.equal(cite('markdown', 'See [@a; @b|].', ['b', 'c', 'c']), 'See [@a; @b; @c]|.');
		assert.equal(cite('markdown', 'x |y', ['a', 'a']), 'x [@a]|y');
	});

	test('Pandoc: links, images, escaped brackets and plain brackets are not citations', () => {
		assert.equal(cite('markdown', '[@a](http://x)|', ['b']), '[@a](http://x)[@b]|');
		assert.equal(cite('markdown', '[text|]', ['b']), '[text[@b]|]');
		assert.equal(cite('markdown', '![@a|]', ['b']), '![@a[@b]|]');
		assert.equal(cite('markdown', 'me@a.org [x|]', ['b']), 'me@a.org [x[@b]|]', 'an e-mail address is no key');
		assert.equal(cite('markdown', '[@a]\n\n|', ['b']), '[@a]\n\n[@b]|');
	});

	test('LaTeX: \\cite{a|} and right after \\cite{a} become \\cite{a,b}, optional arguments and variants included', () => {
		assert.equal(cite('latex', 'x \\cite{a|} y', ['b']), 'x \\cite{a,b}| y');
		assert.equal(cite('latex', 'x \\cite{a}| y', ['b']), 'x \\cite{a,b}| y');
		assert.equal(cite('latex', 'x \\citep[p.~3]{a}|', ['b']), 'x \\citep[p.~3]{a,b}|');
		assert.equal(cite('latex', 'x \\parencite*[see][12]{a, b}|', ['c']), 'x \\parencite*[see][12]{a, b, c}|');
		assert.equal(cite('latex', 'x \\cite{|}', ['b', 'c']), 'x \\cite{b,c}|');
		assert.equal(cite('latex', 'x \\cite{a,|}', ['b']), 'x \\cite{a,b}|');
		assert.equal(cite('latex', 'x \\cites{a}{b}|', ['c']), 'x \\cites{a}{b,c}|');
		assert.equal(cite('latex', 'x \\cite{a}|', ['a']), 'x \\cite{a}|');
		assert.equal(cite('tex', '\\textbf{a}|', ['b']), '\\textbf{a}\\cite{b}|');
		assert.equal(cite('latex', '\\citestyle{a}|', ['b']), '\\citestyle{a}\\cite{b}|');
		assert.equal(cite('latex', '\\cite{a} |', ['b']), '\\cite{a} \\cite{b}|');
	});

	test('Typst: @a @b adjacent, runs kept whole', () => {
		assert.equal(cite('typst', 'see @a| now', ['b']), 'see @a @b| now');
		assert.equal(cite('typst', 'see @a @b| now', ['c']), 'see @a @b @c| now');
		assert.equal(cite('typst', 'see @a| @b now', ['c', 'b']), 'see @a @b @c| now');
		assert.equal(cite('typst', 'see @a[p. 7]| now', ['b']), 'see @a[p. 7] @b| now');
		assert.equal(cite('typst', 'see @sec:intro.| now', ['b']), 'see @sec:intro.@b| now', 'a trailing dot ends the key and the run');
		assert.equal(cite('typst', 'mail me@a| now', ['b']), 'mail me@a@b| now');
		assert.equal(cite('typst', 'see @a| now', ['a']), 'see @a| now');
	});

	test('Org: [cite:@a;@b]', () => {
		assert.equal(cite('org', 'x [cite:@a|] y', ['b']), 'x [cite:@a;@b]| y');
		assert.equal(cite('org', 'x [cite/t:@a]| y', ['b', 'a']), 'x [cite/t:@a;@b]| y');
		assert.equal(cite('org', 'x [cite:|]', ['b']), 'x [cite:@b]|');
		assert.equal(cite('org', 'x [link]|', ['b']), 'x [link][cite:@b]|');
	});

	test('reStructuredText: :cite:`a,b`', () => {
		assert.equal(cite('restructuredtext', 'x :cite:`a|` y', ['b']), 'x :cite:`a,b`| y');
		assert.equal(cite('restructuredtext', 'x :cite:p:`a`| y', ['b']), 'x :cite:p:`a,b`| y');
		assert.equal(cite('restructuredtext', 'x ``code``| y', ['b']), 'x ``code``:cite:`b`| y');
	});

	test('other languages and per-paper templates never merge', () => {
		assert.equal(citationGroupAt('[@a]', 4, 'plaintext'), undefined);
		assert.equal(citationGroupAt('[@a]', 4, 'markdown', { markdown: '${link}' }), undefined);
		assert.ok(citationGroupAt('[@a]', 4, 'markdown', { markdown: '[@${keys:;@}]' }));
	});

	test('a non-empty selection is replaced by a new citation', () => {
		const text = 'See [@a] TODO.';
		const edit = planCitationEdit(text, 9, 13, 'markdown', ['b'], (k) => `[@${k.join('; @')}]`);
		assert.deepEqual([edit.start, edit.end, edit.text, edit.merged], [9, 13, '[@b]', false]);
	});

	test('hostile and huge lines: planning looks at a window, so its time does not grow with the line', () => {
		const hostile = (n: number) => '[' + '@a; '.repeat(n) + '\\cite{'.repeat(n) + '@'.repeat(n) + ':cite:`'.repeat(n);
		for (const lang of ['markdown', 'latex', 'typst', 'org', 'restructuredtext']) {
			const small = hostile(20_000);
			const large = hostile(200_000);
			const run = (t: string) => {
				for (const at of [0, t.length >> 1, t.length]) planCitationEdit(t, at, at, lang, ['k'], () => '[@k]');
			};
			const r = timeRatio(run, small, large);
			// Window-bounded: a ten times longer line takes about as long (allow the linear bound anyway).
			assert.ok(r.ratio < MAX_RATIO, `${lang}: ${ratioMessage(r, small.length, large.length)}`);
		}
		const group = citationGroupAt('[' + '@a; '.repeat(100_000) + ']', 400_002, 'markdown');
		assert.equal(group, undefined, 'a citation longer than the window is not merged into (a new one is made)');
	});
});
