import * as assert from 'node:assert/strict';
import { PaperIndex } from '../../../src/core/search/paperIndex';
import { fakePaper, ids, picked } from './fakePapers';

const papers = [
	fakePaper('abs-only', 'Efficient serving of large models', 'We apply quantization to the weights of a transformer.'),
	fakePaper('title', 'Quantization of transformer weights', 'A study of low-bit formats.'),
	fakePaper('meta', 'Low-bit inference', 'Running models on phones.', { keywords: ['quantization'], authors: ['Ada Quantile'] }),
	fakePaper('unrelated', 'Protein folding with diffusion', 'Structures of proteins are predicted by a diffusion model.'),
	fakePaper('both-words', 'Sparse attention', 'Diffusion models with sparse attention generate images.'),
	fakePaper('one-word-title', 'Diffusion everywhere', 'Nothing about the other word.'),
];

function index(list = papers): PaperIndex {
	const ix = new PaperIndex();
	ix.addDigest('digest', list);
	return ix;
}

suite('PaperIndex search', () => {
	test('A title match ranks before an authors/keywords match, which ranks before an abstract match', () => {
		const hits = index().search('quantization');
		assert.deepStrictEqual(ids(hits), ['title', 'meta', 'abs-only']);
		assert.ok(hits[0].score > hits[1].score && hits[1].score > hits[2].score);
	});

	test('The last word of the query matches as a prefix, in titles and in abstracts', () => {
		assert.deepStrictEqual(ids(index().search('quantiz')), ['title', 'meta', 'abs-only']);
		assert.deepStrictEqual(ids(index().search('diffusion mod')).slice(0, 2).sort(), ['both-words', 'unrelated']);
	});

	test('A word followed by a space is a whole word, not a prefix', () => {
		assert.deepStrictEqual(ids(index().search('quantiz ')), []);
		assert.deepStrictEqual(ids(index().search('quantization ')), ['title', 'meta', 'abs-only']);
	});

	test('One typo in a longer word still finds it', () => {
		const ix = index();
		assert.deepStrictEqual(ids(ix.search('quantizaton')), ['title', 'meta', 'abs-only']);
		assert.deepStrictEqual(ids(ix.search('transfomer')), ['title', 'abs-only']);
		assert.deepStrictEqual(ids(ix.search('tarnsformer')), ['title', 'abs-only'], 'two swapped letters count as one slip');
	});

	test('Two typos, or a typo in a short word, find nothing', () => {
		const ix = index();
		assert.deepStrictEqual(ids(ix.search('qantizaton')), []);
		assert.deepStrictEqual(ids(ix.search('bti ')), [], 'three letters get no typo');
	});

	test('Papers with all query words across title and abstract rank before papers with some of them', () => {
		const hits = index().search('sparse diffusion');
		assert.equal(hits[0].paper.id, 'both-words');
		assert.ok(Math.floor(hits[0].score) === 2 && hits.slice(1).every((h) => Math.floor(h.score) === 1));
		assert.deepStrictEqual(ids(hits).slice(1).sort(), ['one-word-title', 'unrelated']);
	});

	test('Stopwords in the query neither match nor stop papers from having all words', () => {
		const hits = index().search('the diffusion of proteins ');
		assert.equal(hits[0].paper.id, 'unrelated');
		assert.equal(Math.floor(hits[0].score), 2);
	});

	test('Match ranges point at the matched words of title and abstract', () => {
		const hit = index().search('transformer quantiz').find((h) => h.paper.id === 'title');
		assert.ok(hit);
		assert.deepStrictEqual(picked(hit.paper.title, hit.matches.title), ['Quantization', 'transformer']);
		assert.deepStrictEqual(hit.matches.abstract, []);
		const abs = index().search('quantization').find((h) => h.paper.id === 'abs-only');
		assert.ok(abs);
		assert.deepStrictEqual(picked(abs.paper.abstract, abs.matches.abstract), ['quantization']);
	});

	test('Match ranges are offsets into the original text, accents and case included', () => {
		const ix = index([fakePaper('acc', 'Élan: Über-fast ÉLAN models', '')]);
		const hit = ix.search('elan')[0];
		assert.deepStrictEqual(picked(hit.paper.title, hit.matches.title), ['Élan', 'ÉLAN']);
	});

	test('The limit caps the number of hits, and an empty query finds nothing', () => {
		const ix = index();
		assert.equal(ix.search('d', { limit: 1 }).length, 1);
		assert.deepStrictEqual(ix.search(''), []);
		assert.deepStrictEqual(ix.search('  !? '), []);
		assert.deepStrictEqual(ix.search('quantization', { limit: 0 }), []);
	});

	test('Related papers share distinctive words and leave out the paper itself', () => {
		const ix = index([
			...papers,
			fakePaper('proteins-2', 'Protein structure prediction', 'Folding proteins with a diffusion model over structures.'),
		]);
		const related = ids(ix.related('unrelated', 3));
		assert.equal(related[0], 'proteins-2');
		assert.ok(!related.includes('unrelated'));
		assert.deepStrictEqual(ix.related('no-such-id'), []);
	});
});

