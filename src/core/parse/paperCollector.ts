/**
 * Gathers the papers and diagnostics of one digest while it is parsed: builds each {@link Paper}
 * from a draft, keeps the first of two copies of a paper, and caps the number of diagnostics so a
 * hopeless file does not flood the Problems view.
 */
import type { DigestDiagnostic, Paper, PaperLinks, Severity } from '../model';
import { checkHttpUrl } from './httpUrl';
import { normalizeText, normalizeInline, quoteForMessage } from './normalizeText';
import { arxivVersionOf, normalizeTitle, paperIdFor, parseArxivId } from './paperId';

/** What a parser knows about a paper before it becomes a {@link Paper}; text is cleaned on `add`. */
export interface PaperDraft {
	title: string;
	abstract: string;
	authors: string[];
	arxivId?: string;
	arxivVersion?: number;
	date?: string;
	year?: number;
	/** Candidate links by kind; each is checked, and a non-http(s) one is dropped with a warning. */
	links: Partial<Record<keyof PaperLinks, string>>;
	upvotes?: number;
	aiSummary?: string;
	githubStars?: number;
	keywords: string[];
	categories: string[];
	section?: string;
	/** Links already refused by the parser (not http(s)); each is reported as dropped. */
	rejectedLinks?: string[];
	/** Also derive the Hugging Face paper page from the arXiv id (Hugging Face digests only). */
	huggingFaceFromId?: boolean;
	startLine: number;
	endLine: number;
}

/** An empty draft starting at `line`. */
export function emptyDraft(line: number): PaperDraft {
	return { title: '', abstract: '', authors: [], links: {}, keywords: [], categories: [], startLine: line, endLine: line };
}

/** The default cap on diagnostics per digest. */
export const MAX_DIAGNOSTICS = 200;

const LINK_ORDER: readonly (keyof PaperLinks)[] = ['arxivAbs', 'arxivPdf', 'huggingFace', 'code', 'project'];

/** The year a date states (`2026-08-20`, `Jul 31, 2024`), or undefined when it states none. */
export function yearFromDate(date: string | undefined): number | undefined {
	if (!date) return undefined;
	const m = /(?<!\d)(1[89]\d{2}|2\d{3})(?!\d)/.exec(date);
	return m ? Number(m[1]) : undefined;
}

/** Collects one digest's papers and diagnostics. */
export class PaperCollector {
	readonly papers: Paper[] = [];
	private readonly _diagnostics: DigestDiagnostic[] = [];
	private _unlisted = 0;
	private readonly _byId = new Map<string, number>();
	private readonly _byTitle = new Map<string, { line: number; arxivId?: string }>();

	constructor(readonly file: string, private readonly _maxDiagnostics = MAX_DIAGNOSTICS) {}

	/** Records a problem at a 1-based line (and column). */
	report(severity: Severity, line: number, message: string, column?: number): void {
		if (this._diagnostics.length >= this._maxDiagnostics) {
			this._unlisted++;
			return;
		}
		const diagnostic: DigestDiagnostic = column === undefined
			? { file: this.file, line: Math.max(1, line), severity, message }
			: { file: this.file, line: Math.max(1, line), column: Math.max(1, column), severity, message };
		this._diagnostics.push(diagnostic);
	}

	/** Whether an error has been reported. */
	get hasErrors(): boolean {
		return this._diagnostics.some((d) => d.severity === 'error');
	}

	/** The diagnostics so far, ending with a count of those left out over the cap. */
	get diagnostics(): DigestDiagnostic[] {
		if (this._unlisted === 0) return [...this._diagnostics];
		const last = this._diagnostics[this._diagnostics.length - 1];
		return [...this._diagnostics, {
			file: this.file,
			line: last?.line ?? 1,
			severity: 'info',
			message: `${this._unlisted} more problems not listed`,
		}];
	}

