import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { baseName, deleteFile, keysIn, nodeOnlyTest, shelfApi, waitFor, workspaceUri, writeText } from './helpers';

type Api = Awaited<ReturnType<typeof shelfApi>>;

// --- helpers

async function bytesOf(uri: vscode.Uri): Promise<Uint8Array | undefined> {
	try {
		return await vscode.workspace.fs.readFile(uri);
	} catch {
		return undefined;
	}
}

async function writeBytes(uri: vscode.Uri, bytes: Uint8Array): Promise<void> {
	await vscode.workspace.fs.writeFile(uri, bytes);
}

/** Bytes from a string of code points 0–255 (one byte each), for writing files in Latin-1 and with exact line breaks. */
function latin1(text: string): Uint8Array {
	return Uint8Array.from([...text].map((c) => {
		const code = c.charCodeAt(0);
		assert.ok(code <= 0xff, `${c} is one byte`);
		return code;
	}));
}

function utf8(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}

/** Bytes as a string of code points 0–255, for messages and comparisons. */
function asLatin1(bytes: Uint8Array): string {
	return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
}

/**
 * Checks that `after` is `before` with bytes inserted at one place, every other byte equal, and returns the inserted
 * bytes (as Latin-1 code points) and where they went.
 */
function insertedBytes(before: Uint8Array, after: Uint8Array): { offset: number; inserted: string } {
	assert.ok(after.length > before.length, `the file grew (before ${before.length} bytes, after ${after.length})`);
	let start = 0;
	while (start < before.length && before[start] === after[start]) {
		start++;
	}
	const grown = after.length - before.length;
	assert.equal(asLatin1(after.slice(start + grown)), asLatin1(before.slice(start)), 'every byte after the insertion is the original one');
	return { offset: start, inserted: asLatin1(after.slice(start, start + grown)) };
}

/** The papers of the shelf with their keys (at least two). */
function papers(api: Api): { id: string; key: string; title: string }[] {
	const withKeys = api.testing.library.papers.map((p) => ({ id: p.id, key: api.testing.citations.keyOf(p.id) ?? '', title: p.title })).filter((p) => p.key !== '');
	assert.ok(withKeys.length >= 2, 'the shelf has at least two papers with keys');
	return withKeys;
}

async function noteCiting(name: string, bibliography: string | undefined): Promise<vscode.TextEditor> {
	const front = bibliography === undefined ? '' : `---\nbibliography: ${bibliography}\n---\n\n`;
	const uri = workspaceUri('writes', name);
	await writeText(uri, `${front}Cite here: CITE-HERE.\n`);
	const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
	const at = editor.document.getText().indexOf('CITE-HERE');
	editor.selections = [new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + 'CITE-HERE'.length))];
	return editor;
}

/** Cites `id` into `editor` through the insert engine, and returns what it reported. */
async function cite(api: Api, editor: vscode.TextEditor, id: string) {
	await vscode.window.showTextDocument(editor.document, { preview: false });
	return api.testing.citations.inserter.insert(vscode.window.activeTextEditor ?? editor, [id]);
}

/** Every line break of `text`, by kind. */
function lineBreaks(text: string): { crlf: number; lf: number; cr: number } {
	return {
		crlf: (text.match(/\r\n/g) ?? []).length,
		lf: (text.match(/(?<!\r)\n/g) ?? []).length,
		cr: (text.match(/\r(?!\n)/g) ?? []).length,
	};
}

/** Answers the outside-the-workspace question with `answer` and records what was asked. */
function answerOutside(api: Api, answer: boolean | ((path: string) => boolean | Promise<boolean>)): string[] {
	const asked: string[] = [];
	assert.ok(api.testing, 'the extension runs in test mode and exposes its test hooks');
	api.testing.answerOutsideWorkspace(async (target) => {
		asked.push(target);
		return typeof answer === 'boolean' ? answer : answer(target);
	});
	return asked;
}

/** Runs `body` with a workspace setting changed, and restores it. */
async function withWorkspaceSetting<T>(section: string, key: string, value: unknown, body: () => Promise<T>): Promise<T> {
	const config = vscode.workspace.getConfiguration(section);
	await config.update(key, value, vscode.ConfigurationTarget.Workspace);
	try {
		return await body();
	} finally {
		await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
	}
}

