/**
 * Saves a built `PaperIndex` to a folder and loads it back, so a large digest is indexed once.
 *
 * The cache is keyed by the digests (file and sha256 of its bytes), the index configuration, the FlexSearch
 * version and `indexCacheSchemaVersion`. It is never trusted: a different key, a missing, truncated or
 * corrupt file (sha256 checked), or papers that differ from the cached ones make `loadIndexCache` return
 * a reason instead of an index, and `loadOrBuildIndex` then builds afresh and saves the new index.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Paper } from '../model';
import { PaperIndex, paperIndexConfig, type BuildOptions, type PaperIndexSnapshot } from './paperIndex';

/** Bump when the cache layout or the snapshot's meaning changes. */
export const indexCacheSchemaVersion = 1;

/** The FlexSearch version the index is built with (a unit test checks it against node_modules). */
export const flexsearchVersion = '0.8.212';

/** A digest as the cache needs it (a `ParsedDigest` fits). */
export interface CachedDigest {
	readonly file: string;
	/** sha256 (hex) of the digest's bytes. */
	readonly contentHash: string;
	readonly papers: readonly Paper[];
}

/** What loading found: an index, or why there is none. */
export interface CacheLoadResult {
	readonly index?: PaperIndex;
	/** Why the cache was not used (`no cache`, `stale: …`, `corrupt: …`); undefined when it was. */
	readonly reason?: string;
}

/** Options of `loadOrBuildIndex`. */
export interface IndexCacheOptions {
	/** Overrides the computed key parts, for tests and tools; leave alone otherwise. */
	readonly schemaVersion?: number;
	readonly flexsearchVersion?: string;
	readonly config?: unknown;
}

const manifestName = 'paper-index.json';
const dataName = 'paper-index.data';

interface Manifest {
	readonly schema: number;
	readonly key: string;
	readonly bytes: number;
	readonly sha256: string;
	readonly papers: number;
	readonly created: string;
}

