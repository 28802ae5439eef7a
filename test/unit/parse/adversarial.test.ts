import * as assert from 'node:assert/strict';
import type { ParsedDigest } from '../../../src/core/model';
import { parseDigest } from '../../../src/core/parse';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';
import { assertWellFormed, prng } from './parseTestSupport';

/**
 * Hostile lines: each shape made a regular expression of the parsers backtrack quadratically (or
 * worse) on a long run of one character. `make(n)` builds a digest whose hostile line is about `n`
 * characters long.
 */
interface Shape {
	readonly name: string;
	readonly file: string;
	readonly make: (n: number) => string;
}

/** A Markdown digest with one paper whose body holds `line`. */
const inBody = (line: string) => `## A title\n\nAn abstract.\n\n${line}\n`;

const SHAPES: readonly Shape[] = [
	{ name: 'a heading with a long run of spaces inside', file: 'heading.digest.md', make: (n) => `# a${' '.repeat(n)}b` },
	{ name: 'a heading with a long run of spaces and closing hashes', file: 'closed.digest.md', make: (n) => `## a${' \t'.repeat(n / 2)}b ##` },
	{ name: 'a metadata line `**Authors:**` and a long run of spaces', file: 'authors.digest.md', make: (n) => inBody(`**Authors:**${' '.repeat(n)}x`) },
	{ name: 'a metadata line with spaces before a line separator', file: 'separator.digest.md', make: (n) => inBody(`Code:${' '.repeat(n)}x\u2028y`) },
	{ name: 'a body line indented by a long run of spaces', file: 'indented.digest.md', make: (n) => inBody(`${' '.repeat(n)}x`) },
	{ name: 'a metadata value with a long run of spaces', file: 'value.digest.md', make: (n) => inBody(`Code: x${' '.repeat(n)}y`) },
	{ name: 'authors joined by a long run of spaces', file: 'and.digest.md', make: (n) => inBody(`Authors: a${' '.repeat(n)}and b`) },
	{ name: 'a run of `[`', file: 'open.digest.md', make: (n) => inBody(`Code: ${'['.repeat(n)}`) },
	{ name: 'a run of `](`', file: 'close.digest.md', make: (n) => inBody(`Code: ${']('.repeat(n / 2)}`) },
	{ name: 'a run of `[](`', file: 'empty-links.digest.md', make: (n) => inBody(`Links: ${'[]('.repeat(n / 3)}`) },
	{ name: 'a link destination after a long run of spaces', file: 'link-spaces.digest.md', make: (n) => inBody(`Code: [a](${' '.repeat(n)}x`) },
	{ name: 'links with titles that never close', file: 'link-titles.digest.md', make: (n) => inBody(`Code: ${'[](x "'.repeat(n / 6)}`) },
	{ name: '`http://` and a long host', file: 'host.digest.md', make: (n) => inBody(`Code: http://${'a'.repeat(n)}`) },
	{ name: 'a URL with a long run of dots', file: 'dots.digest.md', make: (n) => inBody(`Code: http://a${'.'.repeat(n)}x`) },
	{ name: 'a run of would-be URL schemes', file: 'schemes.digest.md', make: (n) => inBody(`Code: ${'a.'.repeat(n / 2)}`) },
	{ name: '`arXiv:` and a long run of digits and dots', file: 'arxiv.digest.md', make: (n) => inBody(`arXiv: arXiv:${'1234.'.repeat(n / 5)}`) },
	{ name: 'an arXiv URL with a long run of `#` before a line separator', file: 'arxiv-url.digest.md', make: (n) => inBody(`arXiv: https://arxiv.org/abs/${'#'.repeat(n)}\u2028x`) },
	{ name: '`huggingface.co/papers/` and a long path', file: 'hf.digest.md', make: (n) => inBody(`Links: https://huggingface.co/papers/${'a/'.repeat(n / 2)} x`) },
	{ name: 'a title link with a long label that never closes', file: 'title.digest.md', make: (n) => `## [${'a'.repeat(n)}](x\n\nAn abstract.\n` },
	{ name: 'a title link made of `[](`', file: 'title-runs.digest.md', make: (n) => `## [${'[]('.repeat(n / 3)}\n\nAn abstract.\n` },
	{ name: 'a title link with a long run of spaces', file: 'title-spaces.digest.md', make: (n) => `## [a](${' '.repeat(n)})x\n\nAn abstract.\n` },
	{ name: 'a mixture of the shapes on one line', file: 'mixture.digest.md', make: (n) => inBody(`Code: ${'[a](  x "  http://a.. arXiv:2401. **  '.repeat(n / 40)}`) },
	{ name: 'a JSON id that is an arXiv URL with a long run of `?` before a line feed', file: 'id.json', make: (n) => JSON.stringify([{ title: 't', id: `https://arxiv.org/abs/${'?'.repeat(n)}\nx` }]) },
	{ name: 'JSON authors joined by a long run of spaces', file: 'authors.json', make: (n) => JSON.stringify([{ title: 't', authors: `a${' '.repeat(n)}x` }]) },
	{ name: 'a JSONL record with a long run of spaces in its authors', file: 'authors.jsonl', make: (n) => `${JSON.stringify({ title: 't', authors: `a${' '.repeat(n)}and x` })}\n` },
	{ name: 'a Daily Papers page with a long abstract of short sentences', file: 'daily.txt', make: (n) => `Jul 31\n\nA title\n\n${'a. '.repeat(n / 3)}\n` },
];

