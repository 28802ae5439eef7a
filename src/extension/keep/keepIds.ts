/** The ids of what the user keeps (stars, reading lists, read marks, notes, export); they must match package.json. */

export const enum KeepCommands {
	Star = 'paperShelf.star',
	Unstar = 'paperShelf.unstar',
	ToggleStar = 'paperShelf.toggleStar',
	MarkRead = 'paperShelf.markRead',
	MarkUnread = 'paperShelf.markUnread',
	ToggleRead = 'paperShelf.toggleRead',
	AddToList = 'paperShelf.addToList',
	RemoveFromList = 'paperShelf.removeFromList',
	DeleteList = 'paperShelf.deleteList',
	HideRead = 'paperShelf.hideRead',
	ShowRead = 'paperShelf.showRead',
	OpenLibraryFile = 'paperShelf.openLibraryFile',
	OpenNote = 'paperShelf.openNote',
	Export = 'paperShelf.export',
	SkimNext = 'paperShelf.skimNext',
	SkimPrevious = 'paperShelf.skimPrevious',
}

export const enum KeepContextKeys {
	HidingRead = 'paperShelf.hidingRead',
}

export const enum KeepStorageKeys {
	HideRead = 'paperShelf.hideRead',
}
