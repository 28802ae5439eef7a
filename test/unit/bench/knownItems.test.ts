import * as assert from 'node:assert/strict';
import { acronymDefinitions, firstHit, knownItemQueries, mulberry32, oneEdit, pairedDifference, scoresOf, styles } from '../../bench/knownItems';
import { topicallyRelevant, topicalQueries } from '../../bench/judgedQueries';
import { fakePaper } from '../search/fakePapers';

suite('Known-item evaluation (bench:relevance)', () => {
	test('acronym definitions need the acronym’s capitals to be the initials of the words before it', () => {
		assert.deepEqual(acronymDefinitions('We use processing-in-memory (PIM) here.'), [{ acronym: 'PIM', expansion: ['processing', 'in', 'memory'] }]);
		assert.deepEqual(acronymDefinitions('Large Language Models (LLMs) are big.'), [{ acronym: 'LLMs', expansion: ['large', 'language', 'models'] }], 'as written, plural included');
		assert.deepEqual(acronymDefinitions('results (see Table) and (OK)'), [], 'not an acronym, or no matching words');
	});

	test('one edit changes the word but never its first letter', () => {
		const rand = mulberry32(7);
		for (let i = 0; i < 200; i++) {
			const edited = oneEdit(rand, 'quantization');
			assert.notEqual(edited, 'quantization');
			assert.equal(edited[0], 'q');
			assert.ok(Math.abs(edited.length - 12) <= 1);
		}
	});

	test('the queries are the same for the same seed, one style at a time, and each names its target', () => {
		const papers = Array.from({ length: 60 }, (_, i) =>
			fakePaper(`p${i}`, `Sparse attention kernels for tiny accelerators number ${i}`, `We propose processing-in-memory (PIM) designs. Our wombat method improves kernels by ${i} percent overall.`, {
				authors: [`Ada Lovelace${i % 5}`, 'Grace Hopper'],
			}),
		);
		const a = knownItemQueries(papers, 5, 42);
		const b = knownItemQueries(papers, 5, 42);
		assert.deepEqual(a.map((q) => q.query), b.map((q) => q.query));
		for (const q of a) {
			assert.ok(styles.includes(q.style));
			assert.ok(q.relevant.has(q.target));
		}
		const author = a.filter((q) => q.style === 'author');
		assert.ok(author.length > 0 && author.some((q) => q.query === 'grace hopper' && q.relevant.size === 60), 'every paper by the name counts');
	});

	test('metrics: first hit, MRR@10 and success, and a paired interval around the mean difference', () => {
		assert.equal(firstHit(['a', 'b', 'c'], new Set(['c'])), 3);
		assert.equal(firstHit(['a'], new Set(['z'])), 0);
		assert.deepEqual(scoresOf([1, 2, 0, 11]), { rr: [1, 0.5, 0, 0], s10: [1, 1, 0, 0], s1: [1, 0, 0, 0] });
		const d = pairedDifference([1, 1, 1, 0], [0, 0, 1, 0]);
		assert.equal(d.diff, 0.5);
		assert.ok(d.low <= 0.5 && d.high >= 0.5 && d.low >= 0 && d.high <= 1);
	});

	test('the topical judging rule needs every concept, in any accepted form', () => {
		const gnn = topicalQueries.find((q) => q.query === 'graph neural network accelerator')!;
		assert.ok(topicallyRelevant(gnn, 'A GNN accelerator', ''));
		assert.ok(topicallyRelevant(gnn, 'Graph-neural-network inference', 'We accelerate it.') === false, '"accelerate" is not an accepted form');
		assert.ok(topicallyRelevant(gnn, 'Graph neural networks', 'An FPGA accelerator.'));
	});
});