suite('PaperIndex digests', () => {
	test('Adding and removing a digest changes what is found without touching the rest', () => {
		const ix = index();
		ix.addDigest('extra', [fakePaper('new', 'Quantization for robots that walk on uneven ground in the wild', '')]);
		assert.equal(ix.size, papers.length + 1);
		assert.equal(ix.search('quantization')[0].paper.id, 'title');
		assert.ok(ids(ix.search('robots')).includes('new'));
		ix.removeDigest('extra');
		assert.equal(ix.size, papers.length);
		assert.deepStrictEqual(ids(ix.search('robots')), []);
		assert.equal(ix.get('new'), undefined);
		assert.deepStrictEqual(ids(ix.search('quantization')), ['title', 'meta', 'abs-only']);
	});

	test('A paper shared by two digests stays until both are removed', () => {
		const ix = new PaperIndex();
		const shared = fakePaper('shared', 'Shared paper on graphs', '');
		ix.addDigest('a', [shared, fakePaper('only-a', 'Graphs of A', '')]);
		ix.addDigest('b', [shared]);
		assert.equal(ix.size, 2);
		ix.removeDigest('a');
		assert.deepStrictEqual(ids(ix.search('graphs')), ['shared']);
		ix.removeDigest('b');
		assert.deepStrictEqual(ids(ix.search('graphs')), []);
		assert.equal(ix.size, 0);
	});

	test('Adding a digest again under the same key replaces its papers', () => {
		const ix = new PaperIndex();
		ix.addDigest('a', [fakePaper('old', 'Old graphs', '')]);
		ix.addDigest('a', [fakePaper('new', 'New graphs', '')]);
		assert.deepStrictEqual(ids(ix.search('graphs')), ['new']);
		assert.deepStrictEqual(ix.all().map((p) => p.id), ['new']);
	});

	test('A word known only from a removed paper is no longer suggested as a typo fix', () => {
		const ix = new PaperIndex();
		ix.addDigest('a', [fakePaper('gone', 'Hyperbolic embeddings', '')]);
		ix.addDigest('b', [fakePaper('kept', 'Flat embeddings', '')]);
		ix.removeDigest('a');
		assert.deepStrictEqual(ids(ix.search('hyperbolik')), []);
		assert.deepStrictEqual(ids(ix.search('hyperbol')), []);
	});

	test('Many removals sweep the tombstones and searches stay right', () => {
		const ix = new PaperIndex();
		const many = Array.from({ length: 1500 }, (_, i) => fakePaper(`p${i}`, `Paper number ${i} about graphs`, ''));
		ix.addDigest('many', many);
		ix.addDigest('keep', [fakePaper('keep', 'Graphs that stay', '')]);
		ix.removeDigest('many');
		assert.deepStrictEqual(ids(ix.search('graphs')), ['keep']);
		ix.addDigest('again', [fakePaper('p1', 'Paper one about graphs', '')]);
		assert.deepStrictEqual(ids(ix.search('graphs')).sort(), ['keep', 'p1']);
	});

	test('get, size and all report the indexed papers', () => {
		const ix = index();
		assert.equal(ix.size, papers.length);
		assert.equal(ix.get('title')?.title, 'Quantization of transformer weights');
		assert.deepStrictEqual(ix.all().map((p) => p.id), papers.map((p) => p.id));
	});
});

suite('PaperIndex async build', () => {
	const many = Array.from({ length: 50 }, (_, i) => fakePaper(`p${i}`, `Paper ${i} on graphs`, ''));

	test('Building reports progress per chunk up to the total', async () => {
		const progress: [number, number][] = [];
		const ix = await PaperIndex.build(many, { chunkSize: 20, onProgress: (done, total) => progress.push([done, total]) });
		assert.deepStrictEqual(progress, [[20, 50], [40, 50], [50, 50]]);
		assert.equal(ix.size, 50);
		assert.equal(ix.search('graphs', { limit: 100 }).length, 50);
	});

	test('Aborting a build rejects with an AbortError', async () => {
		const controller = new AbortController();
		const build = PaperIndex.build(many, { chunkSize: 10, signal: controller.signal, onProgress: (done) => done >= 20 && controller.abort() });
		await assert.rejects(build, (e: Error) => e.name === 'AbortError');
	});

	test('An already aborted signal rejects before indexing anything', async () => {
		let calls = 0;
		await assert.rejects(PaperIndex.build(many, { signal: AbortSignal.abort(), onProgress: () => calls++ }), { name: 'AbortError' });
		assert.equal(calls, 0);
	});

	test('A cancelled add leaves the index as it was', async () => {
		const ix = new PaperIndex();
		ix.addDigest('base', [fakePaper('base', 'Base paper on trees', '')]);
		const controller = new AbortController();
		const adding = ix.addDigestAsync('more', many, { chunkSize: 10, signal: controller.signal, onProgress: () => controller.abort() });
		await assert.rejects(adding, { name: 'AbortError' });
		assert.equal(ix.size, 1);
		assert.deepStrictEqual(ids(ix.search('graphs')), []);
		assert.deepStrictEqual(ix.digestKeys(), ['base']);
	});

	test('Building from several digests counts progress over all of them', async () => {
		const seen: number[] = [];
		const ix = await PaperIndex.buildFromDigests(
			[{ key: 'a', papers: many.slice(0, 30) }, { key: 'b', papers: many.slice(20) }],
			{ chunkSize: 30, onProgress: (done, total) => seen.push(done / total) },
		);
		assert.equal(ix.size, 50);
		assert.deepStrictEqual(seen, [30 / 60, 1]);
	});
});

suite('PaperIndex ranking order', () => {
	test('Large and small limits rank the same papers in the same order', () => {
		const many = Array.from({ length: 200 }, (_, i) =>
			fakePaper(`p${i}`, i % 3 === 0 ? `Graph paper ${i}` : `Paper ${i}`, i % 2 === 0 ? 'About graphs and trees.' : 'About trees.'),
		);
		const ix = new PaperIndex();
		ix.addDigest('many', many);
		const all = ix.search('graphs trees', { limit: 500 });
		const top = ix.search('graphs trees', { limit: 20 });
		assert.equal(all.length, 200);
		assert.deepStrictEqual(ids(top), ids(all).slice(0, 20));
		for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].score >= all[i].score);
	});
});
