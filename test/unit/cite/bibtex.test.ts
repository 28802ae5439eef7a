import * as assert from 'node:assert/strict';
import { parse as parseBibtexItems } from 'bibtex-parse';
import { bibtexEntry, bibtexName, bibtexTitle, escapeBibtex, parseBibtexKeys, planBibliographyAppend } from '../../../src/core/cite/bibtex';
import { applyInsertion, planBibliographyEdit, readBibliographyKeys } from '../../../src/core/cite/bibliographyFile';
import { bracesBalance, citeFixture, makePaper, vaswani } from './citeTestSupport';

const hfLike = makePaper({
	title: 'EnvHarness: Awakening Static Worlds for Agent Learning',
	authors: ['Chengsong Huang', 'Zifeng Wang'],
	year: 2026,
	date: '2026-08-20',
	arxivId: '2608.19880',
});
const undated = makePaper({ title: 'DeepSoCS: A Neural Scheduler for Heterogeneous System-on-Chip (SoC) Resource Scheduling', date: 'Jul 31' });

suite('BibTeX entries', () => {
	test('Special characters are escaped so LaTeX prints them', () => {
		assert.equal(escapeBibtex('100% & $5 #1 a_b ~ ^ \\'), '100\\% \\& \\$5 \\#1 a\\_b \\textasciitilde{} \\textasciicircum{} \\textbackslash{}');
	});

	test('Paired braces are escaped as \\{ \\} and unpaired ones spelled out, so fields always balance', () => {
		assert.equal(escapeBibtex('Sets {0,1}'), 'Sets \\{0,1\\}');
		assert.equal(escapeBibtex('a } b { c'), 'a \\textbraceright{} b \\textbraceleft{} c');
		for (const hostile of ['}{', '}}}', '{{{', 'x}y{z}', '\\}', '{\\', '%}', 'a {b} } {']) {
			const title = bibtexTitle(hostile);
			assert.ok(bracesBalance(title), `'${hostile}' → '${title}' must balance`);
		}
	});

	test('Acronyms and mixed-case words keep their capitals in braces, punctuation outside', () => {
		assert.equal(bibtexTitle('DeepSoCS: A Neural Scheduler for (SoC) on FPGA'), '{DeepSoCS}: A Neural Scheduler for ({SoC}) on {FPGA}');
		assert.equal(bibtexTitle('Flash-LLM and 3D GPT-4o Models'), '{Flash-LLM} and {3{D}} {GPT-4o} Models');
		assert.equal(bibtexTitle('Attention Is All You Need'), 'Attention Is All You Need');
		assert.equal(bibtexTitle('R&D for {LLM} 100%'), '{R\\&D} for \\{{LLM}\\} 100\\%');
	});

	test('Authors are written Last, First; particles and suffixes kept; one-word names alone', () => {
		assert.equal(bibtexName('Chengsong Huang'), 'Huang, Chengsong');
		assert.equal(bibtexName('Jan van der Berg'), 'van der Berg, Jan');
		assert.equal(bibtexName('Martin Luther King Jr.'), 'King, Jr., Martin Luther');
		assert.equal(bibtexName('Huang, Chengsong'), 'Huang, Chengsong');
		assert.equal(bibtexName('Plato'), 'Plato');
		assert.equal(bibtexName('Anna and Co'), 'Co, Anna {and}');
		assert.equal(bibtexName('José Ünal_X'), 'Ünal\\_X, José');
	});

	test('An arXiv paper gets eprint, archivePrefix, primaryClass, url, year and month', () => {
		const entry = bibtexEntry(vaswani, 'vaswaniAttentionAllYou2017');
		assert.equal(
			entry,
			[
				'@misc{vaswaniAttentionAllYou2017,',
				'  title = {Attention Is All You Need},',
				'  author = {Vaswani, Ashish and Shazeer, Noam and Parmar, Niki},',
				'  year = {2017},',
				'  month = jun,',
				'  eprint = {1706.03762},',
				'  archivePrefix = {arXiv},',
				'  primaryClass = {cs.CL},',
				'  url = {https://arxiv.org/abs/1706.03762}',
				'}',
			].join('\n'),
		);
	});

	test('A paper without a year gets no year but a note saying where and when it was listed', () => {
		const entry = bibtexEntry(undated, 'DeepSoCSNeuralScheduler');
		assert.doesNotMatch(entry, /year/);
		assert.match(entry, /note = \{Hugging Face Daily Papers, Jul 31\}/);
		assert.match(entry, /howpublished = \{Hugging Face Daily Papers\}/);
		assert.doesNotMatch(entry, /author/);
	});

	test('Every generated entry parses back with its key and balanced braces, even for hostile titles', () => {
		const titles = ['Braces } { unbalanced', '\\input{/etc/passwd} %', '@misc{x, title={y}}', 'Quotes "and" {nested {braces}}', '}'];
		for (const [i, title] of titles.entries()) {
			const entry = bibtexEntry(makePaper({ title, authors: ['A} B', 'C{ D'], year: 2020 }), `k${i}`);
			assert.ok(bracesBalance(entry), entry);
			const parsed = parseBibtexItems(entry).filter((it) => it.itemtype === 'entry');
			assert.equal(parsed.length, 1, entry);
			assert.equal(parsed[0].itemtype === 'entry' ? parsed[0].key : undefined, `k${i}`);
		}
	});

	test('A key BibTeX cannot hold is refused', () => {
		assert.throws(() => bibtexEntry(vaswani, 'a key'), /cannot be a BibTeX key/);
		assert.throws(() => bibtexEntry(vaswani, 'a,b'), /cannot be a BibTeX key/);
		assert.throws(() => bibtexEntry(vaswani, ''), /cannot be a BibTeX key/);
	});
});

