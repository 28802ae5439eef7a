/**
 * `paper-shelf check <FILE…>`: parses digests and prints their diagnostics, one a line, in the
 * `file:line: severity: message` shape editors and CI problem matchers read. Exit 1 when any is an error.
 */
import { CliUsageError, loadDigests, parseCommandArgs, type CliCommand } from '../cliCommand';

/** The `check` command. */
export const checkCommand: CliCommand = {
	name: 'check',
	summary: 'report problems in digest files (exit 1 on errors)',
	usage: [
		'Usage: paper-shelf check <FILE…> [--quiet]',
		'',
		'Parses each digest and prints its diagnostics as `file:line: severity: message`,',
		'then a summary line. Exits 1 when any diagnostic is an error, else 0.',
		'',
		'Options:',
		'  --quiet   print the diagnostics only, no summary',
	].join('\n'),
	async run(args, io) {
		const { values, positionals } = parseCommandArgs(args, { quiet: { type: 'boolean', short: 'q' } });
		if (positionals.length === 0) {
			throw new CliUsageError('no file given');
		}
		const { digests } = await loadDigests(positionals);
		let errors = 0;
		let warnings = 0;
		let papers = 0;
		for (const digest of digests) {
			papers += digest.papers.length;
			for (const d of [...digest.diagnostics].sort((a, b) => a.line - b.line)) {
				io.out(`${d.file}:${d.line}: ${d.severity}: ${d.message}\n`);
				if (d.severity === 'error') errors++;
				else if (d.severity === 'warning') warnings++;
			}
		}
		if (!values.quiet) {
			const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
			io.out(`${plural(digests.length, 'file')}, ${plural(papers, 'paper')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
		}
		return errors > 0 ? 1 : 0;
	},
};
