/**
 * Benchmark of reading bibliography keys (`npm run bench:bib`): a generated Better BibTeX-like `.bib` of 36k entries
 * (≈ 5 MB: `@string`, `@comment`, `%` lines, accents in braces, `#` concatenation, the odd abstract) and a Zotero-like
 * CSL-JSON of 40k items, read by `readBibliographyKeys` as the editor and the CLI do.
 *
 *   node out/test/bench/bibBench.js [--runs 5] [--before FILE] [--before-runs 1] [--inputs bib,csl]
 *                                   [--bib-entries 36000] [--csl-items 40000]
 *
 * `--before` names a bundle of an older `src/core/cite/bibliographyFile.ts` (see BIB-RESULTS.md for how to build one
 * from main) to read the same texts with, for the before/after table. Each run reads a text of its own (a trailing
 * space added), since the reader remembers its results for equal texts; a last row shows that remembered read.
 * Times are CPU ms (user + system) and wall ms; the machine is shared, so wall times say more about the neighbours.
 *
 * Prints a Markdown table. Not a test: no assertions, timings depend on the machine.
 */
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { readBibliographyKeys } from '../../src/core/cite/bibliographyFile';
import { realisticBibtex, realisticCslJson } from '../unit/cite/bibliographyCorpus';

type Reader = typeof readBibliographyKeys;

interface Timing {
	readonly cpu: number[];
	readonly wall: number[];
	readonly keys: number;
}

function time(reader: Reader, fileName: string, text: string, runs: number): Timing {
	const cpu: number[] = [];
	const wall: number[] = [];
	let keys = 0;
	for (let i = 0; i < runs; i++) {
		const variant = text + ' '.repeat(i + 1);
		const before = process.cpuUsage();
		const t0 = process.hrtime.bigint();
		const result = reader(fileName, variant);
		wall.push(Number(process.hrtime.bigint() - t0) / 1e6);
		const used = process.cpuUsage(before);
		cpu.push((used.user + used.system) / 1000);
		if (!result.ok) {
			throw new Error(`${fileName}: ${result.message}`);
		}
		keys = result.keys.length;
	}
	return { cpu, wall, keys };
}

function min(xs: readonly number[]): number {
	return Math.min(...xs);
}

function median(xs: readonly number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function ms(x: number): string {
	return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(0)} ms`;
}

function main(): void {
	const { values } = parseArgs({
		options: {
			runs: { type: 'string', default: '5' },
			before: { type: 'string' },
			'before-runs': { type: 'string', default: '1' },
			inputs: { type: 'string', default: 'bib,csl' },
			'bib-entries': { type: 'string', default: '36000' },
			'csl-items': { type: 'string', default: '40000' },
		},
	});
	const runs = Number(values.runs);
	// eslint-disable-next-line @typescript-eslint/no-require-imports -- an older build, named on the command line
	const before = values.before ? (require(values.before) as { readBibliographyKeys: Reader }).readBibliographyKeys : undefined;
	const inputs = [
		{ id: 'bib', label: 'BibTeX, Better BibTeX-like', fileName: 'references.bib', text: realisticBibtex(Number(values['bib-entries'])), warm: realisticBibtex(500, 2) },
		{ id: 'csl', label: 'CSL-JSON, Zotero-like', fileName: 'references.json', text: realisticCslJson(Number(values['csl-items'])), warm: realisticCslJson(500, 2) },
	].filter((input) => values.inputs.split(',').includes(input.id));
	console.log(`Node ${process.version}, ${runs} runs after, ${values['before-runs']} before; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
	console.log('| input | size | entries | after: CPU min / median | after: wall min / median | before: CPU (wall) | before ÷ after (CPU min) | again, same text |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
	for (const { label, fileName, text, warm } of inputs) {
		time(readBibliographyKeys, fileName, warm, 1);
		const after = time(readBibliographyKeys, fileName, text, runs);
		const again = process.hrtime.bigint();
		readBibliographyKeys(fileName, text + ' '.repeat(runs));
		const againMs = Number(process.hrtime.bigint() - again) / 1e6;
		let beforeCell = 'not run';
		let ratio = '';
		if (before) {
			const b = time(before, fileName, text, Number(values['before-runs']));
			beforeCell = `${ms(min(b.cpu))} (${ms(min(b.wall))})`;
			ratio = `${(min(b.cpu) / min(after.cpu)).toFixed(0)}×`;
		}
		const size = `${(text.length / 1e6).toFixed(1)} MB`;
		console.log(`| ${label} | ${size} | ${after.keys} | ${ms(min(after.cpu))} / ${ms(median(after.cpu))} | ${ms(min(after.wall))} / ${ms(median(after.wall))} | ${beforeCell} | ${ratio} | ${againMs.toFixed(1)} ms |`);
	}
}

main();
