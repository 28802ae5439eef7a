import * as assert from 'node:assert/strict';
import {
	addDays, arxivDayUrl, daysOfSpan, daysPresent, fetchedFileName, fetchedGlobs, hfDayUrl, HF_PAGE_SIZE, isIsoDay, isoWeekOf,
	MAX_PAGES, missingDays, nextArxivStart, normalizeFolder, parseFetchedFileName, wantsNextHfPage,
} from '../../../src/core/fetch/fetchPlan';

suite('The fetch planner', () => {
	test('Days: real calendar days only, moved across months and years', () => {
		assert.ok(isIsoDay('2024-02-29'));
		assert.ok(!isIsoDay('2026-02-29'));
		assert.ok(!isIsoDay('2026-13-01'));
		assert.ok(!isIsoDay('26-11-27'));
		assert.equal(addDays('2026-12-31', 1), '2027-01-01');
		assert.equal(addDays('2026-03-01', -1), '2026-02-28');
	});

	test('ISO weeks: week 1 holds the first Thursday; a week and a month expand to their days, never past today', () => {
		assert.equal(isoWeekOf('2026-11-27'), '2026-W48');
		assert.equal(isoWeekOf('2027-01-01'), '2026-W53');
		assert.equal(isoWeekOf('2021-01-03'), '2020-W53');
		assert.deepEqual(daysOfSpan({ kind: 'week', week: '2026-W48' }, '2026-12-31'), ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29']);
		assert.deepEqual(daysOfSpan({ kind: 'week', week: '2026-W48' }, '2026-11-25'), ['2026-11-23', '2026-11-24', '2026-11-25']);
		assert.equal(daysOfSpan({ kind: 'month', month: '2026-02' }, '2026-12-31')?.length, 28);
		assert.equal(daysOfSpan({ kind: 'month', month: '2024-02' }, '2026-12-31')?.at(-1), '2024-02-29');
		assert.equal(daysOfSpan({ kind: 'month', month: '2026-12' }, '2026-12-31')?.length, 31);
		assert.deepEqual(daysOfSpan({ kind: 'day', day: '2026-11-27' }, '2026-11-27'), ['2026-11-27']);
		assert.deepEqual(daysOfSpan({ kind: 'day', day: '2026-11-28' }, '2026-11-27'), []);
		for (const bad of [{ kind: 'week', week: '2026-W54' }, { kind: 'week', week: '2026-W00' }, { kind: 'month', month: '2026-13' }, { kind: 'day', day: '2026-02-30' }] as const) {
			assert.equal(daysOfSpan(bad, '2030-01-01'), undefined, JSON.stringify(bad));
		}
	});

	test('Which days are missing: since the last fetch, without those present, at most a week, oldest first', () => {
		assert.deepEqual(missingDays({ today: '2026-11-27', have: new Set() }), ['2026-11-27'], 'first time: today only');
		assert.deepEqual(missingDays({ lastFetched: '2026-11-24', today: '2026-11-27', have: new Set() }), ['2026-11-25', '2026-11-26', '2026-11-27']);
		assert.deepEqual(missingDays({ lastFetched: '2026-11-24', today: '2026-11-27', have: new Set(['2026-11-26']) }), ['2026-11-25', '2026-11-27']);
		assert.deepEqual(missingDays({ lastFetched: '2026-11-27', today: '2026-11-27', have: new Set(['2026-11-27']) }), [], 'fetched today already');
		assert.deepEqual(missingDays({ lastFetched: '2026-11-27', today: '2026-11-27', have: new Set() }), ['2026-11-27'], 'fetched today, file gone: again');
		assert.deepEqual(missingDays({ lastFetched: '2026-01-01', today: '2026-11-27', have: new Set() }), ['2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27']);
		assert.deepEqual(missingDays({ lastFetched: '2027-01-01', today: '2026-11-27', have: new Set() }), ['2026-11-27'], 'a clock that went back');
		assert.deepEqual(missingDays({ lastFetched: 'yesterday', today: '2026-11-27', have: new Set() }), ['2026-11-27']);
	});

	test('File names: one per day and source (and category), read back; other files are not fetched files', () => {
		assert.equal(fetchedFileName('hf', '2026-11-27'), '2026-11-27.daily_papers.json');
		assert.equal(fetchedFileName('hf', '2026-11-27', undefined, 1), '2026-11-27.p2.daily_papers.json');
		assert.equal(fetchedFileName('arxiv', '2026-11-27', 'cs.LG'), '2026-11-27.arxiv.cs.LG.xml');
		assert.equal(fetchedFileName('arxiv', '2026-11-27', '../../etc/x', 2), '2026-11-27.arxiv.__.._etc_x.p3.xml');
		assert.deepEqual(parseFetchedFileName('2026-11-27.daily_papers.json'), { source: 'hf', day: '2026-11-27', page: 0 });
		assert.deepEqual(parseFetchedFileName('2026-11-27.p2.daily_papers.json'), { source: 'hf', day: '2026-11-27', page: 1 });
		assert.deepEqual(parseFetchedFileName('2026-11-27.arxiv.cs.LG.p3.xml'), { source: 'arxiv', day: '2026-11-27', category: 'cs.LG', page: 2 });
		assert.equal(parseFetchedFileName('2026-02-30.daily_papers.json'), undefined);
		assert.equal(parseFetchedFileName('notes.md'), undefined);
		const names = ['2026-11-25.daily_papers.json', '2026-11-26.p2.daily_papers.json', '2026-11-26.arxiv.cs.LG.xml', '2026-11-27.arxiv.cs.LG.xml', '2026-11-27.arxiv.cs.AR.xml'];
		assert.deepEqual([...daysPresent(names, 'hf')], ['2026-11-25']);
		assert.deepEqual([...daysPresent(names, 'arxiv', ['cs.LG', 'cs.AR'])], ['2026-11-27'], 'a day counts when every category is there');
	});

	test('The fetch folder stays inside the workspace; its globs find what the names above make', () => {
		assert.equal(normalizeFolder('papers/'), 'papers');
		assert.equal(normalizeFolder('./a\\b'), 'a/b');
		assert.equal(normalizeFolder(''), '');
		assert.equal(normalizeFolder('../outside'), undefined);
		assert.equal(normalizeFolder('C:/x'), undefined);
		assert.equal(normalizeFolder('**'), undefined);
		assert.deepEqual(fetchedGlobs('papers'), ['papers/*.daily_papers.json', 'papers/*.arxiv.*.xml']);
		assert.deepEqual(fetchedGlobs(''), ['*.daily_papers.json', '*.arxiv.*.xml']);
		assert.deepEqual(fetchedGlobs('../x'), []);
	});

	test('Request URLs: the day, the page and the query, encoded', () => {
		assert.equal(hfDayUrl('https://huggingface.co/api/daily_papers', '2026-11-27'), `https://huggingface.co/api/daily_papers?date=2026-11-27&limit=${HF_PAGE_SIZE}`);
		assert.equal(hfDayUrl('http://127.0.0.1:9/api?x=1', '2026-11-27', 2), `http://127.0.0.1:9/api?x=1&date=2026-11-27&limit=${HF_PAGE_SIZE}&p=2`);
		const ax = new URL(arxivDayUrl('https://export.arxiv.org/api/query', 'cs.LG', '2026-11-27', 500));
		assert.equal(ax.searchParams.get('search_query'), 'cat:cs.LG AND submittedDate:[202611270000 TO 202611272359]');
		assert.equal(ax.searchParams.get('start'), '500');
	});

	test('Paging: arXiv by totalResults, Hugging Face while full pages bring new papers; both capped', () => {
		assert.equal(nextArxivStart(1200, 0, 500, 1), 500);
		assert.equal(nextArxivStart(1200, 1000, 200, 3), undefined);
		assert.equal(nextArxivStart(undefined, 0, 500, 1), undefined);
		assert.equal(nextArxivStart(1e9, 0, 500, MAX_PAGES), undefined);
		assert.equal(nextArxivStart(1200, 500, 0, 2), undefined, 'an empty page ends it');
		const full = Array.from({ length: HF_PAGE_SIZE }, (_, k) => `id${k}`);
		assert.ok(wantsNextHfPage(full, new Set(), 1));
		assert.ok(!wantsNextHfPage(full, new Set(full), 2), 'the same page again: the server ignores paging');
		assert.ok(!wantsNextHfPage(full.slice(1), new Set(), 1), 'a short page is the last');
		assert.ok(!wantsNextHfPage(full, new Set(), MAX_PAGES));
	});
});
