/**
 * `paper-shelf show <id> [--json]`: one paper in full.
 */
import type { Paper } from '../../core/model';
import { CliError, CliUsageError, digestOption, jsonOption, loadDigests, parseCommandArgs, type CliCommand } from '../cliCommand';

/** The `show` command. */
export const showCommand: CliCommand = {
	name: 'show',
	summary: 'print one paper in full',
	usage: [
		'Usage: paper-shelf show <id> [--json] [--digest FILE]…',
		'',
		'Prints the paper with this id (an arXiv id such as 2401.09603, or a t-… id).',
		'',
		'Options:',
		'  --json          the paper as JSON',
		'  --digest FILE   a digest to read (repeatable; default: the bundled digest)',
	].join('\n'),
	async run(args, io) {
		const { values, positionals } = parseCommandArgs(args, { ...digestOption, ...jsonOption });
		if (positionals.length !== 1) {
			throw new CliUsageError(positionals.length === 0 ? 'no id given' : 'give exactly one id');
		}
		const wanted = normalizeId(positionals[0]);
		const { papers } = await loadDigests(values.digest);
		const paper = papers.find((p) => p.id === wanted || p.arxivId === wanted);
		if (!paper) {
			throw new CliError(`no paper with id '${positionals[0]}' (${papers.length} papers read)`);
		}
		io.out(values.json ? JSON.stringify(paper, null, 2) + '\n' : formatPaper(paper));
		return 0;
	},
};

/** Accepts `arXiv:2401.09603v2` and `https://arxiv.org/abs/2401.09603` as well as the bare id. */
function normalizeId(raw: string): string {
	const arxiv = /(?:arxiv[:/]|abs\/|pdf\/)?(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?$/i.exec(raw.trim());
	return arxiv ? arxiv[1] : raw.trim();
}

/** The paper as readable text: title, facts one a line, then the abstract. */
export function formatPaper(paper: Paper): string {
	const facts: [string, string | undefined][] = [
		['id', paper.id],
		['authors', paper.authors.join(', ') || undefined],
		['date', paper.date],
		['upvotes', paper.upvotes?.toString()],
		['keywords', paper.keywords.join(', ') || undefined],
		['categories', paper.categories.join(', ') || undefined],
		['arXiv', paper.links.arxivAbs],
		['PDF', paper.links.arxivPdf],
		['Hugging Face', paper.links.huggingFace],
		['code', paper.links.code],
		['project', paper.links.project],
		['source', `${paper.source.file}:${paper.source.startLine}-${paper.source.endLine}`],
	];
	const lines = [paper.title, '', ...facts.filter(([, v]) => v !== undefined).map(([k, v]) => `${(k + ':').padEnd(14)}${v}`), ''];
	lines.push(paper.abstract || '(no abstract)', '');
	return lines.join('\n');
}
