/**
 * Keys are safe in every target syntax: checked against the rules of pandoc, LaTeX and Typst (keySafety.ts, with
 * Typst's lexer rules encoded since Typst is not installed), and proven with a real `pandoc --citeproc` run.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyInsertion, planBibliographyEdit } from '../../../src/core/cite/bibliographyFile';
import { assignCitationKeys, compileKeyFormula, type KeyFormula } from '../../../src/core/cite/citationKey';
import { formatCitation } from '../../../src/core/cite/citationSyntax';
import { keyProblem, keyProblems } from '../../../src/core/cite/keySafety';
import type { Paper } from '../../../src/core/model';
import { bundledDigestFile, digestPapers, hfDayFile, makePaper } from './citeTestSupport';

function formula(src: string): KeyFormula {
	const compiled = compileKeyFormula(src);
	assert.ok(compiled.ok, `formula '${src}' should compile`);
	return compiled.formula;
}

/** Formulas a user may set, the default first; some put punctuation where pandoc or Typst would stop reading. */
const FORMULAS = [
	'',
	"auth.lower + ':' + year",
	"auth + '--' + year",
	"auth + '-:' + title + ':'",
	"'-' + year + auth + '::'",
	"year + '_' + veryshorttitle",
	"'_' + shorttitle(1,1) + '_'",
	'id',
	'arxiv',
	"title + '-'",
];

/** Papers whose titles, names and ids are hard on keys. */
const HOSTILE_PAPERS: readonly Paper[] = [
	makePaper({ title: '...', authors: ['.'], year: 2020 }),
	makePaper({ title: 'Über: the — “Ω” /path/ v2.0.', authors: ['Ö. Ünal-Öz'], year: 2021, arxivId: 'hep-th/9901001' }),
	makePaper({ title: '2024: Numbers First', authors: ['1st Author'], year: 2024 }),
	makePaper({ title: '中文标题', authors: ['李四'], arxivId: '2401.09603' }),
	makePaper({ title: 'x', id: '::--..//' }),
];

suite('Citation keys in every target syntax', () => {
	test('The checker flags what each syntax cannot read (so the checks below can fail)', () => {
		assert.match(keyProblem('a--b', 'pandoc') ?? '', /punctuation/);
		assert.match(keyProblem('a.', 'pandoc') ?? '', /punctuation/);
		assert.match(keyProblem('-a', 'pandoc') ?? '', /start/);
		assert.match(keyProblem('a b', 'pandoc') ?? '', /cannot hold/);
		assert.match(keyProblem('a,b', 'latex') ?? '', /','/);
		assert.match(keyProblem('a{b', 'latex') ?? '', /'\{'/);
		assert.match(keyProblem('é', 'latex') ?? '', /'é'/);
		assert.match(keyProblem('a/b', 'typst') ?? '', /'\/'/);
		assert.match(keyProblem('key.', 'typst') ?? '', /trailing '\.'/);
		assert.match(keyProblem('key:', 'typst') ?? '', /trailing ':'/);
		assert.match(keyProblem(':key', 'typst') ?? '', /only before/);
		assert.equal(keyProblem('', 'latex'), 'the key is empty');
		for (const good of ['vaswaniAttentionAllYou2017', '2017vaswani', '_x_', 'a:b-c_d', 'arxiv2401_09603']) {
			assert.deepEqual(keyProblems(good), [], good);
		}
	});

	for (const source of FORMULAS) {
		test(`Every key of '${source || 'the default formula'}' is read whole by pandoc, LaTeX and Typst`, () => {
			const papers = [...digestPapers(bundledDigestFile), ...digestPapers(hfDayFile), ...HOSTILE_PAPERS];
			const keys = assignCitationKeys(papers, formula(source));
			for (const [id, key] of keys) {
				assert.deepEqual(keyProblems(key), [], `${id} → '${key}'`);
			}
		});
	}

	test('pandoc --citeproc resolves every key of hostile formulas, cited in its own syntax', function () {
		this.timeout(60_000);
		const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
		assert.ok(!version.error && version.status === 0, 'pandoc is required for this test (apt-get install pandoc)');
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-keys-'));
		try {
			const papers = [...digestPapers(hfDayFile), ...HOSTILE_PAPERS];
			const cited: { paper: Paper; key: string }[] = [];
			for (const source of FORMULAS) {
				const keys = assignCitationKeys(papers, formula(source));
				for (const paper of papers) {
					cited.push({ paper: { ...paper, id: `${cited.length}` }, key: keys.get(paper.id)! });
				}
			}
			// Each formula's keys are unique; across formulas a key may repeat, so keep one paper per key.
			const unique = [...new Map(cited.map((c) => [c.key, c])).values()];
			const plan = planBibliographyEdit('refs.bib', '', unique);
			assert.ok(plan.ok, 'planning the bibliography');
			fs.writeFileSync(path.join(dir, 'refs.bib'), applyInsertion('', plan.insertion));
			// Bracketed and in-text, each followed by prose punctuation, as a sentence would have it.
			const note = unique.map(({ key }) => `${formatCitation('markdown', [{ key }]).text}. As @${key}: said; and @${key}.`).join('\n\n');
			fs.writeFileSync(path.join(dir, 'note.md'), note + '\n');
			const result = spawnSync('pandoc', ['--citeproc', '--bibliography', 'refs.bib', '--to', 'html', '--wrap=none', 'note.md'], { cwd: dir, encoding: 'utf8' });
			assert.equal(result.status, 0, result.stderr);
			assert.equal(result.stderr.trim(), '', `pandoc warned:\n${result.stderr}`);
			const citedKeys = new Set([...result.stdout.matchAll(/data-cites="([^"]*)"/g)].map((m) => m[1]));
			for (const { key } of unique) {
				assert.ok(citedKeys.has(key), `pandoc read '${key}' whole`);
			}
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
