import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Paper } from '../../src/core/model';
import { readBibliographyKeys } from '../../src/core/cite/bibliographyFile';
import { shelfApi, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

function shelfPaper(api: Api, skip = 0): { paper: Paper; key: string } {
	const withKeys = api.testing.library.papers.map((paper) => ({ paper, key: api.testing.citations.keyOf(paper.id) ?? '' })).filter((p) => p.key !== '');
	assert.ok(withKeys.length > skip, 'the shelf has papers with keys');
	return withKeys[skip];
}

async function bytesOf(uri: vscode.Uri): Promise<Uint8Array> {
	return Uint8Array.from(await vscode.workspace.fs.readFile(uri));
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const asText = (b: Uint8Array) => String.fromCharCode(...b);

/** A CRLF .bib with a BOM-less Latin-1 é, a comment between entries, @string and @preamble, and an entry no note cites. */
const HEAD = '% Hand-made, CRLF, Latin-1.\r\n@string{pub = {Caf\u00e9 Press}}\r\n@preamble{"\\noop"}\r\n\r\n@book{knuth1984texbook,\r\n  title = {The {\\TeX}book},\r\n  publisher = pub\r\n}\r\n\r\n';
const UNUSED = '@misc{unusedOwn,\r\n  title = {Nobody cites this, caf\u00e9}\r\n}\r\n\r\n';
const TAIL = '% A comment between entries.\r\n@misc{citedElsewhere,\r\n  title = {Cited by another note}\r\n}\r\n';

suite('Tidy Bibliography', () => {
	suiteTeardown(async () => {
		if (api) {
			api.testing.tidy.confirmWith = undefined;
		}
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});
	let api: Api | undefined;

	test('adds missing shelf entries, removes (after confirmation) only the unused entry’s bytes, reports unknown keys, and Undo restores the bytes', async () => {
		api = await shelfApi();
		const a = shelfPaper(api);
		const bib = workspaceUri('cite', 'tidy.bib');
		const before = latin1(HEAD + UNUSED + TAIL);
		await vscode.workspace.fs.writeFile(bib, before);
		await writeText(workspaceUri('cite', 'tidy-note.md'), `---\nbibliography: tidy.bib\n---\n\nSee [@knuth1984texbook; @${a.key}] and [@unknownKey1999].\n`);
		await writeText(workspaceUri('cite', 'tidy-other.tex'), '\\addbibresource{elsewhere.bib}\nAs \\cite{citedElsewhere} shows.\n');

		let asked: readonly string[] = [];
		api.testing.tidy.confirmWith = async (keys) => ((asked = keys), true);
		const result = await api.testing.tidy.tidy(bib);
		assert.equal(result.problem, undefined, result.problem);
		assert.deepEqual(result.added, [a.key]);
		assert.deepEqual(asked, ['unusedOwn'], 'only the entry no note cites is offered for removal (citedElsewhere is cited by another note)');
		assert.deepEqual(result.removed, ['unusedOwn']);
		assert.deepEqual(result.unknown.map((u) => [u.key, u.notes]), [['unknownKey1999', ['cite/tidy-note.md']]]);

		const after = await bytesOf(bib);
		const keep = latin1(HEAD + TAIL);
		assert.deepEqual(after.subarray(0, keep.length), keep, 'every byte but the removed entry’s is as it was, Latin-1 é and CRLF included');
		const appended = asText(after.subarray(keep.length));
		assert.match(appended, new RegExp(`^\\r\\n@misc\\{${a.key},\\r\\n`), 'the shelf entry is appended in the file’s line ending');
		const keys = readBibliographyKeys('tidy.bib', asText(after));
		assert.ok(keys.ok);
		assert.deepEqual(keys.keys.map((k) => k.key), ['knuth1984texbook', 'citedElsewhere', a.key]);

		assert.ok(result.undoRemoval, 'the removal can be undone');
		await result.undoRemoval();
		const undone = await bytesOf(bib);
		assert.deepEqual(undone, latin1(HEAD + UNUSED + TAIL + appended), 'Undo puts the entry’s exact bytes back where they were');
	});

	test('declining the confirmation removes nothing; a second run adds nothing', async () => {
		api = await shelfApi();
		const bib = workspaceUri('cite', 'tidy.bib');
		const before = await bytesOf(bib);
		api.testing.tidy.confirmWith = async () => false;
		const result = await api.testing.tidy.tidy(bib);
		assert.deepEqual(result.added, []);
		assert.deepEqual(result.unused, ['unusedOwn']);
		assert.deepEqual(result.removed, []);
		assert.deepEqual(await bytesOf(bib), before, 'the file is byte-identical');
	});

	test('a CSL-JSON bibliography loses only the unused item, and stays valid JSON', async () => {
		api = await shelfApi();
		const json = workspaceUri('cite', 'tidy.json');
		const items = '[\n  {"id": "keptJson", "type": "book", "title": "Kept"},\n  {"id": "unusedJson", "type": "book"},\n  {"id": "lastJson", "type": "book"}\n]\n';
		await writeText(json, items);
		await writeText(workspaceUri('cite', 'tidy-json.md'), '---\nbibliography: tidy.json\n---\n\n[@keptJson; @lastJson]\n');
		api.testing.tidy.confirmWith = async () => true;
		const result = await api.testing.tidy.tidy(json);
		assert.deepEqual(result.removed, ['unusedJson']);
		const after = new TextDecoder().decode(await bytesOf(json));
		assert.equal(after, '[\n  {"id": "keptJson", "type": "book", "title": "Kept"},\n  {"id": "lastJson", "type": "book"}\n]\n');
	});

	test('an unparseable bibliography is left byte-identical and the problem is reported', async () => {
		api = await shelfApi();
		const bib = workspaceUri('cite', 'tidy-broken.bib');
		const broken = new TextEncoder().encode('@misc{a, title = {unclosed\n');
		await vscode.workspace.fs.writeFile(bib, broken);
		api.testing.tidy.confirmWith = async () => true;
		const result = await api.testing.tidy.tidy(bib);
		assert.match(result.problem ?? '', /tidy-broken\.bib/);
		assert.deepEqual(await bytesOf(bib), broken);
	});
});
