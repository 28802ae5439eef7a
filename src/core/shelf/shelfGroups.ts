import type { Paper } from '../model';
import type { GroupBy, SortBy } from '../settings';
import type { Topic } from '../topics';

/** A group of papers as the shelf shows it: a label, a count and either papers or subgroups. */
export interface PaperGroup {
	/** Unique within one grouping, stable across re-indexing. */
	readonly id: string;
	readonly label: string;
	readonly kind: 'topic' | 'user-topic' | 'other' | 'digest' | 'date' | 'new' | 'starred' | 'list';
	/** Papers directly in this group (empty when it has subgroups). */
	readonly papers: readonly Paper[];
	readonly children: readonly PaperGroup[];
	/** Every paper below this group, counted once. */
	readonly count: number;
	/** Papers in the group not marked read (Starred and reading lists), hidden ones included. */
	readonly unread?: number;
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
	/** The order of papers inside each group; `digest` (the default) keeps `papers`' order. */
	readonly sortBy?: SortBy;
}

/**
 * `papers` in the order `by` asks for: most upvotes first, newest first (ISO dates; undated last) or by title; ties
 * (and `digest`) keep the given order.
 */
export function sortPapers(papers: readonly Paper[], by: SortBy | undefined): readonly Paper[] {
	if (by === undefined || by === 'digest') return papers;
	const indexed = papers.map((p, k) => ({ p, k }));
	const cmp: (a: Paper, b: Paper) => number = by === 'upvotes'
		? (a, b) => (b.upvotes ?? -1) - (a.upvotes ?? -1)
		: by === 'date'
			? (a, b) => (b.date ?? '').localeCompare(a.date ?? '')
			: (a, b) => a.title.localeCompare(b.title, undefined, { sensitivity: 'base', numeric: true });
	return indexed.sort((x, y) => cmp(x.p, y.p) || x.k - y.k).map((x) => x.p);
}

/**
 * Groups papers for the shelf. With `none`, returns a single root group whose papers are the list.
 * Empty groups are left out; paper order inside a group follows `input.papers`.
 */
export function shelfGroups(by: GroupBy, input: GroupInput): PaperGroup[] {
	const visible = input.visible ? input.papers.filter((p) => input.visible!.has(p.id)) : input.papers;
	const shown = sortPapers(visible, input.sortBy);
	switch (by) {
		case 'topic':
			return topicGroups(input.topics, new Map(shown.map((p) => [p.id, p])), 'topic:', input.sortBy);
		case 'digest':
			return keyedGroups(shown, 'digest', (p) => p.source.file, (file) => input.digestName?.(file) ?? file);
		case 'date':
			return dateGroups(shown);
		case 'none':
			return [{ id: 'all', label: 'All papers', kind: 'digest', papers: shown, children: [], count: shown.length }];
	}
}

function topicGroups(topics: readonly Topic[], shown: ReadonlyMap<string, Paper>, prefix: string, sortBy?: SortBy): PaperGroup[] {
	const groups: PaperGroup[] = [];
	for (const topic of topics) {
		const id = prefix + topic.id;
		const children = topic.children ? topicGroups(topic.children, shown, id + '/', sortBy) : [];
		const papers = children.length > 0 ? [] : sortPapers(topic.paperIds.map((pid) => shown.get(pid)).filter((p): p is Paper => p !== undefined), sortBy);
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

function keyedGroups(papers: readonly Paper[], kind: 'digest', keyOf: (p: Paper) => string, labelOf: (key: string) => string): PaperGroup[] {
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
	return keys.map((key) => {
		const list = byKey.get(key)!;
		return { id: `${kind}:${key}`, label: labelOf(key), kind, papers: list, children: [], count: list.length };
	});
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * By date: a group per month (`November 2026`), newest first, holding a group per day, newest first; dates that are
 * not ISO days (`Jul 31`) get a group each after the months, and undated papers come last.
 */
function dateGroups(papers: readonly Paper[]): PaperGroup[] {
	const months = new Map<string, Map<string, Paper[]>>();
	const others = new Map<string, Paper[]>();
	for (const p of papers) {
		const date = p.date ?? '';
		const iso = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
		if (iso && Number(iso[2]) >= 1 && Number(iso[2]) <= 12) {
			let days = months.get(date.slice(0, 7));
			if (!days) months.set(date.slice(0, 7), days = new Map());
			push(days, date, p);
		} else {
			push(others, date, p);
		}
	}
	const groups: PaperGroup[] = [];
	for (const month of [...months.keys()].sort().reverse()) {
		const days = months.get(month)!;
		const children = [...days.keys()].sort().reverse().map((day): PaperGroup => {
			const list = days.get(day)!;
			return { id: `date:${day}`, label: day, kind: 'date', papers: list, children: [], count: list.length };
		});
		const count = children.reduce((n, c) => n + c.count, 0);
		groups.push({ id: `month:${month}`, label: `${MONTH_NAMES[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`, kind: 'date', papers: [], children, count });
	}
	const otherKeys = [...others.keys()].filter((k) => k !== '').sort((a, b) => a.localeCompare(b)).reverse();
	if (others.has('')) otherKeys.push('');
	for (const key of otherKeys) {
		const list = others.get(key)!;
		groups.push({ id: `date:${key}`, label: key === '' ? 'No date' : key, kind: 'date', papers: list, children: [], count: list.length });
	}
	return groups;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}
