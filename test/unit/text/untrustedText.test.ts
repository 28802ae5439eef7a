import * as assert from 'node:assert/strict';
import { iconLabelText, markdownText, messageText, pickDescriptionText, plainText, promptText, WORD_JOINER } from '../../../src/core/text/untrustedText';
import { escapeMarkdownSyntaxTokens, notificationLinks, parsedIcons, renderedIcons, renderMarkdown, tagsIn, textOf } from './vscodeParsers';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

const visible = (text: string) => text.split(WORD_JOINER).join('');

/** Hostile strings: link syntax of every shape VS Code's notifications know, icons, Markdown, HTML, autolinks, bidi. */
const hostile = [
	'[Fix the bibliography](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D).bib',
	'[click](https://evil.example/x) and [again](HTTP://EVIL.EXAMPLE)',
	'[open](file:///etc/passwd "Your notes")',
	'[run](command:evil \'A title\')',
	'[[nested](command:a)](command:b)',
	'[a]](command:x) [b](Command:Y) [](command:empty) [x] (command:spaced)',
	'refs](command:x).bib',
	'$(zap) Fast kernels $(sync~spin) \\$(gear) $(x-y)',
	'**bold** _em_ `code` # heading\n- item\n1. one\n> quote\n    indented\n| a | b |',
	'![img](https://evil.example/i.png) [link][ref]\n\n[ref]: https://evil.example',
	'<a href="https://evil.example">x</a> <img src=x onerror=alert(1)> <!-- c --> &amp; &#x41; &nbsp;',
	'See https://evil.example/path?q=1, www.evil.example, mail me@evil.example or <https://evil.example> <file:///etc/passwd>',
	'FILE://host/share and ftp://evil.example and evil.example/path',
	'report\u202Egpj.bib \u2066isolated\u2069 \u202Aembed\u202C \u200Emark\u200F \u061C',
	'line\r\nbreak\ttab\u0000nul\u2028sep\u0085nel',
];

