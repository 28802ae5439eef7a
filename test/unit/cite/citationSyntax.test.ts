import * as assert from 'node:assert/strict';
import { compileCitationTemplate, formatCitation, markdownLink, readableReference } from '../../../src/core/cite/citationSyntax';
import { makePaper, vaswani } from './citeTestSupport';

const a = { key: 'a', paper: vaswani };
const b = { key: 'b', paper: makePaper({ title: 'OHQ: On-chip Hardware-aware Quantization', date: 'Jul 31' }) };

suite('Citation syntax', () => {
	test('Markdown, Quarto and R Markdown use Pandoc brackets', () => {
		for (const lang of ['markdown', 'quarto', 'rmd']) {
			assert.equal(formatCitation(lang, [a]).text, '[@a]', lang);
			assert.equal(formatCitation(lang, [a, b]).text, '[@a; @b]', lang);
		}
	});

	test('LaTeX uses \\cite or the configured command', () => {
		assert.equal(formatCitation('latex', [a, b]).text, '\\cite{a,b}');
		for (const command of ['citep', 'citet', 'autocite', 'parencite', 'textcite', 'cite*']) {
			assert.equal(formatCitation('latex', [a], { latexCommand: command }).text, `\\${command}{a}`);
		}
		assert.equal(formatCitation('latex', [a], { latexCommand: 'x}{evil' }).text, '\\cite{a}', 'a command that is not a word falls back to cite');
	});

	test('Typst, reStructuredText and Org have their own forms', () => {
		assert.equal(formatCitation('typst', [a, b]).text, '@a @b');
		assert.equal(formatCitation('restructuredtext', [a, b]).text, ':cite:`a,b`');
		assert.equal(formatCitation('org', [a, b]).text, '[cite:@a;@b]');
	});

	test('Other languages get a readable reference per paper', () => {
		assert.equal(formatCitation('plaintext', [a, b]).text, '“Attention Is All You Need”, Vaswani et al., 2017; “OHQ: On-chip Hardware-aware Quantization”');
		assert.equal(readableReference(makePaper({ title: 'T', authors: ['A B', 'C D'] })), '“T”, B and D');
	});

	test('Templates can be overridden per language, with per-paper fields and $$', () => {
		const templates = { markdown: '[-@${keys:; -@}]', plaintext: '${link}', python: '# see ${title} (${year}) costs $$0' };
		assert.equal(formatCitation('markdown', [a, b], { templates }).text, '[-@a; -@b]');
		assert.equal(formatCitation('plaintext', [a], { templates }).text, '[Attention Is All You Need](https://arxiv.org/abs/1706.03762)');
		assert.equal(formatCitation('python', [a], { templates }).text, '# see Attention Is All You Need (2017) costs $0');
	});

	test('A Markdown link escapes brackets in the title and works without a URL', () => {
		assert.equal(markdownLink(makePaper({ title: 'A [b] c', arxivId: '1234.5678' })), '[A \\[b\\] c](https://arxiv.org/abs/1234.5678)');
		assert.equal(markdownLink(makePaper({ title: 'No link' })), 'No link');
	});

	test('A broken user template falls back to the built-in one and reports where it is broken', () => {
		const result = formatCitation('markdown', [a], { templates: { markdown: '[@${kyes}]' } });
		assert.equal(result.text, '[@a]');
		assert.deepEqual(result.templateError, { column: 5, message: 'unknown placeholder ${kyes} (known: keys, keys:SEP, command, key, title, authors, year, url, ref, link)' });
	});

	test('Template errors name their column', () => {
		const unterminated = compileCitationTemplate('abc ${keys');
		assert.ok(!unterminated.ok);
		assert.equal(unterminated.error.column, 5);
		const separator = compileCitationTemplate('${title:x}');
		assert.ok(!separator.ok);
		assert.match(separator.error.message, /only \$\{keys:SEP\} takes a separator/);
	});

	test('No papers give no text', () => {
		assert.equal(formatCitation('markdown', []).text, '');
	});
});
