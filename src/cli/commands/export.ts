/**
 * `paper-shelf export --list NAME|--starred --format bibtex|csl-json|ris|markdown [--library FILE]`: a reading list or
 * the starred papers of a library file, as the editor exports them. Papers come from the digests read (`--digest`), and
 * from the records the library file keeps for papers no digest holds; keys are assigned over all of them.
 */
import * as fs from 'node:fs';
import { assignCitationKeys, compileKeyFormula, DEFAULT_KEY_FORMULA_SOURCE } from '../../core/cite/citationKey';
import { EXPORT_FORMATS, exportPapers, type ExportFormat } from '../../core/library/exportPapers';
import { paperFromLibraryRecord, parseLibrary } from '../../core/library/libraryFile';
import type { Paper } from '../../core/model';
import { SETTINGS } from '../../core/settings';
import { CliError, CliUsageError, digestOption, loadDigests, parseCommandArgs, type CliCommand } from '../cliCommand';
import type { DigestLoader } from './cite';

export function makeExportCommand(load: DigestLoader = loadDigests): CliCommand {
	return {
		name: 'export',
		summary: 'export a reading list or the starred papers as BibTeX, CSL-JSON, RIS or Markdown',
		usage: [
			'Usage: paper-shelf export (--list NAME | --starred) --format bibtex|csl-json|ris|markdown [options]',
			'',
			'Prints the papers of a reading list (or the starred papers) of a Paper Shelf library file.',
			'',
			'Options:',
			'  --list NAME           the reading list to export',
			'  --starred             export the starred papers',
			'  --format F            bibtex, csl-json, ris or markdown (default: bibtex)',
			`  --library FILE        the library file (default: ${SETTINGS.libraryFile.default})`,
			`  --key-format FORMULA  citation key formula (default: ${DEFAULT_KEY_FORMULA_SOURCE})`,
			'  --digest FILE         a digest to read (repeatable; default: the bundled digest)',
		].join('\n'),
		async run(args, io) {
			const { values, positionals } = parseCommandArgs(args, {
				...digestOption,
				list: { type: 'string' },
				starred: { type: 'boolean' },
				format: { type: 'string', short: 'f' },
				library: { type: 'string' },
				'key-format': { type: 'string' },
			});
			if (positionals.length > 0) {
				throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
			}
			if ((values.list === undefined) === (values.starred !== true)) {
				throw new CliUsageError('give either --list NAME or --starred');
			}
			const format = (values.format ?? 'bibtex') as ExportFormat;
			if (!EXPORT_FORMATS.includes(format)) {
				throw new CliUsageError(`unknown --format '${values.format}' (use ${EXPORT_FORMATS.join(', ')})`);
			}
			const compiled = compileKeyFormula(values['key-format'] ?? '');
			if (!compiled.ok) {
				throw new CliUsageError(`--key-format: column ${compiled.error.column}: ${compiled.error.message}`);
			}
			const file = values.library ?? SETTINGS.libraryFile.default;
			let text: string;
			try {
				text = fs.readFileSync(file, 'utf8');
			} catch {
				throw new CliError(`cannot read the library file ${file}`);
			}
			const parsed = parseLibrary(text);
			const firstError = parsed.problems.find((p) => p.severity === 'error');
			if (firstError) {
				throw new CliError(`${file}:${firstError.line}:${firstError.column}: ${firstError.message}`);
			}
			const ids = values.starred ? parsed.data.starred : parsed.data.lists.find((l) => l.name === values.list)?.ids;
			if (!ids) {
				const names = parsed.data.lists.map((l) => `'${l.name}'`).join(', ');
				throw new CliError(`no list '${values.list}' in ${file}${names ? ` (lists: ${names})` : ' (it has no lists)'}`);
			}
			const { papers } = await load(values.digest);
			const byId = new Map<string, Paper>(papers.map((p) => [p.id, p]));
			const kept: Paper[] = [];
			for (const [id, record] of parsed.data.papers) {
				if (!byId.has(id)) {
					const p = paperFromLibraryRecord(id, record, file);
					byId.set(id, p);
					kept.push(p);
				}
			}
			const keys = assignCitationKeys([...papers, ...kept], compiled.formula);
			const missing = [...new Set(ids)].filter((id) => !byId.has(id));
			if (missing.length > 0) {
				io.err(`paper-shelf: left out ${missing.length} paper${missing.length === 1 ? '' : 's'} neither the digests nor the library file describe: ${missing.join(', ')}\n`);
			}
			const cited = [...new Set(ids)].filter((id) => byId.has(id)).map((id) => ({ paper: byId.get(id)!, key: keys.get(id)! }));
			io.out(exportPapers(cited, format, values.starred ? 'Starred papers' : values.list));
			return 0;
		},
	};
}

/** The `export` command as the CLI registers it. */
export const exportCommand: CliCommand = makeExportCommand();
