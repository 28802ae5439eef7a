/**
 * `paper-shelf fetch --source hf|arxiv --date D [--category C]… [--out DIR] [--base-url URL] [--timeout S]`: fetches a
 * day of the Hugging Face daily papers or an arXiv category listing and saves it as-is, one file per day (and page),
 * named as the editor names them; prints each file it wrote. For scripts and cron jobs.
 *
 * Same rules as the editor: a body is saved only when the digest parser reads papers from it, through a temporary
 * file renamed into place, and never over a file for that day that holds more papers.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fetchDay } from '../../core/fetch/fetchDay';
import { ARXIV_API_URL, HF_DAILY_PAPERS_URL, isIsoDay, localDay, type FetchSource } from '../../core/fetch/fetchPlan';
import { checkBody, describeFailure, sourceLabel } from '../../core/fetch/fetchResponse';
import { httpGet } from '../../core/fetch/httpGet';
import { DEFAULT_MAX_DIGEST_BYTES } from '../../core/parse/parseDigest';
import { SETTINGS } from '../../core/settings';
import { CliError, CliUsageError, parseCommandArgs, type CliCommand } from '../cliCommand';

/** Exit code when the day has no papers (yet): nothing was written, and that is not an error. */
export const EXIT_NO_PAPERS = 3;

export const fetchCommand: CliCommand = {
	name: 'fetch',
	summary: 'fetch a day of Hugging Face daily papers or an arXiv listing into a digest file',
	usage: [
		'Usage: paper-shelf fetch --source hf|arxiv [--date YYYY-MM-DD] [--category C]… [--out DIR] [--base-url URL] [--timeout S]',
		'',
		'Fetches one day and saves the answer as it came (DIR/2026-11-27.daily_papers.json, DIR/2026-11-27.arxiv.cs.LG.xml),',
		'then prints the path of each file written. Nothing is written when the answer is not a readable digest, and a',
		'file for that day with more papers is kept.',
		'',
		'Options:',
		'  --source hf|arxiv  the Hugging Face daily papers API, or the arXiv API (required)',
		'  --date D           the day (default: today, on this machine\'s calendar)',
		`  --category C       arXiv only: a category, repeatable (default: ${SETTINGS['fetch.arxivCategories'].default.join(', ')})`,
		'  --out DIR          where to save (default: the current folder; created when missing)',
		`  --base-url URL     the API to ask (default: ${HF_DAILY_PAPERS_URL} or ${ARXIV_API_URL})`,
		`  --timeout S        seconds to wait for each answer (default: ${SETTINGS['fetch.timeoutSeconds'].default})`,
		'',
		`Exit codes: 0 saved (or kept), 1 failed, 2 bad usage, ${EXIT_NO_PAPERS} no papers for that day (yet).`,
	].join('\n'),
	async run(args, io) {
		const { values, positionals } = parseCommandArgs(args, {
			source: { type: 'string' },
			date: { type: 'string' },
			category: { type: 'string', multiple: true },
			out: { type: 'string' },
			'base-url': { type: 'string' },
			timeout: { type: 'string' },
		});
		if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'`);
		const source = values.source as FetchSource | undefined;
		if (source !== 'hf' && source !== 'arxiv') throw new CliUsageError(values.source === undefined ? '--source hf|arxiv is required' : `--source must be hf or arxiv, not '${values.source}'`);
		const day = values.date ?? localDay(new Date());
		if (!isIsoDay(day)) throw new CliUsageError(`--date must be a day written YYYY-MM-DD, not '${day}'`);
		const categories = source === 'arxiv' ? values.category ?? [...SETTINGS['fetch.arxivCategories'].default] : [undefined];
		if (source === 'hf' && values.category) throw new CliUsageError('--category is for --source arxiv');
		for (const c of categories) {
			if (c !== undefined && !/^[A-Za-z-]+(?:\.[A-Za-z-]+)?$/.test(c)) throw new CliUsageError(`'${c}' is not an arXiv category (such as cs.LG)`);
		}
		const base = values['base-url'] ?? (source === 'hf' ? HF_DAILY_PAPERS_URL : ARXIV_API_URL);
		if (!/^https?:\/\//i.test(base)) throw new CliUsageError(`--base-url must be an http(s) URL, not '${base}'`);
		const timeoutSeconds = values.timeout === undefined ? SETTINGS['fetch.timeoutSeconds'].default : Number(values.timeout);
		if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new CliUsageError(`--timeout must be a number of seconds, not '${values.timeout}'`);
		const out = path.resolve(values.out ?? '.');

		let empty = 0;
		const failures: string[] = [];
		for (const category of categories) {
			const fetched = await fetchDay({
				source, day, category, maxBytes: DEFAULT_MAX_DIGEST_BYTES,
				huggingFaceUrl: base, arxivUrl: base,
				get: (url, accept) => httpGet(url, { timeoutMs: Math.round(timeoutSeconds * 1000), maxBytes: DEFAULT_MAX_DIGEST_BYTES, accept }),
			});
			if ('kind' in fetched) {
				const message = describeFailure(fetched, source, day, category);
				if (fetched.kind === 'empty') {
					empty++;
					io.err(`${message}\n`);
				} else {
					failures.push(message);
				}
				continue;
			}
			const existing = existingPapers(out, fetched.pages.map((p) => p.name), source);
			if (existing > fetched.papers) {
				io.err(`kept ${path.join(out, fetched.pages[0].name)} (${existing} papers): the new answer for ${sourceLabel(source, category)} for ${day} has fewer (${fetched.papers})\n`);
				io.out(`${path.join(out, fetched.pages[0].name)}\n`);
				continue;
			}
			fs.mkdirSync(out, { recursive: true });
			for (const page of fetched.pages) {
				const target = path.join(out, page.name);
				writeAtomically(target, page.bytes);
				io.out(`${target}\n`);
			}
		}
		if (failures.length > 0) throw new CliError(failures.join('\n'));
		return empty === categories.length ? EXIT_NO_PAPERS : 0;
	},
};

function existingPapers(folder: string, names: readonly string[], source: FetchSource): number {
	let total = 0;
	for (const name of names) {
		try {
			const body = checkBody(fs.readFileSync(path.join(folder, name), 'utf8'), source, name, DEFAULT_MAX_DIGEST_BYTES);
			if (!('kind' in body)) total += body.papers;
		} catch {
			// not there
		}
	}
	return total;
}

/** A temporary file beside `target`, renamed over it: `target` is either the old file or the whole new one. */
function writeAtomically(target: string, bytes: Uint8Array): void {
	const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.partial`);
	try {
		fs.writeFileSync(temp, bytes, { flag: 'wx' });
		fs.renameSync(temp, target);
	} catch (e) {
		fs.rmSync(temp, { force: true });
		throw new CliError(`cannot write ${target}: ${e instanceof Error ? e.message : String(e)}`);
	}
}
