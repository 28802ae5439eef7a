import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/cli';
import type { CliIO } from '../../../src/cli/cliCommand';
import { makeCheckCitationsCommand } from '../../../src/cli/commands/checkCitations';
import { mergeDigests, parseDigest } from '../../../src/core/parse';
import { hfDayFile } from './citeTestSupport';

suite('paper-shelf check-citations on hostile bibliographies', () => {
	let dir: string;

	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-hostile-'));
	});
	teardown(() => {
		fs.rmSync(dir, { recursive: true, force: true });
	});

	test('Bibliographies nested 10,000 and 100,000 deep are file:line problems, not stack traces', async () => {
		fs.writeFileSync(path.join(dir, 'deep.bib'), `@misc{fine, title = {F}}\n@misc{deep, title = {${'{'.repeat(10_000)}x\n`);
		fs.writeFileSync(path.join(dir, 'deep.json'), `[\n  {"id": "a"},\n  {"id": "b", "x": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n]\n`);
		const note = path.join(dir, 'note.md');
		fs.writeFileSync(note, '---\nbibliography: [deep.bib, deep.json]\n---\nSee [@fine].\n');
		let out = '';
		let err = '';
		const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
		const load = async () => ({ papers: mergeDigests([parseDigest(fs.readFileSync(hfDayFile), hfDayFile)]) });
		const code = await main(['check-citations', note], io, [makeCheckCitationsCommand(load)]);
		assert.equal(code, 1, out + err);
		assert.match(err, /deep\.bib:2: error: BibTeX syntax error: .*'\}' is missing/);
		assert.match(err, /deep\.json:3: error: JSON nested deeper than 256 levels/);
		assert.doesNotMatch(err, /RangeError|unexpected error|\n\s+at /);
	});
});
