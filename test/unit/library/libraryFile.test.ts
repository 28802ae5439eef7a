import * as assert from 'node:assert/strict';
import type { Paper } from '../../../src/core/model';
import {
	applyLibraryEdit, EMPTY_LIBRARY, mergeLibraries, paperFromLibraryRecord, paperRecord, parseLibrary, serializeLibrary, type LibraryData,
} from '../../../src/core/library/libraryFile';
import { timeRatio, MAX_RATIO } from '../linearTime';

const paper = (id: string, extra: Partial<Paper> = {}): Paper => ({
	id, arxivId: id, title: `Paper ${id}`, abstract: 'An abstract.', authors: ['Ada Lovelace'], date: '2026-08-20', year: 2026,
	links: { arxivAbs: `https://arxiv.org/abs/${id}` }, keywords: [], categories: [], source: { file: '/w/a.digest.txt', startLine: 1, endLine: 3 }, ...extra,
});

const CANONICAL = [
	'{',
	'  "version": 1,',
	'  "starred": [',
	'    "2401.00001",',
	'    "2401.00002"',
	'  ],',
	'  "lists": {',
	'    "to read": [',
	'      "2401.00002"',
	'    ],',
	'    "chapter 3": []',
	'  },',
	'  "read": [',
	'    "2401.00001"',
	'  ],',
	'  "papers": {',
	'    "2401.00001": {"title":"One","authors":["A B"],"x-mine":{"k":[1,2]}},',
	'    "2401.00002": {"title":"Two"}',
	'  },',
	'  "x-team": { "owner" : "lab" }',
	'}',
	'',
].join('\n');

const ids = (data: LibraryData) => ({ starred: [...data.starred], read: [...data.read], lists: data.lists.map((l) => [l.name, [...l.ids]]) });

