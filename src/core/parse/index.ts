/** Digest parsing: every format Paper Shelf reads, paper identities and cross-digest merging. */
export { parseDigest, parseDigestAsync, detectFormat, DEFAULT_MAX_DIGEST_BYTES, type ParseOptions, type AsyncParseOptions, type ParseProgress } from './parseDigest';
export { paperIdFor, normalizeTitle, parseArxivId, findArxivId } from './paperId';
export { mergeDigests } from './mergeDigests';
export { JsonLinesReader } from './parseJsonLines';
export { decodeDigest, type DecodedDigest } from './decodeDigest';
export { checkHttpUrl, type LinkCheck } from './httpUrl';
