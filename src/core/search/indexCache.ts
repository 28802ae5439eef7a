/**
 * Saves a built `PaperIndex` to a folder and loads it back, so a large digest is indexed once.
 *
 * The cache is keyed by the digests (file and sha256 of its bytes), the index configuration, the FlexSearch
 * version and `indexCacheSchemaVersion`. It is never trusted: a different key, a missing, truncated or
 * corrupt file (sha256 checked), or papers that differ from the cached ones make `loadIndexCache` return
 * a reason instead of an index, and `loadOrBuildIndex` then builds afresh and saves the new index.
 */
import type { CacheFolder } from '../cacheFolder';
import { sha256Hex } from '../hash/sha256';
import type { Paper } from '../model';
import { fieldNames, type FieldName } from './indexFields';
import { PaperIndex, paperIndexConfig, type BuildOptions, type PaperIndexSnapshot } from './paperIndex';

/** Bump when the cache layout or the snapshot's meaning changes (2: the acronym links are in the state). */
export const indexCacheSchemaVersion = 2;

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
	return sha256Hex(JSON.stringify(parts));
}

/** Writes `index` (built from `digests`) to `dir`, replacing any cache there. */
export async function saveIndexCache(dir: CacheFolder, index: PaperIndex, digests: readonly CachedDigest[], options: IndexCacheOptions = {}): Promise<void> {
	const snapshot = index.snapshot();
	const chunks: string[] = [];
	const record = (name: string, data: string) => chunks.push(`${name}\t${data.length}\n`, data);
	record('state', JSON.stringify({ docs: snapshot.docs, digests: snapshot.digests, vocabulary: snapshot.vocabulary, acronyms: snapshot.acronyms }));
	for (const [field, records] of Object.entries(snapshot.fields)) {
		for (const [key, data] of records) {
			record(`${field}:${key}`, data);
		}
	}
	const data = new TextEncoder().encode(chunks.join(''));
	const manifest: Manifest = {
		schema: options.schemaVersion ?? indexCacheSchemaVersion,
		key: indexCacheKey(digests, options),
		bytes: data.length,
		sha256: sha256Hex(data),
		papers: index.size,
		created: new Date().toISOString(),
	};
	// Data first, manifest last, each replaced atomically: a crash leaves an old manifest whose checksum fails.
	await dir.write(dataName, data);
	await dir.write(manifestName, new TextEncoder().encode(JSON.stringify(manifest, null, '\t')));
}

/** Loads the index cached in `dir` for exactly these digests, or says why it cannot. Never throws. */
export async function loadIndexCache(dir: CacheFolder, digests: readonly CachedDigest[], options: IndexCacheOptions = {}): Promise<CacheLoadResult> {
	try {
		return await loadChecked(dir, digests, options);
	} catch (e) {
		// The checks below are meant to leave nothing to throw; this is the last line, not the plan.
		return { reason: `corrupt: ${errorText(e)}` };
	}
}

async function loadChecked(dir: CacheFolder, digests: readonly CachedDigest[], options: IndexCacheOptions): Promise<CacheLoadResult> {
	let parsed: unknown;
	try {
		const bytes = await dir.read(manifestName);
		if (bytes === undefined) {
			return { reason: 'no cache' };
		}
		parsed = JSON.parse(new TextDecoder().decode(bytes));
	} catch (e) {
		return { reason: `corrupt: unreadable manifest (${errorText(e)})` };
	}
	const manifest = validateIndexManifest(parsed);
	if (typeof manifest === 'string') {
		return { reason: `corrupt: manifest ${manifest}` };
	}
	const schema = options.schemaVersion ?? indexCacheSchemaVersion;
	if (manifest.schema !== schema) {
		return { reason: `stale: cache schema ${String(manifest.schema)}, expected ${schema}` };
	}
	if (manifest.key !== indexCacheKey(digests, options)) {
		return { reason: 'stale: digests, index configuration or FlexSearch version changed' };
	}
	let data: Uint8Array;
	try {
		const bytes = await dir.read(dataName);
		if (bytes === undefined) {
			return { reason: 'corrupt: unreadable data (the data file is missing)' };
		}
		data = bytes;
	} catch (e) {
		return { reason: `corrupt: unreadable data (${errorText(e)})` };
	}
	if (data.length !== manifest.bytes) {
		return { reason: `corrupt: data is ${data.length} bytes, expected ${manifest.bytes} (truncated?)` };
	}
	if (sha256Hex(data) !== manifest.sha256) {
		return { reason: 'corrupt: data checksum mismatch' };
	}
	let snapshot: PaperIndexSnapshot;
	try {
		snapshot = readRecords(new TextDecoder().decode(data));
	} catch (e) {
		return { reason: `corrupt: ${errorText(e)}` };
	}
	const checked = inspectSnapshot(snapshot, digests, manifest.papers);
	if ('problem' in checked) {
		return { reason: `corrupt: ${checked.problem}` };
	}
	try {
		// FlexSearch's import takes a record's data as JSON text or as the parsed value (it parses strings
		// itself); the records were parsed once for checking, so they are handed over parsed, not parsed twice.
		const parsedSnapshot: PaperIndexSnapshot = { ...snapshot, fields: checked.fields as unknown as PaperIndexSnapshot['fields'] };
		const index = PaperIndex.fromSnapshot(parsedSnapshot, digests.map((d) => ({ key: d.file, papers: d.papers })));
		return index.size === manifest.papers
			? { index }
			: { reason: `corrupt: the index holds ${index.size} papers, the manifest says ${manifest.papers}` };
	} catch (e) {
		return { reason: `corrupt: ${errorText(e)}` };
	}
}

