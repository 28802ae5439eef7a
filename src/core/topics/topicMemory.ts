/**
 * Topics that stay put from day to day. The shelf remembers its last topics (ids, derived labels, papers); when its
 * papers change, `deriveStableTopics` starts from that memory instead of from scratch:
 *
 * - a moderate change (new papers at most `maxNewShare` of the remembered papers still on the shelf) keeps every
 *   remaining paper in its topic, puts each new paper in the topic it fits best (`fitToGroups`) or in "Other", and
 *   makes a new topic only when "Other" now holds a coherent group that is mostly new papers (the level's usual
 *   grouping, its minimum size and coherence rules);
 * - a large change (or the first run) derives afresh, then every new topic that holds most of a remembered topic's
 *   papers takes over its id and its label (one to one, largest overlap first), so the user's rename, which is keyed
 *   by id, and the name the user knew survive.
 *
 * Deterministic: the same papers and the same memory give the same topics. Pure: no `vscode`, no Node modules.
 * The memory also keeps papers that left the shelf (up to as many as are on it), so a digest removed and added again
 * finds its papers in their old topics.
 */
import { clusterTopicLevel, fitToGroups } from './clusterTopicLevel';
import { bySizeThenLabel, defaultTwoLevelThreshold, deriveTopics, levelOptions, otherLabel, otherTopicId, slug, uniqueId } from './deriveTopics';
import type { Topic, TopicOptions, TopicPaper } from './topic';
import { TopicCorpus } from './topicCorpus';
import { validateTopics } from './topicsCache';

/** New papers beyond this share of the remembered papers still on the shelf make a fresh grouping (matched to the memory). */
export const maxNewShare = 0.3;
/** A fresh topic takes over a remembered one's id when it holds at least this share of that topic's papers still on the shelf… */
const heirShareOfRemembered = 0.5;
/** …and they make at least this share of the fresh topic. */
const heirShareOfFresh = 0.25;
/**
 * A group found in "Other" becomes a topic only when at least this share of it is new papers: it appeared with them.
 * (The papers long in "Other" stay there, so a day moves few papers that were already on the shelf.)
 */
const newShareOfNewTopic = 0.5;
/** The memory keeps papers that left the shelf while they are at most this many (or as many as are on the shelf). */
const minAbsentKept = 1000;

/** How `deriveStableTopics` got its topics (for tests and the benchmark). */
export type StableTopicsPath = 'fresh' | 'matched' | 'updated' | 'restored';

/** Topics for `papers` that keep the remembered topics where they can; see the module comment. */
export function deriveStableTopics(papers: readonly TopicPaper[], options: TopicOptions = {}, memory?: readonly Topic[]): Topic[] {
	return deriveStableTopicsWithPath(papers, options, memory).topics;
}

/** `deriveStableTopics`, saying which way it went. */
export function deriveStableTopicsWithPath(
	papers: readonly TopicPaper[],
	options: TopicOptions = {},
	memory?: readonly Topic[],
): { readonly topics: Topic[]; readonly path: StableTopicsPath } {
	if (!memory || memory.length === 0 || papers.length === 0) {
		return { topics: deriveTopics(papers, options), path: 'fresh' };
	}
	const remembered = rememberedIds(memory);
	const present = new Set(papers.map((p) => p.id));
	const added: TopicPaper[] = [];
	for (const p of papers) if (!remembered.has(p.id)) added.push(p);
	const kept = present.size - added.length;
	const threshold = options.twoLevelThreshold ?? defaultTwoLevelThreshold;
	if (kept > 0 && added.length <= maxNewShare * kept && kept >= threshold === present.size >= threshold) {
		return { topics: updateTopics(papers, options, memory, present, added), path: added.length === 0 ? 'restored' : 'updated' };
	}
	return { topics: matchRemembered(deriveTopics(papers, options), memory, present), path: 'matched' };
}

/**
 * The remembered topics of `papers` when the memory holds every one of them (what `deriveStableTopics` gives then,
 * cheaply: nothing is analysed), else undefined. A shelf that only lost papers, or opens as it was, needs no worker.
 */
export function restoredTopics(papers: readonly TopicPaper[], memory: readonly Topic[] | undefined): Topic[] | undefined {
	if (!memory || memory.length === 0 || papers.length === 0) return undefined;
	const remembered = rememberedIds(memory);
	if (!papers.every((p) => remembered.has(p.id))) return undefined;
	return updateTopics(papers, {}, memory, new Set(papers.map((p) => p.id)), []);
}

// --- a moderate change: update the remembered topics

interface Draft {
	id: string;
	label: string;
	kind: 'derived' | 'other';
	paperIds: string[];
	children?: Draft[];
}

