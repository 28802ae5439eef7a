import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commands, main } from '../../../src/cli/cli';
import { CliUsageError, defaultDigestPath, type CliCommand, type CliIO } from '../../../src/cli/cliCommand';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Runs the CLI in-process and captures what it writes. */
async function run(argv: string[], registry?: readonly CliCommand[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
	const code = await main(argv, io, registry);
	return { code, out, err };
}

function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-cli-'));
}

const jsonl = [
	{ id: '2401.00001', title: 'Quantization of transformer weights', abstract: 'Low-bit formats make inference cheap.', authors: ['Ada Lovelace'] },
	{ id: '2401.00002', title: 'Graph neural networks at scale', abstract: 'Message passing over billions of edges with quantization.', authors: ['Alan Turing'] },
]
	.map((r) => JSON.stringify(r))
	.join('\n');

suite('CLI', function () {
	// Each command parses the bundled digest and builds an index (and topics); generous for a loaded runner.
	this.timeout(30_000);
	let dir: string;
	let digest: string;
	suiteSetup(() => {
		dir = tempDir();
		digest = path.join(dir, 'papers.jsonl');
		fs.writeFileSync(digest, jsonl + '\n');
	});
	suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('The default digest resolves to the bundled file when running from out/', () => {
		assert.equal(defaultDigestPath(), path.join(repoRoot, 'media', 'digests', 'daily-papers.txt'));
	});

	test('search --json prints the ranked papers of the given digest as {id, title, score}', async () => {
		const { code, out, err } = await run(['search', 'quantiz', '--json', '--digest', digest]);
		assert.equal(code, 0, err);
		const rows = JSON.parse(out) as { id: string; title: string; score: number }[];
		assert.deepStrictEqual(rows.map((r) => r.id), ['2401.00001', '2401.00002']);
		assert.deepStrictEqual(Object.keys(rows[0]).sort(), ['id', 'score', 'title']);
		assert.ok(rows[0].score > rows[1].score);
	});

	test('search reads the bundled digest by default and honours --limit', async () => {
		const { code, out } = await run(['search', 'quantization', '--limit', '2']);
		assert.equal(code, 0);
		const lines = out.trimEnd().split('\n');
		assert.equal(lines.length, 2);
		assert.match(lines[0], /^ {2}1\. \d\.\d{3} {2}t-[0-9a-f]+ {2}.*Quantization/);
	});

	test('search with --topics gives each paper its topic', async () => {
		const { code, out } = await run(['search', 'quantization', '--limit', '3', '--json', '--topics']);
		assert.equal(code, 0);
		const rows = JSON.parse(out) as { topic?: string }[];
		assert.ok(rows.every((r) => typeof r.topic === 'string' && r.topic.length > 0));
	});

	test('search with no match says so on stderr and exits 1', async () => {
		const { code, out, err } = await run(['search', 'zzzzqqqq', '--digest', digest]);
		assert.deepStrictEqual([code, out], [1, '']);
		assert.match(err, /no papers match 'zzzzqqqq'/);
	});

	test('A bad --limit or a missing query is a usage error with exit 2', async () => {
		const bad = await run(['search', 'x', '--limit', 'ten']);
		assert.equal(bad.code, 2);
		assert.match(bad.err, /--limit expects a positive integer/);
		assert.match(bad.err, /Usage: paper-shelf search/);
		assert.equal((await run(['search'])).code, 2);
		assert.equal((await run(['search', 'x', '--no-such-option'])).code, 2);
	});

	test('show prints one paper in full, and as JSON with --json', async () => {
		const text = await run(['show', '2401.00002', '--digest', digest]);
		assert.equal(text.code, 0);
		assert.match(text.out, /^Graph neural networks at scale\n/);
		assert.match(text.out, /authors: +Alan Turing/);
		assert.match(text.out, /Message passing over billions of edges/);
		const json = await run(['show', 'arXiv:2401.00001v3', '--json', '--digest', digest]);
		assert.equal(JSON.parse(json.out).title, 'Quantization of transformer weights');
	});

	test('show of an unknown id fails on stderr with exit 1', async () => {
		const { code, out, err } = await run(['show', '9999.99999', '--digest', digest]);
		assert.deepStrictEqual([code, out], [1, '']);
		assert.match(err, /no paper with id '9999\.99999'/);
	});

	test('A missing digest file fails with exit 1 and names the file', async () => {
		const missing = path.join(dir, 'missing.txt');
		const { code, err } = await run(['search', 'x', '--digest', missing]);
		assert.equal(code, 1);
		assert.ok(err.includes(`${missing}: no such file`), err);
	});

	test('check prints file:line: severity: message and exits 1 on errors', async () => {
		const broken = path.join(dir, 'broken.jsonl');
		fs.writeFileSync(broken, jsonl + '\n{"id": "2401.00003", "title": \n');
		const { code, out } = await run(['check', broken]);
		assert.equal(code, 1);
		const first = out.split('\n')[0];
		assert.match(first, new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: error: `));
		assert.match(out, /2 papers: 1 error/);
	});

	test('check of a clean digest exits 0, and without files is a usage error', async () => {
		const clean = await run(['check', digest, '--quiet']);
		assert.deepStrictEqual([clean.code, clean.out], [0, '']);
		assert.equal((await run(['check'])).code, 2);
	});

	test('stats --json reports papers, parse and index times and heap', async () => {
		const { code, out } = await run(['stats', '--json', '--digest', digest, '--digest', digest]);
		assert.equal(code, 0);
		const stats = JSON.parse(out);
		assert.equal(stats.digests, 2);
		assert.equal(stats.papers, 2, 'the same papers in two digests count once');
		for (const key of ['parseMs', 'indexMs', 'heapMB']) assert.equal(typeof stats[key], 'number', key);
		assert.ok(stats.heapMB > 0);
	});

	test('--help works at top level and on every command', async () => {
		const top = await run(['--help']);
		assert.equal(top.code, 0);
		for (const command of commands) {
			assert.ok(top.out.includes(command.name), command.name);
			const help = await run([command.name, '--help']);
			assert.deepStrictEqual([help.code, help.out], [0, command.usage + '\n'], command.name);
		}
		assert.equal((await run(['help', 'search'])).out, commands.find((c) => c.name === 'search')?.usage + '\n');
	});

	test('An unknown command prints the usage on stderr and exits 2; no command at all too', async () => {
		const unknown = await run(['frobnicate']);
		assert.deepStrictEqual([unknown.code, unknown.out], [2, '']);
		assert.match(unknown.err, /unknown command 'frobnicate'[\s\S]*Usage: paper-shelf <command>/);
		assert.equal((await run([])).code, 2);
	});

	test('Failures of a registered command map to exit codes: usage 2, unexpected 1 with the message', async () => {
		const registry: CliCommand[] = [
			{ name: 'usage', summary: '', usage: 'Usage: usage', run: () => Promise.reject(new CliUsageError('bad')) },
			{ name: 'boom', summary: '', usage: 'Usage: boom', run: () => Promise.reject(new Error('kaput')) },
		];
		const usage = await run(['usage'], registry);
		assert.deepStrictEqual([usage.code, usage.err], [2, 'paper-shelf usage: bad\n\nUsage: usage\n']);
		const boom = await run(['boom'], registry);
		assert.equal(boom.code, 1);
		assert.match(boom.err, /unexpected error: .*kaput/);
	});
});

suite('CLI bundle', () => {
	const cli = path.join(repoRoot, 'dist', 'cli.js');
	suiteSetup(function () {
		this.timeout(120_000);
		const build = spawnSync(process.execPath, ['esbuild.js', '--no-typecheck'], { cwd: repoRoot, encoding: 'utf8' });
		assert.equal(build.status, 0, build.stderr);
	});

	test('dist/cli.js runs as a program and finds papers in the bundled digest', function () {
		this.timeout(30_000);
		const result = spawnSync(process.execPath, [cli, 'search', 'quantiz', '--json', '--limit', '3'], { encoding: 'utf8', cwd: os.tmpdir() });
		assert.equal(result.status, 0, result.stderr);
		const rows = JSON.parse(result.stdout) as { title: string }[];
		assert.equal(rows.length, 3);
		assert.ok(rows.every((r) => /quantization/i.test(r.title)), result.stdout);
		const unknown = spawnSync(process.execPath, [cli, 'nope'], { encoding: 'utf8' });
		assert.equal(unknown.status, 2);
		assert.match(unknown.stderr, /unknown command/);
	});
});
