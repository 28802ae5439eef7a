/**
 * A bibliography file as BYTES: which encoding and line ending it uses, and what adding entries comes to — the
 * file's own bytes with the entries' bytes inserted at one place, in the file's own encoding and line ending.
 *
 * Paper Shelf writes bibliographies from bytes because VS Code's text model cannot be trusted with a file it did not
 * open for the user: it decodes as UTF-8 (a Latin-1 `é` becomes U+FFFD for good), normalises mixed and CR-only line
 * endings to one, and saving runs the user's save participants (trim whitespace, final newline, formatters) over the
 * whole file. Here every byte outside the inserted range is copied, never decoded and encoded again.
 */
import { planBibliographyEdit } from './bibliographyFile';
import type { BibliographyOptions, CitedPaper } from './citedPaper';

/**
 * How a file's bytes hold its text. `latin-1` and `8-bit` are files that are not valid UTF-8: both are read one byte
 * per character (so every byte survives); into a `latin-1` file Paper Shelf writes characters up to U+00FF (not the
 * C1 controls U+0080–U+009F, where Latin-1 and Windows-1252 differ), into an `8-bit` one (an encoding it does not
 * know) only ASCII.
 */
export type BibliographyEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'latin-1' | '8-bit';

/** What a file that is not UTF-8 is taken to be: Latin-1 (the usual case), or an encoding Paper Shelf does not know. */
export type LegacyEncoding = 'latin-1' | 'unknown';

/** A file's text and how its bytes hold it. */
export interface DecodedBibliography {
	readonly ok: true;
	readonly encoding: BibliographyEncoding;
	/** Bytes of the byte order mark at the start (0 without one); not part of `text`. */
	readonly bomLength: number;
	/** The text after the byte order mark, every line ending as the bytes have it. */
	readonly text: string;
}

/** Why a file cannot be read or written safely. */
export interface BibliographyBytesError {
	readonly ok: false;
	readonly message: string;
}

const ENCODING_NAMES: Readonly<Record<BibliographyEncoding, string>> = {
	'utf-8': 'UTF-8',
	'utf-8-bom': 'UTF-8 with BOM',
	'utf-16le': 'UTF-16 LE',
	'utf-16be': 'UTF-16 BE',
	'latin-1': 'Latin-1',
	'8-bit': 'an 8-bit encoding other than UTF-8',
};

/** A readable name of an encoding, for messages. */
export function encodingName(encoding: BibliographyEncoding): string {
	return ENCODING_NAMES[encoding];
}

// --- decoding

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

function decodeUtf16(bytes: Uint8Array, start: number, littleEndian: boolean): string | undefined {
	if ((bytes.length - start) % 2 !== 0) {
		return undefined;
	}
	const units = new Uint16Array((bytes.length - start) / 2);
	for (let i = 0; i < units.length; i++) {
		const lo = bytes[start + 2 * i + (littleEndian ? 0 : 1)];
		const hi = bytes[start + 2 * i + (littleEndian ? 1 : 0)];
		units[i] = (hi << 8) | lo;
	}
	// Lone surrogates would not survive encoding again.
	for (let i = 0; i < units.length; i++) {
		const u = units[i];
		if (u >= 0xd800 && u <= 0xdbff) {
			if (!(i + 1 < units.length && units[i + 1] >= 0xdc00 && units[i + 1] <= 0xdfff)) {
				return undefined;
			}
			i++;
		} else if (u >= 0xdc00 && u <= 0xdfff) {
			return undefined;
		}
	}
	let text = '';
	for (let i = 0; i < units.length; i += 8192) {
		text += String.fromCharCode(...units.subarray(i, i + 8192));
	}
	return text;
}

function decodeLatin1(bytes: Uint8Array): string {
	let text = '';
	for (let i = 0; i < bytes.length; i += 8192) {
		text += String.fromCharCode(...bytes.subarray(i, i + 8192));
	}
	return text;
}

/**
 * How the bytes of a bibliography hold its text: a UTF-8 or UTF-16 byte order mark decides; else strict UTF-8
 * (no replacement characters); else one byte per character, as `legacy` says. NUL bytes outside UTF-16 mean a binary
 * file, which is refused. Decoding is exact: encoding `text` again gives the same bytes.
 */
export function decodeBibliography(bytes: Uint8Array, legacy: LegacyEncoding = 'latin-1'): DecodedBibliography | BibliographyBytesError {
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		const littleEndian = bytes[0] === 0xff;
		if (littleEndian && startsWith(bytes, [0xff, 0xfe, 0, 0])) {
			return { ok: false, message: 'the file is UTF-32, which Paper Shelf does not write' };
		}
		const text = decodeUtf16(bytes, 2, littleEndian);
		return text === undefined
			? { ok: false, message: `the file starts like UTF-16 but is not valid UTF-16` }
			: { ok: true, encoding: littleEndian ? 'utf-16le' : 'utf-16be', bomLength: 2, text };
	}
	if (bytes.includes(0)) {
		return { ok: false, message: 'the file holds NUL bytes: it is not a text file' };
	}
	const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom));
		return { ok: true, encoding: bom ? 'utf-8-bom' : 'utf-8', bomLength: bom, text };
	} catch {
		return { ok: true, encoding: legacy === 'latin-1' ? 'latin-1' : '8-bit', bomLength: 0, text: decodeLatin1(bytes) };
	}
}

