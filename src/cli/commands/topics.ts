/**
 * `paper-shelf topics [--json]`: the topics the shelf groups the papers by, as an indented outline with counts,
 * or as JSON: an array of `{label, papers: [{id, title}]}` with subtopics nested as `topics`.
 */
import type { Paper } from '../../core/model';
import { deriveTopics, type Topic } from '../../core/topics/deriveTopics';
import { CliUsageError, digestOption, jsonOption, loadDigests, parseCommandArgs, type CliCommand } from '../cliCommand';

/** One topic of `topics --json`. */
export interface TopicJson {
	readonly label: string;
	readonly papers: readonly { readonly id: string; readonly title: string }[];
	/** Subtopics, for large digests only. */
	readonly topics?: readonly TopicJson[];
}

/** The `topics` command. */
export const topicsCommand: CliCommand = {
	name: 'topics',
	summary: 'group the papers by topic (labels from the papers\' own words)',
	usage: [
		'Usage: paper-shelf topics [--json] [--titles] [--digest FILE]…',
		'',
		'Prints the topics of the papers as an indented outline: each topic with its number of papers.',
		'Large digests (10,000 papers or more) get subtopics; "Other" holds papers that fit no topic.',
		'',
		'Options:',
		'  --json          a JSON array of {label, papers: [{id, title}], topics?} (subtopics nested as topics)',
		'  --titles        in the outline, also list each paper (id and title) under its topic',
		'  --digest FILE   a digest to read (repeatable; default: the bundled digest)',
	].join('\n'),
	async run(args, io) {
		const { values, positionals } = parseCommandArgs(args, { ...digestOption, ...jsonOption, titles: { type: 'boolean' } });
		if (positionals.length > 0) {
			throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
		}
		const { papers } = await loadDigests(values.digest);
		const topics = deriveTopics(papers);
		const byId = new Map(papers.map((p) => [p.id, p]));
		if (values.json) {
			io.out(JSON.stringify(topics.map((t) => topicToJson(t, byId)), null, 2) + '\n');
			return 0;
		}
		io.out(formatOutline(topics, byId, values.titles === true));
		io.out(`${papers.length} paper${papers.length === 1 ? '' : 's'} in ${topics.length} topic${topics.length === 1 ? '' : 's'}\n`);
		return 0;
	},
};

/** A topic as `topics --json` prints it. */
export function topicToJson(topic: Topic, byId: ReadonlyMap<string, Paper>): TopicJson {
	return {
		label: topic.label,
		papers: topic.paperIds.map((id) => ({ id, title: byId.get(id)?.title ?? '' })),
		...(topic.children ? { topics: topic.children.map((c) => topicToJson(c, byId)) } : {}),
	};
}

/** The indented outline: `Label (count)`, subtopics two spaces further in, papers (with `titles`) below. */
export function formatOutline(topics: readonly Topic[], byId: ReadonlyMap<string, Paper>, titles: boolean, depth = 0): string {
	let out = '';
	const indent = '  '.repeat(depth);
	for (const t of topics) {
		out += `${indent}${t.label} (${t.paperIds.length})\n`;
		if (t.children) {
			out += formatOutline(t.children, byId, titles, depth + 1);
		} else if (titles) {
			for (const id of t.paperIds) out += `${indent}  - ${id}  ${byId.get(id)?.title ?? ''}\n`;
		}
	}
	return out;
}
