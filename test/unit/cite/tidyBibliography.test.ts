import * as assert from 'node:assert/strict';
import { readBibliographyKeys } from '../../../src/core/cite/bibliographyFile';
import { citedKeysOf, planRemovalBytes, planTidy, removalRanges } from '../../../src/core/cite/tidyBibliography';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';
import { makePaper } from './citeTestSupport';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** `before` with the byte ranges cut out: what the file must be after a removal, byte for byte. */
function cut(before: Uint8Array, removed: readonly { byteOffset: number; byteLength: number }[]): Uint8Array {
	const parts: number[] = [];
	let from = 0;
	for (const r of removed) {
		parts.push(...before.subarray(from, r.byteOffset));
		from = r.byteOffset + r.byteLength;
	}
	parts.push(...before.subarray(from));
	return Uint8Array.from(parts);
}

/** A .bib with comments between entries, @string, @preamble and @comment items. */
const BIB = [
	'% My bibliography, by hand.',
	'@string{acm = {ACM}}',
	'@preamble{"\\newcommand{\\noop}[1]{}"}',
	'',
	'@book{knuth1984texbook,',
	'  title = {The {\\TeX}book},',
	'  year = {1984}',
	'}',
	'',
	'% Unused, but mine:',
	'@misc{unused1,',
	'  title = {Nobody cites me}, publisher = acm',
	'}',
	'',
	'@comment{keep this comment}',
	'@article{cited2,',
	'  title = {Cited}',
	'}',
	'',
	'@misc{unused2, title = {Last}}',
	'',
].join('\n');

suite('Tidy Bibliography: the plan', () => {
	test('Missing shelf entries, unused entries and unknown keys are told apart; keys compare exactly', () => {
		const shelf = new Map([['shelfKey2024', makePaper({ title: 'On the shelf' })]]);
		const notes = [
			{ name: 'a.md', citedKeys: citedKeysOf('[@knuth1984texbook; @shelfKey2024] and @typo2020 and [@Cited2]', 'markdown'), usesBibliography: true },
			// A note using another bibliography still counts as citing: its keys are not unused here.
			{ name: 'b.tex', citedKeys: citedKeysOf('\\cite{cited2, elsewhere}', 'latex'), usesBibliography: false },
		];
		const plan = planTidy('refs.bib', BIB, notes, (key) => {
			const paper = shelf.get(key);
			return paper && { paper, key };
		});
		assert.ok(plan.ok);
		assert.deepEqual(plan.missing.map((c) => c.key), ['shelfKey2024']);
		assert.deepEqual(plan.unused.map((e) => [e.key, e.line]), [['unused1', 11], ['unused2', 20]]);
		assert.deepEqual(plan.unknown, [{ key: 'typo2020', notes: ['a.md'] }, { key: 'Cited2', notes: ['a.md'] }]);
	});

	test('An unreadable bibliography gives its error and no plan', () => {
		const plan = planTidy('refs.bib', '@misc{a, title = {x}\n', [], () => undefined);
		assert.equal(plan.ok, false);
	});
});