suite('Untrusted text on VS Code surfaces', () => {
	suite('plainText (tree labels, tab titles, diagnostics, completion details)', () => {
		test('removes every bidi control, so a name cannot show reordered', () => {
			assert.equal(plainText('report\u202Egpj.bib'), 'reportgpj.bib');
			for (const c of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C']) {
				assert.equal(plainText(`a${c}b`), 'ab', `U+${c.charCodeAt(0).toString(16).toUpperCase()}`);
			}
		});

		test('turns line breaks and control characters into one space, and keeps everything else as it is', () => {
			assert.equal(plainText('line\r\nbreak\ttab\u0000nul\u2028sep\u0085nel'), 'line break tab nul sep nel');
			const ordinary = 'Attention Is All You Need: [1] (2017) $(zap) https://x.org <b> العربية עברית 中文 🚀';
			assert.equal(plainText(ordinary), ordinary);
		});
	});

	suite('messageText (notifications)', () => {
		test('leaves no link that VS Code would draw in a notification, for any hostile string', () => {
			assert.ok(hostile.flatMap(notificationLinks).length >= 8, 'the corpus itself has links');
			for (const text of hostile) {
				assert.deepEqual(notificationLinks(messageText(text)), [], JSON.stringify(text));
			}
		});

		test('the file name of the reported attack reads the same, with no link in it', () => {
			const name = '[Fix the bibliography](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22x%22%7D).bib';
			const message = `Paper Shelf: ${name}: line 2: unexpected "}". The bibliography was left untouched.`;
			assert.equal(notificationLinks(message).length, 1, 'before: one command link');
			const safe = messageText(message);
			assert.deepEqual(notificationLinks(safe), []);
			assert.equal(visible(safe), message, 'a person reads exactly the same text');
		});

		test('changes nothing but link syntax and bidi controls', () => {
			for (const text of hostile) {
				assert.equal(visible(messageText(text)), plainText(text));
			}
			const ordinary = 'Added 3 papers from week [2].digest.md (see the Problems panel) $(zap)';
			assert.equal(messageText(ordinary), ordinary);
		});
	});

	suite('iconLabelText (quick picks, status bar)', () => {
		test('draws no icon: $(name) and $(name~modifier) show literally', () => {
			for (const text of hostile) {
				const safe = iconLabelText(text);
				assert.deepEqual(renderedIcons(safe), [], JSON.stringify(text));
				assert.deepEqual(parsedIcons(safe), [], `the quick pick filter sees no icon in ${JSON.stringify(text)}`);
			}
			assert.deepEqual(renderedIcons('$(zap) $(sync~spin)'), ['zap', 'sync~spin'], 'the corpus itself renders icons');
			assert.equal(visible(iconLabelText('$(zap) Fast $(sync~spin)')), '$(zap) Fast $(sync~spin)');
		});

		test('keeps the text readable: only invisible joiners are added, and only into $(', () => {
			for (const text of hostile) {
				assert.equal(visible(iconLabelText(text)), plainText(text));
			}
			const ordinary = 'Cited [@vaswaniAttention2017] — https://x.org (2024): 3× faster';
			assert.equal(iconLabelText(ordinary), ordinary);
		});
	});

	suite('pickDescriptionText (quick pick descriptions and details)', () => {
		test('draws no icon, and in the Markdown hover of a long description or detail nothing is a link or a tag', () => {
			for (const text of hostile) {
				const safe = pickDescriptionText(text);
				assert.deepEqual(renderedIcons(safe), [], JSON.stringify(text));
				const html = renderMarkdown(escapeMarkdownSyntaxTokens(safe));
				assert.deepEqual(tagsIn(html).filter((t) => t !== 'br'), [], `${JSON.stringify(text)} → ${html}`);
			}
			assert.ok(tagsIn(renderMarkdown(escapeMarkdownSyntaxTokens('see https://evil.example'))).includes('a'), 'without it, the URL is a link');
		});

		test('keeps the text readable: only invisible joiners are added', () => {
			for (const text of hostile) {
				assert.equal(visible(pickDescriptionText(text)), plainText(text));
			}
			const ordinary = 'Sparse Attention Kernels for Tiny GPUs (2024): 3× faster';
			assert.equal(pickDescriptionText(ordinary), ordinary);
		});
	});

	suite('promptText (input box prompts and validation messages)', () => {
		test('leaves neither a link nor an icon, and reads the same', () => {
			for (const text of hostile) {
				const safe = promptText(text);
				assert.deepEqual(notificationLinks(safe), [], JSON.stringify(text));
				assert.deepEqual(renderedIcons(safe), [], JSON.stringify(text));
				assert.equal(visible(safe), plainText(text));
			}
		});
	});

	suite('markdownText (hovers, tooltips, completion documentation)', () => {
		test('renders as exactly the text: no link, image, tag, entity, emphasis, heading, list or code', () => {
			for (const text of hostile) {
				const html = renderMarkdown(markdownText(text));
				assert.deepEqual(tagsIn(html), [], `${JSON.stringify(text)} → ${html}`);
				assert.equal(textOf(html), plainText(text).replace(/\s+/g, ' '), JSON.stringify(text));
			}
		});

		test('keeps a URL readable but not clickable, where the raw text would be a link', () => {
			const text = 'Code at https://github.com/x/y and www.example.org';
			assert.ok(tagsIn(renderMarkdown(text)).includes('a'), 'the raw text autolinks');
			assert.equal(textOf(renderMarkdown(markdownText(text))), text);
			assert.deepEqual(tagsIn(renderMarkdown(markdownText(text))), []);
		});

		test('leaves no theme icon syntax: $( is escaped', () => {
			assert.ok(!markdownText('$(zap) fast').includes('$('));
		});

		test('is linear in the size of the text', () => {
			const small = '[a](command:x) $(zap) https://x.org '.repeat(2_000);
			const large = small.repeat(10);
			const run = (s: string) => {
				for (const f of [plainText, messageText, iconLabelText, pickDescriptionText, promptText, markdownText]) {
					f(s);
				}
			};
			const r = timeRatio(run, small, large);
			assert.ok(r.ratio <= MAX_RATIO, ratioMessage(r, small.length, large.length));
		});
	});
});
