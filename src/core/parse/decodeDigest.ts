/** Turns the raw bytes of a digest into text, or says plainly why they are not text. */
import { lineOfOffset } from '../text/lineIndex';

/** The text of a digest, or the problem that stops it from being read. */
export type DecodedDigest =
	| { readonly text: string }
	| { readonly problem: string; readonly line: number };

/**
 * Decodes UTF-8 (a BOM is dropped) or, with a UTF-16 BOM, UTF-16. Refuses content with NUL
 * characters (`binary file`) and byte sequences that are not UTF-8 (`not UTF-8 text (byte offset N)`).
 */
export function decodeDigest(content: Uint8Array | string): DecodedDigest {
	if (typeof content === 'string') {
		const nul = content.indexOf('\u0000');
		if (nul !== -1) return { problem: `binary file: it holds NUL characters (offset ${nul})`, line: lineOfOffset(content, nul) };
		return { text: content.charCodeAt(0) === 0xfeff ? content.slice(1) : content };
	}
	const utf16 = content[0] === 0xff && content[1] === 0xfe ? 'utf-16le' : content[0] === 0xfe && content[1] === 0xff ? 'utf-16be' : undefined;
	if (utf16) {
		try {
			return decodeDigest(new TextDecoder(utf16, { fatal: true }).decode(content));
		} catch {
			return { problem: `not ${utf16 === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE'} text despite its byte order mark`, line: 1 };
		}
	}
	const nul = content.indexOf(0);
	if (nul !== -1) return { problem: `binary file: it holds NUL bytes (byte offset ${nul})`, line: lineOfOffset(content, nul) };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(content) };
	} catch {
		const bad = firstInvalidUtf8(content);
		return { problem: `not UTF-8 text (byte offset ${bad})`, line: lineOfOffset(content, bad) };
	}
}

/** The offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	const n = bytes.length;
	let i = 0;
	while (i < n) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let lo = 0x80;
		let hi = 0xbf;
		if (b >= 0xc2 && b <= 0xdf) need = 1;
		else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			if (b === 0xe0) lo = 0xa0;
			if (b === 0xed) hi = 0x9f;
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			if (b === 0xf0) lo = 0x90;
			if (b === 0xf4) hi = 0x8f;
		} else return i;
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined) return i;
			if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
		}
		i += need + 1;
	}
	return n;
}