// --- encoding

/** The first character of `text` that `encoding` cannot hold, or undefined when it holds them all. */
export function unwritableCharacter(text: string, encoding: BibliographyEncoding): string | undefined {
	if (encoding !== 'latin-1' && encoding !== '8-bit') {
		return undefined;
	}
	for (const c of text) {
		const code = c.codePointAt(0)!;
		const fits = code < 0x80 || (encoding === 'latin-1' && code >= 0xa0 && code <= 0xff);
		if (!fits) {
			return c;
		}
	}
	return undefined;
}

/** `c` for a message: the character and its code point, `"Ł" (U+0141)`. */
function describeCharacter(c: string): string {
	return `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** The bytes of `text` in `encoding` (no byte order mark), or why it cannot be written in it. */
export function encodeText(text: string, encoding: BibliographyEncoding): Uint8Array | BibliographyBytesError {
	const bad = unwritableCharacter(text, encoding);
	if (bad !== undefined) {
		return { ok: false, message: `the new entry has ${describeCharacter(bad)}, which this file's encoding (${encodingName(encoding)}) cannot hold; convert the file to UTF-8 to add it` };
	}
	switch (encoding) {
		case 'utf-8':
		case 'utf-8-bom':
			return new TextEncoder().encode(text);
		case 'utf-16le':
		case 'utf-16be': {
			const out = new Uint8Array(text.length * 2);
			for (let i = 0; i < text.length; i++) {
				const u = text.charCodeAt(i);
				out[2 * i + (encoding === 'utf-16le' ? 0 : 1)] = u & 0xff;
				out[2 * i + (encoding === 'utf-16le' ? 1 : 0)] = u >> 8;
			}
			return out;
		}
		default:
			return Uint8Array.from(text, (c) => c.charCodeAt(0));
	}
}

/** How many bytes the first `length` UTF-16 code units of `text` take in `encoding`. */
export function byteLength(text: string, length: number, encoding: BibliographyEncoding): number {
	switch (encoding) {
		case 'utf-8':
		case 'utf-8-bom':
			return new TextEncoder().encode(text.slice(0, length)).length;
		case 'utf-16le':
		case 'utf-16be':
			return length * 2;
		default:
			return length;
	}
}

// --- planning

/** What adding entries to a bibliography file comes to, in bytes. */
export type BibliographyBytesPlan =
	| {
		readonly ok: true;
		/** `create`: the file does not exist yet; `insert`: bytes go into it; `none`: every entry is there already. */
		readonly kind: 'create' | 'insert' | 'none';
		readonly encoding: BibliographyEncoding;
		/** Where the new bytes go (0 for a new file). */
		readonly byteOffset: number;
		/** The bytes to insert there (empty for `none`). */
		readonly inserted: Uint8Array;
		readonly added: string[];
		readonly alreadyPresent: string[];
	}
	| (BibliographyBytesError & { readonly line?: number });

/**
 * Plans adding entries for `cited` to the bibliography `fileName` whose bytes are `bytes` (undefined: the file does
 * not exist, and is created as UTF-8). The entries are planned on the decoded text by `planBibliographyEdit`, which
 * uses the text's own line ending, and encoded in the file's own encoding. A file that cannot be decoded, cannot hold
 * a character of the new entries, or cannot be parsed gives an error, and must then be left untouched.
 */
export function planBibliographyBytes(fileName: string, bytes: Uint8Array | undefined, cited: readonly CitedPaper[], legacy: LegacyEncoding = 'latin-1', options: BibliographyOptions = {}): BibliographyBytesPlan {
	const decoded: DecodedBibliography | BibliographyBytesError = bytes === undefined ? { ok: true, encoding: 'utf-8', bomLength: 0, text: '' } : decodeBibliography(bytes, legacy);
	if (!decoded.ok) {
		return decoded;
	}
	const plan = planBibliographyEdit(fileName, decoded.text, cited, options);
	if (!plan.ok) {
		return { ok: false, message: plan.message, line: plan.line };
	}
	const none = { ok: true, kind: 'none', encoding: decoded.encoding, byteOffset: 0, inserted: new Uint8Array(0), added: plan.added, alreadyPresent: plan.alreadyPresent } as const;
	if (!plan.insertion) {
		return none;
	}
	const inserted = encodeText(plan.insertion.text, decoded.encoding);
	if (!(inserted instanceof Uint8Array)) {
		return inserted;
	}
	const byteOffset = decoded.bomLength + byteLength(decoded.text, plan.insertion.offset, decoded.encoding);
	return { ...none, kind: bytes === undefined ? 'create' : 'insert', byteOffset, inserted };
}

/** `bytes` with `inserted` put at `offset`. */
export function spliceBytes(bytes: Uint8Array, offset: number, inserted: Uint8Array): Uint8Array {
	const out = new Uint8Array(bytes.length + inserted.length);
	out.set(bytes.subarray(0, offset), 0);
	out.set(inserted, offset);
	out.set(bytes.subarray(offset), offset + inserted.length);
	return out;
}

/** `bytes` without the `length` bytes at `offset`. */
export function removeBytes(bytes: Uint8Array, offset: number, length: number): Uint8Array {
	const out = new Uint8Array(bytes.length - length);
	out.set(bytes.subarray(0, offset), 0);
	out.set(bytes.subarray(offset + length), offset);
	return out;
}