suite('The library file', () => {
	test('A file in the written layout round-trips byte for byte, unknown fields and their order included', () => {
		const parsed = parseLibrary(CANONICAL);
		assert.deepEqual(parsed.problems, []);
		assert.equal(parsed.writable, true);
		assert.equal(serializeLibrary(parsed.data), CANONICAL);
	});

	test('Unknown fields move nowhere when a star is added: the diff is the one new line (and a comma)', () => {
		const parsed = parseLibrary(CANONICAL);
		const next = serializeLibrary(applyLibraryEdit(parsed.data, { kind: 'star', ids: ['2401.00003'] }, new Map([['2401.00003', paperRecord(paper('2401.00003'))]])));
		const before = CANONICAL.split('\n');
		const after = next.split('\n');
		const addedLines = after.filter((l) => !before.includes(l));
		assert.deepEqual(addedLines, ['    "2401.00002",', '    "2401.00003"', '    "2401.00002": {"title":"Two"},', `    "2401.00003": ${JSON.stringify(paperRecord(paper('2401.00003')))}`]);
		assert.ok(next.includes('"x-team": { "owner" : "lab" }'), 'the unknown top-level field is kept as written');
		assert.ok(next.includes('"x-mine":{"k":[1,2]}'), 'an unknown field inside a record is kept');
		assert.ok(next.indexOf('"x-team"') > next.indexOf('"papers"'), 'and stays where it was');
	});

	test('An empty text is an empty library; a new file gets every field in a fixed order', () => {
		const parsed = parseLibrary('');
		assert.equal(parsed.writable, true);
		assert.equal(serializeLibrary(applyLibraryEdit(parsed.data, { kind: 'markRead', ids: ['x'] })), '{\n  "version": 1,\n  "starred": [],\n  "lists": {},\n  "read": [\n    "x"\n  ],\n  "papers": {}\n}\n');
	});

	test('Invalid JSON is reported at its line and the file is not writable', () => {
		const text = '{\n  "starred": [\n    "a",\n    "b"\n    "c"\n  ]\n}\n';
		const parsed = parseLibrary(text);
		assert.equal(parsed.writable, false);
		assert.ok(parsed.problems.some((p) => p.severity === 'error' && p.line === 5), JSON.stringify(parsed.problems));
		assert.match(parsed.problems[0].message, /will not write/);
	});

	test('Wrong shapes are errors at their line; the rest is still read and nothing is dropped from view', () => {
		const text = '{\n  "starred": ["a", 7, "b"],\n  "lists": {"x": "not a list"},\n  "read": {}\n}';
		const parsed = parseLibrary(text);
		assert.equal(parsed.writable, false);
		assert.deepEqual(parsed.data.starred, ['a', 'b']);
		assert.deepEqual(parsed.problems.map((p) => p.line), [2, 3, 4]);
	});

	test('Duplicate ids are warnings at the duplicate; they count once but stay in the file', () => {
		const text = '{\n  "starred": [\n    "a",\n    "a"\n  ]\n}\n';
		const parsed = parseLibrary(text);
		assert.equal(parsed.writable, true);
		assert.deepEqual(parsed.problems.map((p) => [p.line, p.severity]), [[4, 'warning']]);
		assert.deepEqual(parsed.occurrences.map((o) => [o.id, o.line, o.where]), [['a', 3, 'starred'], ['a', 4, 'starred']]);
	});

	test('A file that is not an object, or a newer version, is refused for writing', () => {
		assert.equal(parseLibrary('[]').writable, false);
		assert.equal(parseLibrary('{"version": 2}').writable, false);
		assert.equal(parseLibrary('{"starred": [], "starred": []}').writable, false);
	});

	test('Concurrent edits merge: my star and their list entry both survive, and their removal stays removed', () => {
		const base = parseLibrary(CANONICAL).data;
		const mine = applyLibraryEdit(base, { kind: 'star', ids: ['2401.00009'] }, new Map([['2401.00009', paperRecord(paper('2401.00009'))]]));
		const theirs = applyLibraryEdit(applyLibraryEdit(base, { kind: 'addToList', list: 'to read', ids: ['2401.00005'] }, new Map([['2401.00005', { title: 'Five' }]])), { kind: 'unstar', ids: ['2401.00001'] });
		const merged = mergeLibraries(base, mine, theirs);
		assert.deepEqual(ids(merged), {
			starred: ['2401.00002', '2401.00009'],
			read: ['2401.00001'],
			lists: [['to read', ['2401.00002', '2401.00005']], ['chapter 3', []]],
		});
		assert.deepEqual([...merged.papers.keys()].sort(), ['2401.00002', '2401.00005', '2401.00009']);
	});

	test('Merging: my removal and their addition in the same list; my new list and their deleted one', () => {
		const base = parseLibrary(CANONICAL).data;
		const mine = applyLibraryEdit(applyLibraryEdit(base, { kind: 'removeFromList', list: 'to read', ids: ['2401.00002'] }), { kind: 'createList', list: 'mine' });
		const theirs: LibraryData = { ...base, lists: [{ name: 'to read', ids: ['2401.00002', '2401.00007'] }] };
		const merged = mergeLibraries(base, mine, theirs);
		assert.deepEqual(ids(merged).lists, [['to read', ['2401.00007']], ['mine', []]]);
		assert.ok(merged.papers.has('2401.00002'), 'still starred, so its record stays');
	});

	test('Merging with nothing changed on disk gives mine', () => {
		const base = parseLibrary(CANONICAL).data;
		const mine = applyLibraryEdit(base, { kind: 'markUnread', ids: ['2401.00001'] });
		assert.equal(serializeLibrary(mergeLibraries(base, mine, base)), serializeLibrary(mine));
	});

	test('Unstarring drops the record only when no list keeps the paper; hand-written records of other ids stay', () => {
		const data = parseLibrary(CANONICAL).data;
		const withOrphan: LibraryData = { ...data, papers: new Map([...data.papers, ['zzz', { title: 'hand' }]]) };
		const after = applyLibraryEdit(applyLibraryEdit(withOrphan, { kind: 'unstar', ids: ['2401.00001'] }), { kind: 'unstar', ids: ['2401.00002'] });
		assert.deepEqual([...after.papers.keys()], ['2401.00002', 'zzz']);
	});

	test('A kept record becomes a paper; links that are not http(s) are dropped', () => {
		const p = paperFromLibraryRecord('2401.1', { title: 'T', authors: ['A', 3], year: 2024, links: { arxivAbs: 'javascript:alert(1)', code: 'https://c.example/x' }, abstract: 'abs' }, '/w/papers/library.json');
		assert.equal(p.title, 'T');
		assert.deepEqual(p.authors, ['A']);
		assert.deepEqual(p.links, { code: 'https://c.example/x' });
		const back = paperFromLibraryRecord('x', paperRecord(paper('x')), 'f');
		assert.equal(back.links.arxivAbs, 'https://arxiv.org/abs/x');
		assert.deepEqual(paperFromLibraryRecord('y', {}, 'f').title, 'y');
	});

	test('Hostile input: deep nesting in an unknown field, huge files, and parsing stays linear', function () {
		this.timeout(60_000);
		const deep = `{"x": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "starred": ["a"]}`;
		const parsed = parseLibrary(deep);
		assert.equal(parsed.writable, false);
		assert.match(parsed.problems[0].message, /too deeply/);
		const big = (n: number) => serializeLibrary({ ...EMPTY_LIBRARY, starred: Array.from({ length: n }, (_, i) => `2401.${String(i).padStart(5, '0')}`) });
		const { ratio } = timeRatio((t: string) => parseLibrary(t), big(2_000), big(20_000));
		assert.ok(ratio < MAX_RATIO, `parse time grew ${ratio.toFixed(1)}x for 10x the input`);
	});
});
