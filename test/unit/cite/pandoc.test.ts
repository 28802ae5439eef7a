/**
 * Proof with a real tool: the bibliographies Paper Shelf writes are read by Debian's `pandoc --citeproc`, every
 * citation resolves without a warning, and the reference list holds every paper. Written for pandoc 2.17 (Debian 12)
 * and later. Pandoc must be installed (test/host/install-code-server.sh apt-installs it); without it this test fails.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyInsertion, planBibliographyEdit } from '../../../src/core/cite/bibliographyFile';
import { assignCitationKeys, foldToAscii } from '../../../src/core/cite/citationKey';
import { formatCitation } from '../../../src/core/cite/citationSyntax';
import type { CitedPaper } from '../../../src/core/cite/citedPaper';
import type { Paper } from '../../../src/core/model';
import { bundledDigestFile, digestPapers, hfDayFile } from './citeTestSupport';

/** Letters and digits only, lower case: what survives any style's casing, quotes and dashes. */
function letters(text: string): string {
	return foldToAscii(text.replace(/<[^>]*>/g, ''))
		.replace(/&amp;/g, '&')
		.toLowerCase()
		.replace(/[^a-z0-9]/g, '');
}

function requirePandoc(): string {
	const version = spawnSync('pandoc', ['--version'], { encoding: 'utf8' });
	if (version.error || version.status !== 0) {
		assert.fail(`pandoc is required for this test and could not be run (${version.error?.message ?? `exit ${version.status}`}). Install it with 'apt-get install pandoc' (test/host/install-code-server.sh does so in CI).`);
	}
	return version.stdout.split('\n')[0];
}

/** A note citing every key, in single, grouped and in-text forms, as Insert Citation writes them. */
function noteCiting(cited: readonly CitedPaper[]): string {
	const lines = ['---', 'title: Every paper', '---', ''];
	for (let i = 0; i < cited.length; i += 3) {
		const group = cited.slice(i, i + 3);
		lines.push(`Paper ${i}: ${formatCitation('markdown', group.slice(0, 1)).text}, grouped ${formatCitation('markdown', group.slice(1)).text}.`, '');
	}
	const [first] = cited;
	lines.push(`In text: @${first.key} says so. Mail nobody@example.com.`, '');
	return lines.join('\n');
}

function renderWithPandoc(dir: string, bibliography: string): { stdout: string; stderr: string; status: number | null } {
	const result = spawnSync('pandoc', ['--citeproc', '--bibliography', bibliography, '--from', 'markdown', '--to', 'html', '--wrap=none', 'note.md'], { cwd: dir, encoding: 'utf8' });
	if (result.error) {
		assert.fail(`pandoc could not run: ${result.error.message}`);
	}
	return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** The reference list entries of pandoc's HTML, by key: `<div id="ref-KEY" class="csl-entry"…>…</div>`. */
function referenceEntries(html: string): Map<string, string> {
	const entries = new Map<string, string>();
	for (const m of html.matchAll(/<div\s+id="ref-([^"]+)"\s+class="csl-entry"[^>]*>([\s\S]*?)<\/div>/g)) {
		entries.set(m[1], m[2]);
	}
	return entries;
}

