import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/cli';
import type { CliIO } from '../../../src/cli/cliCommand';
import { DEFAULT_MAX_DIGEST_SIZE_MB } from '../../../src/core/parse/digestSize';

const repoRoot = path.resolve(__dirname, '../../../..');
const cliEntry = path.join(repoRoot, 'out', 'src', 'cli', 'cli.js');

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
	const code = await main(argv, io);
	return { code, out, err };
}

/** Runs the CLI entry as a program, killed after `timeout` ms: a CLI that blocks fails the test instead of hanging it. */
function runProgram(args: string[], timeout = 20_000) {
	const result = spawnSync(process.execPath, [cliEntry, ...args], { encoding: 'utf8', timeout });
	assert.equal(result.error, undefined, `the CLI did not finish within ${timeout} ms (${String(result.error)})`);
	return result;
}

/** Every character a terminal may act on, other than newline and tab: C0, DEL, C1, and the bidi controls. */
// eslint-disable-next-line no-control-regex -- the test looks for exactly these characters
const terminalControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

suite('CLI: files that are not digests and text that is not safe for a terminal', () => {
	let dir: string;
	suiteSetup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-cli-safety-'));
	});
	suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('A FIFO given as --digest fails at once with a message naming it, instead of blocking forever', function () {
		if (process.platform === 'win32') this.skip();
		const fifo = path.join(dir, 'pipe.digest.jsonl');
		assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
		for (const args of [['search', 'x', '--digest', fifo], ['check', fifo]]) {
			const result = runProgram(args);
			assert.equal(result.status, 1, result.stderr);
			assert.ok(result.stderr.includes(`${fifo}: not a regular file`), result.stderr);
		}
	});

	test('A character device (/dev/zero) or a directory is refused the same way, and a note that is a FIFO too', function () {
		if (process.platform === 'win32') this.skip();
		const zero = runProgram(['stats', '--digest', '/dev/zero']);
		assert.equal(zero.status, 1, zero.stderr);
		assert.match(zero.stderr, /\/dev\/zero: not a regular file \(a character device\)/);
		const folder = runProgram(['topics', '--digest', dir]);
		assert.equal(folder.status, 1, folder.stderr);
		assert.ok(folder.stderr.includes(`${dir}: not a regular file (a directory)`), folder.stderr);
		const note = path.join(dir, 'note.md');
		assert.equal(spawnSync('mkfifo', [note]).status, 0, 'mkfifo');
		const citations = runProgram(['check-citations', note]);
		assert.equal(citations.status, 1, citations.stderr);
		assert.ok(citations.stderr.includes(`${note}: not a regular file`), citations.stderr);
	});

	test('A digest over the size limit is refused from its size alone, naming the file, its size and the limit', async () => {
		const big = path.join(dir, 'big.jsonl');
		fs.closeSync(fs.openSync(big, 'w'));
		fs.truncateSync(big, (DEFAULT_MAX_DIGEST_SIZE_MB + 1) * 1024 * 1024); // sparse: nothing to read but zeros
		const { code, out, err } = await run(['search', 'quantization', '--digest', big]);
		assert.deepStrictEqual([code, out], [1, '']);
		assert.ok(err.includes(`${big}: file too large: ${DEFAULT_MAX_DIGEST_SIZE_MB + 1} MB is over the ${DEFAULT_MAX_DIGEST_SIZE_MB} MB limit`), err);
		fs.rmSync(big);
	});

	test('Escapes, C1 controls and bidi overrides from a digest reach the terminal neutralised, in every human output', async () => {
		const digest = path.join(dir, 'hostile.jsonl');
		const title = 'Hostile \u009b31m title \u202egnp.exe\u202c with \u2066isolates\u2069 \u200f\u061c and \u0085 next line';
		fs.writeFileSync(digest, JSON.stringify({ id: '2401.00009', title, abstract: 'Quantization abstract with \u009d8;;http://x\u009c a link.', authors: ['Mallory \u202e'] }) + '\n');
		for (const args of [['search', 'hostile', '--digest', digest], ['show', '2401.00009', '--digest', digest], ['topics', '--titles', '--digest', digest], ['cite', '2401.00009', '--format', 'markdown', '--digest', digest]]) {
			const { code, out, err } = await run(args);
			assert.equal(code, 0, `${args[0]}: ${err}`);
			assert.doesNotMatch(out + err, terminalControls, args[0]);
			assert.ok(out.includes('\\u202egnp.exe\\u202c'), `${args[0]} shows the override as an escape: ${out}`);
		}
	});

	test('JSON output stays JSON with the exact strings, and holds no raw control or bidi character', async () => {
		const digest = path.join(dir, 'hostile.json');
		const title = 'Hostile \u009b31m title \u202egnp.exe\u202c \u2028 with \u2066isolates\u2069';
		fs.writeFileSync(digest, JSON.stringify([{ id: '2401.00010', title, abstract: 'Quantization, hostile and long enough to be an abstract.' }]));
		for (const args of [['show', '2401.00010', '--json', '--digest', digest], ['search', 'hostile', '--json', '--digest', digest]]) {
			const { code, out } = await run(args);
			assert.equal(code, 0, args[0]);
			assert.doesNotMatch(out, terminalControls, args[0]);
			const parsed: unknown = JSON.parse(out);
			const found = (Array.isArray(parsed) ? parsed[0] : parsed) as { title: string };
			assert.ok(found.title.includes('\u202egnp.exe\u202c'), `${args[0]} keeps the exact title: ${found.title}`);
		}
	});

	test('A file name with an escape sequence is neutralised in error messages and diagnostics', async () => {
		const name = path.join(dir, 'clear\u001b[2J\u001b]0;owned\u0007.jsonl');
		const missing = await run(['search', 'x', '--digest', name]);
		assert.equal(missing.code, 1);
		assert.doesNotMatch(missing.err, terminalControls);
		assert.ok(missing.err.includes('clear\\u001b[2J'), missing.err);
		fs.writeFileSync(name, '{"id": "x", "title": ');
		const checked = await run(['check', name]);
		assert.equal(checked.code, 1);
		assert.doesNotMatch(checked.out + checked.err, terminalControls);
		assert.match(checked.out, /clear\\u001b\[2J\\u001b\]0;owned\\u0007\.jsonl:1: error:/);
	});
});
