/**
 * `paper-shelf cite <id|key…> --format pandoc|latex|bibtex|csl-json|markdown`: citations and bibliography entries
 * for digest papers, with the same keys the editor gives them.
 */
import { bibtexEntry } from '../../core/cite/bibtex';
import { assignCitationKeys, compileKeyFormula, DEFAULT_KEY_FORMULA_SOURCE } from '../../core/cite/citationKey';
import { formatCitation, markdownLink, readableReference } from '../../core/cite/citationSyntax';
import type { CitedPaper } from '../../core/cite/citedPaper';
import { cslItem } from '../../core/cite/cslJson';
import type { Paper } from '../../core/model';
import { CliError, CliUsageError, digestOption, loadDigests, parseCommandArgs, type CliCommand } from '../cliCommand';

/** The output formats of `cite`. */
export const CITE_FORMATS = ['pandoc', 'latex', 'bibtex', 'csl-json', 'markdown'] as const;
export type CiteFormat = (typeof CITE_FORMATS)[number];

/** Options of `citeOutput`. */
export interface CiteOutputOptions {
	/** The LaTeX command for `--format latex` (default `cite`). */
	readonly latexCommand?: string;
}

/** Finds papers by paper id, arXiv id (`arXiv:2401.09603v2`, abs/pdf URLs too) or citation key. */
export function findCitedPapers(papers: readonly Paper[], keys: ReadonlyMap<string, string>, wanted: readonly string[]): { found: CitedPaper[]; missing: string[] } {
	const byKey = new Map([...keys].map(([id, key]) => [key, id]));
	const byId = new Map<string, Paper>();
	for (const p of papers) {
		byId.set(p.id, p);
		if (p.arxivId) {
			byId.set(p.arxivId, p);
		}
	}
	const found: CitedPaper[] = [];
	const missing: string[] = [];
	for (const raw of wanted) {
		const arxiv = /(?:arxiv[:/]|abs\/|pdf\/)?(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$/i.exec(raw.trim())?.[1];
		const paper = byId.get(raw.trim()) ?? (arxiv ? byId.get(arxiv) : undefined) ?? byId.get(byKey.get(raw.trim()) ?? '');
		if (paper) {
			found.push({ paper, key: keys.get(paper.id)! });
		} else {
			missing.push(raw);
		}
	}
	return { found, missing };
}

/**
 * The text `cite` prints for papers: one citation for `pandoc`/`latex`, entries for `bibtex`, a JSON array for
 * `csl-json`, a line per paper (Markdown link and reference) for `markdown`. Ends with a newline.
 */
export function citeOutput(cited: readonly CitedPaper[], format: CiteFormat, options: CiteOutputOptions = {}): string {
	const targets = cited.map(({ paper, key }) => ({ paper, key }));
	switch (format) {
		case 'pandoc':
			return formatCitation('markdown', targets).text + '\n';
		case 'latex':
			return formatCitation('latex', targets, { latexCommand: options.latexCommand }).text + '\n';
		case 'bibtex':
			return cited.map(({ paper, key }) => bibtexEntry(paper, key)).join('\n\n') + '\n';
		case 'csl-json':
			return JSON.stringify(cited.map(({ paper, key }) => cslItem(paper, key)), null, 2) + '\n';
		case 'markdown':
			return cited.map(({ paper }) => `- ${markdownLink(paper)} — ${readableReference(paper)}`).join('\n') + '\n';
	}
}

/** Reads the papers of the digests named by `--digest` (the bundled digest when none); `loadDigests` by default. */
export type DigestLoader = (files: readonly string[] | undefined) => Promise<{ readonly papers: readonly Paper[] }>;

/** The `cite` command, reading digests with `load` (tests pass the parser directly). */
export function makeCiteCommand(load: DigestLoader = loadDigests): CliCommand {
	return {
		name: 'cite',
		summary: 'print citations or bibliography entries for papers',
		usage: [
			'Usage: paper-shelf cite <id|key>… --format pandoc|latex|bibtex|csl-json|markdown [options]',
			'',
			'Prints a citation of the papers (pandoc: [@a; @b], latex: \\cite{a,b}), their BibTeX entries,',
			'their CSL-JSON items, or Markdown links. Papers are named by id (2401.09603, arXiv:2401.09603v2,',
			'an arXiv URL, t-…) or by citation key. Keys are assigned over all the digests read, as the editor does.',
			'',
			'Options:',
			'  --format F            pandoc (default), latex, bibtex, csl-json or markdown',
			`  --key-format FORMULA  citation key formula (default: ${DEFAULT_KEY_FORMULA_SOURCE})`,
			'  --latex-command CMD   the LaTeX command for --format latex (default: cite)',
			'  --digest FILE         a digest to read (repeatable; default: the bundled digest)',
		].join('\n'),
		async run(args, io) {
			const { values, positionals } = parseCommandArgs(args, {
				...digestOption,
				format: { type: 'string', short: 'f' },
				'key-format': { type: 'string' },
				'latex-command': { type: 'string' },
			});
			if (positionals.length === 0) {
				throw new CliUsageError('no paper id given');
			}
			const format = (values.format ?? 'pandoc') as CiteFormat;
			if (!CITE_FORMATS.includes(format)) {
				throw new CliUsageError(`unknown --format '${values.format}' (use ${CITE_FORMATS.join(', ')})`);
			}
			if (values['latex-command'] !== undefined && !/^[A-Za-z]+\*?$/.test(values['latex-command'])) {
				throw new CliUsageError(`--latex-command must be a command name such as citep, got '${values['latex-command']}'`);
			}
			const compiled = compileKeyFormula(values['key-format'] ?? '');
			if (!compiled.ok) {
				throw new CliUsageError(`--key-format: column ${compiled.error.column}: ${compiled.error.message}`);
			}
			const { papers } = await load(values.digest);
			const keys = assignCitationKeys(papers, compiled.formula);
			const { found, missing } = findCitedPapers(papers, keys, positionals);
			if (missing.length > 0) {
				throw new CliError(`no paper with id or key ${missing.map((m) => `'${m}'`).join(', ')} (${papers.length} papers read)`);
			}
			io.out(citeOutput(found, format, { latexCommand: values['latex-command'] }));
			return 0;
		},
	};
}

/** The `cite` command as the CLI registers it. */
export const citeCommand: CliCommand = makeCiteCommand();
