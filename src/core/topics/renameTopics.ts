/**
 * The user's names for derived topics (Rename Topic, stored per workspace as topic id → label): the one way a
 * rename reaches the shelf. It is applied to topics after they are derived (and after a cache or the worker gave
 * them), so derivation and its cache never depend on renames, a rename needs no new derivation, and a topic keeps
 * its id and its place whatever it is called.
 */
import type { Topic } from './topic';

/** `topics` with the user's labels (id → label) at every level; ids, order and papers unchanged, unknown ids ignored. */
export function renameTopics(topics: readonly Topic[], renames: Readonly<Record<string, string>>): Topic[] {
	return topics.map((t) => ({
		...t,
		label: Object.hasOwn(renames, t.id) ? renames[t.id] : t.label,
		children: t.children ? renameTopics(t.children, renames) : undefined,
	}));
}
