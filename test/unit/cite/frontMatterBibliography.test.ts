import * as assert from 'node:assert/strict';
import { frontMatterBibliographies } from '../../../src/core/cite/bibliographyLocator';
import { planFrontMatterBibliography, relativeTo, yamlScalar } from '../../../src/core/cite/frontMatterBibliography';
import { MAX_RATIO, ratioMessage, timeRatio } from '../linearTime';

function apply(text: string, path = 'references.bib'): string | undefined {
	const plan = planFrontMatterBibliography(text, path);
	return plan && text.slice(0, plan.offset) + plan.text + text.slice(plan.offset);
}

suite('Naming the bibliography in front matter', () => {
	test('a note with front matter gains one line before its closing ---, byte for byte elsewhere', () => {
		assert.equal(apply('---\ntitle: Notes\n---\n# Hi\n'), '---\ntitle: Notes\nbibliography: references.bib\n---\n# Hi\n');
		assert.equal(apply('---\r\ntitle: x\r\n...\r\nText'), '---\r\ntitle: x\r\nbibliography: references.bib\r\n...\r\nText');
		assert.equal(apply('\uFEFF---\n---\n'), '\uFEFF---\nbibliography: references.bib\n---\n');
	});

	test('a note without front matter gets a block at the top', () => {
		assert.equal(apply('# Title\n\nText [@a].\n'), '---\nbibliography: references.bib\n---\n\n# Title\n\nText [@a].\n');
		assert.equal(apply('\uFEFF\r\nText'), '\uFEFF---\r\nbibliography: references.bib\r\n---\r\n\r\nText');
		assert.equal(apply(''), '---\nbibliography: references.bib\n---\n');
		assert.equal(apply('Intro\n---\nNot front matter\n'), '---\nbibliography: references.bib\n---\n\nIntro\n---\nNot front matter\n');
	});

	test('nothing when it names one already, or the front matter never closes', () => {
		assert.equal(apply('---\nbibliography: mine.bib\n---\n'), undefined);
		assert.equal(apply('---\nbibliography:\n  - a.bib\n---\n'), undefined);
		assert.equal(apply('---\ntitle: open\nText'), undefined);
		assert.equal(apply('Text', `a'b"c.bib`), undefined, 'a path YAML cannot hold plainly');
	});

	test('what is written reads back as the path: the locator finds it', () => {
		for (const path of ['references.bib', '../refs/my refs.bib', 'a: b.bib', '#x.bib', '-odd.bib', 'ünï.bib', 'q"uote.bib']) {
			const out = apply('---\ntitle: t\n---\n', path)!;
			assert.deepEqual(frontMatterBibliographies(out).map((r) => r.path), [path], `${path} → ${yamlScalar(path)}`);
		}
	});

	test('relative paths from the note\'s folder', () => {
		assert.equal(relativeTo('/ws', '/ws/references.bib'), 'references.bib');
		assert.equal(relativeTo('/ws/notes/deep', '/ws/references.bib'), '../../references.bib');
		assert.equal(relativeTo('/ws/a', '/ws/b/refs.bib'), '../b/refs.bib');
	});

	test('linear in a huge front matter', () => {
		const note = (n: number) => '---\n' + 'key: value\n'.repeat(n) + '---\n';
		const r = timeRatio((t: string) => planFrontMatterBibliography(t, 'r.bib'), note(10_000), note(100_000));
		assert.ok(r.ratio < MAX_RATIO, ratioMessage(r, note(10_000).length, note(100_000).length));
	});
});
