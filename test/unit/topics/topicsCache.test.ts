import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Paper } from '../../../src/core/model';
import { parseDigest } from '../../../src/core/parse/parseDigest';
import { deriveTopics, loadTopicsCache, saveTopicsCache, topicsCacheKey, type Topic } from '../../../src/core/topics';
import { validateTopics } from '../../../src/core/topics/topicsCache';
import { prng, repoRoot } from '../../support/corpus';
import { corrupt } from '../../support/corrupt';
import { makePaper } from './topicFixtures';
import { nodeCacheFolder } from '../../support/nodeCacheFolder';

const bundledDigestFile = path.join(repoRoot, 'media', 'digests', 'daily-papers.txt');

function bundledPapers(): Paper[] {
	return [...parseDigest(fs.readFileSync(bundledDigestFile), bundledDigestFile).papers];
}

/** `n` papers on a dozen themes, so that deriving finds topics (and subtopics with a low two-level threshold). */
function syntheticPapers(n: number): Paper[] {
	const themes = [
		['quantization', 'low-bit weights', 'integer inference'], ['spiking neural networks', 'neuromorphic chips', 'event cameras'],
		['mixture of experts', 'expert routing', 'sparse layers'], ['speculative decoding', 'draft models', 'token verification'],
		['photonic interconnects', 'optical links', 'wafer-scale systems'], ['graph neural networks', 'message passing', 'molecule graphs'],
		['diffusion models', 'image generation', 'denoising schedules'], ['reinforcement learning', 'reward models', 'policy gradients'],
		['memory bandwidth', 'high bandwidth memory', 'cache hierarchies'], ['federated learning', 'client privacy', 'secure aggregation'],
		['kernel fusion', 'compiler passes', 'operator scheduling'], ['retrieval augmentation', 'vector search', 'document ranking'],
	];
	const settings = ['on edge devices', 'for data centers', 'in robotics', 'for healthcare', 'under noise'];
	const random = prng(3000);
	return Array.from({ length: n }, (_, i) => {
		const [a, b, c] = themes[i % themes.length];
		const setting = settings[Math.floor(random() * settings.length)];
		const extra = themes[Math.floor(random() * themes.length)][Math.floor(random() * 3)];
		return makePaper(`${a} ${setting} with ${i % 2 ? b : c} number ${i}`, `We study ${a} ${setting} and ${b}, with ${c} and some ${extra}; paper ${i}.`);
	});
}

/** A topic as the cache file holds it, for tests that edit the file. */
interface TopicInFile {
	id: unknown;
	label: unknown;
	kind: unknown;
	paperIds: unknown[];
	children?: unknown;
	[field: string]: unknown;
}

/** The cache file's document. */
interface CacheDoc {
	topics: TopicInFile[];
	[field: string]: unknown;
}

/** What loading gave: the topics, or undefined when the cache was not used. */
async function loaded(dir: string, key: string, ids: ReadonlySet<string>): Promise<readonly Topic[] | undefined> {
	const result: unknown = await loadTopicsCache(nodeCacheFolder(dir), key, ids);
	return Array.isArray(result) ? result : (result as { topics?: Topic[] } | undefined)?.topics;
}

