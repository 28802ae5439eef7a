/**
 * `paper-shelf search <query> [--limit N] [--json] [--topics]`: ranked papers for a query, as the shelf's
 * search box finds them (the last word is a prefix, one typo is forgiven, papers with all words first).
 */
import type { Paper } from '../../core/model';
import { PaperIndex } from '../../core/search/paperIndex';
import { deriveTopics, type Topic } from '../../core/topics/deriveTopics';
import { CliUsageError, digestOption, jsonOption, loadDigests, parseCommandArgs, parsePositiveInt, type CliCommand } from '../cliCommand';

/** One line of `search --json`. */
export interface SearchResultJson {
	readonly id: string;
	readonly title: string;
	readonly score: number;
	/** The label of the paper's topic, with `--topics`. */
	readonly topic?: string;
}

/** The `search` command. */
export const searchCommand: CliCommand = {
	name: 'search',
	summary: 'search the papers (title first, prefix and typo tolerant)',
	usage: [
		'Usage: paper-shelf search <query…> [--limit N] [--json] [--topics] [--digest FILE]…',
		'',
		'Prints the papers matching the query, best first: rank, score, id and title.',
		'The last word matches as a prefix; papers containing all words rank first.',
		'',
		'Options:',
		'  --limit N       at most N papers (default 10)',
		'  --json          a JSON array of {id, title, score, topic?}, best first',
		'  --topics        also derive topics and give each paper\'s topic',
		'  --digest FILE   a digest to read (repeatable; default: the bundled digest)',
	].join('\n'),
	async run(args, io) {
		const { values, positionals } = parseCommandArgs(args, {
			...digestOption,
			...jsonOption,
			limit: { type: 'string', short: 'n' },
			topics: { type: 'boolean' },
		});
		const query = positionals.join(' ');
		if (query.trim() === '') {
			throw new CliUsageError('no query given');
		}
		const limit = parsePositiveInt(values.limit, '--limit', 10);
		const { papers } = await loadDigests(values.digest);
		const index = new PaperIndex();
		index.addDigest('cli', papers);
		const hits = index.search(query, { limit });
		const topicOf = values.topics ? topicLabels(papers) : undefined;
		const rows: SearchResultJson[] = hits.map((h) => ({
			id: h.paper.id,
			title: h.paper.title,
			score: Math.round(h.score * 1000) / 1000,
			...(topicOf?.has(h.paper.id) ? { topic: topicOf.get(h.paper.id) } : {}),
		}));
		if (values.json) {
			io.out(JSON.stringify(rows, null, 2) + '\n');
			return 0;
		}
		if (rows.length === 0) {
			io.err(`no papers match '${query}' (${papers.length} papers searched)\n`);
			return 1;
		}
		const idWidth = Math.max(...rows.map((r) => r.id.length));
		rows.forEach((r, i) => {
			const topic = r.topic ? `  [${r.topic}]` : '';
			io.out(`${String(i + 1).padStart(3)}. ${r.score.toFixed(3)}  ${r.id.padEnd(idWidth)}  ${r.title}${topic}\n`);
		});
		return 0;
	},
};

/** Paper id → label of its (most specific) topic. */
function topicLabels(papers: readonly Paper[]): Map<string, string> {
	const labels = new Map<string, string>();
	const visit = (topics: readonly Topic[]) => {
		for (const topic of topics) {
			for (const id of topic.paperIds) labels.set(id, topic.label);
			if (topic.children) visit(topic.children);
		}
	};
	visit(deriveTopics(papers));
	return labels;
}
