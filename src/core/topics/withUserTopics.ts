/**
 * The user's own topics (saved searches, `paperShelf.topics`) in front of the derived ones.
 */
import { slug } from './deriveTopics';
import type { Topic, UserTopic } from './topic';

/**
 * Puts one topic per user topic (in the order given) before `derived`. Each holds the papers `search(query)`
 * finds (best first) that are among the derived topics' papers, each once. A paper may sit in several user
 * topics and stays in its derived topic too. A user topic that finds nothing is kept, empty, so the user sees
 * their search matched nothing. Ids are `user:<slug of label>`, made unique.
 */
export function withUserTopics(
	derived: readonly Topic[],
	userTopics: readonly UserTopic[],
	search: (query: string) => readonly string[],
): Topic[] {
	const known = new Set<string>();
	const collect = (topics: readonly Topic[]) => {
		for (const t of topics) {
			for (const id of t.paperIds) known.add(id);
			if (t.children) collect(t.children);
		}
	};
	collect(derived);
	const used = new Set<string>();
	const user: Topic[] = userTopics.map((u) => {
		const base = 'user:' + slug(u.label);
		let id = base;
		for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
		used.add(id);
		const seen = new Set<string>();
		const paperIds: string[] = [];
		const query = u.query.trim();
		for (const pid of query.length > 0 ? search(query) : []) {
			if (known.has(pid) && !seen.has(pid)) {
				seen.add(pid);
				paperIds.push(pid);
			}
		}
		return { id, label: u.label.trim() || query || id, paperIds, kind: 'user' as const };
	});
	return [...user, ...derived];
}
