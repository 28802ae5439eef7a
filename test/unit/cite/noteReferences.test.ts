import * as assert from 'node:assert/strict';
import { describeResolution, noteReferences } from '../../../src/core/cite/noteReferences';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

const shelf = new Map([['onShelf2024', 'p1'], ['both2023', 'p2']]);
const shelfPaperOf = (key: string) => shelf.get(key);

suite('References in a note', () => {
	test('Keys are listed once, in the order of first use, with every use kept', () => {
		const note = 'Intro [@b; @a].\n\nLater @a and [@c, p. 3] and again [@b].\n';
		const refs = noteReferences(note, 'markdown', [], shelfPaperOf);
		assert.deepEqual(refs.map((r) => r.key), ['b', 'a', 'c']);
		assert.deepEqual(refs.map((r) => r.occurrences.length), [2, 2, 1]);
		assert.equal(refs[1].occurrences[0].line, 1);
		assert.equal(refs[1].occurrences[1].line, 3);
		assert.equal(note.slice(refs[2].occurrences[0].start, refs[2].occurrences[0].end), 'c');
	});

	test('Each key resolves to the first bibliography defining it (file and line), else the shelf, else nowhere', () => {
		const note = '\\cite{own,onShelf2024} \\cite{both2023, missing, second}';
		const bibliographies = [
			{ name: 'refs.bib', keys: [{ key: 'own', line: 3 }, { key: 'both2023', line: 10 }] },
			{ name: 'more.json', keys: [{ key: 'second', line: 2 }, { key: 'own', line: 7 }] },
		];
		const refs = noteReferences(note, 'latex', bibliographies, shelfPaperOf);
		assert.deepEqual(refs.map((r) => [r.key, describeResolution(r.resolution)]), [
			['own', 'refs.bib, line 3'],
			['onShelf2024', 'on the shelf (no bibliography entry yet)'],
			['both2023', 'refs.bib, line 10'],
			['missing', 'resolves nowhere'],
			['second', 'more.json, line 2'],
		]);
		const both = refs[2].resolution;
		assert.ok(both.kind === 'bibliography' && both.paperId === 'p2', 'a bibliography key that is a shelf paper’s keeps the paper id');
	});

	test('Keys compare exactly, and cross-references, code and e-mail addresses are no references', () => {
		const note = 'See @fig-plot, `@code`, mail a@b.org, [@Both2023] and [@both2023].\n\n```\n@fenced\n```\n';
		const refs = noteReferences(note, 'markdown', [], shelfPaperOf);
		assert.deepEqual(refs.map((r) => [r.key, r.resolution.kind]), [['Both2023', 'nowhere'], ['both2023', 'shelf']]);
	});

	test('A note without citations has no references', () => {
		assert.deepEqual(noteReferences('Plain text, no @ here.', 'plaintext', [], shelfPaperOf), []);
	});

	test('Listing is linear in the note’s size, however many keys repeat', function () {
		this.timeout(60_000);
		const build = (n: number) => Array.from({ length: n }, (_, i) => `[@k${i % 500}; @u${i}]`).join(' ');
		const run = (text: string) => noteReferences(text, 'markdown', [{ name: 'r.bib', keys: [{ key: 'k1', line: 1 }] }], shelfPaperOf);
		const small = build(2_000);
		const large = build(20_000);
		const r = timeRatio(run, small, large);
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, small.length, large.length));
	});
});
