import * as assert from 'node:assert/strict';
import type { Paper } from '../../../src/core/model';
import { shelfGroups, sortPapers, type PaperGroup } from '../../../src/core/shelf/shelfGroups';
import type { Topic } from '../../../src/core/topics';

function paper(id: string, file: string, date?: string): Paper {
	return { id, title: `Paper ${id}`, abstract: '', authors: [], date, links: {}, keywords: [], categories: [], source: { file, startLine: 1, endLine: 1 } };
}

const papers = [paper('a', '/w/one.md', '2026-08-20'), paper('b', '/w/one.md', '2026-08-21'), paper('c', '/w/two.md'), paper('d', '/w/two.md', '2026-08-21')];
const topics: Topic[] = [
	{ id: 'mine', label: 'Mine', kind: 'user', paperIds: ['d', 'a'] },
	{
		id: 'big', label: 'Big', kind: 'derived', paperIds: ['a', 'b', 'c'], children: [
			{ id: 'big/x', label: 'X', kind: 'derived', paperIds: ['a', 'b'] },
			{ id: 'big/y', label: 'Y', kind: 'derived', paperIds: ['c'] },
		],
	},
	{ id: 'other', label: 'Other', kind: 'other', paperIds: ['d'] },
];

const ids = (g: PaperGroup): string[] => [...g.papers.map((p) => p.id), ...g.children.flatMap(ids)];

suite('Grouping papers for the shelf', () => {
	test('Topic groups keep the topics’ order and kinds, nest subtopics, and count each paper once', () => {
		const groups = shelfGroups('topic', { papers, topics });
		assert.deepEqual(groups.map((g) => [g.label, g.kind, g.count]), [['Mine', 'user-topic', 2], ['Big', 'topic', 3], ['Other', 'other', 1]]);
		assert.deepEqual(groups[0].papers.map((p) => p.id), ['d', 'a'], 'a user topic lists its papers best first');
		const big = groups[1];
		assert.deepEqual(big.papers, [], 'a topic with subtopics holds its papers in them');
		assert.deepEqual(big.children.map((c) => [c.id, c.label, c.count]), [['topic:big/big/x', 'X', 2], ['topic:big/big/y', 'Y', 1]]);
		assert.equal(big.topicId, 'big');
	});

	test('A filter narrows every group, recounts it, and leaves out groups with nothing shown', () => {
		const groups = shelfGroups('topic', { papers, topics, visible: new Set(['c', 'd']) });
		assert.deepEqual(groups.map((g) => [g.label, g.count, ids(g)]), [['Mine', 1, ['d']], ['Big', 1, ['c']], ['Other', 1, ['d']]]);
		assert.deepEqual(groups[1].children.map((c) => c.label), ['Y'], 'the emptied subtopic is gone');
	});

	test('Grouping by digest, date or none keeps every paper exactly once', () => {
		for (const by of ['digest', 'date', 'none'] as const) {
			const all = shelfGroups(by, { papers, topics: [] }).flatMap(ids);
			assert.deepEqual([...all].sort(), ['a', 'b', 'c', 'd'], by);
		}
	});

	test('Digest groups use the given name; date groups go by month, then day, newest first, and say when there is no date', () => {
		const byDigest = shelfGroups('digest', { papers, topics: [], digestName: (f) => f.split('/').pop() ?? f });
		assert.deepEqual(byDigest.map((g) => [g.label, g.count]), [['one.md', 2], ['two.md', 2]]);
		const dated = [...papers, paper('e', '/w/two.md', '2026-07-31'), paper('f', '/w/two.md', 'Jul 30'), paper('g', '/w/one.md', '2025-12-01')];
		const byDate = shelfGroups('date', { papers: dated, topics: [] });
		assert.deepEqual(byDate.map((g) => [g.label, g.count, g.children.map((c) => [c.label, c.papers.map((p) => p.id)])]), [
			['August 2026', 3, [['2026-08-21', ['b', 'd']], ['2026-08-20', ['a']]]],
			['July 2026', 1, [['2026-07-31', ['e']]]],
			['December 2025', 1, [['2025-12-01', ['g']]]],
			['Jul 30', 1, []],
			['No date', 1, []],
		]);
		assert.equal(new Set(byDate.flatMap((g) => [g.id, ...g.children.map((c) => c.id)])).size, 9, 'ids are unique');
	});

	test('Sorting inside groups: by upvotes, date or title, ties in digest order; digest order by default', () => {
		const list = [
			{ ...paper('a', 'f', '2026-08-20'), title: 'beta', upvotes: 5 },
			{ ...paper('b', 'f', '2026-08-22'), title: 'Alpha', upvotes: 50 },
			{ ...paper('c', 'f'), title: 'gamma' },
			{ ...paper('d', 'f', '2026-08-22'), title: 'alpha 10', upvotes: 5 },
		];
		const order = (by?: 'digest' | 'upvotes' | 'date' | 'title') => sortPapers(list, by).map((p) => p.id);
		assert.deepEqual(order(), ['a', 'b', 'c', 'd']);
		assert.deepEqual(order('digest'), ['a', 'b', 'c', 'd']);
		assert.deepEqual(order('upvotes'), ['b', 'a', 'd', 'c']);
		assert.deepEqual(order('date'), ['b', 'd', 'a', 'c']);
		assert.deepEqual(order('title'), ['b', 'd', 'a', 'c']);
		const byTopic = shelfGroups('topic', { papers: list, topics: [{ id: 't', label: 'T', kind: 'derived', paperIds: ['a', 'b', 'c', 'd'] }], sortBy: 'upvotes' });
		assert.deepEqual(byTopic[0].papers.map((p) => p.id), ['b', 'a', 'd', 'c'], 'topic groups are sorted too');
	});

	test('No papers and no topics give no groups, not empty ones', () => {
		assert.deepEqual(shelfGroups('topic', { papers: [], topics }), []);
		assert.deepEqual(shelfGroups('digest', { papers: [], topics: [] }), []);
	});
});
