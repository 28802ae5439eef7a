import type { Paper } from '../model';
import type { GroupBy } from '../settings';
import type { Topic } from '../topics';

/** A group of papers as the shelf shows it: a label, a count and either papers or subgroups. */
export interface PaperGroup {
	/** Unique within one grouping, stable across re-indexing. */
	readonly id: string;
	readonly label: string;
	readonly kind: 'topic' | 'user-topic' | 'other' | 'digest' | 'date';
	/** Papers directly in this group (empty when it has subgroups). */
	readonly papers: readonly Paper[];
	readonly children: readonly PaperGroup[];
	/** Every paper below this group, counted once. */
	readonly count: number;
	/** The topic behind a topic group, for rename. */
	readonly topicId?: string;
}

export interface GroupInput {
	readonly papers: readonly Paper[];
	readonly topics: readonly Topic[];
	/** Only these paper ids are shown (a filter), when given. */
	readonly visible?: ReadonlySet<string>;
	/** A readable name for a digest file (its base name, say). */
	readonly digestName?: (file: string) => string;
}

/**
 * Groups papers for the shelf. With `none`, returns a single root group whose papers are the list.
 * Empty groups are left out; paper order inside a group follows `input.papers`.
 */
export function shelfGroups(by: GroupBy, input: GroupInput): PaperGroup[] {
	const shown = input.visible ? input.papers.filter((p) => input.visible!.has(p.id)) : input.papers;
	switch (by) {
		case 'topic':
			return topicGroups(input.topics, new Map(shown.map((p) => [p.id, p])), 'topic:');
		case 'digest':
			return keyedGroups(shown, 'digest', (p) => p.source.file, (file) => input.digestName?.(file) ?? file);
		case 'date':
			return keyedGroups(shown, 'date', (p) => p.date ?? '', (d) => d === '' ? 'No date' : d, true);
		case 'none':
			return [{ id: 'all', label: 'All papers', kind: 'digest', papers: shown, children: [], count: shown.length }];
	}
}

function topicGroups(topics: readonly Topic[], shown: ReadonlyMap<string, Paper>, prefix: string): PaperGroup[] {
	const groups: PaperGroup[] = [];
	for (const topic of topics) {
		const id = prefix + topic.id;
		const children = topic.children ? topicGroups(topic.children, shown, id + '/') : [];
		const papers = children.length > 0 ? [] : topic.paperIds.map((pid) => shown.get(pid)).filter((p): p is Paper => p !== undefined);
		// A topic's paperIds hold its subtopics' papers too: count the shown ones once.
		const count = children.length > 0 ? topic.paperIds.filter((pid) => shown.has(pid)).length : papers.length;
		if (count === 0) {
			continue;
		}
		const kind = topic.kind === 'user' ? 'user-topic' : topic.kind === 'other' ? 'other' : 'topic';
		groups.push({ id, label: topic.label, kind, papers, children, count, topicId: topic.id });
	}
	return groups;
}

function keyedGroups(papers: readonly Paper[], kind: 'digest' | 'date', keyOf: (p: Paper) => string, labelOf: (key: string) => string, newestFirst = false): PaperGroup[] {
	const byKey = new Map<string, Paper[]>();
	for (const p of papers) {
		const key = keyOf(p);
		let list = byKey.get(key);
		if (!list) {
			byKey.set(key, list = []);
		}
		list.push(p);
	}
	const keys = [...byKey.keys()].sort((a, b) => a.localeCompare(b));
	if (newestFirst) {
		keys.reverse();
	}
	return keys.map((key) => {
		const list = byKey.get(key)!;
		return { id: `${kind}:${key}`, label: labelOf(key), kind, papers: list, children: [], count: list.length };
	});
}