suite('Tidy Bibliography: removing entries byte for byte', () => {
	for (const [name, eol, bom] of [['LF', '\n', false], ['CRLF', '\r\n', false], ['CRLF with a BOM', '\r\n', true], ['CR only', '\r', false]] as const) {
		test(`${name}: only the removed entries' ranges change; comments, @string, @preamble, @comment and other entries stay`, () => {
			const body = BIB.replace(/\n/g, eol);
			const before = Uint8Array.from([...(bom ? [0xef, 0xbb, 0xbf] : []), ...utf8(body)]);
			const plan = planRemovalBytes('refs.bib', before, new Set(['unused1', 'unused2']));
			assert.ok(plan.ok, plan.ok ? '' : plan.message);
			assert.deepEqual(plan.removed.map((r) => r.keys), [['unused1'], ['unused2']]);
			assert.deepEqual(plan.after, cut(before, plan.removed), 'after = before without the removed ranges');
			const removedText = plan.removed.map((r) => text(before.subarray(r.byteOffset, r.byteOffset + r.byteLength)));
			// Each range is the entry itself and blanks around it: nothing of a comment or another item.
			assert.equal(removedText[0].trim(), ['@misc{unused1,', '  title = {Nobody cites me}, publisher = acm', '}'].join(eol));
			assert.equal(removedText[1].trim(), '@misc{unused2, title = {Last}}');
			const afterText = text(plan.after);
			assert.equal(plan.after.subarray(0, 3).join(), bom ? '239,187,191' : plan.after.subarray(0, 3).join(), 'the BOM stays');
			for (const kept of ['% My bibliography, by hand.', '@string{acm = {ACM}}', '@preamble{', '% Unused, but mine:', '@comment{keep this comment}', '@book{knuth1984texbook,', '@article{cited2,']) {
				assert.ok(afterText.includes(kept), `${kept} stays`);
			}
			const keys = readBibliographyKeys('refs.bib', afterText.replace(/^\uFEFF/, ''));
			assert.ok(keys.ok);
			assert.deepEqual(keys.keys.map((k) => k.key), ['knuth1984texbook', 'cited2']);
			assert.ok(!afterText.includes(`${eol}${eol}${eol}`), 'no blank lines pile up');
			assert.ok(!/\r(?!\n)/.test(afterText) || eol === '\r', 'line endings are the file’s own');
		});
	}

	test('An entry sharing its line with another item is removed alone, the rest of the line kept', () => {
		const before = utf8('@misc{a, title={A}} @misc{b, title={B}} % tail\n');
		const plan = planRemovalBytes('refs.bib', before, new Set(['a']));
		assert.ok(plan.ok);
		assert.equal(text(plan.after), ' @misc{b, title={B}} % tail\n');
	});

	test('Latin-1 and UTF-16 files keep their encoding: the ranges are cut in bytes', () => {
		const latin1 = Uint8Array.from([...utf8('@misc{a, title={Caf'), 0xe9, ...utf8('}}\n\n@misc{b, title={x}}\n')]);
		const plan = planRemovalBytes('refs.bib', latin1, new Set(['b']));
		assert.ok(plan.ok);
		assert.deepEqual(plan.after, cut(latin1, plan.removed));
		assert.equal(plan.after[plan.after.indexOf(0x66) + 1], 0xe9, 'the Latin-1 é stays one byte');
		const utf16 = Uint8Array.from([0xff, 0xfe, ...[...'@misc{a, title={Ω}}\n\n@misc{b, title={x}}\n'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
		const plan16 = planRemovalBytes('refs.bib', utf16, new Set(['a']));
		assert.ok(plan16.ok);
		assert.deepEqual(plan16.after, cut(utf16, plan16.removed));
		assert.equal(new TextDecoder('utf-16le').decode(plan16.after), '@misc{b, title={x}}\n');
	});

	const CSL = '[\n  {"id": "a", "type": "article", "title": "A"},\n  {"id": "b", "type": "article"},\n  {"type": "article", "title": "no id"},\n  {"id": "c", "type": "book"},\n  {"id": "d", "type": "book"}\n]\n';
	for (const remove of [['a'], ['b'], ['d'], ['c', 'd'], ['a', 'b'], ['a', 'b', 'c', 'd']]) {
		test(`CSL-JSON: removing ${remove.join(', ')} leaves valid JSON with the other items byte for byte`, () => {
			const before = utf8(CSL);
			const plan = planRemovalBytes('refs.json', before, new Set(remove));
			assert.ok(plan.ok, plan.ok ? '' : plan.message);
			assert.deepEqual(plan.after, cut(before, plan.removed));
			const items = JSON.parse(text(plan.after)) as { id?: string }[];
			assert.deepEqual(items.map((i) => i.id ?? '-'), ['a', 'b', '-', 'c', 'd'].filter((id) => !remove.includes(id)));
			for (const item of ['{"id": "a", "type": "article", "title": "A"}', '{"type": "article", "title": "no id"}', '{"id": "d", "type": "book"}']) {
				const id = /"id": "(\w)"/.exec(item)?.[1];
				if (!id || !remove.includes(id)) {
					assert.ok(text(plan.after).includes(item), `${item} stays byte for byte`);
				}
			}
		});
	}

	test('A key nowhere in the file removes nothing; an unreadable file is refused', () => {
		const before = utf8(BIB);
		const none = planRemovalBytes('refs.bib', before, new Set(['absent']));
		assert.ok(none.ok);
		assert.deepEqual(none.after, before);
		assert.equal(planRemovalBytes('refs.bib', utf8('@misc{a, title={'), new Set(['a'])).ok, false);
		const ranges = removalRanges('refs.txt', '', new Set());
		assert.equal(ranges.ok, false);
	});

	test('Planning a removal is linear in the size of the file', function () {
		this.timeout(60_000);
		const build = (n: number) => utf8(Array.from({ length: n }, (_, i) => `@misc{k${i},\r\n  title = {Caf\u00e9 ${i}}\r\n}\r\n`).join('\r\n'));
		const keys = new Set(Array.from({ length: 20_000 }, (_, i) => `k${i * 2}`));
		const small = build(2_000);
		const large = build(20_000);
		const r = timeRatio((b: Uint8Array) => planRemovalBytes('refs.bib', b, keys), small, large);
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, small.length, large.length));
	});
});
