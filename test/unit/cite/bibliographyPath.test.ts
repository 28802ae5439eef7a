import * as assert from 'node:assert/strict';
import { isAbsoluteWrittenPath, isInsideAnyFolder, isInsideFolder, resolveWrittenPath } from '../../../src/core/cite/bibliographyPath';

suite('Where a written bibliography path leads', () => {
	test('Relative paths resolve against the note\'s folder, with . and .. resolved', () => {
		assert.equal(resolveWrittenPath('refs.bib', '/ws/notes', '/home/me'), '/ws/notes/refs.bib');
		assert.equal(resolveWrittenPath('./a/../refs.bib', '/ws/notes', '/home/me'), '/ws/notes/refs.bib');
		assert.equal(resolveWrittenPath('../../x.bib', '/ws/notes', '/home/me'), '/x.bib');
		assert.equal(resolveWrittenPath('../../../../x.bib', '/ws/notes', undefined), '/x.bib', '.. never climbs above the root');
		assert.equal(resolveWrittenPath('sub\\refs.bib', '/ws', undefined), '/ws/sub/refs.bib', 'backslashes separate too');
	});

	test('Absolute, Windows drive and UNC paths ignore the note\'s folder', () => {
		assert.equal(resolveWrittenPath('/etc/x.bib', '/ws', '/home/me'), '/etc/x.bib');
		assert.equal(resolveWrittenPath('C:\\Users\\me\\..\\x.bib', '/c:/ws', undefined), '/C:/Users/x.bib');
		assert.equal(resolveWrittenPath('c:/x.bib', '/c:/ws', undefined), '/c:/x.bib');
		assert.equal(resolveWrittenPath('\\\\server\\share\\refs.bib', '/ws', undefined), '//server/share/refs.bib');
		assert.ok(isAbsoluteWrittenPath('D:\\x') && isAbsoluteWrittenPath('/x') && !isAbsoluteWrittenPath('x/y') && !isAbsoluteWrittenPath('C:x'));
	});

	test('~ and ~/ start at the home folder; ~user and a ~ without a home are ordinary names', () => {
		assert.equal(resolveWrittenPath('~/refs.bib', '/ws', '/home/me'), '/home/me/refs.bib');
		assert.equal(resolveWrittenPath('~', '/ws', '/home/me'), '/home/me');
		assert.equal(resolveWrittenPath('~\\refs.bib', '/ws', 'C:\\Users\\me'), '/C:/Users/me/refs.bib');
		assert.equal(resolveWrittenPath('~user/refs.bib', '/ws', '/home/me'), '/ws/~user/refs.bib');
		assert.equal(resolveWrittenPath('~/refs.bib', '/ws', undefined), '/ws/~/refs.bib');
	});
});

suite('Inside the workspace folders', () => {
	test('A path is inside a folder when every segment of the folder starts it, not when a name only begins the same', () => {
		assert.ok(isInsideFolder('/ws/notes/refs.bib', '/ws', false));
		assert.ok(isInsideFolder('/ws', '/ws/', false));
		assert.ok(!isInsideFolder('/ws-other/refs.bib', '/ws', false));
		assert.ok(!isInsideFolder('/x.bib', '/ws', false));
		assert.ok(!isInsideFolder('/ws/../x.bib', '/ws', false), '.. is resolved before comparing');
	});

	test('Case matters only where the file system ignores it; drive letters never matter', () => {
		assert.ok(!isInsideFolder('/Work/refs.bib', '/work', false), 'on Linux /Work is another folder');
		assert.ok(isInsideFolder('/Work/refs.bib', '/work', true));
		assert.ok(isInsideFolder('/C:/ws/refs.bib', '/c:/ws', false));
		assert.ok(!isInsideFolder('/D:/ws/refs.bib', '/c:/ws', true));
		assert.ok(!isInsideFolder('//server/share/ws/x', '/ws', true), 'a share is not the local root');
	});

	test('Any one of several folders will do', () => {
		assert.ok(isInsideAnyFolder('/b/x.bib', ['/a', '/b'], false));
		assert.ok(!isInsideAnyFolder('/c/x.bib', ['/a', '/b'], false));
		assert.ok(!isInsideAnyFolder('/a/x.bib', [], false), 'with no folder open, everything is outside');
	});
});
