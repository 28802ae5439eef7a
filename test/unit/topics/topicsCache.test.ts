import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deriveTopics, loadTopicsCache, saveTopicsCache, topicsCacheKey } from '../../../src/core/topics';
import { readBundledDigest } from './topicFixtures';

suite('The topics cache', () => {
	let dir: string;
	setup(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-shelf-topics-cache-'));
	});
	teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

	test('Saved topics load back identical for the same digests and algorithm', async () => {
		const papers = readBundledDigest();
		const topics = deriveTopics(papers);
		const key = topicsCacheKey(['b', 'a'], 'worker-1');
		await saveTopicsCache(dir, key, topics);
		assert.equal(topicsCacheKey(['a', 'b'], 'worker-1'), key, 'digest order does not matter');
		assert.deepEqual(await loadTopicsCache(dir, key, new Set(papers.map((p) => p.id))), JSON.parse(JSON.stringify(topics)));
	});

	test('Another algorithm or other digests make another key, and a missing file loads nothing', async () => {
		const key = topicsCacheKey(['a'], 'worker-1');
		assert.notEqual(topicsCacheKey(['a'], 'worker-2'), key);
		assert.notEqual(topicsCacheKey(['a', 'c'], 'worker-1'), key);
		assert.equal(await loadTopicsCache(dir, key, new Set()), undefined);
	});

	test('A corrupt, truncated or mislabelled cache file is ignored, never trusted', async () => {
		const papers = readBundledDigest();
		const ids = new Set(papers.map((p) => p.id));
		const key = topicsCacheKey(['a'], 'w');
		await saveTopicsCache(dir, key, deriveTopics(papers));
		const file = path.join(dir, `${key}.json`);
		const good = fs.readFileSync(file, 'utf8');
		fs.writeFileSync(file, good.slice(0, good.length / 2));
		assert.equal(await loadTopicsCache(dir, key, ids), undefined, 'truncated');
		fs.writeFileSync(file, good.replace(key, 'f'.repeat(64)));
		assert.equal(await loadTopicsCache(dir, key, ids), undefined, 'written for another key');
		fs.writeFileSync(file, JSON.stringify({ key, topics: [{ id: 'x', label: '', kind: 'derived', paperIds: [] }] }));
		assert.equal(await loadTopicsCache(dir, key, ids), undefined, 'an empty label');
	});

	test('A cache naming papers the shelf does not have is ignored', async () => {
		const papers = readBundledDigest();
		const key = topicsCacheKey(['a'], 'w');
		await saveTopicsCache(dir, key, deriveTopics(papers));
		assert.equal(await loadTopicsCache(dir, key, new Set(papers.slice(1).map((p) => p.id))), undefined);
	});
});
