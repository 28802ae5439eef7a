import * as assert from 'node:assert/strict';
import { decodeBibliography, encodeText, planBibliographyBytes, removeBytes, spliceBytes, type BibliographyBytesPlan } from '../../../src/core/cite/bibliographyBytes';
import { applyInsertion, cslJsonShapeProblem, dominantLineEnding, planBibliographyEdit, readBibliographyKeys } from '../../../src/core/cite/bibliographyFile';
import { makePaper, vaswani } from './citeTestSupport';

/** Bytes from code points 0–255, one byte each. */
function bytes(text: string): Uint8Array {
	return Uint8Array.from(text, (c) => {
		assert.ok(c.charCodeAt(0) <= 0xff);
		return c.charCodeAt(0);
	});
}

function latin1Text(b: Uint8Array): string {
	return Array.from(b, (x) => String.fromCharCode(x)).join('');
}

function utf16le(text: string): Uint8Array {
	return Uint8Array.from([0xff, 0xfe, ...Array.from(text, (c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]).flat()]);
}

/** The file after the plan, checking that every byte of `before` is kept in order around the inserted ones. */
function after(before: Uint8Array, plan: BibliographyBytesPlan): Uint8Array {
	assert.ok(plan.ok, plan.ok ? '' : plan.message);
	const out = spliceBytes(before, plan.byteOffset, plan.inserted);
	assert.deepEqual(removeBytes(out, plan.byteOffset, plan.inserted.length), before, 'only the inserted bytes differ');
	return out;
}

const accented = makePaper({ title: 'Café Scheduling', authors: ['Renée Dürr'], year: 2024, arxivId: '2401.00001' });
const polish = makePaper({ title: 'Łódź Pipelines', authors: ['Jan Kowalski'], year: 2024, arxivId: '2401.00002' });

suite('Bibliography bytes', () => {
	test('UTF-8 (with or without BOM), UTF-16 by its BOM, and anything else as one byte per character decode exactly', () => {
		assert.deepEqual(decodeBibliography(new TextEncoder().encode('@misc{é,}')), { ok: true, encoding: 'utf-8', bomLength: 0, text: '@misc{é,}' });
		assert.deepEqual(decodeBibliography(bytes('\xef\xbb\xbf@a')), { ok: true, encoding: 'utf-8-bom', bomLength: 3, text: '@a' });
		assert.deepEqual(decodeBibliography(utf16le('@a\r\n')), { ok: true, encoding: 'utf-16le', bomLength: 2, text: '@a\r\n' });
		assert.deepEqual(decodeBibliography(bytes('Caf\xe9')), { ok: true, encoding: 'latin-1', bomLength: 0, text: 'Caf\xe9' });
		assert.equal((decodeBibliography(bytes('Caf\xe9'), 'unknown') as { encoding: string }).encoding, '8-bit');
	});

	test('Binary files, UTF-32 and broken UTF-16 are refused rather than guessed', () => {
		assert.equal(decodeBibliography(bytes('@misc{a,\x00}')).ok, false);
		assert.equal(decodeBibliography(bytes('\xff\xfe\x00\x00@\x00\x00\x00')).ok, false);
		assert.equal(decodeBibliography(bytes('\xff\xfe@')).ok, false, 'an odd number of bytes');
		assert.equal(decodeBibliography(bytes('\xff\xfe\x00\xd8a\x00')).ok, false, 'a lone surrogate');
	});

	test('Latin-1 holds ASCII and U+00A0–U+00FF; an unknown 8-bit encoding only ASCII; the message names the character', () => {
		assert.deepEqual(encodeText('Dürr é', 'latin-1'), bytes('D\xfcrr \xe9'));
		const polishInLatin1 = encodeText('Łódź', 'latin-1');
		assert.ok(!(polishInLatin1 instanceof Uint8Array));
		assert.match(polishInLatin1.message, /"Ł" \(U\+0141\).*Latin-1/);
		assert.ok(!(encodeText('\u0085', 'latin-1') instanceof Uint8Array), 'no C1 controls, where Latin-1 and Windows-1252 differ');
		assert.ok(!(encodeText('é', '8-bit') instanceof Uint8Array));
		assert.deepEqual(encodeText('ok', '8-bit'), bytes('ok'));
		assert.deepEqual(encodeText('Ł', 'utf-16be'), bytes('\x01\x41'));
	});

	test('A Latin-1 .bib gets its entry in Latin-1, appended after every one of its bytes', () => {
		const before = bytes('@misc{jose1999,\n  title = {Caf\xe9 cr\xe8me}\n}\n');
		const plan = planBibliographyBytes('refs.bib', before, [{ paper: accented, key: 'durr2024' }]);
		const out = after(before, plan);
		assert.equal(plan.ok && plan.byteOffset, before.length);
		const text = latin1Text(out);
		assert.ok(text.includes('Caf\xe9 Scheduling') && text.includes('D\xfcrr'), text);
		assert.ok(!text.includes('\xc3'), 'nothing was written as UTF-8');
		const keys = readBibliographyKeys('refs.bib', text);
		assert.deepEqual(keys.ok && keys.keys.map((k) => k.key), ['jose1999', 'durr2024']);
	});

	test('An entry a Latin-1 file cannot hold is refused, not written with replacement characters', () => {
		const plan = planBibliographyBytes('refs.bib', bytes('@misc{a,\n  title = {\xe9}\n}\n'), [{ paper: polish, key: 'lodz2024' }]);
		assert.equal(plan.ok, false);
		assert.match(plan.ok ? '' : plan.message, /Ł/);
	});

	test('UTF-8 with a BOM keeps the BOM; UTF-16 gets UTF-16 bytes; offsets count bytes, not characters', () => {
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('[\n  {"id": "é1", "type": "book"}\n]\n')]);
		const json = planBibliographyBytes('refs.json', bom, [{ paper: vaswani, key: 'v' }]);
		const jsonAfter = new TextDecoder('utf-8', { ignoreBOM: true }).decode(after(bom, json));
		assert.ok(jsonAfter.startsWith('\ufeff['), 'the BOM stays first');
		assert.deepEqual((JSON.parse(jsonAfter.slice(1)) as { id: string }[]).map((i) => i.id), ['é1', 'v']);
		assert.equal(json.ok && json.byteOffset, 3 + new TextEncoder().encode('[\n  {"id": "é1", "type": "book"}').length, 'right after the last item, in bytes');

		const wide = utf16le('@misc{w,\r\n  title = {W}\r\n}\r\n');
		const plan = planBibliographyBytes('refs.bib', wide, [{ paper: vaswani, key: 'v' }]);
		const text = new TextDecoder('utf-16le').decode(after(wide, plan));
		const keys = readBibliographyKeys('refs.bib', text);
		assert.deepEqual(keys.ok && keys.keys.map((k) => k.key), ['w', 'v']);
	});

	test('A missing file is created as UTF-8; a file with every entry already gives nothing to write', () => {
		const created = planBibliographyBytes('new.bib', undefined, [{ paper: vaswani, key: 'v' }]);
		assert.equal(created.ok && created.kind, 'create');
		const none = planBibliographyBytes('new.bib', created.ok ? created.inserted : new Uint8Array(), [{ paper: vaswani, key: 'v' }]);
		assert.deepEqual(none.ok && [none.kind, none.inserted.length, none.alreadyPresent], ['none', 0, ['v']]);
	});
});

