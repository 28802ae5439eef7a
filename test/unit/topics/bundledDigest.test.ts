import * as assert from 'node:assert/strict';
import type { Paper } from '../../../src/core/model';
import { deriveTopics, type Topic } from '../../../src/core/topics/deriveTopics';
import { bundledDigestExpectations, type Expectation } from './bundledDigestExpectations';
import { paperByTitle, readBundledDigest } from './topicFixtures';

/** The derived topic (not "Other") of each paper id, at the top level. */
function topicOfPaper(topics: readonly Topic[]): Map<string, Topic> {
	const map = new Map<string, Topic>();
	for (const t of topics) {
		if (t.kind !== 'derived') continue;
		for (const id of t.paperIds) map.set(id, t);
	}
	return map;
}

/** Whether an expectation holds for these topics. */
function expectationHolds(expectation: Expectation, papers: readonly Paper[], topics: readonly Topic[]): boolean {
	const topicOf = topicOfPaper(topics);
	const found = expectation.titles.map((t) => topicOf.get(paperByTitle(papers, t).id));
	if (expectation.kind === 'together') {
		return found[0] !== undefined && found.every((t) => t === found[0]);
	}
	return found[0] === undefined || found[0] !== found[1];
}

suite('Topics of the bundled digest', () => {
	const papers = readBundledDigest();
	const topics = deriveTopics(papers);

	test('The parser finds all 71 papers of the bundled digest', () => {
		assert.equal(papers.length, 71);
		assert.ok(papers.every((p) => p.abstract.length > 100), 'every paper has its abstract');
	});

	test('Every expectation names papers that exist, each once', () => {
		for (const e of bundledDigestExpectations) {
			for (const t of e.titles) paperByTitle(papers, t);
		}
	});

	test('Most of the expectations written before the algorithm hold', () => {
		const results = bundledDigestExpectations.map((e) => ({ e, holds: expectationHolds(e, papers, topics) }));
		const held = results.filter((r) => r.holds).length;
		console.log(`      ${held} of ${results.length} expectations hold`);
		for (const r of results.filter((x) => !x.holds)) {
			console.log(`        does not hold (${r.e.kind}): ${r.e.why}`);
		}
		assert.ok(held / results.length >= 0.75, `${held} of ${results.length} hold; the floor is 75%`);
	});

	test('There are 5 to 15 derived topics, none above 30% of the papers, and "Other" holds at most 10%', () => {
		const derived = topics.filter((t) => t.kind === 'derived');
		assert.ok(derived.length >= 5 && derived.length <= 15, `${derived.length} topics`);
		for (const t of derived) assert.ok(t.paperIds.length <= 0.3 * papers.length, `${t.label}: ${t.paperIds.length}`);
		const other = topics.find((t) => t.kind === 'other');
		assert.ok((other?.paperIds.length ?? 0) <= Math.ceil(0.1 * papers.length), `Other: ${other?.paperIds.length}`);
	});

	test('Every paper sits in exactly one top-level topic', () => {
		const ids = topics.flatMap((t) => t.paperIds);
		assert.equal(ids.length, papers.length);
		assert.deepEqual(new Set(ids), new Set(papers.map((p) => p.id)));
	});
});
