/**
 * `paper-shelf check-citations <notes…> [--bibliography FILE]`: fails (exit 1) when a note cites a key that
 * resolves nowhere, for notes repositories' own CI.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readBibliographyKeys } from '../../core/cite/bibliographyFile';
import { locateBibliographies } from '../../core/cite/bibliographyLocator';
import { checkCitations, digestKeyTable, isCitingNote, languageIdForFile } from '../../core/cite/citationCheck';
import { assignCitationKeys, compileKeyFormula } from '../../core/cite/citationKey';
import { CLI_MAX_DIGEST_BYTES, CliError, CliUsageError, digestOption, loadDigests, parseCommandArgs, readRegularFile, type CliCommand, type CliIO } from '../cliCommand';
import { SETTINGS } from '../../core/settings';
import type { DigestLoader } from './cite';

/** The bibliography used when neither the note nor `--bibliography` names one, if it exists (as in the editor). */
const DEFAULT_BIBLIOGRAPHY = SETTINGS.bibliographyFile.default;

/** A note or bibliography as text, or undefined when missing; only regular files within the size limit are read. */
async function readText(file: string): Promise<string | undefined> {
	return (await readRegularFile(file, CLI_MAX_DIGEST_BYTES))?.toString('utf8');
}

/** Keys of bibliography files, each read once; problems are reported as `file:line: error: …`. */
class BibliographyCache {
	private readonly _keys = new Map<string, Set<string> | undefined>();
	constructor(private readonly _io: CliIO) {}

	/** The keys of `file`, or undefined (after reporting why) when it is missing or unparseable. */
	async keys(file: string, namedAt?: string): Promise<Set<string> | undefined> {
		if (this._keys.has(file)) {
			return this._keys.get(file);
		}
		const text = await readText(file);
		let keys: Set<string> | undefined;
		if (text === undefined) {
			this._io.err(`${namedAt ?? file}: error: bibliography '${file}' not found\n`);
		} else {
			const parsed = readBibliographyKeys(file, text);
			if (parsed.ok) {
				keys = new Set(parsed.keys.map((k) => k.key));
			} else {
				this._io.err(`${file}:${parsed.line}: error: ${parsed.message.replace(/^line \d+(, column \d+)?: /, '')}\n`);
			}
		}
		this._keys.set(file, keys);
		return keys;
	}
}

/** The `check-citations` command, reading digests with `load` (tests pass the parser directly). */
export function makeCheckCitationsCommand(load: DigestLoader = loadDigests): CliCommand {
	return {
		name: 'check-citations',
		summary: 'fail when notes cite keys that resolve nowhere',
		usage: [
			'Usage: paper-shelf check-citations <note>… [--bibliography FILE]… [--digest FILE]…',
			'',
			'Checks every citation key in the notes (Pandoc @key and [@a; @b] in .md/.qmd/.Rmd, \\cite{…} and its',
			'variants in .tex) against the note\'s bibliography and the digests. The bibliography is --bibliography',
			'when given, else the files the note names (front matter `bibliography:`, \\bibliography, \\addbibresource),',
			`else ${DEFAULT_BIBLIOGRAPHY} in the current folder when it exists.`,
			'',
			'Prints `file:line: error: unresolved citation key \'x\'` for each key found nowhere, and a warning for keys',
			'that only a digest paper has (pandoc will not find them until their entry is added), then exits 1 when',
			'any key is unresolved or a bibliography is missing or unparseable. Quarto cross-references (@fig-plot,',
			'@tbl-…, @sec-…, @eq-…) are not citations; keys compare with their case, as pandoc compares them. A note',
			'that names no bibliography and cites no key that resolves is not checked for unresolved keys: its @names',
			'are mentions (the editor warns the same way).',
			'',
			'Options:',
			'  --bibliography FILE   the bibliography to resolve against (repeatable)',
			'  --key-format FORMULA  citation key formula of the digest papers (default: Better BibTeX\'s)',
			'  --digest FILE         a digest to read (repeatable; default: the bundled digest)',
		].join('\n'),
		async run(args, io) {
			const { values, positionals } = parseCommandArgs(args, {
				...digestOption,
				bibliography: { type: 'string', multiple: true, short: 'b' },
				'key-format': { type: 'string' },
			});
			if (positionals.length === 0) {
				throw new CliUsageError('no note given');
			}
			const compiled = compileKeyFormula(values['key-format'] ?? '');
			if (!compiled.ok) {
				throw new CliUsageError(`--key-format: column ${compiled.error.column}: ${compiled.error.message}`);
			}
			const { papers } = await load(values.digest);
			const digestKeys = digestKeyTable(assignCitationKeys(papers, compiled.formula));
			const bibliographies = new BibliographyCache(io);
			let failed = false;
			let citations = 0;
			let unresolved = 0;
			for (const note of positionals) {
				const text = await readText(note);
				if (text === undefined) {
					throw new CliError(`${note}: no such file`);
				}
				const languageId = languageIdForFile(note);
				const named = values.bibliography?.length
					? values.bibliography.map((file) => ({ file, namedAt: undefined as string | undefined }))
					: locateBibliographies(text, languageId).map((ref) => ({ file: path.resolve(path.dirname(note), ref.path), namedAt: `${note}:${ref.line}` }));
				const fallback = { file: DEFAULT_BIBLIOGRAPHY, namedAt: undefined };
				if (named.length === 0 && fs.existsSync(DEFAULT_BIBLIOGRAPHY)) {
					named.push(fallback);
				}
				const bibKeys = new Set<string>();
				for (const { file, namedAt } of named) {
					const keys = await bibliographies.keys(file, namedAt);
					if (!keys) {
						failed = true;
					}
					keys?.forEach((k) => bibKeys.add(k));
				}
				const statuses = checkCitations(text, languageId, bibKeys, (key) => digestKeys.get(key));
				// As in the editor: without a bibliography named (here or by --bibliography) and with nothing resolving,
				// the note's `@name`s are mentions, not citations.
				const citing = isCitingNote(statuses, named.some((n) => n !== fallback));
				for (const status of statuses) {
					citations++;
					const { key, line } = status.occurrence;
					if (status.kind === 'unresolved' && !citing) {
						continue;
					}
					if (status.kind === 'unresolved') {
						unresolved++;
						failed = true;
						io.out(`${note}:${line}: error: unresolved citation key '${key}'\n`);
					} else if (status.kind === 'digest' && named.length > 0) {
						io.out(`${note}:${line}: warning: citation key '${key}' is not in ${named.map((n) => n.file).join(', ')}; it is digest paper ${status.paperId} (add it: paper-shelf cite ${status.paperId} --format ${named[0].file.toLowerCase().endsWith('.json') ? 'csl-json' : 'bibtex'})\n`);
					}
				}
			}
			io.err(`${positionals.length} note(s), ${citations} citation(s), ${unresolved} unresolved\n`);
			return failed ? 1 : 0;
		},
	};
}

/** The `check-citations` command as the CLI registers it. */
export const checkCitationsCommand: CliCommand = makeCheckCitationsCommand();
