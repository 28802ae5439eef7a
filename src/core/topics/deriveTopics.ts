/**
 * Topics for the papers of a digest, named in the papers' own words ("LLM serving", "Quantization",
 * "Neuromorphic computing"), with an "Other" group for papers that fit nowhere and, for large digests, a
 * second level of subtopics.
 *
 * Deterministic: papers are sorted by id before anything else and every tie is broken, so the same papers give
 * the same topics in any order. Ids come from labels, so a topic keeps its id (and the user's rename) as long
 * as its label survives re-derivation.
 */
import { clusterTopicLevel, type Grouping, type GroupingOptions } from './clusterTopicLevel';
import type { Topic, TopicOptions, TopicPaper } from './topic';
import { TopicCorpus } from './topicCorpus';
import { compareStrings } from '../text/compareStrings';

export type { Topic, TopicOptions, TopicPaper, UserTopic } from './topic';

/** The label of the group of papers that fit no topic. */
export const otherLabel = 'Other';
/** The id of the top-level "Other" topic (a subtopic's is `<parent id>/other`). */
export const otherTopicId = 'other';

const maxShare = 0.3;
const otherShare = 0.1;
/** From this many papers on, large topics get subtopics (unless `TopicOptions.twoLevelThreshold` says otherwise). */
export const defaultTwoLevelThreshold = 10000;

/** Derives topics for `papers`; see the module comment. Never throws on empty or tiny input. */
export function deriveTopics(papers: readonly TopicPaper[], options: TopicOptions = {}): Topic[] {
	if (papers.length === 0) return [];
	const corpus = TopicCorpus.build(papers);
	const n = corpus.papers.length;
	const all = [...Array(n).keys()];
	const grouping = clusterTopicLevel(corpus, all, levelOptions(n, options.minTopics, options.maxTopics));
	const twoLevel = n >= (options.twoLevelThreshold ?? defaultTwoLevelThreshold);
	const used = new Set<string>();
	// No label at both levels: a subtopic is never named like any top-level topic (its parent's word included).
	const topLabels = new Set(grouping.groups.map((g) => corpus.phrase(g.phrase).key));
	const topics: Topic[] = grouping.groups.map((g) => {
		const label = corpus.labelFor(g.phrase, g.members);
		const id = uniqueId(slug(label), used);
		let children: Topic[] | undefined;
		if (twoLevel && g.members.length > subtopicThreshold(n)) {
			const sub = clusterTopicLevel(corpus, g.members, {
				...levelOptions(g.members.length, undefined, undefined),
				excludeKeys: topLabels,
			});
			children = toTopics(corpus, sub, id + '/');
			if (children.length <= 1) children = undefined;
		}
		return {
			id,
			label,
			paperIds: children ? children.flatMap((c) => c.paperIds) : g.members.map((m) => corpus.papers[m].id),
			...(children ? { children } : {}),
			kind: 'derived' as const,
		};
	});
	topics.sort(bySizeThenLabel);
	if (grouping.other.length > 0) {
		// In a large digest "Other" can hold thousands of papers too: it gets subtopics like any topic.
		let children: Topic[] | undefined;
		if (twoLevel && grouping.other.length > subtopicThreshold(n)) {
			const sub = clusterTopicLevel(corpus, grouping.other, { ...levelOptions(grouping.other.length, undefined, undefined), excludeKeys: topLabels });
			children = toTopics(corpus, sub, otherTopicId + '/');
			if (children.length <= 1) children = undefined;
		}
		topics.push({
			id: otherTopicId,
			label: otherLabel,
			paperIds: children ? children.flatMap((c) => c.paperIds) : grouping.other.map((m) => corpus.papers[m].id),
			...(children ? { children } : {}),
			kind: 'other',
		});
	}
	return topics;
}

function toTopics(corpus: TopicCorpus, grouping: Grouping, prefix: string): Topic[] {
	const used = new Set<string>();
	const topics: Topic[] = grouping.groups.map((g) => {
		const label = corpus.labelFor(g.phrase, g.members);
		const id = prefix + uniqueId(slug(label), used);
		return { id, label, paperIds: g.members.map((m) => corpus.papers[m].id), kind: 'derived' as const };
	});
	topics.sort(bySizeThenLabel);
	if (grouping.other.length > 0) {
		const id = prefix + otherTopicId;
		topics.push({ id, label: otherLabel, paperIds: grouping.other.map((m) => corpus.papers[m].id), kind: 'other' });
	}
	return topics;
}

/** Options for one level of `n` papers: about 1.75·√n topics, between 3 and 20 (fewer for tiny digests). */
export function levelOptions(n: number, minTopics: number | undefined, maxTopics: number | undefined): GroupingOptions {
	const max = Math.max(1, maxTopics ?? Math.min(20, Math.max(3, Math.round(1.75 * Math.sqrt(n)))));
	const min = Math.min(max, minTopics ?? Math.min(5, Math.floor(n / 3)));
	const tiny = n < 10;
	return {
		minTopics: min,
		maxTopics: max,
		maxShare: tiny ? 1 : maxShare,
		otherShare: tiny ? 1 : otherShare,
		minSize: Math.max(n >= 30 ? 3 : 2, Math.ceil(n * 0.004)),
	};
}

/** Topics bigger than this get subtopics in a two-level grouping. */
function subtopicThreshold(n: number): number {
	return Math.max(50, Math.round(Math.sqrt(n)));
}

export function bySizeThenLabel(a: Topic, b: Topic): number {
	return b.paperIds.length - a.paperIds.length || compareStrings(a.label, b.label);
}

/** A readable, stable id from a label: lower-case words joined by `-` ("LLM serving" → `llm-serving`). */
export function slug(label: string): string {
	const s = withoutParentheses(label.toLowerCase())
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-+|-+$/g, '');
	return s.length > 0 ? s : 'topic';
}

/**
 * `text.replace(/\([^)]*\)/g, ' ')` in linear time: that pattern scans to the end of the text from
 * each `(` when no `)` follows.
 */
function withoutParentheses(text: string): string {
	let out = '';
	let from = 0;
	for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', from)) {
		const close = text.indexOf(')', open + 1);
		if (close === -1) break;
		out += `${text.slice(from, open)} `;
		from = close + 1;
	}
	return out + text.slice(from);
}

export function uniqueId(base: string, used: Set<string>): string {
	let id = base === otherTopicId ? base + '-topic' : base;
	for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
	used.add(id);
	return id;
}