	/**
	 * Turns a draft into a paper and keeps it, unless it is a copy of one already kept (same id, or
	 * same normalized title without two different arXiv ids): then it reports a warning and returns undefined.
	 */
	add(draft: PaperDraft): Paper | undefined {
		const title = normalizeInline(draft.title);
		if (title === '') return undefined;
		const arxivId = draft.arxivId === undefined ? undefined : parseArxivId(draft.arxivId);
		const id = paperIdFor(title, arxivId);
		const normalized = normalizeTitle(title);
		const firstLine = this._byId.get(id) ?? this._sameTitleLine(normalized, arxivId);
		if (firstLine !== undefined) {
			this.report('warning', draft.startLine, `duplicate paper ${quoteForMessage(title)} (first at line ${firstLine}): kept the first`);
			return undefined;
		}
		const paper = this._build(draft, id, title, arxivId);
		this._byId.set(id, draft.startLine);
		if (!this._byTitle.has(normalized)) this._byTitle.set(normalized, { line: draft.startLine, arxivId });
		this.papers.push(paper);
		return paper;
	}

	private _sameTitleLine(normalized: string, arxivId: string | undefined): number | undefined {
		const seen = this._byTitle.get(normalized);
		if (!seen || normalized === '') return undefined;
		if (seen.arxivId !== undefined && arxivId !== undefined && seen.arxivId !== arxivId) return undefined;
		return seen.line;
	}

	private _build(draft: PaperDraft, id: string, title: string, arxivId: string | undefined): Paper {
		const links: { -readonly [K in keyof PaperLinks]?: string } = {};
		if (arxivId) {
			links.arxivAbs = `https://arxiv.org/abs/${arxivId}`;
			links.arxivPdf = `https://arxiv.org/pdf/${arxivId}`;
			if (draft.huggingFaceFromId) links.huggingFace = `https://huggingface.co/papers/${arxivId}`;
		}
		for (const kind of LINK_ORDER) {
			const check = checkHttpUrl(draft.links[kind]);
			if (check.url) links[kind] ??= check.url;
			else if (check.rejected) {
				this.report('warning', draft.startLine, `dropped a link that is not http(s): ${quoteForMessage(check.rejected)}`);
			}
		}
		for (const rejected of new Set(draft.rejectedLinks)) {
			this.report('warning', draft.startLine, `dropped a link that is not http(s): ${quoteForMessage(rejected)}`);
		}
		const date = draft.date === undefined ? '' : normalizeInline(draft.date);
		const year = draft.year ?? yearFromDate(date);
		const section = draft.section === undefined ? '' : normalizeInline(draft.section);
		const aiSummary = draft.aiSummary === undefined ? '' : normalizeText(draft.aiSummary);
		const version = arxivId ? draft.arxivVersion ?? arxivVersionOf(draft.arxivId ?? '') : undefined;
		return {
			id,
			...(arxivId ? { arxivId } : {}),
			...(version !== undefined ? { arxivVersion: version } : {}),
			title,
			abstract: normalizeText(draft.abstract),
			authors: cleanList(draft.authors),
			...(date ? { date } : {}),
			...(year !== undefined ? { year } : {}),
			links: orderedLinks(links),
			...(draft.upvotes !== undefined ? { upvotes: draft.upvotes } : {}),
			...(aiSummary ? { aiSummary } : {}),
			...(draft.githubStars !== undefined ? { githubStars: draft.githubStars } : {}),
			keywords: cleanList(draft.keywords),
			categories: cleanList(draft.categories),
			...(section ? { section } : {}),
			source: { file: this.file, startLine: draft.startLine, endLine: Math.max(draft.startLine, draft.endLine) },
		};
	}
}

/** Trimmed, non-empty, first occurrence only. */
function cleanList(values: readonly string[]): string[] {
	const out: string[] = [];
	const seen = new Set<string>();
	for (const v of values) {
		const clean = normalizeInline(v);
		if (clean === '' || seen.has(clean)) continue;
		seen.add(clean);
		out.push(clean);
	}
	return out;
}

function orderedLinks(links: { [K in keyof PaperLinks]?: string }): PaperLinks {
	const out: { -readonly [K in keyof PaperLinks]?: string } = {};
	for (const kind of LINK_ORDER) {
		if (links[kind] !== undefined) out[kind] = links[kind];
	}
	return out;
}
