/**
 * Locates the first syntax error of a JSON text, for diagnostics. `JSON.parse` stays the parser
 * (it is fast); this runs only after it failed, because V8's messages do not always say where.
 * Iterative, so deeply nested input cannot overflow the stack.
 */

/** Where a JSON text first goes wrong and why, in words for a diagnostic. */
export interface JsonError {
	/** Offset (UTF-16 code units) of the character at fault. */
	readonly offset: number;
	readonly reason: string;
}

const enum Mode { Value, ValueOrEnd, Key, KeyOrEnd, AfterValue }

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The first syntax error of `text` as strict JSON (RFC 8259), or undefined when it is valid JSON. */
export function findJsonError(text: string): JsonError | undefined {
	const n = text.length;
	const stack: number[] = []; // 0x5b for an array, 0x7b for an object
	let i = 0;
	let mode = Mode.Value;
	const skipWs = () => {
		while (i < n && WS.has(text.charCodeAt(i))) i++;
	};
	const unexpected = (what: string): JsonError => i >= n
		? { offset: n, reason: `unexpected end of input, expected ${what}` }
		: { offset: i, reason: `unexpected ${describe(text, i)}, expected ${what}` };

	for (;;) {
		skipWs();
		const c = text.charCodeAt(i);
		if (mode === Mode.ValueOrEnd) {
			if (c === 0x5d) {
				stack.pop();
				i++;
				mode = Mode.AfterValue;
				continue;
			}
			mode = Mode.Value;
		} else if (mode === Mode.KeyOrEnd) {
			if (c === 0x7d) {
				stack.pop();
				i++;
				mode = Mode.AfterValue;
				continue;
			}
			mode = Mode.Key;
		}
		switch (mode) {
			case Mode.Value: {
				if (c === 0x7b) {
					stack.push(c);
					i++;
					mode = Mode.KeyOrEnd;
					continue;
				}
				if (c === 0x5b) {
					stack.push(c);
					i++;
					mode = Mode.ValueOrEnd;
					continue;
				}
				const end = c === 0x22 ? scanString(text, i) : c === 0x2d || (c >= 0x30 && c <= 0x39) ? scanNumber(text, i) : scanLiteral(text, i);
				if (typeof end !== 'number') return end ?? unexpected('a value');
				i = end;
				mode = Mode.AfterValue;
				continue;
			}
			case Mode.Key: {
				if (c !== 0x22) return unexpected('a double-quoted property name');
				const end = scanString(text, i);
				if (typeof end !== 'number') return end;
				i = end;
				skipWs();
				if (text.charCodeAt(i) !== 0x3a) return unexpected("':' after a property name");
				i++;
				mode = Mode.Value;
				continue;
			}
			case Mode.AfterValue: {
				const top = stack[stack.length - 1];
				if (top === undefined) return i < n ? unexpected('the end after the JSON value') : undefined;
				if (c === 0x2c) {
					i++;
					mode = top === 0x5b ? Mode.Value : Mode.Key;
					continue;
				}
				if ((top === 0x5b && c === 0x5d) || (top === 0x7b && c === 0x7d)) {
					stack.pop();
					i++;
					continue;
				}
				return unexpected(top === 0x5b ? "',' or ']' after an array element" : "',' or '}' after a property value");
			}
		}
	}
}

function describe(text: string, i: number): string {
	const cp = text.codePointAt(i) ?? 0;
	return cp < 0x20 || cp === 0x7f ? `control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `character ${JSON.stringify(String.fromCodePoint(cp))}`;
}

/** The offset after a string starting at `start` (a `"`), or the error in it. */
function scanString(text: string, start: number): number | JsonError {
	const n = text.length;
	for (let i = start + 1; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x22) return i + 1;
		if (c < 0x20) return { offset: i, reason: `${describe(text, i)} inside a string` };
		if (c === 0x5c) {
			const e = text[i + 1];
			if (e === 'u') {
				if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { offset: i, reason: 'bad \\u escape in a string' };
				i += 5;
			} else if (e !== undefined && ESCAPES.has(e)) {
				i++;
			} else {
				return { offset: i, reason: e === undefined ? 'unterminated string' : `bad escape \\${e} in a string` };
			}
		}
	}
	return { offset: start, reason: 'unterminated string' };
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function scanNumber(text: string, start: number): number | JsonError {
	NUMBER.lastIndex = start;
	const m = NUMBER.exec(text);
	if (!m) return { offset: start, reason: 'bad number' };
	const end = start + m[0].length;
	const next = text.charCodeAt(end);
	if ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45 || next === 0x2d || next === 0x2b) {
		return { offset: start, reason: 'bad number' };
	}
	return end;
}

function scanLiteral(text: string, start: number): number | undefined {
	for (const word of ['true', 'false', 'null']) {
		if (text.startsWith(word, start)) return start + word.length;
	}
	return undefined;
}
