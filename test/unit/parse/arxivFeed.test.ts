import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectFormat, mergeDigests, parseDigest } from '../../../src/core/parse';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';
import { assertWellFormed, fixture, repoRoot } from './parseTestSupport';

function fetchFixture(name: string): string {
	return fs.readFileSync(path.join(repoRoot, 'test/fixtures/fetch', name), 'utf8');
}

suite('arXiv Atom and RSS listings are a digest format', () => {
	test('The arXiv API manual\'s sample answer: old-style id, wrapped title, authors, categories, dates and links', () => {
		const text = fetchFixture('arxiv-api-manual-electron.atom.xml');
		assert.equal(detectFormat(text), 'arxiv-xml');
		const d = parseDigest(text, 'electron.xml');
		assertWellFormed(d, 'electron.xml', text.split('\n').length);
		assert.equal(d.format, 'arxiv-xml');
		assert.deepEqual(d.diagnostics, []);
		assert.equal(d.papers.length, 1);
		const p = d.papers[0];
		assert.equal(p.id, 'hep-ex/0307015');
		assert.equal(p.title, 'Multi-Electron Production at High Transverse Momenta in ep Collisions at HERA');
		assert.deepEqual(p.authors, ['H1 Collaboration']);
		assert.equal(p.date, '2003-07-07');
		assert.equal(p.year, 2003);
		assert.deepEqual(p.categories, ['hep-ex']);
		assert.match(p.abstract, /^Multi-electron production is studied .* respectively\.$/s);
		assert.equal(p.links.arxivAbs, 'https://arxiv.org/abs/hep-ex/0307015');
		assert.equal(p.source.startLine, 10);
	});

	test('A day of a category: versions, primary category first, entities decoded, and the HF record merges with it', () => {
		const text = fetchFixture('arxiv-api-cs.LG-2026-08-20.atom.xml');
		const d = parseDigest(text, '2026-08-20.arxiv.cs.LG.xml');
		assert.deepEqual(d.diagnostics, []);
		assert.deepEqual(d.papers.map((p) => [p.id, p.arxivVersion]), [['2608.19880', 2], ['2608.18580', 1], ['2608.20417', 1]]);
		const sparse = d.papers[2];
		assert.equal(sparse.title, 'Sparse Mixtures & Low-Rank Adapters: When Does r < d Help?');
		assert.deepEqual(sparse.authors, ['Émilie Durand', 'Kenji Watanabe', "Siobhán O'Neill"]);
		assert.deepEqual(sparse.categories, ['cs.LG', 'stat.ML']);
		assert.deepEqual(d.papers[1].categories, ['cs.SE', 'cs.LG']);

		const hf = parseDigest(fixture('hf-daily-papers-2026-08-21.json'), 'hf.json');
		const merged = mergeDigests([hf, d]);
		const env = merged.filter((p) => p.id === '2608.19880');
		assert.equal(env.length, 1, 'one paper from two sources');
		assert.equal(env[0].upvotes, 163, 'upvotes from Hugging Face');
		assert.ok(env[0].keywords.includes('EnvHarness'), 'keywords from Hugging Face');
		assert.deepEqual(env[0].categories, ['cs.LG', 'cs.AI', 'cs.CL'], 'categories from arXiv');
		assert.equal(env[0].arxivVersion, 2);
		assert.match(env[0].aiSummary ?? '', /^EnvHarness and EnvRigger/);
		assert.equal(env[0].githubStars, 8);
	});

	test('The category RSS feed: id and version from the guid, the announce prefix dropped, dc:creator split, the day from pubDate', () => {
		const text = fetchFixture('arxiv-rss-cs.LG-2026-08-21.rss.xml');
		assert.equal(detectFormat(text), 'arxiv-xml');
		const d = parseDigest(text, 'cs.LG.rss.xml');
		assert.deepEqual(d.diagnostics, []);
		assert.deepEqual(d.papers.map((p) => [p.id, p.arxivVersion, p.date]), [['2608.19880', 1, '2026-08-21'], ['2608.20335', 1, '2026-08-21'], ['2501.00417', 3, '2026-08-21']]);
		const env = d.papers[0];
		assert.match(env.abstract, /^LLM agents learn by interacting/);
		assert.deepEqual(env.authors.slice(0, 3), ['Chengsong Huang', 'Zifeng Wang', 'Rujun Han']);
		assert.deepEqual(env.categories, ['cs.LG', 'cs.AI']);
	});

	test('Two versions of one paper from two listings are one paper with the higher version', () => {
		const atom = parseDigest(fetchFixture('arxiv-api-cs.LG-2026-08-20.atom.xml'), 'a.xml');
		const rss = parseDigest(fetchFixture('arxiv-rss-cs.LG-2026-08-21.rss.xml'), 'b.xml');
		for (const order of [[atom, rss], [rss, atom]]) {
			const env = mergeDigests(order).filter((p) => p.id === '2608.19880');
			assert.equal(env.length, 1);
			assert.equal(env[0].arxivVersion, 2);
		}
	});

	test('An API error answer is an error naming the API\'s message, with no papers', () => {
		const d = parseDigest(fetchFixture('arxiv-api-manual-error.atom.xml'), 'err.xml');
		assert.equal(d.papers.length, 0);
		assert.ok(d.diagnostics.some((x) => x.severity === 'error' && x.message.includes('incorrect id format for 1234.12345')), JSON.stringify(d.diagnostics));
	});

	test('A truncated document keeps the entries read and reports where it broke', () => {
		const text = fetchFixture('arxiv-api-cs.LG-2026-08-20.atom.xml');
		const cut = text.slice(0, text.lastIndexOf('<entry>') + 200);
		const d = parseDigest(cut, 'cut.xml');
		assert.equal(d.papers.length, 2);
		const err = d.diagnostics.find((x) => x.severity === 'error');
		assert.ok(err, 'an error');
		assert.match(err.message, /not well-formed XML at line \d+, column \d+/);
	});

	test('Entities a document declares are never expanded: a billion-laughs document is refused at once', () => {
		const lol = `<?xml version="1.0"?>
<!DOCTYPE feed [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2401.00001v1</id><title>&lol9;</title><summary>&lol9;</summary></entry></feed>`;
		const start = Date.now();
		const d = parseDigest(lol, 'lol.xml');
		assert.ok(Date.now() - start < 1000, 'answers at once');
		assert.equal(d.papers.length, 0);
		assert.ok(d.diagnostics.some((x) => x.severity === 'error' && /not well-formed XML/.test(x.message)), JSON.stringify(d.diagnostics));
		assert.ok(!d.papers.some((p) => p.title.includes('lol')));
	});

	test('Hostile text stays text: markup in titles is kept literally, javascript: links are dropped', () => {
		const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2401.00002v1</id>
<title>&lt;img src=x onerror=alert(1)&gt; [click](command:workbench.action.quit)</title><summary><![CDATA[<script>alert(1)</script>]]></summary>
<link href="javascript:alert(1)" rel="alternate"/></entry></feed>`;
		const d = parseDigest(xml, 'hostile.xml');
		assert.equal(d.papers.length, 1);
		assert.equal(d.papers[0].title, '<img src=x onerror=alert(1)> [click](command:workbench.action.quit)');
		assert.equal(d.papers[0].abstract, '<script>alert(1)</script>');
		assert.equal(d.papers[0].links.arxivAbs, 'https://arxiv.org/abs/2401.00002', 'the id\'s own link, not the javascript: one');
		assert.ok(d.diagnostics.some((x) => x.message.includes('not http(s)')));
	});

	test('An HTML page, or XML of another kind, is not an arXiv listing', () => {
		assert.notEqual(detectFormat('<!DOCTYPE html><html><body>502 Bad Gateway</body></html>'), 'arxiv-xml');
		const d = parseDigest('<?xml version="1.0"?><opml><body/></opml>', 'x.xml', { formatHint: 'arxiv-xml' });
		assert.equal(d.papers.length, 0);
		assert.ok(d.diagnostics.some((x) => x.severity === 'error'));
	});

	test('A large listing parses in time linear in its size', function () {
		this.timeout(60_000);
		const text = fetchFixture('arxiv-api-cs.LG-2026-08-20.atom.xml');
		const body = text.slice(text.indexOf('<entry>'), text.lastIndexOf('</feed>'));
		const head = text.slice(0, text.indexOf('<entry>'));
		const make = (n: number) => {
			const parts: string[] = [head];
			for (let k = 0; k < n; k++) parts.push(body.replace(/2608\.(\d{5})/g, (_m, d: string) => `2608.${String((Number(d) + k * 7) % 100000).padStart(5, '0')}`));
			return parts.join('') + '</feed>';
		};
		const small = make(20);
		const large = make(200);
		const r = timeRatio((t: string) => parseDigest(t, 'big.xml'), small, large);
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, small.length, large.length));
	});
});