function updateTopics(papers: readonly TopicPaper[], options: TopicOptions, memory: readonly Topic[], present: ReadonlySet<string>, added: readonly TopicPaper[]): Topic[] {
	const draft = (t: Topic): Draft => ({
		id: t.id,
		label: t.label,
		kind: t.kind === 'other' ? 'other' : 'derived',
		paperIds: t.children ? [] : t.paperIds.filter((id) => present.has(id)),
		...(t.children ? { children: t.children.map(draft) } : {}),
	});
	const drafts = memory.map(draft);
	if (added.length > 0) {
		const corpus = TopicCorpus.build(papers);
		const index = new Map<string, number>();
		corpus.papers.forEach((p, i) => index.set(p.id, i));
		const leaves = drafts.flatMap((t) => t.children ?? [t]).filter((l) => l.kind === 'derived' && l.paperIds.length > 0);
		const fresh = added.map((p) => index.get(p.id)!).sort((a, b) => a - b);
		const fit = fitToGroups(corpus, leaves.map((l) => l.paperIds.map((id) => index.get(id)!)), fresh);
		const unfitted: number[] = [];
		fresh.forEach((m, c) => (fit[c] >= 0 ? leaves[fit[c]].paperIds.push(corpus.papers[m].id) : unfitted.push(m)));
		placeInOther(corpus, drafts, index, unfitted, options);
	}
	return finish(drafts);
}

/**
 * The papers that fit no topic go to "Other"; when "Other" then holds a coherent group that is mostly new papers (the
 * level's grouping, with its usual minimum size and coherence tests, over "Other"'s papers), that group becomes a topic.
 */
function placeInOther(corpus: TopicCorpus, drafts: Draft[], index: ReadonlyMap<string, number>, unfitted: readonly number[], options: TopicOptions): void {
	if (unfitted.length === 0) return;
	let otherTop = drafts.find((t) => t.kind === 'other');
	if (!otherTop) {
		otherTop = { id: otherTopicId, label: otherLabel, kind: 'other', paperIds: [] };
		drafts.push(otherTop);
	}
	let otherLeaf = otherTop.children ? otherTop.children.find((c) => c.kind === 'other') : otherTop;
	if (!otherLeaf) {
		otherLeaf = { id: `${otherTop.id}/${otherTopicId}`, label: otherLabel, kind: 'other', paperIds: [] };
		otherTop.children!.push(otherLeaf);
	}
	const isNew = new Set(unfitted);
	const pool = [...otherLeaf.paperIds.map((id) => index.get(id)!), ...unfitted].sort((a, b) => a - b);
	const level = levelOptions(corpus.papers.length, options.minTopics, options.maxTopics);
	const grouping = clusterTopicLevel(corpus, pool, { ...levelOptions(pool.length, undefined, undefined), minSize: level.minSize, maxShare: 1, otherShare: 1 });
	const usedIds = new Set<string>();
	const usedLabels = new Set<string>();
	const collect = (ts: readonly Draft[]) => {
		for (const t of ts) {
			usedIds.add(t.id);
			usedLabels.add(t.label.toLowerCase());
			if (t.children) collect(t.children);
		}
	};
	collect(drafts);
	const taken = new Set<number>();
	for (const g of grouping.groups) {
		const label = corpus.labelFor(g.phrase, g.members);
		const fresh = g.members.filter((m) => isNew.has(m)).length;
		if (g.members.length < level.minSize || fresh < newShareOfNewTopic * g.members.length || usedLabels.has(label.toLowerCase())) continue;
		usedLabels.add(label.toLowerCase());
		drafts.push({ id: uniqueId(slug(label), usedIds), label, kind: 'derived', paperIds: g.members.map((m) => corpus.papers[m].id) });
		for (const m of g.members) taken.add(m);
	}
	otherLeaf.paperIds = [...otherLeaf.paperIds.filter((id) => !taken.has(index.get(id)!)), ...unfitted.filter((m) => !taken.has(m)).map((m) => corpus.papers[m].id)];
}

/** Drafts as topics: empty topics go, a topic left with one subtopic takes its papers, parents hold their children's papers, sorted as `deriveTopics` sorts. */
function finish(drafts: readonly Draft[]): Topic[] {
	const level = (ds: readonly Draft[]): Topic[] => {
		const out: Topic[] = [];
		for (const d of ds) {
			const children = d.children ? level(d.children) : undefined;
			if (children && children.length > 1) {
				out.push({ id: d.id, label: d.label, paperIds: children.flatMap((c) => c.paperIds), children, kind: d.kind });
			} else {
				const paperIds = children ? children.flatMap((c) => c.paperIds) : d.paperIds;
				if (paperIds.length > 0) out.push({ id: d.id, label: d.label, paperIds, kind: d.kind });
			}
		}
		return sorted(out);
	};
	return level(drafts);
}

