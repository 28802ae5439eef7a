import * as assert from 'node:assert/strict';
import { parsePersonName } from '../../../src/core/cite/personName';
import {
	AuthorLimit, authorsText, familyName, panelTitleText, paperDescription, paperHoverText, paperPickText, paperTooltipText, shorten,
} from '../../../src/core/present/paperText';
import { makePaper } from '../cite/citeTestSupport';

const many = ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit', 'Llion Jones', 'Aidan N. Gomez', 'Łukasz Kaiser', 'Illia Polosukhin'];

suite('Paper text on every surface', () => {
	test('the family name of an author is the one the citation keys use: particles kept, a suffix and given names dropped', () => {
		for (const name of ['Martin Luther King Jr.', 'Jan van der Berg', 'Huang, Chengsong', 'Chengsong Huang', 'Plato', 'de la Cruz, Ana']) {
			const parsed = parsePersonName(name);
			assert.equal(familyName(name), [parsed.particle, parsed.family].filter((s) => s).join(' '), name);
		}
		assert.equal(familyName('Martin Luther King Jr.'), 'King');
		assert.equal(familyName('Jan van der Berg'), 'van der Berg');
		assert.equal(familyName('Huang, Chengsong'), 'Huang');
	});

	test('the tree describes a paper by its first author\'s family name, as the core parses it, with et al. for more', () => {
		assert.equal(paperDescription(makePaper({ title: 'A', authors: ['Martin Luther King Jr.', 'Ralph Abernathy'], year: 1963 })), 'King et al. · 1963');
		assert.equal(paperDescription(makePaper({ title: 'B', authors: ['Jan van der Berg'], date: '2026-08-20', upvotes: 12 })), 'van der Berg · 2026-08-20 · ▲ 12');
		assert.equal(paperDescription(makePaper({ title: 'C', upvotes: 3 })), '▲ 3');
	});

	test('one truncation rule: the first names up to the surface\'s limit, then et al.', () => {
		assert.equal(authorsText(many.slice(0, 3), AuthorLimit.pick), 'Ashish Vaswani, Noam Shazeer, Niki Parmar');
		assert.equal(authorsText(many.slice(0, 4), AuthorLimit.pick), 'Ashish Vaswani, Noam Shazeer, Niki Parmar et al.');
		assert.equal(authorsText(many, AuthorLimit.hover), `${many.slice(0, 6).join(', ')} et al.`);
		assert.equal(authorsText(many, AuthorLimit.tree, 'family'), 'Vaswani et al.');
		assert.equal(authorsText([], AuthorLimit.pick), '');
		const paper = makePaper({ title: 'Attention Is All You Need', authors: many, year: 2017, arxivId: '1706.03762' });
		assert.equal(paperTooltipText(paper).authors, authorsText(many, AuthorLimit.hover));
		assert.equal(paperHoverText(paper, 300).facts, `${authorsText(many, AuthorLimit.hover)} · 2017 · arXiv:1706.03762`);
		assert.equal(paperPickText(paper, { prefix: 'vaswani2017' }).description, `vaswani2017 · ${authorsText(many, AuthorLimit.pick)}`);
	});

	test('titles and abstracts are on one line; long abstracts are cut at a word and end with an ellipsis', () => {
		const paper = makePaper({ title: '  Attention\n Is   All\tYou Need ', abstract: 'word '.repeat(200) });
		assert.equal(paperPickText(paper).label, 'Attention Is All You Need');
		assert.equal(paperTooltipText(paper).title, 'Attention Is All You Need');
		const cut = paperTooltipText(paper).abstract;
		assert.ok(cut.length <= 401 && cut.endsWith('word…'), cut);
		assert.equal(shorten('short', 10), 'short');
		assert.equal(shorten('alpha beta gamma delta', 12), 'alpha beta…');
	});

	test('a panel title is the title on one line, clipped to 48 characters with an ellipsis', () => {
		assert.equal(panelTitleText(undefined), 'Paper Shelf');
		assert.equal(panelTitleText(makePaper({ title: 'Short\ntitle' })), 'Short title');
		const long = panelTitleText(makePaper({ title: 'x'.repeat(100) }));
		assert.equal(long.length, 48);
		assert.ok(long.endsWith('…'));
	});

	test('the pick\'s detail is the given text, or the start of the abstract, on one line', () => {
		const paper = makePaper({ title: 'T', abstract: 'line one\nline two ' + 'z'.repeat(300) });
		assert.equal(paperPickText(paper, { detail: 'around the match' }).detail, 'around the match');
		const detail = paperPickText(paper).detail;
		assert.ok(detail.startsWith('line one line two') && detail.length <= 161, detail);
	});
});
