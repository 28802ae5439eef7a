/** Every id Paper Shelf contributes, in one place (they must match package.json). */

export const enum Commands {
	SearchPapers = 'paperShelf.searchPapers',
	Filter = 'paperShelf.filter',
	ClearFilter = 'paperShelf.clearFilter',
	GroupBy = 'paperShelf.groupBy',
	Refresh = 'paperShelf.refresh',
	OpenDigestFile = 'paperShelf.openDigestFile',
	ShowBundledDigest = 'paperShelf.showBundledDigest',
	OpenAbstract = 'paperShelf.openAbstract',
	InsertCitation = 'paperShelf.insertCitation',
	CopyCitationKey = 'paperShelf.copyCitationKey',
	CopyBibtex = 'paperShelf.copyBibtex',
	OpenOnArxiv = 'paperShelf.openOnArxiv',
	OpenOnHuggingFace = 'paperShelf.openOnHuggingFace',
	RevealInDigest = 'paperShelf.revealInDigest',
	RenameTopic = 'paperShelf.renameTopic',
	RegroupTopics = 'paperShelf.regroupTopics',
	MakeTopicFromSearch = 'paperShelf.makeTopicFromSearch',
	FetchDailyPapers = 'paperShelf.fetchDailyPapers',
	FetchArxivListing = 'paperShelf.fetchArxivListing',
	SortBy = 'paperShelf.sortBy',
	MarkAllSeen = 'paperShelf.markAllSeen',
	MarkGroupSeen = 'paperShelf.markGroupSeen',
}

export const enum Views {
	Container = 'paperShelf',
	Papers = 'paperShelf.papers',
}

export const enum ContextKeys {
	/** `loading` | `empty` | `filteredEmpty` | `ready`: drives the view's welcome content. */
	State = 'paperShelf.state',
	Filtered = 'paperShelf.filtered',
	/** Some paper on the shelf is new (never seen on this machine, or in a synced profile). */
	HasNew = 'paperShelf.hasNew',
}

export const enum StorageKeys {
	OpenedDigests = 'paperShelf.openedDigests',
	TopicRenames = 'paperShelf.topicRenames',
	/** The shelf's last derived topics (ids, labels, papers; `encodeTopicMemory`), so topics keep their ids from day to day. */
	TopicMemory = 'paperShelf.topicMemory',
	RecentPapers = 'paperShelf.recentPapers',
	ShowBundledOverride = 'paperShelf.showBundledOverride',
	/** Files outside the workspace folders the user allowed Paper Shelf to write (global: the answer is about a path). */
	AllowedOutsideWrites = 'paperShelf.allowedOutsideWrites',
	/** The papers this user has seen (global, synced with Settings Sync): a bounded list of ids. */
	SeenPapers = 'paperShelf.seenPapers',
	/** The last day each source was fetched (global): `{ hf?: 'YYYY-MM-DD', arxiv?: 'YYYY-MM-DD' }`. */
	LastFetch = 'paperShelf.lastFetch',
}

/**
 * The MIME type VS Code gives drags from the Papers view (`application/vnd.code.tree.<view id lower-cased>`); the
 * tree's drag controller puts the paper ids under it (a JSON array of strings) and the citation drop reads them.
 */
export const PAPERS_MIME = 'application/vnd.code.tree.papershelf.papers';
