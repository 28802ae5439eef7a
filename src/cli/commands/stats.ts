/**
 * `paper-shelf stats [--json]`: how big the digests are and how long reading and indexing them takes.
 */
import { PaperIndex } from '../../core/search/paperIndex';
import { digestOption, jsonOption, loadDigests, parseCommandArgs, type CliCommand } from '../cliCommand';

/** What `stats --json` prints. */
export interface StatsJson {
	readonly digests: number;
	readonly papers: number;
	readonly diagnostics: { readonly errors: number; readonly warnings: number; readonly infos: number };
	readonly parseMs: number;
	readonly indexMs: number;
	/** V8 heap in use after indexing, in MB (1e6 bytes). */
	readonly heapMB: number;
}

/** The `stats` command. */
export const statsCommand: CliCommand = {
	name: 'stats',
	summary: 'count papers and time parsing and indexing',
	usage: [
		'Usage: paper-shelf stats [--json] [--digest FILE]…',
		'',
		'Reads the digests, builds the search index and prints: digests, papers, diagnostics,',
		'parse time, index time and the heap in use afterwards.',
		'',
		'Options:',
		'  --json          the figures as a JSON object',
		'  --digest FILE   a digest to read (repeatable; default: the bundled digest)',
	].join('\n'),
	async run(args, io) {
		const { values } = parseCommandArgs(args, { ...digestOption, ...jsonOption });
		const { digests, papers, parseMs } = await loadDigests(values.digest);
		const started = performance.now();
		const index = await PaperIndex.buildFromDigests(digests.map((d) => ({ key: d.file, papers: d.papers })));
		const indexMs = performance.now() - started;
		const all = digests.flatMap((d) => d.diagnostics);
		const count = (severity: string) => all.filter((d) => d.severity === severity).length;
		const stats: StatsJson = {
			digests: digests.length,
			papers: papers.length,
			diagnostics: { errors: count('error'), warnings: count('warning'), infos: count('info') },
			parseMs: round(parseMs),
			indexMs: round(indexMs),
			heapMB: round(process.memoryUsage().heapUsed / 1e6),
		};
		if (index.size !== papers.length) {
			io.err(`warning: ${papers.length} papers read but ${index.size} indexed\n`);
		}
		if (values.json) {
			io.out(JSON.stringify(stats, null, 2) + '\n');
		} else {
			io.out(
				[
					`digests      ${stats.digests}`,
					`papers       ${stats.papers}`,
					`diagnostics  ${stats.diagnostics.errors} errors, ${stats.diagnostics.warnings} warnings, ${stats.diagnostics.infos} infos`,
					`parse        ${stats.parseMs} ms`,
					`index        ${stats.indexMs} ms`,
					`heap         ${stats.heapMB} MB`,
				].join('\n') + '\n',
			);
		}
		return 0;
	},
};

function round(n: number): number {
	return Math.round(n * 10) / 10;
}
