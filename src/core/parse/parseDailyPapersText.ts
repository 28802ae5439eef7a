/**
 * The plain-text "Daily Papers" page: a few short header lines (one of them a date such as `Jul 31`),
 * then per paper a title, a blank line and the abstract. Blocks of non-blank lines are the unit:
 * lines inside a block are joined, so a wrapped title or abstract reads as one.
 */
import { emptyDraft, type PaperCollector } from './paperCollector';
import { normalizeInline, quoteForMessage, splitLines } from './normalizeText';

/** Consecutive non-blank lines. */
interface Block {
	readonly text: string;
	readonly startLine: number;
	readonly endLine: number;
}

/** Longer than any real title (arXiv titles stay under ~230 characters). */
const MAX_TITLE_LENGTH = 240;
const SENTENCE_END = /[.!?]["')\]]?(?:\s|$)/g;
const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DATE_LINE = new RegExp(
	`^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}\\s+(?:${MONTHS})\\.?(?:,?\\s+\\d{4})?|\\d{4}-\\d{2}-\\d{2})$`,
	'i',
);

/** The blocks of a text, each with its 1-based line range. */
function blocksOf(text: string): Block[] {
	const blocks: Block[] = [];
	let parts: string[] = [];
	let start = 0;
	const lines = splitLines(text);
	lines.forEach((raw, k) => {
		const line = normalizeInline(raw);
		if (line !== '') {
			if (parts.length === 0) start = k + 1;
			parts.push(line);
		} else if (parts.length > 0) {
			blocks.push({ text: parts.join(' '), startLine: start, endLine: k });
			parts = [];
		}
	});
	if (parts.length > 0) blocks.push({ text: parts.join(' '), startLine: start, endLine: lines.length });
	return blocks;
}

function sentenceCount(text: string): number {
	return text.match(SENTENCE_END)?.length ?? 0;
}

/** Surely an abstract: longer than a title can be, or several sentences. */
function isSurelyAbstract(text: string): boolean {
	return text.length > MAX_TITLE_LENGTH || sentenceCount(text) >= 2;
}

/** Whether a line reads like a date line of the page (`Jul 31`, `July 31, 2024`, `2024-07-31`). */
export function isDateLine(text: string): boolean {
	return DATE_LINE.test(text.trim());
}

/**
 * The index of the block holding the first title: the first short block followed by a sure abstract,
 * else by a block ending with a period; -1 when there is no such pair.
 */
function firstTitleIndex(blocks: readonly Block[]): number {
	for (let i = 0; i + 1 < blocks.length; i++) {
		if (!isSurelyAbstract(blocks[i].text) && isSurelyAbstract(blocks[i + 1].text)) return i;
	}
	for (let i = 0; i + 1 < blocks.length; i++) {
		if (!isSurelyAbstract(blocks[i].text) && !isDateLine(blocks[i].text) && endsWithPeriod(blocks[i + 1].text)) return i;
	}
	return -1;
}

/** Whether a text has the shape of a Daily Papers page (a title followed by an abstract somewhere). */
export function looksLikeDailyPapersText(text: string): boolean {
	const blocks = blocksOf(text);
	return firstTitleIndex(blocks) !== -1;
}

/** Ends like a sentence: a final period (titles rarely have one). */
function endsWithPeriod(text: string): boolean {
	return /\.["')\]]?$/.test(text);
}

/**
 * Adds the papers of a Daily Papers page to `collector`; returns the page's date line, if any.
 * A date line further down (a page spanning days) dates the papers below it.
 */
export function parseDailyPapersText(text: string, collector: PaperCollector): string | undefined {
	const blocks = blocksOf(text);
	const first = Math.max(0, firstTitleIndex(blocks));
	const dateLine = blocks.slice(0, first).find((b) => isDateLine(b.text))?.text;
	let date = dateLine;
	let pending: Block | undefined;
	let last: { abstract: string[]; title: Block; end: number } | undefined;
	const flush = () => {
		if (!last) return;
		const draft = emptyDraft(last.title.startLine);
		draft.title = last.title.text;
		draft.abstract = last.abstract.join('\n\n');
		draft.endLine = last.end;
		if (date !== undefined) draft.date = date;
		collector.add(draft);
		last = undefined;
	};
	const withoutAbstract = (title: Block) => {
		collector.report('warning', title.startLine, `title without an abstract: ${quoteForMessage(title.text)}`);
		flush();
		last = { abstract: [], title, end: title.endLine };
		flush();
	};
	for (let i = first; i < blocks.length; i++) {
		const block = blocks[i];
		if (isDateLine(block.text)) {
			flush();
			if (pending) withoutAbstract(pending);
			pending = undefined;
			date = block.text;
			continue;
		}
		if (pending) {
			const next = blocks[i + 1];
			const startsNextPaper = !isSurelyAbstract(block.text) && !endsWithPeriod(block.text) && next !== undefined
				&& (isSurelyAbstract(next.text) || endsWithPeriod(next.text));
			if (startsNextPaper) {
				withoutAbstract(pending);
				pending = block;
				continue;
			}
			last = { abstract: [block.text], title: pending, end: block.endLine };
			pending = undefined;
		} else if (last && isSurelyAbstract(block.text)) {
			last.abstract.push(block.text);
			last.end = block.endLine;
		} else {
			flush();
			pending = block;
		}
	}
	flush();
	if (pending) withoutAbstract(pending);
	return dateLine;
}