const SMALL = 100_000;
const LARGE = 1_000_000;

/** Parses the bytes of `text`, as a digest file is read (bytes also make one flat string, unlike `+`). */
function parse(text: string, file: string): ParsedDigest {
	return parseDigest(Buffer.from(text, 'utf8'), file);
}

function assertSane(digest: ParsedDigest, text: string, file: string): void {
	assertWellFormed(digest, file, text.split(/\r\n|\r|\n/).length);
	assert.ok(digest.diagnostics.length <= 5, `too many problems: ${digest.diagnostics.map((d) => d.message).join('; ')}`);
	for (const d of digest.diagnostics) assert.ok(d.message.length < 200, `a problem quotes too much: ${d.message.slice(0, 200)}…`);
}

suite('Hostile lines in digests', () => {
	for (const shape of SHAPES) {
		test(`A 1 MB line of ${shape.name} parses in time linear in its size`, function () {
			this.timeout(60_000);
			const small = shape.make(SMALL);
			const large = shape.make(LARGE);
			assertSane(parse(small, shape.file), small, shape.file);
			assertSane(parse(large, shape.file), large, shape.file);
			const r = timeRatio((bytes: Buffer) => parseDigest(bytes, shape.file), Buffer.from(small, 'utf8'), Buffer.from(large, 'utf8'));
			assert.ok(r.ratio <= MAX_RATIO, ratioMessage(r, SMALL, LARGE));
		});
	}

	test('A seeded corpus of hostile lines never makes parsing throw and always gives well-formed results', function () {
		this.timeout(60_000);
		const pieces = ['#', '## ', ' ', '  ', '\t', '[', ']', '(', ')', '](', '[](', '<', '>', '"', '*', '**', '_', '__', ':', '**Authors:**', 'Code:', 'arXiv:',
			'- ', '> ', '`', '~', '.', ',', ';', 'and', '&', 'a', 'x1', '2401.09603', 'v2', 'http://', 'https://arxiv.org/abs/', 'https://huggingface.co/papers/',
			'?', '#', '\u2028', '\u00a0', '\r', '\n', '\n\n', 'Jul 31', '{', '}', '\\n'];
		const random = prng(20261130);
		const formats = ['fuzz.digest.md', 'fuzz.txt', 'fuzz.json', 'fuzz.jsonl'];
		for (let k = 0; k < 400; k++) {
			const parts: string[] = [];
			let size = 0;
			const budget = 1 + Math.floor(random() * 64 * 1024);
			while (size < budget) {
				const piece = pieces[Math.floor(random() * pieces.length)];
				const copies = random() < 0.2 ? 1 + Math.floor(random() * 4096) : 1;
				parts.push(piece.repeat(copies));
				size += piece.length * copies;
			}
			const line = parts.join('');
			const file = formats[k % formats.length];
			const text = file.endsWith('.json') ? JSON.stringify([{ title: line.slice(0, 200), authors: line, id: line, summary: line }])
				: file.endsWith('.jsonl') ? `${JSON.stringify({ title: line, authors: line, arxiv_id: line })}\n`
					: k % 8 < 4 ? `## ${line}\n\nAn abstract.\n\n${line}\n` : line;
			let digest: ParsedDigest;
			try {
				digest = parse(text, file);
			} catch (e) {
				assert.fail(`case ${k} (${file}) threw: ${String(e)}`);
			}
			assertWellFormed(digest, file, text.split(/\r\n|\r|\n/).length);
		}
	});
});
