/**
 * The paper model shared by every part of Paper Shelf.
 *
 * This folder (`src/core`) is the pure core: it never imports `vscode`, so it runs under plain mocha
 * in Node and inside the CLI. The VS Code layer (`src/extension`) adapts it to the editor.
 */

/** Links known for a paper. Only http(s) URLs are ever stored here. */
export interface PaperLinks {
	readonly arxivAbs?: string;
	readonly arxivPdf?: string;
	readonly huggingFace?: string;
	readonly code?: string;
	readonly project?: string;
}

/** Where a paper came from: a file and a 1-based, inclusive line range in it. */
export interface SourceRange {
	readonly file: string;
	readonly startLine: number;
	readonly endLine: number;
}

/** One paper of a digest, whatever format it was read from. */
export interface Paper {
	/**
	 * Stable identity: the arXiv id when known (`2401.09603`), else `t-` followed by a hash of the
	 * normalized title, so it survives re-parsing and reordering.
	 */
	readonly id: string;
	readonly arxivId?: string;
	/** The arXiv version the digest names (`2401.09603v2` → 2), when it names one; the merge keeps the highest. */
	readonly arxivVersion?: number;
	readonly title: string;
	/** Plain text; may be empty when the digest had none (a diagnostic says so). */
	readonly abstract: string;
	readonly authors: readonly string[];
	/** The date as the digest gives it (`2026-08-20`, or a page's `Jul 31`); never invented. */
	readonly date?: string;
	/** The year, only when the digest states it. */
	readonly year?: number;
	readonly links: PaperLinks;
	readonly upvotes?: number;
	/** A one-sentence summary the digest carries (Hugging Face `ai_summary`), as text. */
	readonly aiSummary?: string;
	/** The stars of the paper's GitHub repository, when the digest gives them (Hugging Face `githubStars`). */
	readonly githubStars?: number;
	/** Keywords the digest carries (Hugging Face `ai_keywords`), never derived ones. */
	readonly keywords: readonly string[];
	/** arXiv categories, primary first, when known. */
	readonly categories: readonly string[];
	/** A section heading of a Markdown digest the paper stood under, when any. */
	readonly section?: string;
	readonly source: SourceRange;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a digest, at a 1-based line (and column, when known). */
export interface DigestDiagnostic {
	readonly file: string;
	readonly line: number;
	readonly column?: number;
	readonly severity: Severity;
	readonly message: string;
}

export type DigestFormat = 'daily-papers-text' | 'hf-json' | 'json-array' | 'jsonl' | 'markdown' | 'arxiv-xml';

/** What parsing one digest file gave: the papers it could read and what went wrong. */
export interface ParsedDigest {
	readonly file: string;
	/** Undefined when the content was not recognised as any digest format. */
	readonly format?: DigestFormat;
	readonly papers: readonly Paper[];
	readonly diagnostics: readonly DigestDiagnostic[];
	/** sha256 (hex) of the raw bytes, used to key caches. */
	readonly contentHash: string;
	/** The page's own date line (`Jul 31`) for the Daily Papers text format, kept as written. */
	readonly dateLine?: string;
}
