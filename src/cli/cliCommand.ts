/**
 * The contract every `paper-shelf` sub-command follows, and the helpers they share: argument parsing with
 * `node:util` `parseArgs`, the `--digest FILE` option and loading the digests it names (the bundled digest
 * by default).
 *
 * To add a command: write `commands/<name>.ts` exporting a `CliCommand`, and add it to the list in `cli.ts`.
 * `--help`/`-h` is handled for every command by `cli.ts` (it prints `usage`), so commands need not.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Paper, ParsedDigest } from '../core/model';
import { mergeDigests } from '../core/parse/mergeDigests';
import { parseDigest } from '../core/parse/parseDigest';

/** Where a command writes. Tests pass a capturing implementation; `cli.ts` passes the process streams. */
export interface CliIO {
	/** Writes to standard output; `text` is written as given (add the `\n` yourself). */
	out(text: string): void;
	/** Writes to standard error; `text` is written as given (add the `\n` yourself). */
	err(text: string): void;
}

/** One `paper-shelf <name>` sub-command. */
export interface CliCommand {
	/** The word typed after `paper-shelf`. */
	readonly name: string;
	/** One line for the top-level help. */
	readonly summary: string;
	/** The full help text printed by `paper-shelf <name> --help` (several lines, no trailing newline needed). */
	readonly usage: string;
	/**
	 * Runs the command with the arguments after its name and resolves to the process exit code
	 * (0 ok, 1 failure, 2 bad usage). Throwing `CliUsageError` prints the message and usage and exits 2;
	 * throwing `CliError` prints the message and exits with its code.
	 */
	run(args: string[], io: CliIO): Promise<number>;
}

/** A failure to report on stderr as `paper-shelf: <message>`, exiting with `exitCode`. */
export class CliError extends Error {
	constructor(message: string, readonly exitCode = 1) {
		super(message);
		this.name = 'CliError';
	}
}

/** Bad arguments: the message and the command's usage go to stderr, exit code 2. */
export class CliUsageError extends CliError {
	constructor(message: string) {
		super(message, 2);
		this.name = 'CliUsageError';
	}
}

// --- arguments

/** The `--digest FILE` option (repeatable), to spread into a command's `parseArgs` options. */
export const digestOption = {
	digest: { type: 'string', multiple: true, short: 'd' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** The `--json` flag, to spread into a command's `parseArgs` options. */
export const jsonOption = {
	json: { type: 'boolean' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` in strict mode with positionals allowed; unknown options or missing values become a
 * `CliUsageError` instead of a raw TypeError.
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
	try {
		return parseArgs({ args, options, strict: true, allowPositionals: true });
	} catch (e) {
		throw new CliUsageError(e instanceof Error ? e.message : String(e));
	}
}

/** Parses `--limit`-like values: a positive integer, else a `CliUsageError` naming the option. */
export function parsePositiveInt(value: string | undefined, option: string, fallback: number): number {
	if (value === undefined) {
		return fallback;
	}
	const n = Number(value);
	if (!Number.isInteger(n) || n <= 0) {
		throw new CliUsageError(`${option} expects a positive integer, got '${value}'`);
	}
	return n;
}

// --- digests

const bundledDigestParts = ['media', 'digests', 'daily-papers.txt'];

/**
 * The digest bundled with the extension. From `dist/cli.js` it is `../media/digests/daily-papers.txt`;
 * from the unbundled test build (`out/src/cli/`) it is three folders further up, so both are tried.
 */
export function defaultDigestPath(): string {
	const candidates = [
		path.join(__dirname, '..', ...bundledDigestParts),
		path.join(__dirname, '..', '..', '..', ...bundledDigestParts),
	];
	return candidates.find((c) => fs.existsSync(c)) ?? candidates[0];
}

/** What `loadDigests` read. */
export interface LoadedDigests {
	/** One per file, in the order given. */
	readonly digests: readonly ParsedDigest[];
	/** The papers of all digests, each paper once. */
	readonly papers: readonly Paper[];
	/** Milliseconds spent parsing and merging (not reading files). */
	readonly parseMs: number;
}

/**
 * Reads and parses the digests named by `--digest` (the bundled digest when none is given).
 * A file that cannot be read throws `CliError`; problems inside a digest are in its diagnostics.
 */
export async function loadDigests(files: readonly string[] | undefined): Promise<LoadedDigests> {
	const names = files && files.length > 0 ? files : [defaultDigestPath()];
	const contents = await Promise.all(
		names.map(async (file) => {
			try {
				return await fs.promises.readFile(file);
			} catch (e) {
				const code = (e as NodeJS.ErrnoException).code;
				throw new CliError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code ?? String(e)})`);
			}
		}),
	);
	const started = performance.now();
	const digests = names.map((file, i) => parseDigest(contents[i], file));
	const papers = mergeDigests(digests);
	return { digests, papers, parseMs: performance.now() - started };
}
