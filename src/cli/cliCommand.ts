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
import { MAX_DIGEST_SIZE_SETTING, digestSizeProblem } from '../core/parse/digestSize';
import { mergeDigests } from '../core/parse/mergeDigests';
import { DEFAULT_MAX_DIGEST_BYTES, parseDigest } from '../core/parse/parseDigest';

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

/** The CLI's digest size limit: the core's default, that of `paperShelf.maxDigestSizeMB`. */
export const CLI_MAX_DIGEST_BYTES = DEFAULT_MAX_DIGEST_BYTES;

/**
 * Reads and parses the digests named by `--digest` (the bundled digest when none is given).
 * A file that cannot be read throws `CliError`; problems inside a digest are in its diagnostics.
 */
export async function loadDigests(files: readonly string[] | undefined): Promise<LoadedDigests> {
	const names = files && files.length > 0 ? files : [defaultDigestPath()];
	const contents = await Promise.all(
		names.map(async (file) => {
			const bytes = await readRegularFile(file, CLI_MAX_DIGEST_BYTES);
			if (!bytes) {
				throw new CliError(`${file}: no such file`);
			}
			return bytes;
		}),
	);
	const started = performance.now();
	const digests = names.map((file, i) => parseDigest(contents[i], file, { maxBytes: CLI_MAX_DIGEST_BYTES }));
	const papers = mergeDigests(digests);
	return { digests, papers, parseMs: performance.now() - started };
}

// --- reading files

/**
 * The bytes of `file`, or undefined when there is no such file. Only regular files are read: a FIFO, a
 * socket, a device or a directory is a `CliError` naming it (reading a FIFO or /dev/zero never ends), and
 * so is a file over `maxBytes`, refused from its size before anything is read. The file is opened
 * without blocking and checked through the open handle, so it cannot be swapped between check and read.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer | undefined> {
	let handle: fs.promises.FileHandle;
	try {
		handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') {
			return undefined;
		}
		throw new CliError(`${file}: cannot read (${code ?? String(e)})`);
	}
	try {
		const stat = await handle.stat();
		if (!stat.isFile()) {
			throw new CliError(`${file}: not a regular file (${fileKind(stat)}); only regular files are read`);
		}
		const tooLarge = digestSizeProblem(stat.size, maxBytes, `the default of ${MAX_DIGEST_SIZE_SETTING}`);
		if (tooLarge) {
			throw new CliError(`${file}: ${tooLarge}`);
		}
		return await handle.readFile();
	} catch (e) {
		if (e instanceof CliError) {
			throw e;
		}
		const code = (e as NodeJS.ErrnoException).code;
		throw new CliError(`${file}: cannot read (${code ?? String(e)})`);
	} finally {
		await handle.close();
	}
}

function fileKind(stat: fs.Stats): string {
	if (stat.isDirectory()) return 'a directory';
	if (stat.isFIFO()) return 'a FIFO';
	if (stat.isSocket()) return 'a socket';
	if (stat.isCharacterDevice()) return 'a character device';
	if (stat.isBlockDevice()) return 'a block device';
	return 'not a file';
}