// --- validation (pure: what a cache must satisfy before any of it is used)

/** The manifest, checked field by field, or what is wrong with it (a phrase naming the field). */
export function validateIndexManifest(value: unknown): Manifest | string {
	if (!isRecord(value)) {
		return `is ${describe(value)}, not an object`;
	}
	const isCount = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
	const isHex64 = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
	const checks: [keyof Manifest, (v: unknown) => boolean, string][] = [
		['schema', isCount, 'a whole number'],
		['key', isHex64, 'a sha256 in hex'],
		['bytes', isCount, 'a whole number'],
		['sha256', isHex64, 'a sha256 in hex'],
		['papers', isCount, 'a whole number'],
		['created', (v) => typeof v === 'string', 'a string'],
	];
	for (const [field, ok, what] of checks) {
		if (!ok(value[field])) {
			return `field '${field}' is ${describe(value[field])}, not ${what}`;
		}
	}
	return value as unknown as Manifest;
}

/**
 * What is wrong with a snapshot read from the cache for these digests, or undefined when nothing is: the
 * shape and type of every part, ids unique and known (every digest's ids are documents, every document
 * is in a digest), `papers` live documents, a sorted vocabulary with counts between 1 and `papers`, and
 * FlexSearch records of a known kind whose document numbers all exist. `fromSnapshot` then checks that
 * the papers are exactly the digests' ones.
 */
export function validateIndexSnapshot(snapshot: PaperIndexSnapshot, digests: readonly Pick<CachedDigest, 'file'>[], papers: number): string | undefined {
	const checked = inspectSnapshot(snapshot, digests, papers);
	return 'problem' in checked ? checked.problem : undefined;
}

/** The snapshot's FlexSearch records with their data parsed. */
type ParsedFields = Record<FieldName, [string, unknown][]>;

/** `validateIndexSnapshot`'s work: the problem, or the field records parsed along the way. */
function inspectSnapshot(snapshot: PaperIndexSnapshot, digests: readonly Pick<CachedDigest, 'file'>[], papers: number): { problem: string } | { fields: ParsedFields } {
	const problem = (text: string) => ({ problem: text });
	const { docs, vocabulary, fields, acronyms } = snapshot as Partial<Record<keyof PaperIndexSnapshot, unknown>>;
	if (!Array.isArray(docs)) return problem('the documents are missing');
	const live = new Set<string>();
	for (let i = 0; i < docs.length; i++) {
		const id: unknown = docs[i];
		if (id === null) continue;
		if (typeof id !== 'string' || id === '') return problem(`document ${i} is ${describe(id)}, not a paper id`);
		if (live.has(id)) return problem(`paper '${id}' is in the index twice`);
		live.add(id);
	}
	if (live.size !== papers) return problem(`the index holds ${live.size} papers, the manifest says ${papers}`);
	const digestIds = (snapshot as { digests?: unknown }).digests;
	if (!Array.isArray(digestIds) || digestIds.length !== digests.length) return problem('the digests do not match');
	const inDigests = new Set<string>();
	const keys = new Set<string>();
	for (const entry of digestIds as unknown[]) {
		if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return problem('a digest entry is not a [file, ids] pair');
		if (keys.has(entry[0])) return problem(`digest '${entry[0]}' is listed twice`);
		keys.add(entry[0]);
		for (const id of entry[1] as unknown[]) {
			if (typeof id !== 'string' || !live.has(id)) return problem(`digest '${entry[0]}' names ${describe(id)}, which is not in the index`);
			inDigests.add(id);
		}
	}
	if (inDigests.size !== live.size) return problem(`${live.size - inDigests.size} papers of the index are in no digest`);
	if (!Array.isArray(vocabulary)) return problem('the vocabulary is missing');
	let previous: string | undefined;
	for (const entry of vocabulary as unknown[]) {
		if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || entry[0] === '') return problem('a vocabulary entry is not a [term, count] pair');
		const [term, count] = entry as [string, unknown];
		if (previous !== undefined && !(previous < term)) return problem(`the vocabulary is not sorted at '${term}'`);
		if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > papers) return problem(`the vocabulary counts ${describe(count)} papers for '${term}'`);
		previous = term;
	}
	if (!Array.isArray(acronyms)) return problem('the acronym links are missing');
	let previousAcronym: string | undefined;
	for (const entry of acronyms as unknown[]) {
		if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || entry[0] === '' || !Array.isArray(entry[1])) return problem('an acronym entry is not an [acronym, long forms] pair');
		const [acronym, forms] = entry as [string, unknown[]];
		if (previousAcronym !== undefined && !(previousAcronym < acronym)) return problem(`the acronyms are not sorted at '${acronym}'`);
		previousAcronym = acronym;
		if (forms.length === 0) return problem(`acronym '${acronym}' has no long form`);
		for (const form of forms) {
			if (!Array.isArray(form) || form.length !== 2 || typeof form[0] !== 'string' || !/^\S+( \S+)+$/.test(form[0])) return problem(`acronym '${acronym}': a long form is not [words, count]`);
			const count: unknown = form[1];
			if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > papers) return problem(`acronym '${acronym}' counts ${describe(count)} papers`);
		}
	}
	if (!isRecord(fields)) return problem('the field records are missing');
	for (const name of Object.keys(fields)) {
		if (!(fieldNames as readonly string[]).includes(name)) return problem(`unknown field '${name}'`);
	}
	const parsed: ParsedFields = { title: [], meta: [], abstract: [] };
	for (const name of fieldNames) {
		const records = fields[name];
		if (!Array.isArray(records)) return problem(`the records of field '${name}' are missing`);
		for (const record of records as unknown[]) {
			if (!Array.isArray(record) || typeof record[0] !== 'string' || typeof record[1] !== 'string') return problem(`field '${name}': a record is not a [key, data] pair`);
			const data = parseFlexRecord(record[0], record[1], docs.length, paperIndexConfig[name].resolution);
			if (typeof data === 'string') return problem(`field '${name}': ${data}`);
			parsed[name].push([record[0], data.value]);
		}
	}
	return { fields: parsed };
}