/** By size then label, "Other" last. */
function sorted(topics: Topic[]): Topic[] {
	return [...topics.filter((t) => t.kind !== 'other').sort(bySizeThenLabel), ...topics.filter((t) => t.kind === 'other')];
}

// --- a large change: derive afresh, then match to the memory

/**
 * `fresh` topics with the ids (and labels) of the remembered topics they continue: a fresh topic continues a remembered
 * one when it holds at least half of that topic's papers still on the shelf and they make at least a quarter of it; one
 * to one, largest overlap first (ties: fresh order, then remembered order). Subtopics of a continued topic are matched
 * to the remembered topic's subtopics the same way. Other topics keep their own ids, made unique.
 */
export function matchRemembered(fresh: readonly Topic[], memory: readonly Topic[], present: ReadonlySet<string>): Topic[] {
	return matchLevel(fresh, memory, present, '', '');
}

function matchLevel(fresh: readonly Topic[], remembered: readonly Topic[], present: ReadonlySet<string>, freshPrefix: string, prefix: string): Topic[] {
	const owner = new Map<string, number>();
	const remainingSize = remembered.map(() => 0);
	remembered.forEach((r, j) => {
		if (r.kind === 'other') return;
		for (const id of r.paperIds) {
			if (!present.has(id)) continue;
			owner.set(id, j);
			remainingSize[j]++;
		}
	});
	const pairs: { i: number; j: number; overlap: number }[] = [];
	fresh.forEach((t, i) => {
		if (t.kind === 'other') return;
		const counts = new Map<number, number>();
		for (const id of t.paperIds) {
			const j = owner.get(id);
			if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
		}
		for (const [j, overlap] of counts) {
			if (overlap >= heirShareOfRemembered * remainingSize[j] && overlap >= heirShareOfFresh * t.paperIds.length) pairs.push({ i, j, overlap });
		}
	});
	pairs.sort((a, b) => b.overlap - a.overlap || a.i - b.i || a.j - b.j);
	const heirOf = new Map<number, number>();
	const taken = new Set<number>();
	for (const p of pairs) {
		if (heirOf.has(p.i) || taken.has(p.j)) continue;
		heirOf.set(p.i, p.j);
		taken.add(p.j);
	}
	const rememberedOther = remembered.find((r) => r.kind === 'other');
	const used = new Set<string>();
	for (const j of taken) used.add(remembered[j].id);
	const ids = fresh.map((t, i) => {
		const j = heirOf.get(i);
		if (j !== undefined) return remembered[j].id;
		if (t.kind === 'other') {
			const id = prefix + otherTopicId;
			used.add(id);
			return id;
		}
		return undefined;
	});
	fresh.forEach((t, i) => {
		if (ids[i] !== undefined) return;
		const local = t.id.startsWith(freshPrefix) ? t.id.slice(freshPrefix.length) : t.id;
		let id = prefix + local;
		for (let n = 2; used.has(id); n++) id = `${prefix}${local}-${n}`;
		used.add(id);
		ids[i] = id;
	});
	// Carry a continued topic's remembered label unless another topic of this level is called that.
	const freshLabels = new Map<string, number>();
	fresh.forEach((t, i) => {
		if (!heirOf.has(i)) freshLabels.set(t.label.toLowerCase(), i);
	});
	return fresh.map((t, i) => {
		const j = heirOf.get(i);
		const previous = j !== undefined ? remembered[j] : t.kind === 'other' ? rememberedOther : undefined;
		const carried = j !== undefined && !freshLabels.has(remembered[j].label.toLowerCase()) ? remembered[j].label : t.label;
		const id = ids[i]!;
		const children = t.children ? matchLevel(t.children, previous?.children ?? [], present, t.id + '/', id + '/') : undefined;
		return { id, label: carried, paperIds: t.paperIds, ...(children ? { children } : {}), kind: t.kind };
	});
}

// --- the memory itself

/**
 * The memory to keep after the shelf got `topics` (derived, before renames): those topics, plus the remembered papers
 * that are no longer on the shelf (`present`), each in the topic of the same id (a topic that left the shelf with them is
 * remembered whole), while they are at most as many as the papers on the shelf (or `minAbsentKept`); beyond that they
 * are forgotten. A digest closed and opened again finds its papers, and the user's names, where they were.
 */