suite('Reading a .bib file', () => {
	test('Entries are found with their lines; @string, @comment and text outside entries are not entries', () => {
		const text = citeFixture('existing.bib');
		const parsed = parseBibtexKeys(text);
		assert.ok(parsed.ok);
		assert.deepEqual(parsed.entries.map(({ key, type, line }) => ({ key, type, line })), [
			{ key: 'knuth1984literate', type: 'article', line: 6 },
			{ key: 'vaswaniAttentionAllYou2017', type: 'inproceedings', line: 13 },
			{ key: 'doi:10.1000/xyz-123', type: 'misc', line: 18 },
		]);
		// Each entry's span is exactly its text: from its `@` to its closing brace.
		for (const entry of parsed.entries) {
			const span = text.slice(entry.start, entry.end);
			assert.match(span, new RegExp(`^@${entry.type}\\s*[{(]\\s*${entry.key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*,[\\s\\S]*[})]$`, 'i'), span);
		}
	});

	test('An unbalanced entry is reported at the line it starts on, saying what is missing', () => {
		const parsed = parseBibtexKeys(citeFixture('broken.bib'));
		assert.ok(!parsed.ok);
		assert.equal(parsed.line, 6);
		assert.match(parsed.message, /^line 6, column 1: /);
		assert.match(parsed.message, /missing before the next entry on line 10/);
	});

	test('An entry without a key is an error naming its line', () => {
		const parsed = parseBibtexKeys('\n\n@misc{title = {No key}}\n');
		assert.ok(!parsed.ok);
		assert.equal(parsed.line, 3);
	});
});

suite('Appending to a .bib file', () => {
	test('Only missing entries are appended; existing text is kept byte for byte', () => {
		const existing = citeFixture('existing.bib');
		const plan = planBibliographyAppend(existing, [
			{ paper: vaswani, key: 'vaswaniAttentionAllYou2017' },
			{ paper: hfLike, key: 'huangEnvHarnessAwakeningStatic2026' },
			{ paper: undated, key: 'DeepSoCSNeuralScheduler' },
			{ paper: hfLike, key: 'huangEnvHarnessAwakeningStatic2026' },
		]);
		assert.ok(plan.ok);
		assert.deepEqual(plan.added, ['huangEnvHarnessAwakeningStatic2026', 'DeepSoCSNeuralScheduler']);
		assert.deepEqual(plan.alreadyPresent, ['vaswaniAttentionAllYou2017', 'huangEnvHarnessAwakeningStatic2026']);
		const after = existing + plan.textToAppend;
		assert.ok(after.startsWith(existing));
		assert.match(plan.textToAppend, /^\n@misc\{huangEnvHarnessAwakeningStatic2026,/);
		const keys = parseBibtexKeys(after);
		assert.ok(keys.ok);
		assert.deepEqual(keys.entries.map((e) => e.key), ['knuth1984literate', 'vaswaniAttentionAllYou2017', 'doi:10.1000/xyz-123', 'huangEnvHarnessAwakeningStatic2026', 'DeepSoCSNeuralScheduler']);
	});

	test('Appending twice adds nothing the second time', () => {
		const first = planBibliographyAppend('', [{ paper: hfLike, key: 'k1' }]);
		assert.ok(first.ok);
		assert.match(first.textToAppend, /^@misc\{k1,/);
		const second = planBibliographyAppend(first.textToAppend, [{ paper: hfLike, key: 'k1' }]);
		assert.ok(second.ok);
		assert.equal(second.textToAppend, '');
		assert.deepEqual(second.alreadyPresent, ['k1']);
	});

	test('A file without a final newline gets a blank line before the new entry', () => {
		const plan = planBibliographyAppend('@misc{a, title={A}}', [{ paper: hfLike, key: 'b' }]);
		assert.ok(plan.ok);
		assert.match(plan.textToAppend, /^\n\n@misc\{b,/);
	});

	test('A CRLF file gets CRLF line endings only', () => {
		const existing = citeFixture('crlf.bib');
		const plan = planBibliographyEdit('refs.bib', existing, [{ paper: hfLike, key: 'b' }]);
		assert.ok(plan.ok && plan.insertion);
		assert.doesNotMatch(plan.insertion.text.replace(/\r\n/g, ''), /\n/);
		assert.match(plan.insertion.text, /^\r\n@misc\{b,\r\n/);
	});

	test('An unparseable .bib is refused with its line and no text to write', () => {
		const plan = planBibliographyAppend(citeFixture('broken.bib'), [{ paper: hfLike, key: 'b' }]);
		assert.ok(!plan.ok);
		assert.equal(plan.line, 6);
		assert.equal('textToAppend' in plan, false);
	});

	test('The file-level plan appends BibTeX at the end offset of a .bib file', () => {
		const existing = citeFixture('existing.bib');
		const plan = planBibliographyEdit('refs.BIB', existing, [{ paper: hfLike, key: 'new2026' }]);
		assert.ok(plan.ok);
		assert.equal(plan.format, 'bibtex');
		assert.equal(plan.insertion?.offset, existing.length);
		const keys = readBibliographyKeys('refs.bib', applyInsertion(existing, plan.insertion));
		assert.ok(keys.ok);
		assert.deepEqual(keys.keys.at(-1), { key: 'new2026', line: 22 });
	});

	test('A bibliography of another format is refused', () => {
		const plan = planBibliographyEdit('refs.yaml', '', [{ paper: hfLike, key: 'b' }]);
		assert.ok(!plan.ok);
		assert.match(plan.message, /unsupported bibliography format/);
	});
});
