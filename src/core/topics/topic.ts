/**
 * The shapes of topic grouping: what `deriveTopics` returns, the user's own topics (saved searches) and the
 * options that tune the grouping.
 */

import type { Paper } from '../model';

/** The fields of a paper that topic derivation reads (all a worker needs to be sent). */
export type TopicPaper = Pick<Paper, 'id' | 'title' | 'abstract' | 'keywords' | 'categories' | 'section'>;

/** A named group of papers on the shelf. */
export interface Topic {
	/** Stable: made from the first label a topic had, then kept from day to day by the topic memory (`topicMemory.ts`); renames are keyed by it. */
	readonly id: string;
	/** What the shelf shows: a short phrase from the papers' own language, the user's label, or "Other". */
	readonly label: string;
	/** The papers of this topic (for a topic with children: all papers of all its children). */
	readonly paperIds: readonly string[];
	/** Subtopics, for large digests only (see `TopicOptions.twoLevelThreshold`). */
	readonly children?: readonly Topic[];
	/** `derived` from the papers' text, `user` from a saved search, `other` for papers that fit nowhere. */
	readonly kind: 'derived' | 'user' | 'other';
}

/** A topic the user defined as a saved search (`paperShelf.topics`: label → query). */
export interface UserTopic {
	readonly label: string;
	readonly query: string;
}

/** Tunes `deriveTopics`; every field has a default that suits digests from a few papers to 100k. */
export interface TopicOptions {
	/** The fewest top-level topics wanted when the papers allow it (default: 5, fewer for tiny digests). */
	readonly minTopics?: number;
	/** The most top-level topics (default: about 1.75·√papers, between 3 and 20). */
	readonly maxTopics?: number;
	/** From this many papers on, large topics get subtopics (default 10000). */
	readonly twoLevelThreshold?: number;
}