function markdownDigest(papersOf: readonly { title: string; authors: string }[]): string {
	return papersOf.map((p) => `## ${p.title}\n\nAuthors: ${p.authors}\n\nAn abstract about ${p.title.toLowerCase()} that is long enough to read as the abstract of a paper.\n`).join('\n');
}

// --- tests

suite('Bibliography writes', () => {
	suiteSetup(async () => {
		await vscode.workspace.fs.createDirectory(workspaceUri('writes'));
	});

	teardown(async () => {
		(await shelfApi()).testing?.answerOutsideWorkspace(undefined);
		await vscode.commands.executeCommand('workbench.action.closeAllEditors');
	});

	test('a Latin-1 bibliography keeps every byte; only the entry is added, in Latin-1', async () => {
		const api = await shelfApi();
		const digest = workspaceUri('writes', 'accents.digest.md');
		const bib = workspaceUri('writes', 'latin1.bib');
		const before = latin1('% Bibliographie de Jos\xe9\n@misc{jose1999,\n  title = {Caf\xe9 cr\xe8me},\n  author = {M\xfcller, Jos\xe9}\n}\n');
		await writeBytes(bib, before);
		try {
			await writeText(digest, markdownDigest([
				{ title: 'Caf\u00e9 Scheduling on Tiny Accelerators', authors: 'Ren\u00e9e D\u00fcrr' },
				{ title: '\u0141\u00f3d\u017a Pipelines for \u03a9mega Chips', authors: 'Jan Kowalski' },
			]));
			const cafe = await waitFor('the accented digest on the shelf', () => api.testing.library.papers.find((p) => p.title.startsWith('Caf\u00e9 Scheduling')));
			const lodz = api.testing.library.papers.find((p) => p.title.startsWith('\u0141\u00f3d\u017a'))!;
			const editor = await noteCiting('latin1.md', 'latin1.bib');
			const noteBefore = editor.document.getText();

			const refused = await cite(api, editor, lodz.id);
			assert.equal(refused.applied, false, 'an entry Latin-1 cannot hold is not written');
			assert.ok(refused.bibliography && !refused.bibliography.ok);
			assert.match(refused.bibliography.message, /latin1\.bib/);
			assert.match(refused.bibliography.message, /\u0141/, 'the message names the character');
			assert.equal(editor.document.getText(), noteBefore, 'and the note is left as it was');
			assert.equal(asLatin1((await bytesOf(bib))!), asLatin1(before));

			const result = await cite(api, editor, cafe.id);
			assert.equal(result.applied, true);
			const after = (await bytesOf(bib))!;
			const { offset, inserted } = insertedBytes(before, after);
			assert.equal(offset, before.length, 'the entry is appended');
			assert.ok(inserted.includes('Caf\xe9 Scheduling') && inserted.includes('D\xfcrr'), `the entry is in Latin-1: ${JSON.stringify(inserted)}`);
			assert.ok(!asLatin1(after).includes('\xef\xbf\xbd'), 'no replacement character anywhere');
			assert.deepEqual(keysIn('latin1.bib', asLatin1(after)), ['jose1999', api.testing.citations.keyOf(cafe.id)]);
		} finally {
			await deleteFile(digest);
		}
		await waitFor('the accented digest to leave the shelf', () => !api.testing.library.papers.some((p) => p.title.startsWith('Caf\u00e9 Scheduling')));
	});

	test('CRLF, CR-only and mixed line endings are kept, and the entry uses the file\'s own line ending', async () => {
		const api = await shelfApi();
		const [a] = papers(api);
		const cases = [
			{ name: 'crlf.bib', text: '@misc{crlf1,\r\n  title = {Windows}\r\n}\r\n', expect: 'crlf' },
			{ name: 'cr.bib', text: '@misc{cr1,\r  title = {Classic Mac}\r}\r', expect: 'cr' },
			{ name: 'mixed.bib', text: '@misc{mix1,\r\n  title = {Mostly CRLF}\r\n}\r\n\r\n@misc{mix2,\n  title = {Some LF}\n}\n', expect: 'crlf' },
		] as const;
		for (const { name, text, expect } of cases) {
			const bib = workspaceUri('writes', name);
			const before = latin1(text);
			await writeBytes(bib, before);
			const editor = await noteCiting(name.replace('.bib', '.md'), name);

			const result = await cite(api, editor, a.id);

			assert.equal(result.applied, true, `${name}: the citation went in`);
			const { inserted } = insertedBytes(before, (await bytesOf(bib))!);
			const breaks = lineBreaks(inserted);
			const others = Object.entries(breaks).filter(([kind, n]) => kind !== expect && n > 0);
			assert.ok(breaks[expect] > 0 && others.length === 0, `${name}: the entry's line breaks are all ${expect}: ${JSON.stringify(breaks)}`);
		}
	});

	test('with trimTrailingWhitespace and insertFinalNewline on, trailing spaces and a missing final newline are not touched, open or not', async () => {
		const api = await shelfApi();
		const [a, b] = papers(api);
		const files = vscode.workspace.getConfiguration('files');
		await files.update('trimTrailingWhitespace', true, vscode.ConfigurationTarget.Workspace);
		await files.update('insertFinalNewline', true, vscode.ConfigurationTarget.Workspace);
		try {
			const text = '@misc{ws1,\n  title = {Trailing spaces}   \n}\t ';
			const closed = workspaceUri('writes', 'spaces.bib');
			const open = workspaceUri('writes', 'spaces-open.bib');
			await writeBytes(closed, utf8(text));
			await writeBytes(open, utf8(text));
			const shown = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(open), { preview: false });
			assert.equal(shown.document.isDirty, false);

			for (const [bib, id] of [[closed, a.id], [open, b.id]] as const) {
				const name = baseName(bib);
				const editor = await noteCiting(name.replace('.bib', '.md'), name);
				const result = await cite(api, editor, id);
				assert.equal(result.applied, true);
				const after = (await bytesOf(bib))!;
				const { offset } = insertedBytes(utf8(text), after);
				assert.equal(offset, text.length, `${name}: the user's bytes come first, unchanged`);
			}
			const afterOpen = new TextDecoder().decode(await bytesOf(open));
			await waitFor('the open, clean bibliography to show the new entry', () => shown.document.getText() === afterOpen);
			assert.equal(shown.document.isDirty, false, 'and it is still clean');
		} finally {
			await files.update('trimTrailingWhitespace', undefined, vscode.ConfigurationTarget.Workspace);
			await files.update('insertFinalNewline', undefined, vscode.ConfigurationTarget.Workspace);
		}
	});

	test('a UTF-8 byte order mark is kept, and a UTF-16 bibliography gets its entry in UTF-16', async () => {
		const api = await shelfApi();
		const [a] = papers(api);
		const withBom = workspaceUri('writes', 'bom.bib');
		const before = utf8('\ufeff@misc{bom1,\n  title = {With a BOM}\n}\n');
		await writeBytes(withBom, before);
		const result = await cite(api, await noteCiting('bom.md', 'bom.bib'), a.id);
		assert.equal(result.applied, true);
		const after = (await bytesOf(withBom))!;
		const { offset } = insertedBytes(before, after);
		assert.equal(offset, before.length);
		assert.equal(asLatin1(after).split('\xef\xbb\xbf').length - 1, 1, 'one BOM, at the start');

		const utf16 = workspaceUri('writes', 'utf16.bib');
		const text = '@misc{wide1,\r\n  title = {Wide}\r\n}\r\n';
		const before16 = Uint8Array.from([0xff, 0xfe, ...[...text].flatMap((c) => [c.charCodeAt(0), 0])]);
		await writeBytes(utf16, before16);
		const result16 = await cite(api, await noteCiting('utf16.md', 'utf16.bib'), a.id);
		assert.equal(result16.applied, true);
		const after16 = (await bytesOf(utf16))!;
		const inserted = insertedBytes(before16, after16);
		assert.equal(inserted.offset, before16.length);
		const decoded = new TextDecoder('utf-16le').decode(after16);
		assert.deepEqual(keysIn('utf16.bib', decoded), ['wide1', a.key]);
		assert.equal(lineBreaks(decoded).lf, 0, 'CRLF throughout');
	});

	test('an unsaved bibliography open in an editor gets the entry there and stays unsaved; the file is not touched', async () => {
		const api = await shelfApi();
		const [a] = papers(api);
		// The web workbench saves after a delay by default; this is about a user who has not saved.
		await withWorkspaceSetting('files', 'autoSave', 'off', () => unsavedBibliography(api, a));
	});

	async function unsavedBibliography(api: Api, a: { id: string; key: string }): Promise<void> {
		const bib = workspaceUri('writes', 'dirty.bib');
		const before = utf8('@misc{saved1,\n  title = {On disk}\n}\n');
		await writeBytes(bib, before);
		const bibEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(bib), { preview: false });
		await bibEditor.edit((e) => e.insert(new vscode.Position(0, 0), '@misc{unsaved1,\n  title = {Typed, not saved}\n}\n\n'));
		assert.equal(bibEditor.document.isDirty, true);
		const editor = await noteCiting('dirty.md', 'dirty.bib');

		const result = await cite(api, editor, a.id);

		assert.equal(result.applied, true);
		assert.equal(asLatin1((await bytesOf(bib))!), asLatin1(before), 'the file on disk is unchanged');
		assert.equal(bibEditor.document.isDirty, true, 'the bibliography is still unsaved');
		assert.deepEqual(keysIn('dirty.bib', bibEditor.document.getText()), ['unsaved1', 'saved1', a.key]);

		// One Undo in the note takes the entry out of the editor too, without asking about two files.
		const noteAfter = editor.document.getText();
		await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
		await vscode.commands.executeCommand('undo');
		await waitFor('undo to revert the note', () => editor.document.getText() !== noteAfter);
		await waitFor('and the unsaved bibliography', () => keysIn('dirty.bib', bibEditor.document.getText()).join() === 'unsaved1,saved1');
		assert.equal(asLatin1((await bytesOf(bib))!), asLatin1(before), 'the file on disk is still unchanged');

		await vscode.window.showTextDocument(bibEditor.document);
		await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
	}

	test('Undo removes exactly the added entry from the file and Redo puts it back, byte for byte, every time', async () => {
		// Without auto save (the desktop default), so that what reaches the file is Paper Shelf's doing.
		await withWorkspaceSetting('files', 'autoSave', 'off', undoRedoOfBytes);
	});

	async function undoRedoOfBytes(): Promise<void> {
		const api = await shelfApi();
		const [a] = papers(api);
		const bib = workspaceUri('writes', 'undo.bib');
		const before = latin1('@misc{kept1,\r\n  title = {Kept}   \r\n}');
		await writeBytes(bib, before);
		const editor = await noteCiting('undo.md', 'undo.bib');
		const noteBefore = editor.document.getText();

		await cite(api, editor, a.id);
		const noteAfter = editor.document.getText();
		const after = (await bytesOf(bib))!;
		insertedBytes(before, after);

		for (let round = 1; round <= 3; round++) {
			await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
			await vscode.commands.executeCommand('undo');
			await waitFor(`round ${round}: undo reverts the note`, () => editor.document.getText() === noteBefore);
			await waitFor(`round ${round}: and the file`, async () => asLatin1((await bytesOf(bib))!) === asLatin1(before));
			await vscode.commands.executeCommand('redo');
			await waitFor(`round ${round}: redo brings the citation back`, () => editor.document.getText() === noteAfter);
			await waitFor(`round ${round}: and the entry, byte for byte`, async () => asLatin1((await bytesOf(bib))!) === asLatin1(after));
		}
	}

	test('Redo after undoing a citation that created references.bib brings back the file with its entry, every time', async () => {
		const api = await shelfApi();
		const [a] = papers(api);
		const bib = workspaceUri('references.bib');
		await deleteFile(bib);
		const editor = await noteCiting('created.md', undefined);
		const noteBefore = editor.document.getText();

		await cite(api, editor, a.id);
		const noteAfter = editor.document.getText();
		const created = await waitFor('references.bib to be created', () => bytesOf(bib));
		assert.deepEqual(keysIn('references.bib', new TextDecoder().decode(created)), [a.key]);

		for (let round = 1; round <= 3; round++) {
			await vscode.window.showTextDocument(editor.document, { preserveFocus: false });
			await vscode.commands.executeCommand('undo');
			await waitFor(`round ${round}: undo reverts the note`, () => editor.document.getText() === noteBefore);
			await waitFor(`round ${round}: and deletes the file it created`, async () => (await bytesOf(bib)) === undefined);
			await vscode.commands.executeCommand('redo');
			await waitFor(`round ${round}: redo brings the citation back`, () => editor.document.getText() === noteAfter);
			await waitFor(`round ${round}: and references.bib with its entry`, async () => {
				const bytes = await bytesOf(bib);
				return bytes !== undefined && asLatin1(bytes) === asLatin1(created);
			}, 20_000, () => 'references.bib differs from the file the first insert created');
		}
	});

	test('a JSON file that is not CSL-JSON is never written, and the note is left as it was', async () => {
		const api = await shelfApi();
		const [a] = papers(api);
		const json = workspaceUri('writes', 'data.json');
		const before = utf8('[\n  { "title": "A list of things, not a bibliography" }\n]\n');
		await writeBytes(json, before);
		const editor = await noteCiting('data.md', 'data.json');
		const noteBefore = editor.document.getText();

		const result = await cite(api, editor, a.id);

		assert.equal(result.applied, false);
		assert.ok(result.bibliography && !result.bibliography.ok);
		assert.match(result.bibliography.message, /data\.json.*not a CSL-JSON/);
		assert.equal(editor.document.getText(), noteBefore);
		assert.equal(asLatin1((await bytesOf(json))!), asLatin1(before));
	});

	nodeOnlyTest('a FIFO named like the bibliography is refused at once, naming it, and the note is left as it was', 'makes a FIFO with mkfifo (child_process), which vscode.workspace.fs cannot', async function () {
		if (process.platform === 'win32') {
			this.skip(); // no FIFOs there
		}
		const api = await shelfApi();
		const [a] = papers(api);
		const fifo = workspaceUri('writes', 'pipe.bib');
		assert.equal(spawnSync('mkfifo', [fifo.fsPath]).status, 0, 'mkfifo made the FIFO');
		try {
			const editor = await noteCiting('pipe.md', 'pipe.bib');
			const noteBefore = editor.document.getText();
			// A read of a FIFO with no writer never returns: bound the wait so a regression fails instead of hanging.
			const result = await Promise.race([
				cite(api, editor, a.id),
				new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 15_000)),
			]);
			assert.notEqual(result, 'hung', 'Insert Citation returned instead of blocking on the FIFO');
			assert.ok(result !== 'hung' && result.bibliography && !result.bibliography.ok);
			assert.match(result.bibliography.message, /pipe\.bib.*not a regular file/);
			assert.equal(result.applied, false);
			assert.equal(editor.document.getText(), noteBefore);
		} finally {
			// Opening the FIFO for writing frees a reader that may still be blocked on it, then remove it.
			try {
				const fd = fs.openSync(fifo.fsPath, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
				fs.closeSync(fd);
			} catch {
				// no reader: nothing to free
			}
			fs.rmSync(fifo.fsPath, { force: true });
		}
	});

	suite('outside the workspace', () => {
		/** A folder beside the workspace folder: outside it, on the same file system (a file: path on Node, a vscode-remote: URI in the web host). */
		let outsideUri: vscode.Uri;
		/** Its path on the file system, for the tests that need Node. */
		let outside: string;
		/** How the question names a file: its file-system path for file: URIs, else the URI. */
		const shown = (uri: vscode.Uri) => (uri.scheme === 'file' ? uri.fsPath : uri.toString(true));
		/** How a note names a file by its absolute path. */
		const absolutePath = (uri: vscode.Uri) => (uri.scheme === 'file' ? uri.fsPath : uri.path);

		suiteSetup(async () => {
			outsideUri = vscode.Uri.joinPath(workspaceUri(), '..', `paper-shelf-outside-${Date.now().toString(36)}`);
			await vscode.workspace.fs.createDirectory(outsideUri);
			outside = outsideUri.fsPath;
		});
		suiteTeardown(async () => {
			await vscode.workspace.fs.delete(outsideUri, { recursive: true }).then(undefined, () => undefined);
		});

		test('a bibliography outside the workspace is written only after the user confirms its full path; declining writes nothing', async () => {
			const api = await shelfApi();
			const [a, b] = papers(api);
			const target = vscode.Uri.joinPath(outsideUri, 'relative.bib');
			// From <workspace>/writes/outside.md: up to the workspace, up beside it, into the outside folder.
			const relative = `../../${baseName(outsideUri)}/relative.bib`;
			const editor = await noteCiting('outside.md', relative);
			const noteBefore = editor.document.getText();

			const asked = answerOutside(api, false);
			const declined = await cite(api, editor, a.id);
			assert.deepEqual(asked, [shown(target)], 'the question names the full path');
			assert.equal(declined.applied, false);
			assert.equal(editor.document.getText(), noteBefore, 'declining leaves the note as it was');
			assert.equal(await bytesOf(target), undefined, 'and writes nothing');

			const askedAgain = answerOutside(api, true);
			const accepted = await cite(api, editor, a.id);
			assert.deepEqual(askedAgain, [shown(target)]);
			assert.equal(accepted.applied, true);
			assert.deepEqual(keysIn('relative.bib', asLatin1((await bytesOf(target))!)), [a.key]);

			const remembered = answerOutside(api, false);
			await cite(api, editor, b.id);
			assert.deepEqual(remembered, [], 'the answer is remembered for that path');
			assert.deepEqual(keysIn('relative.bib', asLatin1((await bytesOf(target))!)), [a.key, b.key]);
		});

		test('a bibliography that changes on disk while Paper Shelf asks is left as the user made it, and the note too', async () => {
			const api = await shelfApi();
			const [a] = papers(api);
			const target = vscode.Uri.joinPath(outsideUri, 'changing.bib');
			await writeBytes(target, utf8('@misc{first1,\n  title = {First}\n}\n'));
			const changed = '@misc{first1,\n  title = {First, edited meanwhile}\n}\n';
			const editor = await noteCiting('changing.md', absolutePath(target));
			const noteBefore = editor.document.getText();
			answerOutside(api, async () => {
				await writeBytes(target, utf8(changed));
				return true;
			});

			const result = await cite(api, editor, a.id);

			assert.equal(result.applied, false);
			assert.equal(editor.document.getText(), noteBefore, 'the note is not changed');
			assert.equal(asLatin1((await bytesOf(target))!), changed, 'the file is as the user left it');
		});

		nodeOnlyTest('absolute paths, ~/ paths and a workspace bibliographyFile setting pointing outside all ask first', 'names a file in the home folder (os.homedir) and checks with node:fs that nothing was created; the browser has no home folder', async () => {
			const api = await shelfApi();
			const [a] = papers(api);
			const absolute = path.join(outside, 'absolute.bib');
			const home = path.join(os.homedir(), `paper-shelf-test-${process.pid}-${Date.now()}.bib`);
			const asked = answerOutside(api, false);

			await cite(api, await noteCiting('absolute.md', absolute), a.id);
			await cite(api, await noteCiting('home.md', `~/${path.basename(home)}`), a.id);
			const config = vscode.workspace.getConfiguration('paperShelf');
			await config.update('bibliographyFile', '../setting-outside.bib', vscode.ConfigurationTarget.Workspace);
			try {
				await cite(api, await noteCiting('setting.md', undefined), a.id);
			} finally {
				await config.update('bibliographyFile', undefined, vscode.ConfigurationTarget.Workspace);
			}

			const settingTarget = path.join(path.dirname(workspaceUri().fsPath), 'setting-outside.bib');
			const created = [absolute, home, settingTarget].filter((file) => fs.existsSync(file));
			// A regression must not leave files in the home folder or beside the test workspace.
			created.forEach((file) => fs.rmSync(file, { force: true }));
			assert.deepEqual(asked, [absolute, home, settingTarget]);
			assert.deepEqual(created, [], 'nothing was created');
		});

		nodeOnlyTest('a symlink inside the workspace that leads outside counts as outside, for the file and for its folder', 'makes symbolic links with node:fs, which vscode.workspace.fs cannot', async () => {
			const api = await shelfApi();
			const [a] = papers(api);
			const real = path.join(outside, 'linked-target.bib');
			const before = '@misc{outside1,\n  title = {Out there}\n}\n';
			fs.writeFileSync(real, before);
			fs.symlinkSync(real, workspaceUri('writes', 'linked.bib').fsPath);
			fs.symlinkSync(outside, workspaceUri('writes', 'linked-folder').fsPath);
			const asked = answerOutside(api, false);
			const editor = await noteCiting('linked.md', 'linked.bib');
			const noteBefore = editor.document.getText();

			await cite(api, editor, a.id);
			await cite(api, await noteCiting('linked-folder.md', 'linked-folder/new.bib'), a.id);

			assert.deepEqual(asked, [real, path.join(outside, 'new.bib')]);
			assert.equal(fs.readFileSync(real, 'latin1'), before);
			assert.equal(editor.document.getText(), noteBefore);
			assert.equal(fs.existsSync(path.join(outside, 'new.bib')), false);
		});
	});
});
