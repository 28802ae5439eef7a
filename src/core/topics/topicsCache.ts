/**
 * Derived topics saved to disk beside the index cache, so a large shelf does not derive them again on
 * every start. Keyed by the digests' content and the algorithm's identity; anything stale, corrupt or
 * naming papers the shelf does not have is ignored (and rebuilt by the caller), never trusted.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Topic } from './topic';

/**
 * The cache key: the sorted content hashes of the digests on the shelf and a string that changes
 * whenever the topic algorithm does (the extension passes a hash of its bundled topics worker).
 */
export function topicsCacheKey(contentHashes: readonly string[], algorithm: string): string {
	return createHash('sha256').update(JSON.stringify({ algorithm, digests: [...contentHashes].sort() })).digest('hex');
}

/** The cached topics for `key`, or undefined (with no throw) when there are none that can be trusted. */
export async function loadTopicsCache(dir: string, key: string, paperIds: ReadonlySet<string>): Promise<Topic[] | undefined> {
	let data: unknown;
	try {
		data = JSON.parse(await fs.promises.readFile(path.join(dir, `${key}.json`), 'utf8'));
	} catch {
		return undefined;
	}
	if (!data || typeof data !== 'object' || (data as { key?: unknown }).key !== key) {
		return undefined;
	}
	const topics = (data as { topics?: unknown }).topics;
	return Array.isArray(topics) && topics.every((t) => isTopic(t, paperIds)) ? (topics as Topic[]) : undefined;
}

/** Saves topics for `key` (replacing the file atomically); a failure to write is the caller's to report. */
export async function saveTopicsCache(dir: string, key: string, topics: readonly Topic[]): Promise<void> {
	await fs.promises.mkdir(dir, { recursive: true });
	const file = path.join(dir, `${key}.json`);
	const temp = `${file}.${process.pid}.tmp`;
	await fs.promises.writeFile(temp, JSON.stringify({ key, topics }));
	await fs.promises.rename(temp, file);
}

function isTopic(value: unknown, paperIds: ReadonlySet<string>): boolean {
	if (!value || typeof value !== 'object') {
		return false;
	}
	const t = value as Partial<Record<keyof Topic, unknown>>;
	return typeof t.id === 'string'
		&& typeof t.label === 'string' && t.label.trim() !== ''
		&& (t.kind === 'derived' || t.kind === 'other' || t.kind === 'user')
		&& Array.isArray(t.paperIds) && t.paperIds.every((id) => typeof id === 'string' && paperIds.has(id))
		&& (t.children === undefined || (Array.isArray(t.children) && t.children.every((c) => isTopic(c, paperIds))));
}
