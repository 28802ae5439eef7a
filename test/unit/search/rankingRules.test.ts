/**
 * The ranking rules of issue 15, each on a small corpus built so that the rule decides the order (each test fails
 * without its rule: the papers that should lose are added first, so insertion order alone would put them first).
 */
import * as assert from 'node:assert/strict';
import type { Paper } from '../../../src/core/model';
import { PaperIndex } from '../../../src/core/search/paperIndex';
import { fakePaper, ids, picked } from './fakePapers';

function index(papers: readonly Paper[]): PaperIndex {
	const ix = new PaperIndex();
	ix.addDigest('digest', papers);
	return ix;
}

suite('Ranking rules', () => {
	test('exact before completion: a typed word that is a word of the shelf beats its longer completions in every field', () => {
		const ix = index([
			fakePaper('completion', 'Edler networks for edlund data', 'Nothing else.', { authors: ['Marta Edler'] }),
			fakePaper('exact', 'Calibrated uncertainty for classifiers', 'We study evidential deep learning (EDL) and show that edl calibrates.'),
		]);
		assert.deepEqual(ids(ix.search('edl')).slice(0, 2), ['exact', 'completion'], 'no trailing space needed');
	});

	test('length normalization: the same word in a short title beats it in a long one', () => {
		const ix = index([
			fakePaper('long', 'Quokka tracking with many cameras, drones and volunteers across dense island scrub and coastal dunes', ''),
			fakePaper('short', 'Quokka tracking', ''),
		]);
		assert.deepEqual(ids(ix.search('quokka ')), ['short', 'long']);
	});

	test('saturation: more mentions in the abstract count more than an earlier single one (a title mention still wins)', () => {
		const ix = index([
			fakePaper('once', 'A field study', 'Wombat seen once on the island during the whole survey of the dunes.'),
			fakePaper('often', 'A field study', 'The survey counts burrows: wombat tracks, a wombat census, wombat scat.'),
			fakePaper('title', 'Wombat', 'Nothing about it here at all in the text of this abstract.'),
		]);
		assert.deepEqual(ids(ix.search('wombat ')), ['title', 'often', 'once']);
	});

	test('rarity: a rare word repeated in an abstract beats a common word opening a long title', () => {
		const ix = index([
			...Array.from({ length: 11 }, (_, i) => fakePaper(`learning-${i}`, `Learning study ${i}`, 'Other words.')),
			...Array.from({ length: 20 }, (_, i) => fakePaper(`other-${i}`, `Other study ${i}`, 'Other words.')),
			fakePaper('common', 'Learning to count things in very long titles that go on and on for a while', 'An abstract about counting.'),
			fakePaper('rare', 'A field study', 'We count the numbat: numbat dens and numbat tracks.'),
		]);
		const hits = ids(ix.search('learning numbat ', { limit: 50 }));
		assert.ok(hits.indexOf('rare') >= 0 && hits.indexOf('rare') < hits.indexOf('common'), `numbat (1 paper, 3 mentions) outweighs learning (12 papers): ${hits.slice(0, 3).join(' ')}`);
	});

	test('ties are broken by date, then upvotes, not by insertion order', () => {
		const ix = index([
			fakePaper('old', 'Sparse kernels', '', { date: '2024-01-05' }),
			fakePaper('new-few', 'Sparse kernels', '', { date: '2025-03-01', upvotes: 2 }),
			fakePaper('new-many', 'Sparse kernels', '', { date: '2025-03-01', upvotes: 40 }),
		]);
		assert.deepEqual(ids(ix.search('sparse kernels ')), ['new-many', 'new-few', 'old']);
	});

	test('word forms: a plural finds the singular and back, the same way for every field', () => {
		const ix = index([
			fakePaper('singular', 'A graph network', ''),
			fakePaper('plural', 'Graph networks', ''),
			fakePaper('policy', 'Safe policies', ''),
		]);
		assert.deepEqual(ids(ix.search('networks ')).sort(), ['plural', 'singular']);
		assert.deepEqual(ids(ix.search('network ')).sort(), ['plural', 'singular']);
		assert.deepEqual(ids(ix.search('policy ')), ['policy']);
	});

	test('word forms: the form typed beats its plural or singular where the fields are alike (a shorter title notwithstanding)', () => {
		const ix = index([
			fakePaper('singular', 'Story generation', ''),
			fakePaper('typed', 'Stories told by machines across many languages and cultures over the years', ''),
		]);
		assert.deepEqual(ids(ix.search('stories ')), ['typed', 'singular']);
	});

	test('phrases: the words adjacent and in order (or hyphenated) beat the same words scattered', () => {
		const ix = index([
			fakePaper('scattered', 'A study', 'A graph of results: a neural model and a network of sensors.'),
			fakePaper('phrase', 'A study', 'We build a graph neural network for sensors and results.'),
			fakePaper('hyphen', 'A study', 'We build a graph-neural-network for sensors and results.'),
		]);
		const hits = ids(ix.search('graph neural network '));
		assert.deepEqual(hits.slice(0, 3).sort(), ['hyphen', 'phrase', 'scattered']);
		assert.equal(hits[2], 'scattered');
	});

	test('proximity: query words within one sentence of an abstract beat the same words far apart plus one in a title', () => {
		const filler = 'The rest of this abstract talks about other matters at some length, with nothing of interest to the query at all.';
		const ix = index([
			...Array.from({ length: 6 }, (_, i) => fakePaper(`noise-${i}`, `Estuary study ${i}`, 'Nothing here.')),
			fakePaper('apart', 'Estuary sediment survey', `Cores were taken. ${filler} ${filler} Salinity varies. ${filler} ${filler} Bacteria abound.`),
			fakePaper('sentence', 'A field survey', `We measure sediment salinity and bacteria in one estuary. ${filler} ${filler}`),
		]);
		assert.deepEqual(ids(ix.search('sediment salinity bacteria estuary ')).slice(0, 2), ['sentence', 'apart']);
	});

	test('a quoted query is an exact phrase', () => {
		const ix = index([
			fakePaper('scattered', 'Computing with memory', 'In memory of a colleague, we revisit computing.'),
			fakePaper('phrase', 'Accelerators', 'We survey in-memory computing for inference.'),
		]);
		assert.deepEqual(ids(ix.search('"in-memory computing"')), ['phrase']);
		assert.deepEqual(ids(ix.search('in memory computing')).sort(), ['phrase', 'scattered'], 'unquoted, both');
	});

	test('acronyms link to their expansion as the shelf defines it, both ways', () => {
		const ix = index([
			fakePaper('defines', 'Accelerating inference', 'We use processing-in-memory (PIM) to cut data movement.'),
			fakePaper('acronym-only', 'PIM accelerators for recommendation', 'Banks compute near the data.'),
			fakePaper('expansion-only', 'Processing in memory for graph analytics', 'An accelerator design for graphs.'),
			fakePaper('other', 'Memory accelerator', 'Processing of graphs on an accelerator.'),
		]);
		assert.ok(ids(ix.search('processing in memory ')).includes('acronym-only'), 'the long form finds the paper that only says PIM');
		const hits = ids(ix.search('pim accelerator '));
		assert.ok(hits.indexOf('expansion-only') >= 0 && hits.indexOf('expansion-only') < hits.indexOf('other'), `the acronym counts in a paper spelling it out: ${hits.join(' ')}`);
	});

	test('a paper defining an acronym in its abstract is about it: that match counts above an abstract match (short of a title match), above a mere mention', () => {
		// the same two words, once in the title and once in the abstract, in fields of the same lengths: only the
		// definition "processing-in-memory (PIM)" tells the papers apart
		const ix = index([
			fakePaper('mentions', 'Quokka PIM systems survey', 'We review tools for quokka work; an accelerator helps the field teams count burrows.'),
			fakePaper('defines', 'Quokka accelerator systems survey', 'We review tools for quokka work; processing-in-memory (PIM) helps teams count burrows.'),
		]);
		assert.deepEqual(ids(ix.search('pim accelerator')), ['defines', 'mentions']);
		assert.deepEqual(ids(ix.search('PIMs accelerator')), ['defines', 'mentions'], 'the plural typed');
	});

	test('a paper defining an acronym in its abstract reaches the second stage ahead of papers with it in the title and the other word in the abstract', () => {
		// 30 papers (more than the second stage reads) match both words as well as the definer does in the first stage
		// without the rule: the acronym in the title, the other word early in the abstract
		const crowd = Array.from({ length: 30 }, (_, i) => fakePaper(`crowd-${i}`, `PIM systems survey number ${i + 1}`, 'An accelerator is built from DRAM banks and measured on many workloads.'));
		const ix = index([...crowd, fakePaper('defines', 'Accelerator design for graphs', 'We build processing-in-memory (PIM) banks and measure many workloads.')]);
		assert.equal(ids(ix.search('pim accelerator'))[0], 'defines');
	});

	test('an acronym counts in a paper spelling out its long form in the plural, as the shelf defines it in the singular', () => {
		const ix = index([
			fakePaper('unrelated', 'Sparse routing for tokens', 'Tokens are routed to layers.'),
			fakePaper('plural', 'Sparse routing for tokens', 'A mixture of experts routes tokens to sparse layers.'),
			fakePaper('defines', 'Scaling language models', 'Mixture-of-experts (MoE) layers scale capacity.'),
		]);
		// (the paper defining MoE, about it, ranks next: above the one with only 'routing')
		assert.deepEqual(ids(ix.search('moe routing')), ['plural', 'defines', 'unrelated'], 'mixture of experts is MoE');
	});

	test('an acronym as typed counts more than its long form spelled out: a paper using it in the abstract ranks with one spelling it out in the title', () => {
		const ix = index([
			fakePaper('spelled', 'Remote sensing image segmentation', 'We segment scenes.'),
			fakePaper('uses', 'Segmentation of scenes', 'We segment RSI tiles; RSI come from satellites.'),
			fakePaper('defines', 'Satellite data', 'A remote sensing image (RSI) shows land.'),
		]);
		assert.deepEqual(ids(ix.search('rsi segmentation')).slice(0, 2), ['uses', 'spelled']);
	});

	test('acronym links are highlighted both ways: the long form a paper spells out for an acronym typed, the acronym for a long form typed', () => {
		const ix = index([
			fakePaper('defines', 'Accelerating inference', 'We use processing-in-memory (PIM) to cut data movement.'),
			fakePaper('expansion-only', 'Processing in memory for graphs', 'Graph analytics with processing-in-memory and memory banks.'),
			fakePaper('acronym-only', 'PIM accelerators', 'Banks compute near the data with PIM.'),
		]);
		const hit = (query: string, id: string) => ix.search(query).find((h) => h.paper.id === id);
		const spelled = hit('pim ', 'expansion-only');
		assert.ok(spelled, 'found');
		assert.deepEqual(picked(spelled.paper.title, spelled.matches.title), ['Processing in memory']);
		assert.deepEqual(picked(spelled.paper.abstract, spelled.matches.abstract), ['processing-in-memory'], '"memory banks" alone is not highlighted');
		const acronym = hit('processing in memory ', 'acronym-only');
		assert.ok(acronym, 'found');
		assert.deepEqual(picked(acronym.paper.title, acronym.matches.title), ['PIM']);
		assert.deepEqual(picked(acronym.paper.abstract, acronym.matches.abstract), ['PIM']);
	});

	test('typos: a 4-letter word gets one edit when the shelf makes it unambiguous', () => {
		const ix = index([fakePaper('model', 'A model of rain', ''), fakePaper('other', 'Sunshine', '')]);
		assert.deepEqual(ids(ix.search('modl ')), ['model']);
		const ambiguous = index([fakePaper('model', 'A model of rain', ''), fakePaper('mode', 'A mode of transport', '')]);
		assert.deepEqual(ids(ambiguous.search('modl ')), [], 'model and mode are both one edit away');
	});

	test('author names: the full name in one author wins, and a stopword typed last is matched as a word', () => {
		const ix = index([
			fakePaper('other-kaiming', 'Heterogeneous graph learning', 'We learn on graphs.', { authors: ['Kaiming Wu'] }),
			fakePaper('he-prefix', 'Kaiming init revisited for heads', 'We revisit head initialization.', { authors: ['Ana Heller'] }),
			fakePaper('kaiming-he', 'Masked autoencoders', 'We mask patches.', { authors: ['Xinlei Chen', 'Kaiming He'] }),
		]);
		assert.equal(ids(ix.search('kaiming he'))[0], 'kaiming-he');
	});
});
