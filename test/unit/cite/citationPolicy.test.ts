import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/cli';
import type { CliIO } from '../../../src/cli/cliCommand';
import { makeCheckCitationsCommand } from '../../../src/cli/commands/checkCitations';
import type { DigestLoader } from '../../../src/cli/commands/cite';
import { readBibliographyKeys } from '../../../src/core/cite/bibliographyFile';
import { checkCitations, digestKeyTable, isCitingNote, isCrossReference, languageIdForFile } from '../../../src/core/cite/citationCheck';
import { assignCitationKeys } from '../../../src/core/cite/citationKey';
import { mergeDigests, parseDigest } from '../../../src/core/parse';
import { citeFixture, hfDayFile } from './citeTestSupport';

const load: DigestLoader = async (files) => ({ papers: mergeDigests((files ?? [hfDayFile]).map((f) => parseDigest(fs.readFileSync(f), f))) });

/**
 * A Quarto note with cross-references (which are not citations), a key of its bibliography, the same key in other
 * case, a digest paper's key and the same in other case, and an e-mail address.
 */
const NOTE = [
	'---',
	'bibliography: refs.bib',
	'---',
	'',
	'As @fig-plot shows (see [@fig-plot], @tbl-data, @sec-intro and @eq-energy), literate programs read well [@knuth1984literate].',
	'Cased otherwise [@Knuth1984Literate] it is another key.',
	'The digest has @huangEnvHarnessAwakeningStatic2026, but not @HuangEnvHarnessAwakeningStatic2026.',
	'Write to me@example.org.',
	'',
].join('\n');

/** A status as one line both sides can print: `line kind key`. */
type Verdict = string;

suite('One citation policy for the editor and the CLI', () => {
	let dir: string;
	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-policy-'));
	});
	teardown(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('Quarto cross-references (@fig-, @tbl-, @sec-, @eq-, and pandoc-crossref\'s @fig:) are not citations; keys like fig2020 or figure-x are', () => {
		for (const key of ['fig-plot', 'tbl-data', 'sec-intro', 'eq-energy', 'lst-code', 'thm-main', 'fig:plot', 'sec:intro']) {
			assert.equal(isCrossReference(key), true, key);
		}
		for (const key of ['fig2020', 'figure-x', 'knuth1984literate', 'Fig-plot', 'secret-key', 'eqn-1']) {
			assert.equal(isCrossReference(key), false, key);
		}
	});

	test('The core policy and paper-shelf check-citations give the same verdicts on a Quarto note with @fig-plot, [@fig-plot] and mixed-case keys', async () => {
		const bibText = citeFixture('existing.bib');
		fs.writeFileSync(path.join(dir, 'refs.bib'), bibText);
		const note = path.join(dir, 'note.qmd');
		fs.writeFileSync(note, NOTE);

		// The core policy, as the editor's diagnostics call it.
		const bib = readBibliographyKeys('refs.bib', bibText);
		assert.ok(bib.ok);
		const digest = digestKeyTable(assignCitationKeys((await load(undefined)).papers));
		const core: Verdict[] = checkCitations(NOTE, languageIdForFile(note), new Set(bib.keys.map((k) => k.key)), (k) => digest.get(k))
			.filter((s) => s.kind !== 'bibliography')
			.map((s) => `${s.occurrence.line} ${s.kind} ${s.occurrence.key}`);
		assert.deepEqual(core, [
			'6 unresolved Knuth1984Literate',
			'7 digest huangEnvHarnessAwakeningStatic2026',
			'7 unresolved HuangEnvHarnessAwakeningStatic2026',
		]);

		// The CLI, through its entry point.
		let out = '';
		let err = '';
		const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
		const code = await main(['check-citations', note, '--digest', hfDayFile], io, [makeCheckCitationsCommand(load)]);
		const cli: Verdict[] = out.trimEnd().split('\n').map((line) => {
			const m = /:(\d+): (error|warning): .*?citation key '([^']+)'/.exec(line);
			assert.ok(m, line);
			return `${m[1]} ${m[2] === 'error' ? 'unresolved' : 'digest'} ${m[3]}`;
		});
		assert.deepEqual(cli, core, out + err);
		assert.equal(code, 1, 'two keys resolve nowhere');
		assert.match(err, /1 note\(s\), 4 citation\(s\), 2 unresolved/, 'the cross-references are not counted as citations');
	});

	test('A note that names no bibliography and cites nothing known is no citing note, for the core policy and the CLI alike: its @names are mentions', async () => {
		const text = 'Thanks to @alice and @bob_smith for the figures (@fig-plot).\n';
		const note = path.join(dir, 'thanks.md');
		fs.writeFileSync(note, text);
		const statuses = checkCitations(text, languageIdForFile(note), new Set(), () => undefined);
		assert.deepEqual(statuses.map((s) => `${s.kind} ${s.occurrence.key}`), ['unresolved alice', 'unresolved bob_smith']);
		assert.equal(isCitingNote(statuses, false), false);
		assert.equal(isCitingNote(statuses, true), true, 'naming a bibliography makes a note a citing one');

		let out = '';
		const io: CliIO = { out: (t) => void (out += t), err: () => undefined };
		const code = await main(['check-citations', note, '--digest', hfDayFile], io, [makeCheckCitationsCommand(load)]);
		assert.equal(out, '');
		assert.equal(code, 0);
	});
});
