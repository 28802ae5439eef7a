/**
 * Merges the papers of several digests into one list in which each paper appears once. Two records
 * are the same paper when they share an id, or a normalized title (unless they carry two different
 * arXiv ids). The richest record wins and borrows what it lacks from the others (and the longest
 * abstract of any). The result does not depend on the order of the digests.
 */
import type { Paper, ParsedDigest, PaperLinks } from '../model';
import { normalizeTitle } from './paperId';
import { compareStrings } from '../text/compareStrings';

const LINK_KEYS: readonly (keyof PaperLinks)[] = ['arxivAbs', 'arxivPdf', 'huggingFace', 'code', 'project'];

/** Every paper of `digests` once, ordered by source file then line of the record kept. */
export function mergeDigests(digests: readonly ParsedDigest[]): Paper[] {
	// Each record's richness is computed once, not at every comparison (1.5 s of 100k papers' merge was that).
	const ranks = new Map<Paper, number[]>();
	const rank = (p: Paper) => {
		let r = ranks.get(p);
		if (!r) ranks.set(p, r = richness(p));
		return r;
	};
	const compareRecords = (a: Paper, b: Paper) => compareRanked(a, rank(a), b, rank(b));
	const records = digests.flatMap((d) => d.papers).slice().sort(compareRecords);
	const groups = groupSamePapers(records, compareRecords);
	return groups
		.map(mergeGroup)
		.sort((a, b) => compareStrings(a.source.file, b.source.file) || a.source.startLine - b.source.startLine || compareStrings(a.id, b.id));
}

/** Groups records by id, then joins groups that share a normalized title without clashing arXiv ids. */
function groupSamePapers(records: readonly Paper[], compareRecords: (a: Paper, b: Paper) => number): Paper[][] {
	const byId = new Map<string, Paper[]>();
	for (const r of records) {
		const group = byId.get(r.id);
		if (group) group.push(r);
		else byId.set(r.id, [r]);
	}
	const parent = new Map<string, string>();
	const find = (id: string): string => {
		let root = id;
		while (parent.get(root) !== root) root = parent.get(root) ?? root;
		parent.set(id, root);
		return root;
	};
	const arxivOf = new Map<string, string | undefined>();
	for (const [id, group] of byId) {
		parent.set(id, id);
		arxivOf.set(id, group.find((r) => r.arxivId)?.arxivId);
	}
	const byTitle = new Map<string, string[]>();
	for (const [id, group] of byId) {
		for (const title of new Set(group.map((r) => normalizeTitle(r.title)))) {
			if (title === '') continue;
			const ids = byTitle.get(title);
			if (ids) ids.push(id);
			else byTitle.set(title, [id]);
		}
	}
	for (const ids of byTitle.values()) {
		const sorted = [...new Set(ids)].sort(compareStrings);
		for (let k = 1; k < sorted.length; k++) {
			const a = find(sorted[0]);
			const b = find(sorted[k]);
			if (a === b) continue;
			const arxivA = arxivOf.get(a);
			const arxivB = arxivOf.get(b);
			if (arxivA !== undefined && arxivB !== undefined && arxivA !== arxivB) continue;
			const [root, child] = compareStrings(a, b) <= 0 ? [a, b] : [b, a];
			parent.set(child, root);
			arxivOf.set(root, arxivA ?? arxivB);
		}
	}
	const merged = new Map<string, Paper[]>();
	for (const [id, group] of byId) {
		const root = find(id);
		const into = merged.get(root);
		if (into) into.push(...group);
		else merged.set(root, [...group]);
	}
	return [...merged.values()].map((g) => g.sort(compareRecords));
}

/** How much a record says; the richest of a group is kept. */
function richness(p: Paper): number[] {
	return [
		p.arxivId ? 1 : 0,
		p.abstract.length > 0 ? 1 : 0,
		p.authors.length > 0 ? 1 : 0,
		LINK_KEYS.filter((k) => p.links[k] !== undefined).length + p.keywords.length + p.categories.length
			+ (p.date ? 1 : 0) + (p.year !== undefined ? 1 : 0) + (p.upvotes !== undefined ? 1 : 0)
			+ (p.aiSummary !== undefined ? 1 : 0) + (p.githubStars !== undefined ? 1 : 0),
		p.arxivVersion ?? 0,
		p.abstract.length,
	];
}

/** Richest first (`ra`, `rb`: their richness); ties broken by content, so the order never depends on the input order. */
function compareRanked(a: Paper, ra: readonly number[], b: Paper, rb: readonly number[]): number {
	for (let k = 0; k < ra.length; k++) {
		if (ra[k] !== rb[k]) return rb[k] - ra[k];
	}
	return compareStrings(a.source.file, b.source.file) || a.source.startLine - b.source.startLine || compareStrings(JSON.stringify(a), JSON.stringify(b));
}

/** The first (richest) record, with what it lacks taken from the others in order, and the longest abstract. */
function mergeGroup(group: readonly Paper[]): Paper {
	const [best, ...others] = group;
	if (others.length === 0) return best;
	const pick = <T>(get: (p: Paper) => T | undefined, isEmpty: (v: T) => boolean = () => false): T | undefined => {
		for (const p of group) {
			const v = get(p);
			if (v !== undefined && !isEmpty(v)) return v;
		}
		return undefined;
	};
	const noItems = (v: readonly string[]) => v.length === 0;
	const links: { -readonly [K in keyof PaperLinks]?: string } = {};
	for (const k of LINK_KEYS) {
		const url = pick((p) => p.links[k]);
		if (url !== undefined) links[k] = url;
	}
	const arxivId = pick((p) => p.arxivId);
	const date = pick((p) => p.date);
	const year = pick((p) => p.year);
	const upvotes = pick((p) => p.upvotes);
	const aiSummary = pick((p) => p.aiSummary);
	const githubStars = pick((p) => p.githubStars);
	// Version-aware: two versions of one paper are one paper, and it is the highest version the shelf names.
	const versions = group.map((p) => p.arxivVersion).filter((v): v is number => v !== undefined);
	const arxivVersion = versions.length > 0 ? Math.max(...versions) : undefined;
	const section = pick((p) => p.section);
	return {
		id: arxivId ?? best.id,
		...(arxivId !== undefined ? { arxivId } : {}),
		...(arxivId !== undefined && arxivVersion !== undefined ? { arxivVersion } : {}),
		title: best.title,
		abstract: group.reduce((longest, p) => (p.abstract.length > longest.length ? p.abstract : longest), ''),
		authors: pick((p) => p.authors, noItems) ?? [],
		...(date !== undefined ? { date } : {}),
		...(year !== undefined ? { year } : {}),
		links,
		...(upvotes !== undefined ? { upvotes } : {}),
		...(aiSummary !== undefined ? { aiSummary } : {}),
		...(githubStars !== undefined ? { githubStars } : {}),
		keywords: pick((p) => p.keywords, noItems) ?? [],
		categories: pick((p) => p.categories, noItems) ?? [],
		...(section !== undefined ? { section } : {}),
		source: best.source,
	};
}
