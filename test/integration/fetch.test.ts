import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DayResult } from '../../src/extension/fetch/dailyFetcher';
import { DigestSources } from '../../src/extension/library/digestSources';
import { NEW_MARKER, PaperNode } from '../../src/extension/tree/papersTree';
import { nodeOnlySuite, shelfApi, waitFor, workspaceUri, type TestApi } from './helpers';

// Read when the suite starts (Node host only: see nodeOnlySuite below), not when the file loads.
let hfDay: Buffer;
let arxivDay: Buffer;
let hfIds: string[];
let repoRoot: string;
function loadFixtures(): void {
	repoRoot = path.resolve(__dirname, '..', '..', '..');
	hfDay = fs.readFileSync(path.join(repoRoot, 'test/fixtures/digests/hf-daily-papers-2026-08-21.json'));
	arxivDay = fs.readFileSync(path.join(repoRoot, 'test/fixtures/fetch/arxiv-api-cs.LG-2026-08-20.atom.xml'));
	hfIds = (JSON.parse(hfDay.toString('utf8')) as { paper: { id: string } }[]).map((i) => i.paper.id);
}

/** How the test server answers a Hugging Face day: by `date`, set per test. */
type Answer = { status?: number; headers?: Record<string, string>; body?: string | Buffer; hang?: boolean };

