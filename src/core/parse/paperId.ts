/**
 * Stable paper identities: the arXiv id when known, else a hash of the normalized title, so an id
 * survives re-parsing, reordering and the small spelling differences between digests.
 */
import { sha256Hex } from '../hash/sha256';
import { hasLineTerminator } from './lineScan';

const NEW_STYLE_ID = /^(\d{4}\.\d{4,5})(?:v\d+)?$/;
const OLD_STYLE_ID = /^([a-z][a-z-]*(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?$/i;
const ARXIV_URL = /^https?:\/\/(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i;
const HF_PAPER_URL = /^https?:\/\/(?:www\.)?huggingface\.co\/papers\/(.+?)\/?(?:[?#].*)?$/i;
const ID_IN_TEXT = /(?<![\d.])(\d{4}\.\d{4,5})(?:v\d+)?(?![\d])/;
const TITLE_FOLD = /[\p{P}\p{S}\p{Z}\p{C}\s]+/gu;

/**
 * A title reduced to what identifies it: NFKC, lower case, punctuation, symbols and whitespace
 * folded to single spaces, trimmed. `Flash-LLM:  Enabling…` → `flash llm enabling`.
 */
export function normalizeTitle(title: string): string {
	return title.normalize('NFKC').toLowerCase().replace(TITLE_FOLD, ' ').trim();
}

/**
 * The version-less arXiv id a value names, or undefined. Accepts `2401.09603`, `2401.09603v2`,
 * `arXiv:2401.09603`, `hep-th/9901001` and arXiv / Hugging Face paper URLs.
 */
export function parseArxivId(value: string): string | undefined {
	let s = value.trim().replace(/^arxiv:\s*/i, '');
	// The URL patterns cannot match across a line break (`.` stops there), and on such a value
	// their `(.+?)…(?:[?#].*)?$` would rescan the rest of it from every `?` and `#`: quadratic.
	const url = hasLineTerminator(s) ? null : ARXIV_URL.exec(s) ?? HF_PAPER_URL.exec(s);
	if (url) s = url[1];
	const match = NEW_STYLE_ID.exec(s) ?? OLD_STYLE_ID.exec(s);
	return match ? match[1] : undefined;
}

/**
 * The version an arXiv id or URL names (`2401.09603v2`, `https://arxiv.org/abs/hep-th/9901001v3` → 2, 3), or
 * undefined when it names none.
 */
export function arxivVersionOf(value: string): number | undefined {
	const m = /(?:\d{4}\.\d{4,5}|\/\d{7})v(\d{1,4})(?:\.pdf)?\/?(?:[?#][^\n]*)?$/.exec(value.trim());
	return m ? Number(m[1]) : undefined;
}

/** The first new-style arXiv id (`2401.09603`, version dropped) written anywhere in a text, or undefined. */
export function findArxivId(text: string): string | undefined {
	return parseArxivId(text) ?? ID_IN_TEXT.exec(text)?.[1];
}

/**
 * The id of a paper: its arXiv id without version when `arxivId` names one, else `t-` and the first
 * 12 hex digits of the sha256 of {@link normalizeTitle}(title).
 */
export function paperIdFor(title: string, arxivId?: string): string {
	const known = arxivId === undefined ? undefined : parseArxivId(arxivId);
	if (known) return known;
	return `t-${sha256Hex(normalizeTitle(title)).slice(0, 12)}`;
}
