import * as assert from 'node:assert/strict';
import { assignCitationKeys, assignCitationKeysFromBases, baseCitationKey, compileKeyFormula } from '../../../src/core/cite/citationKey';
import { bundledDigestFile, digestPapers, hfDayFile, makePaper } from './citeTestSupport';

suite('Citation keys from bases computed beforehand', () => {
	test('give exactly the keys assignCitationKeys gives, collisions and repeated ids included', () => {
		const papers = [...digestPapers(bundledDigestFile), ...digestPapers(hfDayFile)];
		// Same titles and years: bases collide and get suffixes; a repeated id keeps its richer copy.
		const twins = [makePaper({ title: 'Same Title Here' }), makePaper({ title: 'Same Title Here' }), makePaper({ title: 'Same Title Here' })];
		const all = [...papers, ...twins, ...twins.slice(0, 1), ...papers.slice(0, 5).reverse()];
		for (const source of ['auth.lower + shorttitle(3,3) + year', 'year', 'title']) {
			const compiled = compileKeyFormula(source);
			assert.ok(compiled.ok);
			const expected = assignCitationKeys(all, compiled.formula);
			const fromBases = assignCitationKeysFromBases(all.map((paper) => ({ paper, base: baseCitationKey(paper, compiled.formula) })));
			assert.deepEqual([...fromBases], [...expected], source);
			assert.ok(new Set(expected.values()).size === expected.size, 'keys are unique');
		}
	});
});