suite('Bibliographies read by pandoc --citeproc', function () {
	this.timeout(120_000);
	let workDir: string;
	let pandocVersion: string;
	const digests = new Map<string, readonly Paper[]>();
	const sources: [name: string, file: string, count: number][] = [
		['the bundled Daily Papers digest', bundledDigestFile, 71],
		['the Hugging Face day', hfDayFile, 17],
	];

	suiteSetup(() => {
		pandocVersion = requirePandoc();
		workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-pandoc-'));
		for (const [name, file, count] of sources) {
			digests.set(name, digestPapers(file));
			assert.equal(digests.get(name)!.length, count, `${name} has ${count} papers`);
		}
	});

	suiteTeardown(() => {
		if (workDir) {
			fs.rmSync(workDir, { recursive: true, force: true });
		}
	});

	for (const bibliography of ['refs.bib', 'refs.json']) {
		for (const [name, , count] of sources) {
			test(`All ${count} papers of ${name} resolve from ${bibliography}, without warnings, and are in the reference list`, () => {
				const papers = digests.get(name)!;
				const keys = assignCitationKeys(papers);
				const cited = papers.map((paper) => ({ paper, key: keys.get(paper.id)! }));
				const dir = fs.mkdtempSync(path.join(workDir, 'run-'));
				const plan = planBibliographyEdit(bibliography, '', cited);
				assert.ok(plan.ok, `planning ${bibliography} for ${name}`);
				assert.equal(plan.added.length, papers.length);
				fs.writeFileSync(path.join(dir, bibliography), applyInsertion('', plan.insertion));
				fs.writeFileSync(path.join(dir, 'note.md'), noteCiting(cited));

				const { stdout, stderr, status } = renderWithPandoc(dir, bibliography);
				assert.equal(status, 0, `${pandocVersion} failed: ${stderr}`);
				assert.equal(stderr.trim(), '', `${pandocVersion} warned for ${name} with ${bibliography}:\n${stderr}`);
				assert.doesNotMatch(stdout, /\?\?\?|citeproc-not-found|class="citation" data-cites="[^"]*">[^<]*\?<\/span>/, 'no citation is rendered as missing');

				const entries = referenceEntries(stdout);
				assert.equal(entries.size, papers.length, `the reference list holds ${papers.length} entries`);
				for (const { paper, key } of cited) {
					const entry = entries.get(key);
					assert.ok(entry !== undefined, `${key} is in the reference list`);
					assert.ok(letters(entry).includes(letters(paper.title)), `${key}: the title '${paper.title}' is rendered whole in '${entry}'`);
					if (paper.authors.length > 0) {
						assert.ok(letters(entry).includes(letters(paper.authors[0].split(' ').at(-1)!)), `${key}: the first author is rendered`);
					}
				}
			});
		}
	}

	/** Titles with math, money and capitals, and how pandoc must print them: as on the paper, no `$`, no braces. */
	const MATH_TITLES: readonly [title: string, printed: string][] = [
		['PanGu-$π$: Enhancing Language Model Architectures', 'PanGu-π: Enhancing Language Model Architectures'],
		['$λ$-ECLIPSE: Multi-Concept Personalized Diffusion', 'λ-ECLIPSE: Multi-Concept Personalized Diffusion'],
		['MVD$^2$: Efficient Multiview 3D Reconstruction', 'MVD²: Efficient Multiview 3D Reconstruction'],
		['Robust Faces and the $\\ell_1$ Regularization', 'Robust Faces and the ℓ₁ Regularization'],
		['LLM$\\times$MapReduce-V2: Entropy-Driven Scaling', 'LLM×MapReduce-V2: Entropy-Driven Scaling'],
		['$\\textit{Agents Under Siege}$: Breaking LLM Systems', 'Agents Under Siege: Breaking LLM Systems'],
		['Can Frontier LLMs Earn $1 Million?', 'Can Frontier LLMs Earn $1 Million?'],
		['From $5 to $10: Cheap Models', 'From $5 to $10: Cheap Models'],
		['T3 and L_2 Losses at 100% & #1', 'T3 and L_2 Losses at 100% & #1'],
		['GPT-4V Meets Qwen2-VL in 4K', 'GPT-4V Meets Qwen2-VL in 4K'],
	];

	for (const bibliography of ['refs.bib', 'refs.json']) {
		test(`Math-titled papers cited from ${bibliography} are printed by pandoc as on the paper: math as math, no literal $, no braces, capitals kept`, () => {
			const cited = MATH_TITLES.map(([title], i) => ({ paper: { ...digests.get('the Hugging Face day')![0], id: `m${i}`, title }, key: `math${i}` }));
			const dir = fs.mkdtempSync(path.join(workDir, 'run-'));
			const plan = planBibliographyEdit(bibliography, '', cited);
			assert.ok(plan.ok, `planning ${bibliography}`);
			fs.writeFileSync(path.join(dir, bibliography), applyInsertion('', plan.insertion));
			fs.writeFileSync(path.join(dir, 'note.md'), noteCiting(cited));
			const result = spawnSync('pandoc', ['--citeproc', '--bibliography', bibliography, '--from', 'markdown', '--to', 'plain', '--wrap=none', 'note.md'], { cwd: dir, encoding: 'utf8' });
			assert.equal(result.status, 0, `${pandocVersion} failed: ${result.stderr}`);
			assert.equal(result.stderr.trim(), '', `${pandocVersion} warned:\n${result.stderr}`);
			for (const [title, printed] of MATH_TITLES) {
				assert.ok(result.stdout.includes(`“${printed}`), `'${title}' is printed as “${printed}” from ${bibliography} in:\n${result.stdout}`);
			}
			assert.doesNotMatch(result.stdout, /[{}]/, 'no brace is printed');
		});
	}

	test('A citation of a key the bibliography lacks is reported by pandoc (the check can fail)', () => {
		const dir = fs.mkdtempSync(path.join(workDir, 'run-'));
		fs.writeFileSync(path.join(dir, 'refs.bib'), '');
		fs.writeFileSync(path.join(dir, 'note.md'), 'See [@notInTheBibliography].\n');
		const { stderr } = renderWithPandoc(dir, 'refs.bib');
		assert.match(stderr, /notInTheBibliography/);
	});
});