export function nextTopicMemory(previous: readonly Topic[] | undefined, topics: readonly Topic[], present: ReadonlySet<string>): Topic[] {
	if (!previous || previous.length === 0) return [...topics];
	const absentOf = new Map<string, string[]>();
	let absent = 0;
	forEachLeaf(previous, (leaf) => {
		const gone = leaf.paperIds.filter((id) => !present.has(id));
		if (gone.length === 0) return;
		absentOf.set(leaf.id, gone);
		absent += gone.length;
	});
	if (absent === 0 || absent > Math.max(present.size, minAbsentKept)) return [...topics];
	const ids = new Set<string>();
	const collect = (ts: readonly Topic[]) => {
		for (const t of ts) {
			ids.add(t.id);
			if (t.children) collect(t.children);
		}
	};
	collect(topics);
	const placed = new Set<string>();
	const withAbsent = (ts: readonly Topic[]): Topic[] =>
		ts.map((t) => {
			if (t.children) {
				const children = withAbsent(t.children);
				return { ...t, paperIds: children.flatMap((c) => c.paperIds), children };
			}
			const gone = absentOf.get(t.id);
			if (!gone) return t;
			placed.add(t.id);
			return { ...t, paperIds: [...t.paperIds, ...gone] };
		});
	const out = withAbsent(topics);
	// Topics (and subtopics) that left the shelf whole.
	for (const t of previous) {
		if (ids.has(t.id) && !t.children) continue;
		const gone = (leaf: Topic): Topic | undefined => {
			const papers = absentOf.get(leaf.id);
			return papers && !ids.has(leaf.id) && !placed.has(leaf.id) ? { id: leaf.id, label: leaf.label, paperIds: papers, kind: leaf.kind } : undefined;
		};
		if (!t.children) {
			const whole = gone(t);
			if (whole) out.push(whole);
			continue;
		}
		const children = t.children.map(gone).filter((c): c is Topic => c !== undefined);
		if (children.length === 0) continue;
		const at = out.findIndex((o) => o.id === t.id);
		if (at < 0) {
			out.push({ id: t.id, label: t.label, paperIds: children.flatMap((c) => c.paperIds), children, kind: t.kind });
		} else if (out[at].children) {
			const all = [...out[at].children!, ...children];
			out[at] = { ...out[at], paperIds: all.flatMap((c) => c.paperIds), children: all };
		}
	}
	return out;
}

const memoryVersion = 1;
const memoryFields = new Set(['id', 'label', 'kind', 'paperIds', 'children']);

/** The memory as text: JSON of the topics, papers listed only at the leaves (a parent's are its children's). */
export function encodeTopicMemory(topics: readonly Topic[]): string {
	const strip = (t: Topic): unknown =>
		t.children ? { id: t.id, label: t.label, kind: t.kind, children: t.children.map(strip) } : { id: t.id, label: t.label, kind: t.kind, paperIds: t.paperIds };
	return JSON.stringify({ version: memoryVersion, topics: topics.map(strip) });
}

/** The memory `encodeTopicMemory` wrote, or undefined for anything else (another version, a corrupt or hostile value). Never throws. */
export function decodeTopicMemory(text: unknown): Topic[] | undefined {
	if (typeof text !== 'string') return undefined;
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!isRecord(data) || data.version !== memoryVersion || !Array.isArray(data.topics)) return undefined;
	const rebuild = (value: unknown): Topic | undefined => {
		if (!isRecord(value) || typeof value.id !== 'string' || typeof value.label !== 'string') return undefined;
		if (Object.keys(value).some((k) => !memoryFields.has(k))) return undefined;
		if (value.kind !== 'derived' && value.kind !== 'other') return undefined;
		if (Array.isArray(value.children)) {
			const children = value.children.map(rebuild);
			if (children.some((c) => c === undefined)) return undefined;
			const cs = children as Topic[];
			return { id: value.id, label: value.label, paperIds: cs.flatMap((c) => c.paperIds), children: cs, kind: value.kind };
		}
		if (!Array.isArray(value.paperIds) || !value.paperIds.every((id) => typeof id === 'string')) return undefined;
		return { id: value.id, label: value.label, paperIds: value.paperIds as string[], kind: value.kind };
	};
	const topics = data.topics.map(rebuild);
	if (topics.some((t) => t === undefined)) return undefined;
	const all = new Set((topics as Topic[]).flatMap((t) => t.paperIds));
	return validateTopics(topics, all) === undefined ? (topics as Topic[]) : undefined;
}

/** The ids of every paper the memory places (at its leaves). */
function rememberedIds(memory: readonly Topic[]): Set<string> {
	const ids = new Set<string>();
	forEachLeaf(memory, (leaf) => {
		for (const id of leaf.paperIds) ids.add(id);
	});
	return ids;
}

function forEachLeaf(topics: readonly Topic[], visit: (leaf: Topic) => void): void {
	for (const t of topics) {
		if (t.children) forEachLeaf(t.children, visit);
		else visit(t);
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
