import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkBody, describeFailure, retryAfterSeconds, statusFailure, type FetchFailure } from '../../../src/core/fetch/fetchResponse';
import { networkFailure } from '../../../src/core/fetch/httpGet';
import { repoRoot } from '../parse/parseTestSupport';

const hfDay = fs.readFileSync(path.join(repoRoot, 'test/fixtures/digests/hf-daily-papers-2026-08-21.json'), 'utf8');
const arxivDay = fs.readFileSync(path.join(repoRoot, 'test/fixtures/fetch/arxiv-api-cs.LG-2026-08-20.atom.xml'), 'utf8');
const arxivError = fs.readFileSync(path.join(repoRoot, 'test/fixtures/fetch/arxiv-api-manual-error.atom.xml'), 'utf8');

function failure(x: ReturnType<typeof checkBody>): FetchFailure {
	assert.ok('kind' in x, `expected a failure, got ${JSON.stringify(x)}`);
	return x;
}

suite('Judging a fetched body before it is saved', () => {
	test('A real Hugging Face day and an arXiv day are good, with their papers counted', () => {
		const hf = checkBody(hfDay, 'hf', '2026-08-21.daily_papers.json');
		assert.ok(!('kind' in hf));
		assert.equal(hf.papers, 17);
		const ax = checkBody(arxivDay, 'arxiv', '2026-08-20.arxiv.cs.LG.xml');
		assert.ok(!('kind' in ax));
		assert.equal(ax.papers, 3);
		assert.equal(ax.totalResults, 3);
		assert.equal(ax.entries, 3);
	});

	test('Truncated, non-JSON, HTML, empty and error answers are refused, each for its reason', () => {
		assert.equal(failure(checkBody(hfDay.slice(0, hfDay.length / 2), 'hf', 'x.daily_papers.json')).kind, 'bad-body');
		assert.match(describeFailure(failure(checkBody(hfDay.slice(0, 5000), 'hf', 'x.json')), 'hf', '2026-08-21'), /^Could not fetch Hugging Face daily papers for 2026-08-21: the answer cannot be read \(invalid JSON at line \d+/);
		assert.equal(failure(checkBody('Service Unavailable', 'hf', 'x.json')).kind, 'bad-body');
		assert.equal(failure(checkBody('<!DOCTYPE html><html><body><h1>502</h1></body></html>', 'hf', 'x.json')).kind, 'html');
		assert.equal(failure(checkBody('<html><body>oops</body></html>', 'arxiv', 'x.xml')).kind, 'html');
		assert.equal(failure(checkBody('[]', 'hf', 'x.json')).kind, 'empty');
		assert.equal(failure(checkBody(' [ \n ] ', 'hf', 'x.json')).kind, 'empty');
		assert.equal(failure(checkBody('', 'hf', 'x.json')).kind, 'bad-body');
		assert.match(describeFailure(failure(checkBody('{"error":"Invalid date"}', 'hf', 'x.json')), 'hf', '2026-08-21'), /the server says: Invalid date/);
		assert.equal(failure(checkBody('[{"nope": 1}]', 'hf', 'x.json')).kind, 'empty');
		assert.equal(failure(checkBody(arxivDay.slice(0, arxivDay.length - 40), 'arxiv', 'x.xml')).kind, 'bad-body');
		const apiErr = failure(checkBody(arxivError, 'arxiv', 'x.xml'));
		assert.equal(apiErr.kind, 'api-error');
		assert.match(describeFailure(apiErr, 'arxiv', '2026-08-20', 'cs.LG'), /^Could not fetch arXiv cs.LG for 2026-08-20: the arXiv API answered with an error: incorrect id format/);
		const emptyFeed = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">0</opensearch:totalResults></feed>';
		assert.equal(failure(checkBody(emptyFeed, 'arxiv', 'x.xml')).kind, 'empty');
		assert.equal(failure(checkBody(hfDay, 'arxiv', 'x.xml')).kind, 'bad-body', 'JSON where a feed was asked for');
		assert.equal(failure(checkBody(hfDay, 'hf', 'x.json', 1000)).kind, 'bad-body', 'over the size limit');
	});

	test('HTTP statuses: 2xx is success, 429 reads Retry-After as seconds or a date, others name the status', () => {
		const now = new Date('2026-11-27T10:00:00Z');
		assert.equal(statusFailure(200, 'OK', null, now), undefined);
		assert.deepEqual(statusFailure(429, 'Too Many Requests', '120', now), { kind: 'rate-limited', retryAfterSeconds: 120 });
		assert.deepEqual(statusFailure(429, '', 'Fri, 27 Nov 2026 10:05:00 GMT', now), { kind: 'rate-limited', retryAfterSeconds: 300 });
		assert.deepEqual(statusFailure(429, '', 'soon', now), { kind: 'rate-limited' });
		assert.deepEqual(statusFailure(503, 'Service Unavailable', null, now), { kind: 'http', status: 503, statusText: 'Service Unavailable' });
		assert.equal(retryAfterSeconds('Thu, 26 Nov 2026 10:05:00 GMT', now), 0, 'a date in the past: now');
	});

	test('Every failure message names the source and the day', () => {
		const all: FetchFailure[] = [
			{ kind: 'network', detail: 'ECONNREFUSED' }, { kind: 'timeout', seconds: 20 }, { kind: 'cancelled' },
			{ kind: 'http', status: 404, statusText: 'Not Found' }, { kind: 'rate-limited', retryAfterSeconds: 3600 }, { kind: 'rate-limited' },
			{ kind: 'too-large', maxBytes: 1 << 20 }, { kind: 'html' }, { kind: 'bad-body', detail: 'x' }, { kind: 'api-error', detail: 'y' }, { kind: 'empty' },
		];
		for (const f of all) {
			const m = describeFailure(f, 'hf', '2026-11-27');
			assert.match(m, /Hugging Face daily papers for 2026-11-27/, f.kind);
			assert.match(describeFailure(f, 'arxiv', '2026-11-27', 'cs.AR'), /arXiv cs\.AR for 2026-11-27/, f.kind);
		}
		assert.match(describeFailure({ kind: 'rate-limited', retryAfterSeconds: 3600 }, 'hf', '2026-11-27'), /try again in 60 min/);
	});
});

suite('A fetch that threw', () => {
	test("a browser's reasonless failure names both the network and CORS; Node's names its cause", () => {
		for (const message of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
			const failure = networkFailure(new TypeError(message));
			assert.deepEqual(failure, { kind: 'network', detail: message, noReason: true });
			const text = describeFailure(failure, 'hf', '2026-11-27');
			assert.match(text, /CORS/);
			assert.match(text, /2026-11-27/);
		}
		const node = networkFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }));
		assert.deepEqual(node, { kind: 'network', detail: 'ECONNREFUSED' });
		assert.doesNotMatch(describeFailure(node, 'hf', '2026-11-27'), /CORS/);
		// Any other error is not taken for a browser's silence.
		assert.equal((networkFailure(new Error('Failed to fetch')) as { noReason?: boolean }).noReason, undefined);
	});
});
