/**
 * `paper-shelf`: the command line over the pure core (bundled to dist/cli.js).
 * Each sub-command lives in `commands/<name>.ts` and is registered in `commands` below.
 */
import { CliError, CliUsageError, type CliCommand, type CliIO } from './cliCommand';
import { checkCommand } from './commands/check';
import { checkCitationsCommand } from './commands/checkCitations';
import { citeCommand } from './commands/cite';
import { fetchCommand } from './commands/fetch';
import { exportCommand } from './commands/export';
import { searchCommand } from './commands/search';
import { showCommand } from './commands/show';
import { statsCommand } from './commands/stats';
import { topicsCommand } from './commands/topics';
import { terminalText } from './terminalText';

/** Every sub-command, in the order the help lists them. Add one line per new command. */
export const commands: readonly CliCommand[] = [
	searchCommand,
	showCommand,
	checkCommand,
	statsCommand,
	citeCommand,
	exportCommand,
	checkCitationsCommand,
	topicsCommand,
	fetchCommand,
];

const helpFlags = new Set(['--help', '-h']);

/** The top-level help text. */
export function topLevelUsage(registry: readonly CliCommand[] = commands): string {
	const width = Math.max(...registry.map((c) => c.name.length));
	return [
		'Usage: paper-shelf <command> [options]',
		'',
		'Commands:',
		...registry.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
		'',
		'Options for commands that read digests:',
		'  --digest FILE   a digest to read (repeatable; default: the bundled Daily Papers digest)',
		'',
		"Run 'paper-shelf <command> --help' for a command's options.",
	].join('\n');
}

/**
 * Runs `paper-shelf` with `argv` (the arguments after the program name) and resolves to the exit code.
 * Never throws: failures are written to `io.err`. Everything written goes through `terminalText`, so no
 * command can print a raw control character or bidi override from a digest, a note or a file name.
 */
export async function main(argv: readonly string[], rawIO: CliIO = processIO, registry: readonly CliCommand[] = commands): Promise<number> {
	const io: CliIO = { out: (text) => rawIO.out(terminalText(text)), err: (text) => rawIO.err(terminalText(text)) };
	const [name, ...args] = argv;
	if (name === undefined) {
		io.err(topLevelUsage(registry) + '\n');
		return 2;
	}
	if (helpFlags.has(name) || name === 'help') {
		const topic = name === 'help' ? registry.find((c) => c.name === args[0]) : undefined;
		io.out((topic ? topic.usage : topLevelUsage(registry)) + '\n');
		return 0;
	}
	const command = registry.find((c) => c.name === name);
	if (!command) {
		io.err(`paper-shelf: unknown command '${name}'\n\n${topLevelUsage(registry)}\n`);
		return 2;
	}
	// `--` ends the options: a literal `--help` after it is an argument, not a request for help.
	const optionArgs = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
	if (optionArgs.some((a) => helpFlags.has(a))) {
		io.out(command.usage + '\n');
		return 0;
	}
	try {
		return await command.run(args, io);
	} catch (e) {
		if (e instanceof CliUsageError) {
			io.err(`paper-shelf ${command.name}: ${e.message}\n\n${command.usage}\n`);
			return e.exitCode;
		}
		if (e instanceof CliError) {
			io.err(`paper-shelf ${command.name}: ${e.message}\n`);
			return e.exitCode;
		}
		io.err(`paper-shelf ${command.name}: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
		return 1;
	}
}

/** Writes to the process streams. */
export const processIO: CliIO = {
	out: (text) => void process.stdout.write(text),
	err: (text) => void process.stderr.write(text),
};

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => {
			process.exitCode = code;
		},
		(e: unknown) => {
			console.error(e);
			process.exitCode = 1;
		},
	);
}
