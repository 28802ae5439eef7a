import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/cli';
import type { CliIO } from '../../../src/cli/cliCommand';
import type { DigestLoader } from '../../../src/cli/commands/cite';
import { makeExportCommand } from '../../../src/cli/commands/export';
import { risName, risRecord } from '../../../src/core/cite/ris';
import { exportPapers } from '../../../src/core/library/exportPapers';
import { paperRecord, serializeLibrary, EMPTY_LIBRARY } from '../../../src/core/library/libraryFile';
import type { Paper } from '../../../src/core/model';
import { mergeDigests, parseDigest } from '../../../src/core/parse';
import { bundledDigestFile } from '../cite/citeTestSupport';

const load: DigestLoader = async (files) => ({
	papers: mergeDigests((files?.length ? files : [bundledDigestFile]).map((f) => parseDigest(fs.readFileSync(f), f))),
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
	const code = await main(argv, io, [makeExportCommand(load)]);
	return { code, out, err };
}

const paper: Paper = {
	id: '2401.09603', arxivId: '2401.09603', title: 'Sparse\nAttention  for all', abstract: 'Line one.\r\nLine two.',
	authors: ['Jan van der Berg', 'Ada Lovelace Jr.', 'Plato'], date: '2024-01-17', year: 2024,
	links: { arxivAbs: 'https://arxiv.org/abs/2401.09603', arxivPdf: 'https://arxiv.org/pdf/2401.09603' },
	keywords: ['sparsity', 'attention'], categories: ['cs.LG'], source: { file: 'd', startLine: 1, endLine: 1 },
};

suite('Export of reading lists', () => {
	test('RIS, field by field', () => {
		const lines = risRecord({ paper, key: 'bergSparseAttention2024' }).split('\r\n');
		assert.deepEqual(lines, [
			'TY  - GEN',
			'ID  - bergSparseAttention2024',
			'TI  - Sparse Attention for all',
			'AU  - van der Berg, Jan',
			'AU  - Lovelace, Ada, Jr.',
			'AU  - Plato',
			'PY  - 2024',
			'DA  - 2024/01/17/',
			'AB  - Line one. Line two.',
			'KW  - sparsity',
			'KW  - attention',
			'DB  - arXiv',
			'AN  - 2401.09603',
			'M1  - arXiv:2401.09603',
			'UR  - https://arxiv.org/abs/2401.09603',
			'L1  - https://arxiv.org/pdf/2401.09603',
			'ER  - ',
		]);
		const undated = risRecord({ paper: { ...paper, year: undefined, date: 'Jul 31', arxivId: undefined, links: {} }, key: 'k' }).split('\r\n');
		assert.ok(undated.includes('N1  - Hugging Face Daily Papers, Jul 31'));
		assert.ok(!undated.some((l) => /^(PY|DA|DB|AN|UR)/.test(l)));
		assert.equal(risName('Plato'), 'Plato');
	});

	test('A Markdown reading list has a checkbox, a link and the key per paper', () => {
		const md = exportPapers([{ paper, key: 'k1' }], 'markdown', 'To read');
		assert.match(md, /^# To read\n\n- \[ \] \[Sparse/);
		assert.ok(md.includes('[@k1]'));
	});

	suite('paper-shelf export', () => {
		let dir: string;
		let libraryFile: string;
		let bundled: Paper[];
		suiteSetup(async () => {
			dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-export-'));
			bundled = [...(await load(undefined)).papers];
			const gone: Paper = { ...paper, id: '2401.99999', arxivId: '2401.99999', title: 'A paper whose digest was removed' };
			libraryFile = path.join(dir, 'library.json');
			fs.writeFileSync(libraryFile, serializeLibrary({
				...EMPTY_LIBRARY,
				starred: [bundled[0].id],
				lists: [{ name: 'to read', ids: [bundled[1].id, bundled[2].id, gone.id, 'nowhere'] }],
				papers: new Map([[bundled[0].id, paperRecord(bundled[0])], [gone.id, paperRecord(gone)]]),
			}));
		});
		suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

		test('pandoc --citeproc resolves every paper of an exported list, in BibTeX and in CSL-JSON', async function () {
			this.timeout(60_000);
			for (const [format, file] of [['bibtex', 'list.bib'], ['csl-json', 'list.json']] as const) {
				const r = await run('export', '--list', 'to read', '--format', format, '--library', libraryFile);
				assert.equal(r.code, 0, r.err);
				assert.match(r.err, /left out 1 paper .*nowhere/);
				fs.writeFileSync(path.join(dir, file), r.out);
				const md = await run('export', '--list', 'to read', '--format', 'markdown', '--library', libraryFile);
				fs.writeFileSync(path.join(dir, 'list.md'), md.out);
				const p = spawnSync('pandoc', ['--citeproc', '--bibliography', file, '--to', 'plain', '--wrap=none', 'list.md'], { cwd: dir, encoding: 'utf8' });
				assert.equal(p.error, undefined, 'pandoc is installed');
				assert.equal(p.status, 0, p.stderr);
				assert.equal(p.stderr.trim(), '', `${format}: no unresolved citations`);
				assert.equal((md.out.match(/\[@/g) ?? []).length, 3, 'three papers listed');
				assert.ok(p.stdout.includes('A paper whose digest was removed'), 'the kept record is exported too');
			}
		});

		test('Starred, RIS; and the failures: no list, bad format, broken library', async () => {
			const r = await run('export', '--starred', '--format', 'ris', '--library', libraryFile);
			assert.equal(r.code, 0, r.err);
			assert.equal((r.out.match(/^TY {2}- /gm) ?? []).length, 1);
			assert.ok(r.out.includes(`TI  - ${bundled[0].title.replace(/\s+/g, ' ').trim()}`));
			const missing = await run('export', '--list', 'nope', '--library', libraryFile);
			assert.equal(missing.code, 1);
			assert.match(missing.err, /no list 'nope'.*'to read'/);
			assert.equal((await run('export', '--list', 'to read', '--format', 'docx', '--library', libraryFile)).code, 2);
			assert.equal((await run('export', '--format', 'ris', '--library', libraryFile)).code, 2);
			const broken = path.join(dir, 'broken.json');
			fs.writeFileSync(broken, '{\n  "starred": [,]\n}');
			const b = await run('export', '--starred', '--library', broken);
			assert.equal(b.code, 1);
			assert.match(b.err, /broken\.json:2:/);
		});
	});
});
