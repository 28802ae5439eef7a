import * as assert from 'node:assert/strict';
import { completionContext, scanCitations } from '../../../src/core/cite/citationScanner';

function keys(text: string, languageId?: string): string[] {
	return scanCitations(text, languageId).map((c) => c.key);
}

/** Text with `|` marking the cursor: the text without it and the cursor's offset. */
function cursor(marked: string): [string, number] {
	const at = marked.indexOf('|');
	return [marked.slice(0, at) + marked.slice(at + 1), at];
}

suite('Citation scanner', () => {
	test('Pandoc citations are found with exact ranges and lines', () => {
		const text = 'Intro.\nAs [@smith2020, p. 3; -@doe:99] and @vaswaniAttentionAllYou2017 said.';
		const found = scanCitations(text, 'markdown');
		assert.deepEqual(found.map((c) => [c.key, c.line, c.column]), [['smith2020', 2, 6], ['doe:99', 2, 25], ['vaswaniAttentionAllYou2017', 2, 38]]);
		for (const c of found) {
			assert.equal(text.slice(c.start, c.end), c.key);
		}
	});

	test('E-mail addresses, @ inside words and escaped @ are not citations', () => {
		assert.deepEqual(keys('Mail me at jane.doe@example.com or x@y; user@host; a\\@b; https://x.org/@handle', 'markdown'), []);
	});

	test('Trailing punctuation ends a key; internal punctuation stays', () => {
		assert.deepEqual(keys('See @a.b. Also @c-d, and @e: ok? @{f g}', 'markdown'), ['a.b', 'c-d', 'e', 'f g']);
	});

	test('Code, front matter and HTML comments are skipped', () => {
		const text = '---\nauthor: "@nobody"\n---\n`@inline` ``a ` @two``\n```py\n@decorator\n```\n<!-- @hidden -->\n~~~\n@tilde\n~~~\nReal @real.';
		assert.deepEqual(keys(text, 'markdown'), ['real']);
	});

	test('LaTeX citations with stars, optional arguments and several keys are found', () => {
		const text = 'As \\citep[p.~3]{a, b} and \\textcite*[see][12]{c}; \\parencite{d}\\nocite{*}\\citestyle{authoryear}';
		const found = scanCitations(text, 'latex');
		assert.deepEqual(found.map((c) => c.key), ['a', 'b', 'c', 'd']);
		for (const c of found) {
			assert.equal(text.slice(c.start, c.end), c.key);
		}
	});

	test('Multi-cite commands take every key group; comments are skipped', () => {
		assert.deepEqual(keys('\\cites(pre)(post)[p.1]{a}[p.2]{b,c} text {x}\n% \\cite{hidden}\n\\cite{d} % \\cite{e}', 'latex'), ['a', 'b', 'c', 'd']);
	});

	test('Pandoc notes are not scanned for LaTeX and LaTeX for Pandoc; unknown languages for both', () => {
		const text = '@pandoc and \\cite{latex}';
		assert.deepEqual(keys(text, 'markdown'), ['pandoc']);
		assert.deepEqual(keys(text, 'latex'), ['latex']);
		assert.deepEqual(keys(text), ['pandoc', 'latex']);
	});
});

suite('Completion context', () => {
	test('After @ in Markdown the prefix and its start are given', () => {
		const [text, offset] = cursor('See [@vasw| and more');
		assert.deepEqual(completionContext(text, offset, 'markdown'), { kind: 'pandoc', prefix: 'vasw', replaceStart: 6 });
		const [t2, o2] = cursor('Start @|');
		assert.deepEqual(completionContext(t2, o2, 'markdown'), { kind: 'pandoc', prefix: '', replaceStart: 7 });
	});

	test('No completion in e-mail addresses, words, code or plain text', () => {
		for (const marked of ['mail jane@exa|', 'word@|', '`@co|`', 'plain text|', '```\n@x|\n```']) {
			const [text, offset] = cursor(marked);
			assert.equal(completionContext(text, offset, 'markdown'), undefined, marked);
		}
	});

	test('Inside \\cite{…} after { or , completion is offered', () => {
		const cases: [string, string, number][] = [
			['\\cite{|}', '', 6],
			['\\citep[p.~3]{vas|}', 'vas', 13],
			['\\autocite{a, sm|', 'sm', 13],
			['\\cites[1]{a}[2]{b|', 'b', 16],
		];
		for (const [marked, prefix, replaceStart] of cases) {
			const [text, offset] = cursor(marked);
			assert.deepEqual(completionContext(text, offset, 'latex'), { kind: 'latex', prefix, replaceStart }, marked);
		}
	});

	test('Not inside other LaTeX commands, closed groups or comments', () => {
		for (const marked of ['\\textbf{a|}', '\\cite{a} b|', '% \\cite{a|', '\\citestyle{|', '\\cite{a}{b|', '\\cite[x|]{a}']) {
			const [text, offset] = cursor(marked);
			assert.equal(completionContext(text, offset, 'latex'), undefined, marked);
		}
	});

	test('Typst and Org complete after @; other languages never', () => {
		const [text, offset] = cursor('see @ab|');
		assert.equal(completionContext(text, offset, 'typst')?.prefix, 'ab');
		assert.equal(completionContext(text, offset, 'org')?.prefix, 'ab');
		assert.equal(completionContext(text, offset, 'python'), undefined);
	});
});