suite('The topics cache', () => {
	let dir: string;
	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-topics-cache-'));
	});
	teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

	/** Rewrites the cache file with `edit` applied to its document and, as a correct writer would, its checksum. */
	function rewrite(key: string, edit: (doc: CacheDoc) => void): void {
		const file = path.join(dir, `${key}.json`);
		const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
		edit(doc);
		if (typeof doc.sha256 === 'string') doc.sha256 = createHash('sha256').update(JSON.stringify(doc.topics)).digest('hex');
		fs.writeFileSync(file, JSON.stringify(doc));
	}

	test('Saved topics load back identical for the same digests and algorithm', async () => {
		const papers = bundledPapers();
		const topics = deriveTopics(papers);
		const key = topicsCacheKey(['b', 'a'], 'worker-1');
		await saveTopicsCache(nodeCacheFolder(dir), key, topics);
		assert.equal(topicsCacheKey(['a', 'b'], 'worker-1'), key, 'digest order does not matter');
		assert.deepEqual(await loaded(dir, key, new Set(papers.map((p) => p.id))), JSON.parse(JSON.stringify(topics)));
	});

	test('Another algorithm or other digests make another key, and a missing file loads nothing', async () => {
		const key = topicsCacheKey(['a'], 'worker-1');
		assert.notEqual(topicsCacheKey(['a'], 'worker-2'), key);
		assert.notEqual(topicsCacheKey(['a', 'c'], 'worker-1'), key);
		assert.equal(await loaded(dir, key, new Set()), undefined);
	});

	test('A corrupt, truncated or mislabelled cache file is ignored, never trusted', async () => {
		const papers = bundledPapers();
		const ids = new Set(papers.map((p) => p.id));
		const key = topicsCacheKey(['a'], 'w');
		await saveTopicsCache(nodeCacheFolder(dir), key, deriveTopics(papers));
		const file = path.join(dir, `${key}.json`);
		const good = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(file, good.slice(0, good.length / 2));
		assert.equal(await loaded(dir, key, ids), undefined, 'truncated');
		fs.writeFileSync(file, good.replace(key, 'f'.repeat(64)));
		assert.equal(await loaded(dir, key, ids), undefined, 'written for another key');
		for (const text of ['null', '[]', '7', '"x"']) {
			fs.writeFileSync(file, text);
			assert.equal(await loaded(dir, key, ids), undefined, text);
		}
	});

	test('A cache naming papers the shelf does not have is ignored', async () => {
		const papers = bundledPapers();
		const key = topicsCacheKey(['a'], 'w');
		await saveTopicsCache(nodeCacheFolder(dir), key, deriveTopics(papers));
		assert.equal(await loaded(dir, key, new Set(papers.slice(1).map((p) => p.id))), undefined);
	});

	test('A cache of valid shape with no topics is ignored for a shelf of 3,000 papers (it would show 0 of them)', async function () {
		this.timeout(60_000); // makes 3,000 papers
		const ids = new Set(syntheticPapers(3000).map((p) => p.id));
		const key = topicsCacheKey(['a'], 'w');
		await saveTopicsCache(nodeCacheFolder(dir), key, []);
		assert.equal(await loaded(dir, key, ids), undefined, 'as saved');
		fs.writeFileSync(path.join(dir, `${key}.json`), JSON.stringify({ key, topics: [] }));
		assert.equal(await loaded(dir, key, ids), undefined, 'in the old layout');
	});

	test('Behind a valid checksum, topics that miss papers, repeat them or break the topic contract are ignored', async function () {
		this.timeout(60_000); // derives the topics of 3,000 papers
		const papers = syntheticPapers(3000);
		const ids = new Set(papers.map((p) => p.id));
		const derived = deriveTopics(papers, { twoLevelThreshold: 1000 });
		assert.ok(derived.some((t) => t.children), 'the fixture has subtopics');
		const parent = derived.findIndex((t) => t.children);
		const children = (d: CacheDoc) => d.topics[parent].children as TopicInFile[];
		const other = parent === 0 ? 1 : 0;
		const edits: [string, (doc: CacheDoc) => void][] = [
			['no topics', (d) => void (d.topics = [])],
			['a topic dropped', (d) => void d.topics.pop()],
			['a paper dropped', (d) => void d.topics[0].paperIds.pop()],
			['a paper in two topics', (d) => void d.topics[1].paperIds.push(d.topics[0].paperIds[0])],
			['a paper twice in a topic', (d) => void d.topics[1].paperIds.push(d.topics[1].paperIds[0])],
			['an unknown paper', (d) => void d.topics[0].paperIds.push('2999.99999')],
			['a subtopic dropped', (d) => void children(d).pop()],
			['a subtopic paper not in its parent', (d) => void children(d)[0].paperIds.push(d.topics[other].paperIds[0])],
			['two topics with one id', (d) => void (d.topics[1].id = d.topics[0].id)],
			['a user topic', (d) => void (d.topics[0].kind = 'user')],
			['an empty label', (d) => void (d.topics[0].label = ' ')],
			['an unknown field', (d) => void (d.topics[0].command = 'workbench.action.quit')],
			['paper ids that are numbers', (d) => void (d.topics[0].paperIds[0] = 7)],
			['children that are not a list', (d) => void (d.topics[parent].children = {})],
			['a paper count for another shelf', (d) => void (d.papers = 2999)],
		];
		const key = topicsCacheKey(['a'], 'w');
		for (const [what, edit] of edits) {
			await saveTopicsCache(nodeCacheFolder(dir), key, derived);
			assert.ok(await loaded(dir, key, ids), `the saved cache itself is accepted (before: ${what})`);
			rewrite(key, edit);
			assert.equal(await loaded(dir, key, ids), undefined, what);
		}
	});

	test('Freshly derived topics satisfy the validator: one and two levels, bundled and synthetic papers', function () {
		this.timeout(60_000); // derives the topics of 3,000 papers
		const bundled = bundledPapers();
		assert.equal(validateTopics(deriveTopics(bundled), new Set(bundled.map((p) => p.id))), undefined);
		const synthetic = syntheticPapers(3000);
		assert.equal(validateTopics(deriveTopics(synthetic, { twoLevelThreshold: 1000 }), new Set(synthetic.map((p) => p.id))), undefined);
		assert.equal(validateTopics([], new Set()), undefined, 'no papers, no topics');
		assert.match(validateTopics([], new Set(['a'])) ?? '', /0 of 1 paper/);
	});

	test('Random corruption of a real cache (1,500 seeded flips, deletions, duplications) is ignored or loads exactly the saved topics', async function () {
		this.timeout(120_000);
		const papers = bundledPapers();
		const ids = new Set(papers.map((p) => p.id));
		const topics = deriveTopics(papers);
		const expected = JSON.stringify(topics);
		const key = topicsCacheKey(['a'], 'w');
		await saveTopicsCache(nodeCacheFolder(dir), key, topics);
		const file = path.join(dir, `${key}.json`);
		const good = fs.readFileSync(file);
		const random = prng(1500);
		const counts = { ignored: 0, identical: 0, wrong: 0 };
		const wrong: string[] = [];
		const started = Date.now();
		for (let i = 0; i < 1500; i++) {
			const { bytes, how } = corrupt(good, random, true);
			fs.writeFileSync(file, bytes);
			const result = await loaded(dir, key, ids);
			if (!result) {
				counts.ignored++;
			} else if (JSON.stringify(result) === expected) {
				counts.identical++;
			} else {
				counts.wrong++;
				wrong.push(`case ${i} (${how}) was accepted and differs`);
			}
		}
		console.log(`      ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
		assert.deepStrictEqual(wrong.slice(0, 10), [], JSON.stringify(counts));
		assert.ok(counts.ignored > 1000, JSON.stringify(counts));
		assert.ok(Date.now() - started < 100_000, 'bounded in time');
	});
});
