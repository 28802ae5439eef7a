import * as assert from 'node:assert/strict';
import {
	assignCitationKeys,
	baseCitationKey,
	compileKeyFormula,
	foldToAscii,
	significantTitleWords,
	type KeyFormula,
} from '../../../src/core/cite/citationKey';
import type { Paper } from '../../../src/core/model';
import { bundledDigestFile, digestPapers, hfDayFile, makePaper, vaswani } from './citeTestSupport';

function formula(src: string): KeyFormula {
	const compiled = compileKeyFormula(src);
	assert.ok(compiled.ok, `formula '${src}' should compile`);
	return compiled.formula;
}

/** A deterministic shuffle (a seeded linear congruential generator), so failures can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
	const out = [...items];
	let s = seed;
	for (let i = out.length - 1; i > 0; i--) {
		s = (s * 1103515245 + 12345) % 2147483648;
		const j = s % (i + 1);
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

suite('Citation keys', () => {
	test('The default formula gives Better BibTeX’s key for Vaswani 2017', () => {
		assert.equal(baseCitationKey(vaswani), 'vaswaniAttentionAllYou2017');
	});

	test('Accents and special letters are folded to ASCII in names and titles', () => {
		assert.equal(foldToAscii('Éric Straße Øresund Łódź'), 'Eric Strasse Oresund Lodz');
		const paper = makePaper({ title: 'Über die Größe of Señal Processing', authors: ['Jörg Müßig'], year: 2020 });
		assert.equal(baseCitationKey(paper), 'mussigUberGrosseSenal2020');
	});

	test('Skip words and one-letter words are passed over, digits kept', () => {
		assert.deepEqual(significantTitleWords('The Art of a Deal: On 3 Things and X'), ['Art', 'Deal', '3', 'Things']);
		assert.deepEqual(significantTitleWords('On 5 Ways'), ['5', 'Ways']);
		assert.deepEqual(significantTitleWords('Cost-Effective LLM’s Inference'), ['CostEffective', 'LLM', 'Inference']);
	});

	test('A paper without authors or year falls back to its readable short title', () => {
		const paper = makePaper({ title: 'DeepSoCS: A Neural Scheduler for Heterogeneous System-on-Chip (SoC) Resource Scheduling', date: 'Jul 31' });
		assert.equal(baseCitationKey(paper), 'DeepSoCSNeuralScheduler');
	});

	test('A paper whose formula yields nothing gets an id-based key', () => {
		assert.equal(baseCitationKey(makePaper({ title: '注意力机制', arxivId: '2401.09603' })), 'arxiv2401_09603');
		assert.equal(baseCitationKey(makePaper({ id: 't-ab12cd', title: 'A the of' })), 'paper_tab12cd');
	});

	test('Every bundled and Hugging Face paper gets a unique, non-empty key of safe characters', () => {
		for (const file of [bundledDigestFile, hfDayFile]) {
			const papers = digestPapers(file);
			const keys = assignCitationKeys(papers);
			assert.equal(keys.size, papers.length);
			const values = [...keys.values()];
			assert.equal(new Set(values.map((k) => k.toLowerCase())).size, values.length, `${file}: keys must be unique`);
			for (const key of values) {
				assert.match(key, /^[A-Za-z0-9_][A-Za-z0-9_:-]*$/);
			}
		}
	});

	test('Clashing keys get a, b, c suffixes in paper id order', () => {
		const papers = ['2401.00003', '2401.00001', '2401.00002'].map((id) => makePaper({ arxivId: id, title: 'Scaling Laws Revisited', authors: ['Ada Lovelace'], year: 2024 }));
		const keys = assignCitationKeys(papers);
		assert.equal(keys.get('2401.00001'), 'lovelaceScalingLawsRevisited2024');
		assert.equal(keys.get('2401.00002'), 'lovelaceScalingLawsRevisited2024a');
		assert.equal(keys.get('2401.00003'), 'lovelaceScalingLawsRevisited2024b');
	});

	test('Keys are the same whatever the order of the papers', () => {
		const base = [
			...digestPapers(bundledDigestFile),
			...digestPapers(hfDayFile),
			...['9', '3', '7', '1'].map((n) => makePaper({ arxivId: `2501.0000${n}`, title: 'Same Title Here', authors: ['Kim Lee'], year: 2025 })),
		];
		const expected = assignCitationKeys(base);
		for (const seed of [1, 2, 3, 42]) {
			assert.deepEqual(new Map([...assignCitationKeys(shuffled(base, seed))].sort()), new Map([...expected].sort()), `seed ${seed}`);
		}
	});

	test('A suffixed key never takes the plain key of another paper', () => {
		const papers: Paper[] = [
			makePaper({ arxivId: '1', title: 'Foo Bar Baz', authors: ['A Kim'], year: 2020 }),
			makePaper({ arxivId: '2', title: 'Foo Bar Baz', authors: ['A Kim'], year: 2020 }),
			makePaper({ arxivId: '3', title: 'Foo Bar Baz2020a', authors: ['A Kim'] }),
		];
		const assigned = assignCitationKeys(papers, formula('auth.lower + shorttitle(3,3) + year'));
		assert.equal(assigned.get('3'), 'kimFooBarBaz2020a');
		assert.equal(assigned.get('1'), 'kimFooBarBaz2020');
		assert.equal(assigned.get('2'), 'kimFooBarBaz2020b');
	});

	test('The same paper id from two digests gets one key, from its richest copy', () => {
		const bare = makePaper({ arxivId: '2608.19880', title: 'EnvHarness: Awakening Static Worlds' });
		const rich = { ...bare, authors: ['Chengsong Huang'], year: 2026 };
		assert.equal(assignCitationKeys([bare, rich]).get('2608.19880'), 'huangEnvHarnessAwakeningStatic2026');
		assert.equal(assignCitationKeys([rich, bare]).get('2608.19880'), 'huangEnvHarnessAwakeningStatic2026');
	});

	test('Formula fields and modifiers give what they say', () => {
		const cases: [string, string][] = [
			['auth', 'Vaswani'],
			['auth.upper + year', 'VASWANI2017'],
			['auth(3).lower', 'vas'],
			['authors(2)', 'VaswaniShazeer'],
			['shorttitle', 'AttentionAllYou'],
			['shorttitle(2,1)', 'AttentionAll'],
			['veryshorttitle.lower', 'attention'],
			['title', 'AttentionAllYouNeed'],
			['id', '170603762'],
			['arxiv', '170603762'],
			["auth.lower + '_' + shortyear", 'vaswani_17'],
			['year + veryshorttitle', '2017Attention'],
		];
		for (const [src, expected] of cases) {
			assert.equal(baseCitationKey(vaswani, formula(src)), expected, src);
		}
	});

	test('A title starting lower case is capitalized only where the formula says', () => {
		const paper = makePaper({ title: 'quantized attention kernels', authors: ['X Li'], year: 2024 });
		assert.equal(baseCitationKey(paper, formula('shorttitle(3,1)')), 'Quantizedattentionkernels');
		assert.equal(baseCitationKey(paper, formula('shorttitle(3,3)')), 'QuantizedAttentionKernels');
	});

	test('A blank formula is the default one', () => {
		assert.equal(baseCitationKey(vaswani, formula('   ')), 'vaswaniAttentionAllYou2017');
	});

	test('Invalid formulas are rejected with the column of the mistake', () => {
		const cases: [string, number, RegExp][] = [
			['auth.lowr + year', 6, /unknown modifier '\.lowr'/],
			['auth + yeer', 8, /unknown field 'yeer'/],
			['auth year', 6, /expected '\+'/],
			['auth +', 7, /found the end of the formula/],
			['shorttitle(3,x)', 14, /expected a number/],
			['shorttitle(3,3', 15, /expected '\)'/],
			['year(2)', 5, /'year' takes no arguments/],
			["auth + 'a b'", 10, /' ' cannot be part of a citation key/],
			["auth + 'ab", 8, /unterminated text/],
			['shorttitle(0)', 12, /from 1 to 99/],
		];
		for (const [src, column, message] of cases) {
			const compiled = compileKeyFormula(src);
			assert.ok(!compiled.ok, `'${src}' should not compile`);
			assert.equal(compiled.error.column, column, `column for '${src}': ${compiled.error.message}`);
			assert.match(compiled.error.message, message);
		}
	});
});
