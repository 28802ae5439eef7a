/** Types for the part of `markdown-it` 14 (a CommonMark renderer, MIT) the unit tests use to render Markdown. */
declare module 'markdown-it' {
	interface MarkdownItOptions {
		html?: boolean;
		linkify?: boolean;
	}
	class MarkdownIt {
		constructor(options?: MarkdownItOptions);
		/** Renders one paragraph's inline content to HTML (no surrounding `<p>`). */
		renderInline(source: string): string;
	}
	export = MarkdownIt;
}