suite('Line endings of the text Paper Shelf adds', () => {
	test('The most frequent line ending wins, a lone CR included; ties go to the first; none means LF', () => {
		assert.equal(dominantLineEnding('a\r\nb\r\nc\nd'), '\r\n');
		assert.equal(dominantLineEnding('a\rb\rc'), '\r');
		assert.equal(dominantLineEnding('a\nb\r\nc'), '\n');
		assert.equal(dominantLineEnding('one line'), '\n');
	});

	test('A CR-only .bib gets an entry with CR line breaks, appended after all of it', () => {
		const existing = '@misc{cr1,\r  title = {Classic Mac}\r}\r';
		const plan = planBibliographyEdit('refs.bib', existing, [{ paper: vaswani, key: 'v' }]);
		assert.ok(plan.ok && plan.insertion);
		assert.equal(plan.insertion.offset, existing.length);
		assert.ok(!plan.insertion.text.includes('\n'), JSON.stringify(plan.insertion.text));
		assert.ok(plan.insertion.text.includes('\r'));
	});

	test('A mixed CSL-JSON file gets its new item after the last one at the right offset, in the dominant line ending', () => {
		const existing = '[\r\n  {"id": "a", "type": "book"},\n  {"id": "b", "type": "book"}\r\n]\r\n';
		const plan = planBibliographyEdit('refs.json', existing, [{ paper: vaswani, key: 'v' }]);
		assert.ok(plan.ok && plan.insertion);
		assert.equal(plan.insertion.offset, existing.indexOf('"book"}\r\n]') + '"book"}'.length);
		assert.ok(!/(?<!\r)\n/.test(plan.insertion.text), 'CRLF only');
		assert.deepEqual((JSON.parse(applyInsertion(existing, plan.insertion)) as { id: string }[]).map((i) => i.id), ['a', 'b', 'v']);
	});
});

suite('Only CSL-JSON is written', () => {
	test('An array of items with id and type, or an empty one, is a CSL-JSON bibliography', () => {
		assert.equal(cslJsonShapeProblem('[]'), undefined);
		assert.equal(cslJsonShapeProblem(''), undefined);
		assert.equal(cslJsonShapeProblem('[{"id": 1, "type": "book"}, {"id": "x", "type": "article"}]'), undefined);
	});

	test('Other JSON arrays and objects are not, with the line of the first item that is not', () => {
		assert.match(cslJsonShapeProblem('[\n  {"title": "x"}\n]')!.message, /line 2: not a CSL-JSON bibliography \(item 1 has no "id"\)/);
		assert.match(cslJsonShapeProblem('[{"id": "a", "type": "book"},\n {"id": "b"}]')!.message, /line 2.*item 2 has no "type"/);
		assert.match(cslJsonShapeProblem('{"items": []}')!.message, /not an array/);
	});

	test('Planning refuses a JSON array of other things, so nothing is inserted into it', () => {
		const plan = planBibliographyEdit('digest.json', '[{"title": "A paper", "abstract": "…"}]', [{ paper: vaswani, key: 'v' }]);
		assert.equal(plan.ok, false);
		assert.match(plan.ok ? '' : plan.message, /not a CSL-JSON bibliography/);
	});
});
