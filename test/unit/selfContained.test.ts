import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { corpusFile, corpusSampleSize, dailyPapersFile, hfDayFile, repoRoot } from '../support/corpus';

/** The source files under `dir` (relative to the repo) whose names end in one of `extensions`. */
function sources(dir: string, extensions: readonly string[]): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			const full = path.join(d, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (extensions.some((e) => entry.name.endsWith(e))) out.push(full);
		}
	};
	walk(path.join(repoRoot, dir));
	return out;
}

suite('The tests are self-contained (a clone of the repository runs them)', () => {
	test('No unit, integration or UI test reads the shared folder beside the repository', () => {
		// `sharedDir`, `benchCorpusFile` and `defaultBenchCorpusFile` (test/support/corpus.ts) are for the benchmarks.
		const outside = /\bsharedDir\b|\bbenchCorpusFile\b|\bdefaultBenchCorpusFile\b|['"`][^'"`\n]*\.\.\/shared\b/;
		const offenders: string[] = [];
		for (const file of [...sources('test/unit', ['.ts']), ...sources('test/integration', ['.ts']), ...sources('test/ui', ['.js'])]) {
			fs.readFileSync(file, 'utf8').split('\n').forEach((line, k) => {
				const code = line.replace(/^\s*(\/\/|\*|\/\*).*$/, '');
				if (outside.test(code) && !file.endsWith('selfContained.test.ts')) offenders.push(`${path.relative(repoRoot, file)}:${k + 1}: ${line.trim()}`);
			});
		}
		assert.deepEqual(offenders, []);
	});

	test('The data files the tests read are in the repository', () => {
		for (const file of [corpusFile, dailyPapersFile, hfDayFile]) {
			assert.ok(!path.relative(repoRoot, file).startsWith('..'), `${file} is outside the repository`);
			assert.ok(fs.existsSync(file), `${path.relative(repoRoot, file)} is missing`);
		}
	});

	test('The corpus sample holds its 2,500 distinct real papers in well under 2 MB', () => {
		const packed = fs.readFileSync(corpusFile);
		assert.ok(packed.length < 1.6 * 1024 * 1024, `${packed.length} bytes`);
		const lines = zlib.gunzipSync(packed).toString('utf8').split('\n').filter((l) => l !== '');
		assert.equal(lines.length, corpusSampleSize);
		const ids = new Set(lines.map((l) => (JSON.parse(l) as { id: string }).id));
		assert.equal(ids.size, corpusSampleSize);
	});
});