/**
 * One FlexSearch export record parsed (`N.reg`: document numbers; `N.map`: term → buckets of them), or what
 * is wrong with it.
 */
function parseFlexRecord(key: string, data: string, documents: number, resolution: number): { value: unknown } | string {
	const kind = /^\d+\.(reg|map)$/.exec(key)?.[1];
	if (!kind) return `unknown record '${key}'`;
	let value: unknown;
	try {
		value = JSON.parse(data);
	} catch {
		return `record '${key}' is not JSON`;
	}
	if (!Array.isArray(value)) return `record '${key}' is not a list`;
	const isDoc = (d: unknown) => typeof d === 'number' && Number.isInteger(d) && d >= 0 && d < documents;
	if (kind === 'reg') {
		const bad = value.find((d) => !isDoc(d));
		return bad === undefined ? { value } : `record '${key}' names document ${describe(bad)} of ${documents}`;
	}
	for (const entry of value as unknown[]) {
		if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) return `record '${key}' holds an entry that is not [term, buckets]`;
		const buckets = entry[1] as unknown[];
		if (buckets.length > resolution) return `record '${key}' has ${buckets.length} buckets for '${entry[0]}', more than ${resolution}`;
		for (const bucket of buckets) {
			if (bucket === null) continue;
			if (!Array.isArray(bucket)) return `record '${key}' holds a bucket that is ${describe(bucket)}`;
			const bad = bucket.find((d) => !isDoc(d));
			if (bad !== undefined) return `record '${key}' names document ${describe(bad)} of ${documents}`;
		}
	}
	return { value };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of an unexpected value, for reasons (never the whole value: it may be huge). */
function describe(value: unknown): string {
	if (value === null) return 'null';
	if (value === undefined) return 'missing';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'string') return `'${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
	if (typeof value === 'object') return 'an object';
	return String(value);
}

/**
 * The index for `digests`: from the cache in `dir` when valid, else built (chunked, with progress and
 * cancellation: an aborted signal rejects with an `AbortError`, whether it came while reading or building) and saved. A failure to save is reported in `saveError`, not thrown.
 */
export async function loadOrBuildIndex(
	dir: CacheFolder,
	digests: readonly CachedDigest[],
	options: BuildOptions & IndexCacheOptions = {},
): Promise<{ index: PaperIndex; fromCache: boolean; reason?: string; saveError?: string }> {
	const cached = await loadIndexCache(dir, digests, options);
	if (options.signal?.aborted) {
		throw new DOMException('Index load cancelled', 'AbortError');
	}
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
	let state: Pick<PaperIndexSnapshot, 'docs' | 'digests' | 'vocabulary' | 'acronyms'> | undefined;
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
			if (state) throw new Error('two index states in the cache');
			state = JSON.parse(data) as typeof state;
			continue;
		}
		const colon = name.indexOf(':');
		const field = name.slice(0, colon) as keyof PaperIndexSnapshot['fields'];
		if (colon < 0 || !Object.hasOwn(fields, field)) {
			throw new Error(`unknown record '${name}'`);
		}
		fields[field].push([name.slice(colon + 1), data]);
	}
	if (!isRecord(state)) {
		throw new Error('no index state in the cache');
	}
	return { ...state, fields };
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
