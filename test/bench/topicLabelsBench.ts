/**
 * The labels topic grouping gives (`npm run bench:topic-labels [-- --100k]`): the bundled digest, the 17-paper
 * Hugging Face day (with each topic's titles), and the first 10,000 (and with `--100k` also 100,000) corpus
 * papers: every top-level label with its subtopics, the one-word top-level labels, and labels that appear at
 * both levels or under their own parent's word. Prints Markdown for test/bench/TOPICS-RESULTS.md.
 *
 * Not a test: no assertions.
 */
import * as os from 'node:os';
import { deriveTopics, type Topic } from '../../src/core/topics/deriveTopics';
import { benchCorpusFile } from '../support/corpus';
import { readBundledDigest, readCorpusSample, readHuggingFaceDay } from '../unit/topics/topicFixtures';

function names(topics: readonly Topic[]): string {
	return topics.map((t) => `${t.label} (${t.paperIds.length})`).join(', ');
}

function oneWord(label: string): boolean {
	return label !== 'Other' && !/\s/.test(label.replace(/\s*\([^)]*\)$/, '').trim());
}

function report(title: string, topics: readonly Topic[], ms: number, cpuMs: number): void {
	console.log(`\n### ${title} (${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU, load ${os.loadavg()[0].toFixed(2)})\n`);
	console.log(`Top level: ${names(topics)}\n`);
	for (const t of topics) if (t.children) console.log(`- **${t.label}**: ${names(t.children)}`);
	const top = topics.map((t) => t.label);
	console.log(`\nOne-word top-level labels: ${top.filter(oneWord).join(', ') || 'none'}`);
	const stem = (s: string) => s.toLowerCase().replace(/\s*\([^)]*\)$/, '').replace(/s$/, '');
	const topStems = new Set(topics.map((t) => stem(t.label)));
	const repeats: string[] = [];
	for (const t of topics) {
		for (const c of t.children ?? []) {
			if (c.kind === 'other') continue;
			if (topStems.has(stem(c.label))) repeats.push(`${c.label} (under ${t.label})`);
			else if (stem(t.label).split(/[\s-]+/).some((w) => w.length > 2 && stem(c.label).split(/[\s-]+/).includes(w))) repeats.push(`${c.label} (shares a word with its parent ${t.label})`);
		}
	}
	console.log(`Labels repeated across levels or sharing the parent's word: ${repeats.join(', ') || 'none'}`);
	const childOneWord = topics.flatMap((t) => (t.children ?? []).map((c) => c.label)).filter(oneWord);
	console.log(`One-word subtopic labels: ${childOneWord.length} of ${topics.reduce((s, t) => s + (t.children?.filter((c) => c.kind !== 'other').length ?? 0), 0)}: ${childOneWord.join(', ')}`);
}

function timed(f: () => Topic[]): [Topic[], number, number] {
	const cpu = process.cpuUsage();
	const start = performance.now();
	const t = f();
	const used = process.cpuUsage(cpu);
	return [t, performance.now() - start, (used.user + used.system) / 1000];
}

async function main(): Promise<void> {
	const bundled = readBundledDigest();
	report('Bundled digest (71 papers)', ...timed(() => deriveTopics(bundled)));
	const day = readHuggingFaceDay();
	const [dayTopics, dayMs, dayCpu] = timed(() => deriveTopics(day));
	report('Hugging Face day 2026-08-21 (17 papers)', dayTopics, dayMs, dayCpu);
	const byId = new Map(day.map((p) => [p.id, p.title]));
	for (const t of dayTopics) console.log(`- ${t.label}: ${t.paperIds.map((id) => byId.get(id)?.slice(0, 60)).join(' | ')}`);
	const corpus = benchCorpusFile(process.argv.slice(2).filter((a) => a !== '--100k'));
	const sizes = process.argv.includes('--100k') ? [10000, 100000] : [10000];
	const all = await readCorpusSample(sizes[sizes.length - 1], undefined, corpus);
	for (const n of sizes) {
		const sample = all.slice(0, n);
		report(`First ${n.toLocaleString('en')} corpus papers`, ...timed(() => deriveTopics(sample)));
	}
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
