import * as assert from 'node:assert/strict';
import { LineIndex, lineOfOffset } from '../../../src/core/text/lineIndex';

suite('The line index every parser reports lines with', () => {
	const text = 'first\r\nsecond\n\nfourth\rstill fourth\n';

	test('An offset\'s line is one more than the line feeds before it (CRLF ends a line at its LF, a lone CR does not)', () => {
		const index = new LineIndex(text);
		for (let offset = 0; offset <= text.length; offset++) {
			const expected = text.slice(0, offset).split('\n').length;
			assert.equal(index.lineAt(offset), expected, `offset ${offset}`);
			assert.equal(lineOfOffset(text, offset), expected, `offset ${offset} (single look-up)`);
		}
		assert.equal(index.lineCount, 5, 'a final line break starts an empty last line');
		assert.deepEqual(index.positionAt(text.indexOf('still')), { line: 4, column: 8 });
	});

	test('Byte offsets of undecoded content give the same lines as the decoded text\'s offsets', () => {
		const bytes = new TextEncoder().encode(text);
		for (let offset = 0; offset <= bytes.length; offset++) {
			assert.equal(lineOfOffset(bytes, offset), lineOfOffset(text, offset), `offset ${offset}`);
		}
	});
});
