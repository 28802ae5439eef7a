/**
 * Day-over-day stability of topics (`npm run bench:topics:churn`, also run by `npm run bench:topics`): a 2,000-paper
 * shelf (the first records of the corpus) gets a day of new papers (the next 130 records), five days in a row, then
 * loses the last day again. For each step: the share of the papers already on the shelf whose topic changed, topics
 * mapped by id (the id carries the user's rename), and how many of the shelf's topic ids survived.
 *
 * "main" derives every shelf from scratch (`deriveTopics`, ids from labels); "memory" is `deriveStableTopics` with the
 * topics remembered from the step before (`nextTopicMemory`), as the extension does.
 *
 * Prints Markdown tables. Not a test: no assertions.
 */
import type { Paper } from '../../src/core/model';
import { deriveTopics, type Topic } from '../../src/core/topics/deriveTopics';
import { deriveStableTopicsWithPath, encodeTopicMemory, nextTopicMemory } from '../../src/core/topics/topicMemory';
import { benchCorpusFile } from '../support/corpus';
import { leafOf, readCorpusSample } from '../unit/topics/topicFixtures';

const shelfSize = 2000;
const daySize = 130;
const days = 5;

/** Of the papers in both groupings, how many changed topic (by id), and how many of `before`'s topic ids are still there. */
function churn(before: readonly Topic[], after: readonly Topic[]): { moved: number; common: number; idsKept: number; ids: number } {
	const a = leafOf(before);
	const b = leafOf(after);
	let moved = 0;
	let common = 0;
	for (const [id, topic] of a) {
		const now = b.get(id);
		if (now === undefined) continue;
		common++;
		if (now !== topic) moved++;
	}
	const idsAfter = new Set(after.map((t) => t.id));
	const derivedBefore = before.filter((t) => t.kind === 'derived');
	return { moved, common, idsKept: derivedBefore.filter((t) => idsAfter.has(t.id)).length, ids: derivedBefore.length };
}

function row(step: string, method: string, c: ReturnType<typeof churn>, topics: readonly Topic[], ms: number, path = ''): string {
	const other = topics.find((t) => t.kind === 'other')?.paperIds.length ?? 0;
	return `| ${step} | ${method} | ${c.moved} of ${c.common} | ${((100 * c.moved) / c.common).toFixed(1)}% | ${c.idsKept} of ${c.ids} | ${topics.length} | ${other} | ${ms.toFixed(0)} | ${path} |`;
}

async function main(): Promise<void> {
	const all: Paper[] = await readCorpusSample(shelfSize + days * daySize, undefined, benchCorpusFile());
	console.log(`## Day-over-day churn (${shelfSize}-paper shelf, days of ${daySize} papers)\n`);
	console.log('| step | method | papers whose topic changed | churn | topic ids kept | topics | in Other | time (ms) | path |');
	console.log('|---|---|---:|---:|---:|---:|---:|---:|---|');
	let shelf = all.slice(0, shelfSize);
	let plain = deriveTopics(shelf);
	let stable = plain;
	let memory: Topic[] = plain;
	for (let day = 1; day <= days; day++) {
		const next = all.slice(0, shelfSize + day * daySize);
		let start = performance.now();
		const plainNext = deriveTopics(next);
		const plainMs = performance.now() - start;
		start = performance.now();
		const stableNext = deriveStableTopicsWithPath(next, {}, memory);
		const stableMs = performance.now() - start;
		console.log(row(`add day ${day}`, 'main', churn(plain, plainNext), plainNext, plainMs));
		console.log(row(`add day ${day}`, 'memory', churn(stable, stableNext.topics), stableNext.topics, stableMs, stableNext.path));
		plain = plainNext;
		stable = stableNext.topics;
		memory = nextTopicMemory(memory, stable, new Set(next.map((p) => p.id)));
		shelf = next;
	}
	const without = shelf.slice(0, shelf.length - daySize);
	let start = performance.now();
	const plainBack = deriveTopics(without);
	const plainMs = performance.now() - start;
	start = performance.now();
	const stableBack = deriveStableTopicsWithPath(without, {}, memory);
	const stableMs = performance.now() - start;
	console.log(row(`remove day ${days}`, 'main', churn(plain, plainBack), plainBack, plainMs));
	console.log(row(`remove day ${days}`, 'memory', churn(stable, stableBack.topics), stableBack.topics, stableMs, stableBack.path));

	// A large change: the shelf doubles at once (a fresh grouping, matched to the memory by overlap).
	const doubled = (await readCorpusSample(2 * shelfSize, undefined, benchCorpusFile()));
	const base = deriveTopics(doubled.slice(0, shelfSize));
	start = performance.now();
	const plainDoubled = deriveTopics(doubled);
	const plainDoubledMs = performance.now() - start;
	start = performance.now();
	const stableDoubled = deriveStableTopicsWithPath(doubled, {}, base);
	const stableDoubledMs = performance.now() - start;
	console.log(row('double the shelf', 'main', churn(base, plainDoubled), plainDoubled, plainDoubledMs));
	console.log(row('double the shelf', 'memory', churn(base, stableDoubled.topics), stableDoubled.topics, stableDoubledMs, stableDoubled.path));

	// A two-level shelf: 10,000 papers and a day.
	const large = await readCorpusSample(10000 + daySize, undefined, benchCorpusFile());
	const largeShelf = large.slice(0, 10000);
	const largeBase = deriveTopics(largeShelf);
	start = performance.now();
	const plainLarge = deriveTopics(large);
	const plainLargeMs = performance.now() - start;
	start = performance.now();
	const stableLarge = deriveStableTopicsWithPath(large, {}, largeBase);
	const stableLargeMs = performance.now() - start;
	console.log(row('10,000 papers: add a day', 'main', churn(largeBase, plainLarge), plainLarge, plainLargeMs));
	console.log(row('10,000 papers: add a day', 'memory', churn(largeBase, stableLarge.topics), stableLarge.topics, stableLargeMs, stableLarge.path));
	const largeMemory = nextTopicMemory(largeBase, stableLarge.topics, new Set(large.map((p) => p.id)));
	start = performance.now();
	const largeBack = deriveStableTopicsWithPath(largeShelf, {}, largeMemory);
	const largeBackMs = performance.now() - start;
	console.log(row('10,000 papers: remove the day', 'memory', churn(stableLarge.topics, largeBack.topics), largeBack.topics, largeBackMs, largeBack.path));
	const text = encodeTopicMemory(largeMemory);
	console.log(`\nThe memory of the 10,130-paper shelf (with subtopics): ${(text.length / 1024).toFixed(0)} KB of text (${(text.length / large.length).toFixed(1)} characters a paper).`);
}

main().catch((e: unknown) => {
	console.error(e);
	process.exitCode = 1;
});