/** A local server standing in for Hugging Face (/hf) and arXiv (/arxiv); records what it was asked. */
class TestServer {
	readonly requests: string[] = [];
	readonly hf = new Map<string, Answer>();
	arxiv: Answer = {};
	private readonly _server = http.createServer((req, res) => this._answer(req, res));
	private readonly _hanging = new Set<http.ServerResponse>();

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this._server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this._server.address() as AddressInfo).port}`;
	}

	async stop(): Promise<void> {
		this._hanging.forEach((r) => r.destroy());
		this._server.closeAllConnections();
		await new Promise<void>((resolve) => this._server.close(() => resolve()));
	}

	private _answer(req: http.IncomingMessage, res: http.ServerResponse): void {
		this.requests.push(req.url ?? '');
		const url = new URL(req.url ?? '/', 'http://x');
		const answer = url.pathname === '/arxiv' ? this.arxiv : this.hf.get(url.searchParams.get('date') ?? '') ?? { body: '[]' };
		if (answer.hang) {
			this._hanging.add(res);
			return;
		}
		res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
		res.end(answer.body ?? '');
	}
}

async function setFetchSettings(values: Record<string, unknown>): Promise<void> {
	const config = vscode.workspace.getConfiguration('paperShelf');
	for (const [key, value] of Object.entries(values)) {
		await config.update(key, value, vscode.ConfigurationTarget.Workspace);
	}
}

async function fetchHf(day: string): Promise<DayResult> {
	const results = await vscode.commands.executeCommand<DayResult[]>('paperShelf.fetchDailyPapers', { day, quiet: true });
	assert.equal(results.length, 1, JSON.stringify(results));
	return results[0];
}

function fileBytes(name: string): Buffer | undefined {
	const file = workspaceUri('papers', name).fsPath;
	return fs.existsSync(file) ? fs.readFileSync(file) : undefined;
}

nodeOnlySuite('Fetching daily papers and arXiv listings', 'scripts each answer of its own node:http server (failures, hangs, paging); fetchInEveryHost.test.ts fetches in the web worker host', () => {
	let server: TestServer;
	let base = '';
	let api: TestApi;

	suiteSetup(async () => {
		loadFixtures();
		server = new TestServer();
		server.arxiv = { body: arxivDay, headers: { 'content-type': 'application/atom+xml' } };
		api = await shelfApi();
		base = await server.start();
		await setFetchSettings({ 'fetch.huggingFaceUrl': `${base}/hf`, 'fetch.arxivUrl': `${base}/arxiv`, 'fetch.timeoutSeconds': 1.5 });
	});

	suiteTeardown(async () => {
		await server.stop();
		await setFetchSettings({ 'fetch.huggingFaceUrl': undefined, 'fetch.arxivUrl': undefined, 'fetch.timeoutSeconds': undefined, sortBy: undefined });
		fs.rmSync(workspaceUri('papers').fsPath, { recursive: true, force: true });
		await api.testing.library.reload();
		await api.testing.newPapers.markSeen(api.testing.library.papers.map((p) => p.id));
	});

	test('a day is saved as the server sent it, its papers land on the shelf marked new, the badge counts them, and opening one marks it seen', async () => {
		server.hf.set('2026-08-21', { body: hfDay });
		const result = await fetchHf('2026-08-21');
		assert.equal(result.outcome, 'saved', result.message);
		assert.equal(result.papers, 17);
		assert.match(result.message, /^Fetched 17 papers of Hugging Face daily papers for 2026-08-21 into papers\/2026-08-21\.daily_papers\.json\.$/);
		assert.ok(fileBytes('2026-08-21.daily_papers.json')?.equals(hfDay), 'the file holds the answer byte for byte');
		assert.ok(server.requests.some((r) => r.startsWith('/hf?date=2026-08-21')), JSON.stringify(server.requests));
		assert.deepEqual(fs.readdirSync(workspaceUri('papers').fsPath), ['2026-08-21.daily_papers.json'], 'no temporary file is left');

		const state = () => JSON.stringify({ newIds: api.testing.newPapers.newIds, badge: api.testing.view.view.badge, papers: api.testing.library.papers.length });
		await waitFor('the fetched papers to be new', () => hfIds.every((id) => api.testing.newPapers.has(id)), 20_000, state);
		await waitFor('the badge to count them', () => api.testing.view.view.badge?.value === api.testing.newPapers.newIds.length && api.testing.newPapers.newIds.length >= 17, 10_000, state);
		const before = api.testing.view.view.badge!.value;

		// The tree: a New group first, and a quiet marker on each new paper.
		const roots = api.testing.view.tree.getChildren();
		const first = roots[0];
		assert.ok(!(first instanceof PaperNode) && first.group.kind === 'new', 'the New group comes first');
		const row = api.testing.view.tree.getChildren(first)[0];
		const item = api.testing.view.tree.getTreeItem(row);
		assert.ok(String(item.description).startsWith(NEW_MARKER), String(item.description));
		assert.match(item.accessibilityInformation?.label ?? '', /^new, /);

		// Opening a paper marks it seen.
		const opened = hfIds[0];
		await vscode.commands.executeCommand('paperShelf.openAbstract', opened);
		await waitFor('the opened paper to be seen', () => !api.testing.newPapers.has(opened) && api.testing.view.view.badge?.value === before - 1, 10_000, state);
		const seenItem = api.testing.view.tree.getTreeItem(api.testing.view.tree.findPaper(opened)!);
		assert.ok(!String(seenItem.description).startsWith(NEW_MARKER));
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('sorting by upvotes puts the Daily Papers ranking first in every group', async () => {
		await vscode.commands.executeCommand('paperShelf.sortBy', 'upvotes');
		await waitFor('the sort to apply', () => api.testing.view.tree.sortBy === 'upvotes');
		const group = api.testing.view.tree.getChildren().find((n) => !(n instanceof PaperNode) && n.group.papers.length > 2);
		assert.ok(group && !(group instanceof PaperNode));
		const upvotes = group.group.papers.map((p) => p.upvotes ?? -1);
		assert.deepEqual(upvotes, [...upvotes].sort((a, b) => b - a));
		await vscode.commands.executeCommand('paperShelf.sortBy', 'digest');
	});

	test('failures each give one message naming the source and the day, write nothing, and never replace the previous file', async () => {
		const name = '2026-08-21.daily_papers.json';
		const cases: [string, Answer, RegExp][] = [
			['HTTP 503', { status: 503, body: 'Service Unavailable' }, /answered HTTP 503/],
			['HTTP 404', { status: 404, body: '{"error":"Not found"}' }, /answered HTTP 404/],
			['429 with Retry-After', { status: 429, headers: { 'retry-after': '90' }, body: '' }, /rate-limiting requests \(HTTP 429\); try again in 90 s/],
			['a timeout', { hang: true }, /no answer within 1\.5 s/],
			['a truncated body', { body: hfDay.subarray(0, hfDay.length / 2) }, /cannot be read \(invalid JSON at line \d+, column \d+/],
			['a non-JSON body', { body: 'upstream connect error or disconnect/reset before headers' }, /cannot be read/],
			['an HTML error page', { body: '<!DOCTYPE html><html><body><h1>We had a problem</h1></body></html>', headers: { 'content-type': 'text/html' } }, /sent a web page instead of JSON/],
			['an empty day', { body: '[]' }, /^No papers for Hugging Face daily papers for 2026-08-21 \(yet\): nothing was saved\.$/],
		];
		for (const [what, answer, message] of cases) {
			server.hf.set('2026-08-21', answer);
			const result = await fetchHf('2026-08-21');
			assert.equal(result.outcome, 'failed', `${what}: ${result.message}`);
			assert.match(result.message, message, what);
			assert.match(result.message, /Hugging Face daily papers for 2026-08-21/, what);
			assert.ok(fileBytes(name)?.equals(hfDay), `${what}: the previous file is untouched`);
			assert.deepEqual(fs.readdirSync(workspaceUri('papers').fsPath), [name], `${what}: no temporary file is left`);
		}

		// A good answer with fewer papers than the saved file does not replace it either.
		const fewer = JSON.stringify((JSON.parse(hfDay.toString('utf8')) as unknown[]).slice(0, 3));
		server.hf.set('2026-08-21', { body: fewer });
		const kept = await fetchHf('2026-08-21');
		assert.equal(kept.outcome, 'kept', kept.message);
		assert.ok(fileBytes(name)?.equals(hfDay));

		// No network: a port nobody listens on.
		const closed = http.createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise<void>((resolve) => closed.close(() => resolve()));
		await setFetchSettings({ 'fetch.huggingFaceUrl': `http://127.0.0.1:${port}/hf` });
		try {
			const refused = await fetchHf('2026-08-21');
			assert.equal(refused.outcome, 'failed');
			assert.match(refused.message, /^Could not fetch Hugging Face daily papers for 2026-08-21: the server could not be reached \(ECONNREFUSED/, refused.message);
			assert.ok(fileBytes(name)?.equals(hfDay));
		} finally {
			await setFetchSettings({ 'fetch.huggingFaceUrl': `${base}/hf` });
		}
	});

	test('cancelling stops a fetch in flight: nothing is written, the day says it was cancelled', async () => {
		server.hf.set('2026-08-19', { hang: true });
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 300);
		const started = Date.now();
		const results = await api.testing.fetcher.fetchDays('hf', ['2026-08-19', '2026-08-20'], [], controller.signal);
		assert.ok(Date.now() - started < 1_400, 'sooner than the 1.5 s timeout');
		assert.deepEqual(results.map((r) => [r.day, r.failure?.kind]), [['2026-08-19', 'cancelled'], ['2026-08-20', 'cancelled']]);
		assert.match(results[0].message, /^Fetching Hugging Face daily papers for 2026-08-19 was cancelled\.$/);
		assert.equal(fileBytes('2026-08-19.daily_papers.json'), undefined);
		server.hf.delete('2026-08-19');
	});

	test('a week is fetched day by day: good days saved, empty days skipped, one summary', async () => {
		server.hf.set('2026-08-17', { body: JSON.stringify((JSON.parse(hfDay.toString('utf8')) as unknown[]).slice(3, 6)) });
		const results = await vscode.commands.executeCommand<DayResult[]>('paperShelf.fetchDailyPapers', { week: '2026-W34', quiet: true });
		assert.deepEqual(results.map((r) => r.day), ['2026-08-17', '2026-08-18', '2026-08-19', '2026-08-20', '2026-08-21', '2026-08-22', '2026-08-23']);
		assert.equal(results.find((r) => r.day === '2026-08-17')?.outcome, 'saved');
		assert.ok(results.filter((r) => r.day !== '2026-08-17' && r.day !== '2026-08-21').every((r) => r.failure?.kind === 'empty'));
		assert.ok(fileBytes('2026-08-17.daily_papers.json'));
	});

	test('an arXiv listing is saved as-is and read as arXiv Atom; the same paper from both sources is one, with upvotes and categories', async () => {
		const results = await vscode.commands.executeCommand<DayResult[]>('paperShelf.fetchArxivListing', { day: '2026-08-20', categories: ['cs.LG'], quiet: true });
		assert.equal(results.length, 1);
		assert.equal(results[0].outcome, 'saved', results[0].message);
		assert.ok(fileBytes('2026-08-20.arxiv.cs.LG.xml')?.equals(arxivDay));
		const asked = server.requests.find((r) => r.startsWith('/arxiv'));
		assert.ok(asked);
		assert.equal(new URL(asked, 'http://x').searchParams.get('search_query'), 'cat:cs.LG AND submittedDate:[202608200000 TO 202608202359]');
		await waitFor('the arXiv-only paper to land', () => api.testing.library.get('2608.20417'));
		const env = api.testing.library.papers.filter((p) => p.id === '2608.19880');
		assert.equal(env.length, 1);
		assert.equal(env[0].upvotes, 163);
		assert.deepEqual(env[0].categories, ['cs.LG', 'cs.AI', 'cs.CL']);
		assert.equal(env[0].arxivVersion, 2);
		assert.ok(api.testing.newPapers.has('2608.20417'), 'the arXiv-only paper is new');

		server.arxiv = { body: '<html><body>Rate exceeded.</body></html>', headers: { 'content-type': 'text/html' } };
		const bad = await vscode.commands.executeCommand<DayResult[]>('paperShelf.fetchArxivListing', { day: '2026-08-20', categories: ['cs.LG'], quiet: true });
		assert.match(bad[0].message, /^Could not fetch arXiv cs\.LG for 2026-08-20: the server sent a web page/);
		assert.ok(fileBytes('2026-08-20.arxiv.cs.LG.xml')?.equals(arxivDay));
	});

	test('the startup fetch gets what is missing once a day, and mark-all-seen clears the badge', async () => {
		await setFetchSettings({ 'fetch.onStartup': 'daily-papers' });
		try {
			// The manual fetches above ran today; two days later, the two days since are missing (and answer empty here).
			const later = '2099-01-02';
			server.requests.length = 0;
			const first = await api.testing.fetcher.fetchOnStartup(later);
			assert.deepEqual(first.map((r) => r.day), ['2098-12-27', '2098-12-28', '2098-12-29', '2098-12-30', '2098-12-31', '2099-01-01', '2099-01-02'].slice(-first.length));
			assert.ok(first.length >= 1 && first.length <= 7, 'at most a week');
			assert.ok(server.requests.some((r) => r.includes('date=2099-01-02')), JSON.stringify(server.requests));
			const again = await api.testing.fetcher.fetchOnStartup(later);
			assert.deepEqual(again, [], 'not twice a day');
		} finally {
			await setFetchSettings({ 'fetch.onStartup': undefined });
		}
		// Mark as Seen on a group marks the papers under it, and only those.
		const group = api.testing.view.tree.getChildren().find((n) => !(n instanceof PaperNode) && n.group.kind !== 'new' && n.group.papers.some((p) => api.testing.newPapers.has(p.id)));
		assert.ok(group && !(group instanceof PaperNode), 'a group with new papers');
		const under = new Set(group.group.papers.map((p) => p.id));
		const elsewhere = api.testing.newPapers.newIds.filter((id) => !under.has(id));
		await vscode.commands.executeCommand('paperShelf.markGroupSeen', group);
		await waitFor('the group\'s papers to be seen', () => [...under].every((id) => !api.testing.newPapers.has(id)));
		assert.deepEqual(api.testing.newPapers.newIds.filter((id) => !under.has(id)), elsewhere);
		await vscode.commands.executeCommand('paperShelf.markAllSeen');
		await waitFor('the badge to go', () => api.testing.view.view.badge === undefined && api.testing.newPapers.newIds.length === 0);
	});

	test('without a workspace folder, the fetched files of global storage are on the shelf (and only the fetched ones)', async () => {
		const folder = vscode.Uri.file(fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-global-')));
		const memory = new Map<string, unknown>();
		const memento: vscode.Memento = { keys: () => [...memory.keys()], get: <T>(k: string, d?: T) => (memory.has(k) ? memory.get(k) as T : d), update: async (k, v) => void memory.set(k, v) };
		const bundled = vscode.Uri.file(path.join(repoRoot, 'media', 'digests', 'daily-papers.txt'));
		fs.writeFileSync(path.join(folder.fsPath, '2026-08-21.daily_papers.json'), hfDay);
		fs.writeFileSync(path.join(folder.fsPath, 'notes.json'), '[]');
		fs.writeFileSync(path.join(folder.fsPath, '.2026-08-22.daily_papers.json.x1.partial'), '[');
		const names = async (sources: DigestSources) => (await sources.find([], 'auto')).map((s) => `${s.origin} ${s.uri.path.split('/').pop()}`);
		const noWorkspace = new DigestSources(bundled, memento, 'opened', { uri: folder, when: () => true });
		const withWorkspace = new DigestSources(bundled, memento, 'opened', { uri: folder });
		try {
			assert.deepEqual(await names(noWorkspace), ['fetched 2026-08-21.daily_papers.json'], 'the bundled digest steps aside, as for workspace digests');
			assert.deepEqual(await names(withWorkspace), ['bundled daily-papers.txt'], 'with a workspace folder open, its fetch folder is used instead');
		} finally {
			noWorkspace.dispose();
			withWorkspace.dispose();
			fs.rmSync(folder.fsPath, { recursive: true, force: true });
		}
	});
});
