/**
 * The shelf's groups for what the user keeps: Starred first, then each reading list, above the shelf's own groups.
 * A kept paper no digest on the shelf holds any more is shown from the record the library file keeps of it.
 */
import type { Paper } from '../model';
import type { PaperGroup } from '../shelf/shelfGroups';
import { paperFromLibraryRecord, type LibraryData } from './libraryFile';

export interface LibraryGroupInput {
	readonly library: LibraryData;
	/** The paper on the shelf with this id, if any. */
	readonly shelfPaper: (id: string) => Paper | undefined;
	/** Whether a paper is shown (the tree's filter, "hide read"). */
	readonly shown: (paper: Paper) => boolean;
	/** The library file's path, as the `source` of papers shown from their records. */
	readonly file: string;
}

/** Starred (when anything is starred) and one group per list (empty lists too, so a new list is visible), in file order. */
export function libraryGroups(input: LibraryGroupInput): PaperGroup[] {
	const read = new Set(input.library.read);
	const cache = new Map<string, Paper | undefined>();
	const paperOf = (id: string): Paper | undefined => {
		if (!cache.has(id)) {
			const record = input.library.papers.get(id);
			cache.set(id, input.shelfPaper(id) ?? (record ? paperFromLibraryRecord(id, record, input.file) : undefined));
		}
		return cache.get(id);
	};
	const group = (id: string, label: string, kind: 'starred' | 'list', ids: readonly string[]): PaperGroup => {
		const all = [...new Set(ids)].map(paperOf).filter((p): p is Paper => p !== undefined);
		const papers = all.filter(input.shown);
		return { id, label, kind, papers, children: [], count: papers.length, unread: all.filter((p) => !read.has(p.id)).length };
	};
	const groups: PaperGroup[] = [];
	if (input.library.starred.length > 0) {
		groups.push(group('library:starred', 'Starred', 'starred', input.library.starred));
	}
	for (const list of input.library.lists) {
		groups.push(group(`library:list:${list.name}`, list.name, 'list', list.ids));
	}
	return groups;
}

/** The list name behind a list group's id, or undefined for another group. */
export function listNameOfGroup(groupId: string): string | undefined {
	return groupId.startsWith('library:list:') ? groupId.slice('library:list:'.length) : undefined;
}
