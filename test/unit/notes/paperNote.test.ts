import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { bibtexEntry } from '../../../src/core/cite/bibtex';
import type { Paper } from '../../../src/core/model';
import {
	DEFAULT_NOTE_TEMPLATE, NOTE_PLACEHOLDERS, noteFileName, noteValues, relativePath, renderNoteTemplate, workspaceRelativeSegments, MAX_NOTE_STEM,
} from '../../../src/core/notes/paperNote';
import { timeRatio, MAX_RATIO } from '../linearTime';

const paper: Paper = {
	id: '2401.09603', arxivId: '2401.09603', title: 'Quotes "and" colons: a \\ study\nof YAML', abstract: 'We study *things*.\n\nSecond paragraph.',
	authors: ['Ada Lovelace', 'Jan van der Berg'], date: '2024-01-17', year: 2024,
	links: { arxivAbs: 'https://arxiv.org/abs/2401.09603', arxivPdf: 'https://arxiv.org/pdf/2401.09603', code: 'https://github.com/x/y' },
	keywords: ['yaml', 'notes'], categories: [], source: { file: 'd.txt', startLine: 1, endLine: 2 },
};
const values = noteValues({ paper, citekey: 'lovelaceQuotesColons2024', topic: 'Formats', bibliography: '../../references.bib', today: '2026-12-01' });

suite('Literature notes', () => {
	test('The built-in template uses only known placeholders, and every placeholder has a value', () => {
		const rendered = renderNoteTemplate(DEFAULT_NOTE_TEMPLATE, values);
		assert.deepEqual(rendered.unknown, []);
		assert.deepEqual(Object.keys(values).sort(), Object.keys(NOTE_PLACEHOLDERS).sort());
		assert.ok(rendered.text.includes('bibliography: "../../references.bib"'));
		assert.ok(rendered.text.includes('citekey: "lovelaceQuotesColons2024"'));
		assert.ok(rendered.text.includes('title: "Quotes \\"and\\" colons: a \\\\ study of YAML"'), 'escaped for YAML, on one line');
		assert.ok(rendered.text.includes('# Quotes "and" colons: a \\ study of YAML'), 'the body gets the text as is');
		assert.ok(rendered.text.includes('We study *things*.\n\nSecond paragraph.'));
		assert.ok(rendered.text.includes('- [Code](<https://github.com/x/y>)'));
	});

	test('Front matter lines with only empty values are left out; body lines are kept', () => {
		const bare = noteValues({ paper: { ...paper, authors: [], arxivId: undefined, links: {}, keywords: [] }, citekey: 'k', bibliography: 'refs.bib', today: '2026-12-01' });
		const r = renderNoteTemplate('---\ntitle: "{{title}}"\nauthors: "{{authorString}}"\nx: "{{arxivId}} {{journal}}"\n---\nBy {{authorString}}.\n', bare);
		assert.equal(r.text, '---\ntitle: "Quotes \\"and\\" colons: a \\\\ study of YAML"\nx: " {{journal}}"\n---\nBy .\n');
		assert.deepEqual(r.unknown, ['journal']);
	});

	test('An unknown placeholder is named and left as written; the rest is filled', () => {
		const r = renderNoteTemplate('{{ title }} by {{authorString}} in {{journal}} {{journal}} {{zoteroSelectURI}}', values);
		assert.deepEqual(r.unknown, ['journal', 'zoteroSelectURI']);
		assert.ok(r.text.startsWith('Quotes "and" colons: a \\ study of YAML by Ada Lovelace, Jan van der Berg in {{journal}}'));
	});

	test('pandoc --citeproc resolves a note as written, with the entry in the bibliography it names', function () {
		this.timeout(30_000);
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-note-'));
		try {
			fs.mkdirSync(path.join(dir, 'notes', 'papers'), { recursive: true });
			fs.writeFileSync(path.join(dir, 'references.bib'), bibtexEntry(paper, 'lovelaceQuotesColons2024') + '\n');
			const note = renderNoteTemplate(DEFAULT_NOTE_TEMPLATE, values).text;
			fs.writeFileSync(path.join(dir, 'notes', 'papers', noteFileName('lovelaceQuotesColons2024')), note);
			const r = spawnSync('pandoc', ['--citeproc', '--to', 'plain', '--wrap=none', noteFileName('lovelaceQuotesColons2024')], { cwd: path.join(dir, 'notes', 'papers'), encoding: 'utf8' });
			assert.equal(r.error, undefined, 'pandoc is installed');
			assert.equal(r.status, 0, r.stderr);
			assert.equal(r.stderr.trim(), '', 'no citation warnings');
			assert.match(r.stdout, /Lovelace/);
			assert.match(r.stdout, /\(Lovelace and (van der )?Berg 2024\)/, 'the body\'s citation resolved');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('File names are safe on every OS', () => {
		assert.equal(noteFileName('lovelaceQuotes2024'), 'lovelaceQuotes2024.md');
		assert.equal(noteFileName('a/b\\c:d*e?f"g<h>i|j'), 'a-b-c-d-e-f-g-h-i-j.md');
		assert.equal(noteFileName('CON'), 'CON_.md');
		assert.equal(noteFileName('nul.txt'), 'nul.txt_.md');
		assert.equal(noteFileName('com1'), 'com1_.md');
		assert.equal(noteFileName('trailing...'), 'trailing.md');
		assert.equal(noteFileName('..'), 'paper.md');
		assert.equal(noteFileName(''), 'paper.md');
		assert.equal(noteFileName('.hidden'), 'hidden.md');
		assert.equal(noteFileName('x'.repeat(500)).length, MAX_NOTE_STEM + 3);
		assert.equal(noteFileName('Müller\u0000'), 'M-ller-.md');
	});

	test('Note folders outside the workspace are refused; relative bibliography paths', () => {
		assert.deepEqual(workspaceRelativeSegments('notes/papers/'), ['notes', 'papers']);
		assert.deepEqual(workspaceRelativeSegments('./notes\\papers'), ['notes', 'papers']);
		for (const bad of ['../notes', 'notes/../../x', '/etc', 'C:\\notes', '\\\\server\\share', '~/notes']) {
			assert.ok('refused' in workspaceRelativeSegments(bad), bad);
		}
		assert.equal(relativePath(['notes', 'papers'], ['references.bib']), '../../references.bib');
		assert.equal(relativePath(['notes'], ['notes', 'refs.bib']), 'refs.bib');
		assert.equal(relativePath([], ['bib', 'refs.json']), 'bib/refs.json');
	});

	test('Rendering is linear in the template size', function () {
		this.timeout(60_000);
		const t = (n: number) => '---\ntitle: "{{title}}"\n---\n' + '{{abstract}} {{unknownThing}} {{ '.repeat(n);
		const { ratio } = timeRatio((s: string) => renderNoteTemplate(s, values), t(2_000), t(20_000));
		assert.ok(ratio < MAX_RATIO, `${ratio}`);
	});
});
