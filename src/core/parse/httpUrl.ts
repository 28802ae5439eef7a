/** Link hygiene: only http(s) URLs ever reach a {@link PaperLinks}. */
import type { PaperLinks } from '../model';

/** What checking a candidate link gave: the URL to keep, or the value that was refused. */
export interface LinkCheck {
	readonly url?: string;
	readonly rejected?: string;
}

/**
 * Keeps `value` when it is an absolute http(s) URL written as `http(s)://host…` (made canonical when
 * it holds whitespace), refuses any other non-empty string (`javascript:…`, `file:…`, `https:host`,
 * relative paths), ignores the rest.
 */
export function checkHttpUrl(value: unknown): LinkCheck {
	if (typeof value !== 'string') return {};
	const trimmed = value.trim();
	if (trimmed === '') return {};
	let parsed: URL;
	try {
		parsed = new URL(trimmed);
	} catch {
		return { rejected: trimmed };
	}
	const literal = /^https?:\/\/[^\s/?#\\]/i.test(trimmed);
	if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !literal || parsed.hostname === '') return { rejected: trimmed };
	return { url: /\s/.test(trimmed) ? parsed.href : trimmed };
}

/** The {@link PaperLinks} key a URL most likely is, from a label (`Code`, `Project page`) or its host. */
export function linkKindFor(url: string, label = ''): keyof PaperLinks {
	const l = label.toLowerCase();
	if (/\b(code|github|repo|repository|source)\b/.test(l)) return 'code';
	if (/\bpdf\b/.test(l)) return 'arxivPdf';
	if (/\b(hf|hugging ?face)\b/.test(l)) return 'huggingFace';
	if (/\b(project|page|website|homepage|demo|blog)\b/.test(l)) return 'project';
	if (/\barxiv\b/.test(l)) return 'arxivAbs';
	let host = '';
	let path = '';
	try {
		const u = new URL(url);
		host = u.hostname.toLowerCase();
		path = u.pathname;
	} catch {
		return 'project';
	}
	if (host.endsWith('arxiv.org')) return path.startsWith('/pdf/') ? 'arxivPdf' : 'arxivAbs';
	if (host.endsWith('huggingface.co') && path.startsWith('/papers/')) return 'huggingFace';
	if (host === 'github.com' || host === 'gitlab.com' || host.endsWith('.github.com')) return 'code';
	return 'project';
}
