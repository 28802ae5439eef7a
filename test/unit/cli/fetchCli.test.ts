import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/cli';
import { EXIT_NO_PAPERS } from '../../../src/cli/commands/fetch';
import type { CliIO } from '../../../src/cli/cliCommand';

const repoRoot = path.resolve(__dirname, '../../../..');
const hfDay = fs.readFileSync(path.join(repoRoot, 'test/fixtures/digests/hf-daily-papers-2026-08-21.json'));
const arxivDay = fs.readFileSync(path.join(repoRoot, 'test/fixtures/fetch/arxiv-api-cs.LG-2026-08-20.atom.xml'));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
	return { code: await main(argv, io), out, err };
}

suite('CLI fetch', function () {
	this.timeout(20_000);
	let server: http.Server;
	let base = '';
	let dir = '';
	const answers = new Map<string, { status: number; body: Buffer | string; headers?: Record<string, string> }>();
	const asked: string[] = [];

	suiteSetup(async () => {
		server = http.createServer((req, res) => {
			asked.push(req.url ?? '');
			const url = new URL(req.url ?? '/', 'http://x');
			const key = url.pathname === '/arxiv' ? 'arxiv' : url.searchParams.get('date') ?? '';
			const a = answers.get(key) ?? { status: 200, body: '[]' };
			res.writeHead(a.status, a.headers);
			res.end(a.body);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	suiteTeardown(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-fetch-'));
		answers.clear();
		asked.length = 0;
	});
	teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('fetches a Hugging Face day, saves it as-is and prints the file it wrote', async () => {
		answers.set('2026-08-21', { status: 200, body: hfDay });
		const r = await run(['fetch', '--source', 'hf', '--date', '2026-08-21', '--out', dir, '--base-url', `${base}/api/daily_papers`]);
		assert.equal(r.code, 0, r.err);
		const file = path.join(dir, '2026-08-21.daily_papers.json');
		assert.equal(r.out, `${file}\n`);
		assert.ok(fs.readFileSync(file).equals(hfDay));
		assert.deepEqual(fs.readdirSync(dir), ['2026-08-21.daily_papers.json']);
		assert.match(asked[0], /^\/api\/daily_papers\?date=2026-08-21&limit=\d+$/);
	});

	test('fetches an arXiv category listing', async () => {
		answers.set('arxiv', { status: 200, body: arxivDay });
		const r = await run(['fetch', '--source', 'arxiv', '--date', '2026-08-20', '--category', 'cs.LG', '--out', dir, '--base-url', `${base}/arxiv`]);
		assert.equal(r.code, 0, r.err);
		assert.equal(r.out, `${path.join(dir, '2026-08-20.arxiv.cs.LG.xml')}\n`);
		assert.ok(fs.readFileSync(path.join(dir, '2026-08-20.arxiv.cs.LG.xml')).equals(arxivDay));
	});

	test('a failure prints one message naming the source and the day, writes nothing, and keeps the previous file', async () => {
		const file = path.join(dir, '2026-08-21.daily_papers.json');
		fs.writeFileSync(file, hfDay);
		for (const [answer, message] of [
			[{ status: 503, body: 'down' }, /answered HTTP 503/],
			[{ status: 429, body: '', headers: { 'retry-after': '30' } }, /HTTP 429\); try again in 30 s/],
			[{ status: 200, body: hfDay.subarray(0, 3000) }, /cannot be read \(invalid JSON/],
			[{ status: 200, body: '<html><body>Bad gateway</body></html>' }, /sent a web page/],
		] as const) {
			answers.set('2026-08-21', answer);
			const r = await run(['fetch', '--source', 'hf', '--date', '2026-08-21', '--out', dir, '--base-url', `${base}/hf`]);
			assert.equal(r.code, 1, r.err);
			assert.equal(r.out, '');
			assert.match(r.err, /^paper-shelf fetch: Could not fetch Hugging Face daily papers for 2026-08-21: /);
			assert.match(r.err, message);
			assert.ok(fs.readFileSync(file).equals(hfDay));
			assert.deepEqual(fs.readdirSync(dir), ['2026-08-21.daily_papers.json']);
		}
	});

	test('an empty day exits with its own code and writes nothing; a smaller answer keeps the bigger file', async () => {
		const empty = await run(['fetch', '--source', 'hf', '--date', '2026-08-22', '--out', dir, '--base-url', `${base}/hf`]);
		assert.equal(empty.code, EXIT_NO_PAPERS);
		assert.equal(empty.out, '');
		assert.deepEqual(fs.readdirSync(dir), []);

		const file = path.join(dir, '2026-08-21.daily_papers.json');
		fs.writeFileSync(file, hfDay);
		answers.set('2026-08-21', { status: 200, body: JSON.stringify((JSON.parse(hfDay.toString('utf8')) as unknown[]).slice(0, 2)) });
		const kept = await run(['fetch', '--source', 'hf', '--date', '2026-08-21', '--out', dir, '--base-url', `${base}/hf`]);
		assert.equal(kept.code, 0);
		assert.match(kept.err, /^kept .* \(17 papers\)/);
		assert.ok(fs.readFileSync(file).equals(hfDay));
	});

	test('connection refused and a timeout are failures', async () => {
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		const refused = await run(['fetch', '--source', 'hf', '--date', '2026-08-21', '--out', dir, '--base-url', `http://127.0.0.1:${port}/hf`]);
		assert.equal(refused.code, 1);
		assert.match(refused.err, /could not be reached \(ECONNREFUSED/);

		const hang = http.createServer(() => undefined);
		await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve));
		try {
			const slow = await run(['fetch', '--source', 'hf', '--date', '2026-08-21', '--out', dir, '--timeout', '0.3', '--base-url', `http://127.0.0.1:${(hang.address() as AddressInfo).port}/hf`]);
			assert.equal(slow.code, 1);
			assert.match(slow.err, /no answer within 0\.3 s/);
		} finally {
			hang.closeAllConnections();
			await new Promise<void>((resolve) => hang.close(() => resolve()));
		}
	});

	test('bad usage exits 2', async () => {
		for (const argv of [['fetch'], ['fetch', '--source', 'rss'], ['fetch', '--source', 'hf', '--date', '2026-02-30'], ['fetch', '--source', 'hf', '--category', 'cs.LG'], ['fetch', '--source', 'arxiv', '--category', 'cat:cs.LG OR x'], ['fetch', '--source', 'hf', '--base-url', 'file:///etc/passwd'], ['fetch', '--source', 'hf', '--timeout', 'soon']]) {
			const r = await run(argv);
			assert.equal(r.code, 2, `${argv.join(' ')}: ${r.err}`);
		}
	});
});
