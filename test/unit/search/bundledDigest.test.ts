import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDigest } from '../../../src/core/parse/parseDigest';
import { PaperIndex } from '../../../src/core/search/paperIndex';

// out/test/unit/search → repo root
const digestFile = path.resolve(__dirname, '../../../../media/digests/daily-papers.txt');

suite('Search over the bundled Daily Papers digest', () => {
	const digest = parseDigest(fs.readFileSync(digestFile), digestFile);
	const index = new PaperIndex();
	index.addDigest(digestFile, digest.papers);
	const idOf = (title: string) => digest.papers.find((p) => p.title === title)?.id;

	// Judged by reading the file: three titles say "Quantization", twelve more abstracts mention
	// quantization/quantized/quantize (even "Single Flux Quanta": "a quantized voltage pulse").
	const titleHits = [
		'OHQ: On-chip Hardware-aware Quantization',
		'Accurate Block Quantization in LLMs with Outliers',
		'Agile-Quant: Activation-Guided Quantization for Faster Inference of LLMs on the Edge',
	];

	test('The digest has the 71 papers the file holds', () => {
		assert.equal(index.size, 71);
	});

	test('"quantiz" finds the quantization papers, the three with it in the title first', () => {
		const hits = index.search('quantiz', { limit: 50 });
		const expected = digest.papers.filter((p) => /\bquantiz/i.test(p.title + '\n' + p.abstract)).map((p) => p.id);
		assert.equal(expected.length, 15);
		assert.deepStrictEqual(hits.map((h) => h.paper.id).sort(), [...expected].sort());
		assert.deepStrictEqual(hits.slice(0, 3).map((h) => h.paper.title).sort(), [...titleHits].sort());
	});

	test('"quantizaton" with a slip finds the same title papers first', () => {
		const hits = index.search('quantizaton');
		assert.deepStrictEqual(hits.slice(0, 3).map((h) => h.paper.id).sort(), titleHits.map(idOf).sort());
	});

	test('"transfomer" finds the papers with Transformer(s) in the title first', () => {
		const titled = digest.papers.filter((p) => /transformer/i.test(p.title)).map((p) => p.id);
		assert.ok(titled.length >= 4);
		const hits = index.search('transfomer', { limit: 30 });
		assert.deepStrictEqual(hits.slice(0, titled.length).map((h) => h.paper.id).sort(), titled.sort());
	});

	test('"llm inference" puts papers with both words (LLM or the long form the digest defines for it) first', () => {
		const hits = index.search('llm inference', { limit: 71 });
		const both = hits.filter((h) => Math.floor(h.score) === 2);
		assert.ok(both.length > 0);
		for (const h of both) {
			assert.match(h.paper.title + ' ' + h.paper.abstract, /\b(LLMs?|large language models?)\b/i);
			assert.match(h.paper.title + ' ' + h.paper.abstract, /\binference/i);
		}
		assert.ok(hits.slice(both.length).every((h) => Math.floor(h.score) === 1));
	});

	test('Related papers of a quantization paper include another quantization paper', () => {
		const ohq = idOf(titleHits[0]);
		assert.ok(ohq);
		const related = index.related(ohq, 5).map((h) => h.paper.title);
		assert.ok(related.some((t) => /quant/i.test(t)), related.join(' | '));
	});
});
