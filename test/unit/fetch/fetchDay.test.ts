import * as assert from 'node:assert/strict';
import { fetchDay, type FetchDayOptions } from '../../../src/core/fetch/fetchDay';
import { HF_PAGE_SIZE } from '../../../src/core/fetch/fetchPlan';
import type { FetchFailure } from '../../../src/core/fetch/fetchResponse';
import type { HttpAnswer } from '../../../src/core/fetch/httpGet';

const enc = new TextEncoder();
const ok = (body: string, status = 200): HttpAnswer => ({ status, statusText: status === 200 ? 'OK' : 'Error', retryAfter: null, bytes: enc.encode(body) });

function hfPage(from: number, count: number): string {
	return JSON.stringify(Array.from({ length: count }, (_, k) => ({ paper: { id: `2608.${String(from + k).padStart(5, '0')}`, title: `Paper ${from + k}`, summary: 'An abstract.', authors: [{ name: 'A. Author' }] } })));
}

function atom(ids: readonly number[], total: number): string {
	const entries = ids.map((n) => `<entry><id>http://arxiv.org/abs/2608.${String(n).padStart(5, '0')}v1</id><title>Paper ${n}</title><summary>An abstract.</summary><author><name>A. Author</name></author></entry>`).join('');
	return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>${entries}</feed>`;
}

function options(source: 'hf' | 'arxiv', answer: (url: URL) => HttpAnswer | FetchFailure, asked: URL[]): FetchDayOptions {
	return {
		source, day: '2026-08-21', category: source === 'arxiv' ? 'cs.LG' : undefined,
		huggingFaceUrl: 'http://127.0.0.1:1/hf', arxivUrl: 'http://127.0.0.1:1/arxiv', maxBytes: 1 << 24,
		get: async (url) => {
			const u = new URL(url);
			asked.push(u);
			return answer(u);
		},
	};
}

suite('Fetching one day, page by page', () => {
	test('Hugging Face: full pages ask for the next, a short page ends the day; each page is its own file', async () => {
		const asked: URL[] = [];
		const r = await fetchDay(options('hf', (u) => {
			const p = Number(u.searchParams.get('p') ?? 0);
			return ok(hfPage(p * HF_PAGE_SIZE, p < 2 ? HF_PAGE_SIZE : 7));
		}, asked));
		assert.ok(!('kind' in r));
		assert.deepEqual(r.pages.map((p) => [p.name, p.papers]), [['2026-08-21.daily_papers.json', HF_PAGE_SIZE], ['2026-08-21.p2.daily_papers.json', HF_PAGE_SIZE], ['2026-08-21.p3.daily_papers.json', 7]]);
		assert.equal(r.papers, 2 * HF_PAGE_SIZE + 7);
		assert.deepEqual(asked.map((u) => u.searchParams.get('p')), [null, '1', '2']);
	});

	test('Hugging Face: a server that ignores paging sends the same page again, and the day stops there', async () => {
		const asked: URL[] = [];
		const r = await fetchDay(options('hf', () => ok(hfPage(0, HF_PAGE_SIZE)), asked));
		assert.ok(!('kind' in r));
		assert.equal(asked.length, 2);
		assert.equal(r.pages.length, 2, 'the repeated page is saved too, and merges away on the shelf');
	});

	test('arXiv: pages by totalResults and start', async () => {
		const asked: URL[] = [];
		const r = await fetchDay(options('arxiv', (u) => {
			const start = Number(u.searchParams.get('start'));
			return ok(atom(start === 0 ? Array.from({ length: 500 }, (_, k) => k) : [500, 501, 502], 503));
		}, asked));
		assert.ok(!('kind' in r));
		assert.deepEqual(asked.map((u) => u.searchParams.get('start')), ['0', '500']);
		assert.deepEqual(r.pages.map((p) => [p.name, p.papers]), [['2026-08-21.arxiv.cs.LG.xml', 500], ['2026-08-21.arxiv.cs.LG.p2.xml', 3]]);
	});

	test('A failing later page fails the whole day: no partial day', async () => {
		const r = await fetchDay(options('hf', (u) => (u.searchParams.get('p') ? ok('oops', 502) : ok(hfPage(0, HF_PAGE_SIZE))), []));
		assert.deepEqual(r, { kind: 'http', status: 502, statusText: 'Error' });
	});

	test('Failures of the GET and bodies that are not UTF-8 are the day\'s failure', async () => {
		assert.deepEqual(await fetchDay(options('hf', () => ({ kind: 'timeout', seconds: 20 }), [])), { kind: 'timeout', seconds: 20 });
		const latin1: HttpAnswer = { status: 200, statusText: 'OK', retryAfter: null, bytes: new Uint8Array([0x5b, 0xe9, 0x5d]) };
		assert.deepEqual(await fetchDay(options('hf', () => latin1, [])), { kind: 'bad-body', detail: 'not UTF-8 text' });
	});
});