/** The cache key for these digests under the current (or overridden) configuration. */
export function indexCacheKey(digests: readonly Pick<CachedDigest, 'file' | 'contentHash'>[], options: IndexCacheOptions = {}): string {
	const parts = {
		schema: options.schemaVersion ?? indexCacheSchemaVersion,
		flexsearch: options.flexsearchVersion ?? flexsearchVersion,
		config: options.config ?? paperIndexConfig,
		digests: digests.map((d) => [d.file, d.contentHash]),
	};
	return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Writes `index` (built from `digests`) to `dir`, replacing any cache there. */
export async function saveIndexCache(dir: string, index: PaperIndex, digests: readonly CachedDigest[], options: IndexCacheOptions = {}): Promise<void> {
	const snapshot = index.snapshot();
	const chunks: string[] = [];
	const record = (name: string, data: string) => chunks.push(`${name}\t${data.length}\n`, data);
	record('state', JSON.stringify({ docs: snapshot.docs, digests: snapshot.digests, vocabulary: snapshot.vocabulary }));
	for (const [field, records] of Object.entries(snapshot.fields)) {
		for (const [key, data] of records) {
			record(`${field}:${key}`, data);
		}
	}
	const data = Buffer.from(chunks.join(''), 'utf8');
	const manifest: Manifest = {
		schema: options.schemaVersion ?? indexCacheSchemaVersion,
		key: indexCacheKey(digests, options),
		bytes: data.length,
		sha256: createHash('sha256').update(data).digest('hex'),
		papers: index.size,
		created: new Date().toISOString(),
	};
	await fs.promises.mkdir(dir, { recursive: true });
	// Data first, manifest last, each via rename: a crash leaves an old manifest whose checksum fails.
	await writeAtomically(path.join(dir, dataName), data);
	await writeAtomically(path.join(dir, manifestName), JSON.stringify(manifest, null, '\t'));
}

/** Loads the index cached in `dir` for exactly these digests, or says why it cannot. Never throws. */
export async function loadIndexCache(dir: string, digests: readonly CachedDigest[], options: IndexCacheOptions = {}): Promise<CacheLoadResult> {
	let manifest: Manifest;
	try {
		manifest = JSON.parse(await fs.promises.readFile(path.join(dir, manifestName), 'utf8')) as Manifest;
	} catch (e) {
		return { reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no cache' : `corrupt: unreadable manifest (${errorText(e)})` };
	}
	const schema = options.schemaVersion ?? indexCacheSchemaVersion;
	if (manifest.schema !== schema) {
		return { reason: `stale: cache schema ${String(manifest.schema)}, expected ${schema}` };
	}
	if (manifest.key !== indexCacheKey(digests, options)) {
		return { reason: 'stale: digests, index configuration or FlexSearch version changed' };
	}
	let data: Buffer;
	try {
		data = await fs.promises.readFile(path.join(dir, dataName));
	} catch (e) {
		return { reason: `corrupt: unreadable data (${errorText(e)})` };
	}
	if (data.length !== manifest.bytes) {
		return { reason: `corrupt: data is ${data.length} bytes, expected ${manifest.bytes} (truncated?)` };
	}
	if (createHash('sha256').update(data).digest('hex') !== manifest.sha256) {
		return { reason: 'corrupt: data checksum mismatch' };
	}
	try {
		const snapshot = readRecords(data.toString('utf8'));
		return { index: PaperIndex.fromSnapshot(snapshot, digests.map((d) => ({ key: d.file, papers: d.papers }))) };
	} catch (e) {
		return { reason: `corrupt: ${errorText(e)}` };
	}
}

/**
 * The index for `digests`: from the cache in `dir` when valid, else built (chunked, with progress and
 * cancellation) and saved. A failure to save is reported in `saveError`, not thrown.
 */
export async function loadOrBuildIndex(
	dir: string,
	digests: readonly CachedDigest[],
	options: BuildOptions & IndexCacheOptions = {},
): Promise<{ index: PaperIndex; fromCache: boolean; reason?: string; saveError?: string }> {
	const cached = await loadIndexCache(dir, digests, options);
	if (cached.index) {
		return { index: cached.index, fromCache: true };
	}
	const index = await PaperIndex.buildFromDigests(digests.map((d) => ({ key: d.file, papers: d.papers })), options);
	try {
		await saveIndexCache(dir, index, digests, options);
		return { index, fromCache: false, reason: cached.reason };
	} catch (e) {
		return { index, fromCache: false, reason: cached.reason, saveError: errorText(e) };
	}
}

// --- helpers

function readRecords(text: string): PaperIndexSnapshot {
	let state: Pick<PaperIndexSnapshot, 'docs' | 'digests' | 'vocabulary'> | undefined;
	const fields: PaperIndexSnapshot['fields'] = { title: [], meta: [], abstract: [] };
	let at = 0;
	while (at < text.length) {
		const newline = text.indexOf('\n', at);
		const header = newline < 0 ? '' : text.slice(at, newline);
		const tab = header.indexOf('\t');
		const length = Number(header.slice(tab + 1));
		if (tab <= 0 || !Number.isInteger(length) || length < 0 || newline + 1 + length > text.length) {
			throw new Error(`bad record header at offset ${at}`);
		}
		const name = header.slice(0, tab);
		const data = text.slice(newline + 1, newline + 1 + length);
		at = newline + 1 + length;
		if (name === 'state') {
			state = JSON.parse(data) as typeof state;
			continue;
		}
		const colon = name.indexOf(':');
		const field = name.slice(0, colon) as keyof PaperIndexSnapshot['fields'];
		if (colon < 0 || !(field in fields)) {
			throw new Error(`unknown record '${name}'`);
		}
		fields[field].push([name.slice(colon + 1), data]);
	}
	if (!state || !Array.isArray(state.docs) || !Array.isArray(state.digests) || !Array.isArray(state.vocabulary)) {
		throw new Error('no index state in the cache');
	}
	return { ...state, fields };
}

async function writeAtomically(file: string, data: string | Buffer): Promise<void> {
	const temporary = `${file}.${process.pid}.tmp`;
	await fs.promises.writeFile(temporary, data);
	await fs.promises.rename(temporary, file);
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
