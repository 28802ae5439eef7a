/**
 * Derived topics saved to disk beside the index cache, so a large shelf does not derive them again on
 * every start. Keyed by the digests' content and the algorithm's identity, and checksummed. Nothing in
 * it is trusted: a file that is stale, corrupt, of the wrong shape, or whose topics do not group exactly
 * the papers on the shelf is ignored with a reason (and the caller derives the topics again).
 */
import type { CacheFolder } from '../cacheFolder';
import { sha256Hex } from '../hash/sha256';
import type { Topic } from './topic';

/** Bump when the file layout or the meaning of the saved topics changes. */
const topicsCacheVersion = 2;

/** What loading found: the topics, or why the cache was not used. */
export type TopicsCacheLoad = { readonly topics: Topic[] } | { readonly reason: string };

/**
 * The cache key: the sorted content hashes of the digests on the shelf and a string that changes
 * whenever the topic algorithm does (the extension passes a hash of its bundled topics worker).
 */
export function topicsCacheKey(contentHashes: readonly string[], algorithm: string): string {
	return sha256Hex(JSON.stringify({ algorithm, digests: [...contentHashes].sort() }));
}

/**
 * The cached topics for `key` when they are exactly a grouping of `paperIds` (see `validateTopics`), else
 * why not (`no cache`, `stale: …`, `corrupt: …`). Never throws.
 */
export async function loadTopicsCache(dir: CacheFolder, key: string, paperIds: ReadonlySet<string>): Promise<TopicsCacheLoad> {
	let text: string;
	try {
		const bytes = await dir.read(topicsCacheFileName(key));
		if (bytes === undefined) {
			return { reason: 'no cache' };
		}
		text = new TextDecoder().decode(bytes);
	} catch (e) {
		return { reason: `corrupt: unreadable (${errorText(e)})` };
	}
	try {
		return checkTopicsCacheFile(JSON.parse(text), key, paperIds);
	} catch (e) {
		return { reason: `corrupt: ${errorText(e)}` };
	}
}

/** Saves topics for `key` (replacing the file atomically); a failure to write is the caller's to report. */
export async function saveTopicsCache(dir: CacheFolder, key: string, topics: readonly Topic[]): Promise<void> {
	const body = JSON.stringify(topics);
	const papers = new Set(topics.flatMap((t) => t.paperIds)).size;
	// `topics` is written last and verbatim, so the checksum covers exactly its text.
	const text = `{"version":${topicsCacheVersion},"key":${JSON.stringify(key)},"papers":${papers},"sha256":"${sha256(body)}","topics":${body}}`;
	await dir.write(topicsCacheFileName(key), new TextEncoder().encode(text));
}

/** The name of the cache file for `key` in its folder. */
export function topicsCacheFileName(key: string): string {
	return `${key}.json`;
}

// --- validation (pure)

/** The parsed cache file checked against the key and the shelf's papers: its topics, or why not. */
export function checkTopicsCacheFile(data: unknown, key: string, paperIds: ReadonlySet<string>): TopicsCacheLoad {
	if (!isRecord(data)) {
		return { reason: `corrupt: the file holds ${describe(data)}, not an object` };
	}
	if (data.version !== topicsCacheVersion) {
		return { reason: `stale: cache version ${describe(data.version)}, expected ${topicsCacheVersion}` };
	}
	if (data.key !== key) {
		return { reason: 'stale: written for other digests or another topic algorithm' };
	}
	if (data.papers !== paperIds.size) {
		return { reason: `corrupt: written for ${describe(data.papers)} papers, the shelf has ${paperIds.size}` };
	}
	if (typeof data.sha256 !== 'string' || sha256(JSON.stringify(data.topics) ?? '') !== data.sha256) {
		return { reason: 'corrupt: topics checksum mismatch' };
	}
	const problem = validateTopics(data.topics, paperIds);
	return problem ? { reason: `corrupt: ${problem}` } : { topics: data.topics as Topic[] };
}

/**
 * What is wrong with `topics` as the derived topics of exactly the papers `paperIds`, or undefined when
 * nothing is. The contract `deriveTopics` keeps: topics with unique ids, a non-empty label and kind
 * `derived` or `other`, and only the fields of a `Topic`; each paper in exactly one top-level topic and
 * every paper of the shelf in one; no paper twice in a topic; a topic with subtopics holds exactly
 * the papers of its subtopics, each in one of them.
 */
export function validateTopics(topics: unknown, paperIds: ReadonlySet<string>): string | undefined {
	if (!Array.isArray(topics)) {
		return `the topics are ${describe(topics)}, not a list`;
	}
	const ids = new Set<string>();
	const grouped = new Set<string>();
	const problem = checkLevel(topics as unknown[], paperIds, ids, grouped, 'the shelf');
	if (problem) {
		return problem;
	}
	if (grouped.size !== paperIds.size) {
		return `the topics group ${grouped.size} of ${paperIds.size} paper${paperIds.size === 1 ? '' : 's'}`;
	}
	return undefined;
}

const topicFields = new Set(['id', 'label', 'paperIds', 'children', 'kind']);

/** Checks sibling topics, each paper of `within` in at most one of them; adds their papers to `grouped`. */
function checkLevel(topics: readonly unknown[], within: ReadonlySet<string>, ids: Set<string>, grouped: Set<string>, where: string): string | undefined {
	for (const value of topics) {
		if (!isRecord(value)) return `a topic of ${where} is ${describe(value)}`;
		const t = value;
		if (typeof t.id !== 'string' || t.id === '') return `a topic of ${where} has the id ${describe(t.id)}`;
		if (ids.has(t.id)) return `two topics have the id '${t.id}'`;
		ids.add(t.id);
		const extra = Object.keys(t).find((k) => !topicFields.has(k));
		if (extra !== undefined) return `topic '${t.id}' has an unknown field '${extra}'`;
		if (typeof t.label !== 'string' || t.label.trim() === '') return `topic '${t.id}' has the label ${describe(t.label)}`;
		if (t.kind !== 'derived' && t.kind !== 'other') return `topic '${t.id}' is of kind ${describe(t.kind)}`;
		if (!Array.isArray(t.paperIds)) return `topic '${t.id}' has papers that are ${describe(t.paperIds)}`;
		const own = new Set<string>();
		for (const id of t.paperIds as unknown[]) {
			if (typeof id !== 'string' || !within.has(id)) return `topic '${t.id}' names ${describe(id)}, not a paper of ${where}`;
			if (own.has(id)) return `topic '${t.id}' names '${id}' twice`;
			if (grouped.has(id)) return `paper '${id}' is in two topics of ${where}`;
			own.add(id);
			grouped.add(id);
		}
		if (t.children !== undefined) {
			if (!Array.isArray(t.children) || t.children.length === 0) return `topic '${t.id}' has subtopics that are ${describe(t.children)}`;
			const inChildren = new Set<string>();
			const problem = checkLevel(t.children as unknown[], own, ids, inChildren, `topic '${t.id}'`);
			if (problem) return problem;
			if (inChildren.size !== own.size) return `the subtopics of '${t.id}' hold ${inChildren.size} of its ${own.size} papers`;
		}
	}
	return undefined;
}

function sha256(text: string): string {
	return sha256Hex(text);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'missing';
	if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
	if (typeof value === 'string') return `'${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
	if (typeof value === 'object') return 'an object';
	return String(value);
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
