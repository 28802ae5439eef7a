import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseBibtexKeys } from '../../../src/core/cite/bibtex';
import { main } from '../../../src/cli/cli';
import type { CliCommand, CliIO } from '../../../src/cli/cliCommand';
import { makeCheckCitationsCommand } from '../../../src/cli/commands/checkCitations';
import { makeCiteCommand, type DigestLoader } from '../../../src/cli/commands/cite';
import { mergeDigests, parseDigest } from '../../../src/core/parse';
import { bundledDigestFile, citeFixture, hfDayFile } from './citeTestSupport';

/** Reads digests with the real parser (the CLI's own loader is tested with the CLI). */
const load: DigestLoader = async (files) => ({
	papers: mergeDigests((files?.length ? files : [bundledDigestFile]).map((f) => parseDigest(fs.readFileSync(f), f))),
});
const registry: CliCommand[] = [makeCiteCommand(load), makeCheckCitationsCommand(load)];

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
	const code = await main(argv, io, registry);
	return { code, out, err };
}

suite('paper-shelf cite', () => {
	const hf = ['--digest', hfDayFile];

	test('Pandoc citations name papers by arXiv id, URL or key', async () => {
		const r = await run('cite', '2608.19880', 'https://arxiv.org/abs/2608.19891v2', 'jin4DAnyoneCreateAnyone2026', ...hf);
		assert.equal(r.code, 0, r.err);
		assert.equal(r.out, '[@huangEnvHarnessAwakeningStatic2026; @sukhijaEXIMOVLMGuided2026; @jin4DAnyoneCreateAnyone2026]\n');
	});

	test('LaTeX citations use the given command', async () => {
		const r = await run('cite', '2608.19880', '--format', 'latex', '--latex-command', 'citep', ...hf);
		assert.equal(r.out, '\\citep{huangEnvHarnessAwakeningStatic2026}\n');
	});

	test('BibTeX entries parse back with their keys', async () => {
		const r = await run('cite', '2608.19880', '2608.19891', '--format', 'bibtex', ...hf);
		assert.equal(r.code, 0, r.err);
		const parsed = parseBibtexKeys(r.out);
		assert.ok(parsed.ok);
		assert.deepEqual(parsed.entries.map((e) => e.key), ['huangEnvHarnessAwakeningStatic2026', 'sukhijaEXIMOVLMGuided2026']);
	});

	test('CSL-JSON is an array of items', async () => {
		const r = await run('cite', '2608.19880', '--format', 'csl-json', ...hf);
		const items = JSON.parse(r.out) as { id: string; number: string }[];
		assert.deepEqual(items.map((i) => [i.id, i.number]), [['huangEnvHarnessAwakeningStatic2026', '2608.19880']]);
	});

	test('Markdown gives a link and a readable reference per paper', async () => {
		const r = await run('cite', '2608.19880', '--format', 'markdown', ...hf);
		assert.equal(r.out, '- [EnvHarness: Awakening Static Worlds for Agent Learning](https://arxiv.org/abs/2608.19880) — “EnvHarness: Awakening Static Worlds for Agent Learning”, Huang et al., 2026\n');
	});

	test('The bundled digest is the default and its keys are the short titles', async () => {
		const r = await run('cite', 'DeepSoCSNeuralScheduler', '--format', 'bibtex');
		assert.equal(r.code, 0, r.err);
		assert.match(r.out, /^@misc\{DeepSoCSNeuralScheduler,\n {2}title = \{\{DeepSoCS\}: A Neural Scheduler/);
	});

	test('A custom key formula changes the keys', async () => {
		const r = await run('cite', '2608.19880', '--key-format', "auth + '_' + year + '_' + veryshorttitle.lower", ...hf);
		assert.equal(r.out, '[@Huang_2026_envharness]\n');
	});

	test('Unknown papers fail with exit 1; bad options with exit 2 and the reason', async () => {
		const unknown = await run('cite', '9999.99999', ...hf);
		assert.equal(unknown.code, 1);
		assert.match(unknown.err, /no paper with id or key '9999\.99999' \(17 papers read\)/);
		const format = await run('cite', '2608.19880', '--format', 'ris', ...hf);
		assert.equal(format.code, 2);
		assert.match(format.err, /unknown --format 'ris'/);
		const formula = await run('cite', '2608.19880', '--key-format', 'auth + yeer', ...hf);
		assert.equal(formula.code, 2);
		assert.match(formula.err, /--key-format: column 8: unknown field 'yeer'/);
		const none = await run('cite', ...hf);
		assert.equal(none.code, 2);
	});
});

suite('paper-shelf check-citations', () => {
	let dir: string;
	const hf = ['--digest', hfDayFile];

	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-check-'));
	});
	teardown(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	function write(name: string, text: string): string {
		const file = path.join(dir, name);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, text);
		return file;
	}

	test('Unresolved keys are listed as file:line errors and exit 1; digest-only keys are warnings', async () => {
		write('refs.bib', citeFixture('existing.bib'));
		const note = write('note.md', '---\nbibliography: refs.bib\n---\nSee [@knuth1984literate].\n\nAnd @huangEnvHarnessAwakeningStatic2026, mail me@example.org.\n\nBut [@nope; @knuth1984literate].\n');
		const r = await run('check-citations', note, ...hf);
		assert.equal(r.code, 1);
		const lines = r.out.trimEnd().split('\n');
		assert.equal(lines.length, 2, r.out);
		assert.match(lines[0], new RegExp(`^${note.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6: warning: citation key 'huangEnvHarnessAwakeningStatic2026' is not in .*refs\\.bib; it is digest paper 2608\\.19880`));
		assert.equal(lines[1], `${note}:8: error: unresolved citation key 'nope'`);
		assert.match(r.err, /1 note\(s\), 4 citation\(s\), 1 unresolved/);
	});

	test('Notes whose keys all resolve pass with exit 0', async () => {
		write('bib/refs.json', citeFixture('existing.json'));
		const note = write('paper.tex', '\\addbibresource{bib/refs.json}\n\\citep[p.~3]{knuth1984literate, vaswaniAttentionAllYou2017}\n% \\cite{ignored}\n');
		const r = await run('check-citations', note, ...hf);
		assert.equal(r.code, 0, r.out + r.err);
		assert.equal(r.out, '');
	});

	test('Without a bibliography, digest keys resolve', async () => {
		const note = write('plain.md', 'Only @huangEnvHarnessAwakeningStatic2026.\n');
		const r = await run('check-citations', note, ...hf);
		assert.equal(r.code, 0, r.out + r.err);
	});

	test('--bibliography replaces what the note names', async () => {
		const bib = write('other.bib', '@misc{onlyHere, title={X}}\n');
		const note = write('n.md', '---\nbibliography: missing.bib\n---\n[@onlyHere]\n');
		const r = await run('check-citations', note, '--bibliography', bib, ...hf);
		assert.equal(r.code, 0, r.out + r.err);
	});

	test('A missing or unparseable bibliography fails with its line', async () => {
		const note = write('n.md', '---\nbibliography: [gone.bib, broken.bib]\n---\n[@fine2020]\n');
		write('broken.bib', citeFixture('broken.bib'));
		const r = await run('check-citations', note, ...hf);
		assert.equal(r.code, 1);
		assert.match(r.err, new RegExp(`n\\.md:2: error: bibliography '.*gone\\.bib' not found`));
		assert.match(r.err, /broken\.bib:6: error: BibTeX syntax error: this entry's braces do not balance/);
	});

	test('A missing note is an error', async () => {
		const r = await run('check-citations', path.join(dir, 'nothing.md'), ...hf);
		assert.equal(r.code, 1);
		assert.match(r.err, /nothing\.md: no such file/);
	});
});
