/** Ids the citation features use that are not contributed in package.json. */

/** Internal commands: registered but not in package.json, so they never show in the palette. */
export const enum CiteCommands {
	/** `(noteUri: Uri, paperIds: string[])`: adds the papers' entries to the note's bibliography. */
	AddEntries = 'paperShelf._addBibliographyEntries',
	/** `(noteUri: Uri, range: Range, oldKey: string, newKey: string)`: replaces a key, adding the entry it needs. */
	ChangeKey = 'paperShelf._changeCitationKey',
	/** `(noteUri: Uri, range: Range, oldKey: string)`: replaces a key by the key of a paper picked from the shelf. */
	CiteInstead = 'paperShelf._citePaperInstead',
}

/** Languages whose notes get hover, definition, diagnostics and quick fixes (their citations can be scanned). */
export const NOTE_LANGUAGES: readonly string[] = ['markdown', 'quarto', 'rmd', 'rmarkdown', 'pandoc', 'latex', 'tex', 'doctex', 'latex-expl3'];

/** Languages where keys are completed: after `@` in Pandoc-style notes, Typst and Org; inside `\cite{…}` in LaTeX. */
export const COMPLETION_LANGUAGES: readonly string[] = [...NOTE_LANGUAGES, 'typst', 'org'];

/** Languages with a built-in citation template beyond the note languages (drops there make citations too). */
export const CITING_LANGUAGES: readonly string[] = ['typst', 'org', 'restructuredtext'];

/** The diagnostic collection's name, shown as the source of citation problems. */
export const DIAGNOSTIC_SOURCE = 'Paper Shelf';
