import * as assert from 'node:assert/strict';
import { main } from '../../../src/cli/cli';
import type { CliIO } from '../../../src/cli/cliCommand';
import type { TopicJson } from '../../../src/cli/commands/topics';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
	let out = '';
	let err = '';
	const io: CliIO = { out: (t) => void (out += t), err: (t) => void (err += t) };
	const code = await main(args, io);
	return { code, out, err };
}

suite('paper-shelf topics', () => {
	test('JSON lists every paper of the bundled digest once, under labelled topics', async () => {
		const { code, out } = await run(['topics', '--json']);
		assert.equal(code, 0);
		const topics = JSON.parse(out) as TopicJson[];
		assert.ok(topics.length >= 5);
		const ids = topics.flatMap((t) => t.papers.map((p) => p.id));
		assert.equal(ids.length, 71);
		assert.equal(new Set(ids).size, 71);
		for (const t of topics) {
			assert.ok(t.label.length > 0);
			assert.ok(t.papers.every((p) => p.title.length > 0 && p.id.length > 0));
			assert.equal(t.topics, undefined, 'a 71-paper digest has one level');
		}
		assert.equal(topics[topics.length - 1].label, 'Other');
	});

	test('The outline gives each topic with its count, and --titles lists the papers', async () => {
		const { code, out } = await run(['topics']);
		assert.equal(code, 0);
		const lines = out.trimEnd().split('\n');
		assert.match(lines[0], /^\S.* \(\d+\)$/);
		assert.match(lines[lines.length - 1], /^71 papers in \d+ topics$/);
		const counts = lines.slice(0, -1).map((l) => Number(/\((\d+)\)$/.exec(l)![1]));
		assert.equal(counts.reduce((a, b) => a + b, 0), 71);
		const withTitles = await run(['topics', '--titles']);
		assert.ok(withTitles.out.includes('  - ') && withTitles.out.includes('OHQ: On-chip Hardware-aware Quantization'));
	});

	test('A stray argument is a usage error', async () => {
		const { code, err } = await run(['topics', 'extra']);
		assert.equal(code, 2);
		assert.match(err, /unexpected argument 'extra'/);
	});
});
