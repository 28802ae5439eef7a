import * as vscode from 'vscode';
import { sha256Hex } from '../../core/hash/sha256';
import type { Paper, ParsedDigest } from '../../core/model';
import { isAbortError } from '../../core/shelf/loadQueue';
import { loadOrBuildIndex } from '../../core/search/indexCache';
import { PaperIndex, type SearchHit } from '../../core/search/paperIndex';
import { plainText } from '../../core/text/untrustedText';
import { Views } from '../ids';
import { uriCacheFolder } from '../util/uriCacheFolder';
import type { DigestSource } from './digestSources';

/** A digest's papers ready to go into the shelf's index: as its own index (large digests), or to be added. */
export interface PreparedIndex {
	readonly key: string;
	readonly papers: readonly Paper[];
	/** The digest's own index (from its cache or built in chunks), adopted into the shelf's without tokenizing again. */
	readonly index?: PaperIndex;
}

/**
 * The shelf's search index: one `PaperIndex` over every digest. A large digest is indexed on its own, in
 * chunks with progress and cancellation, through its disk cache when it has a valid one; putting it on
 * the shelf then adopts that index (`PaperIndex.adoptDigest`), whatever else is on the shelf, so a cached
 * digest is never tokenized again. Small digests are added directly.
 */
export class IndexOwner {
	private _index = new PaperIndex();

	constructor(
		private readonly _log: vscode.LogOutputChannel,
		/** Where indexes of large digests are cached (a folder per digest file under `index-cache`). */
		private readonly _cacheDir: vscode.Uri | undefined,
	) {}

	get index(): PaperIndex {
		return this._index;
	}

	search(query: string, limit = 50): SearchHit[] {
		return query.trim() === '' ? [] : this._index.search(query, { limit });
	}

	/** The papers of a small digest, to be added when it lands. */
	direct(key: string, papers: readonly Paper[]): PreparedIndex {
		return { key, papers };
	}

	/**
	 * The index of a large digest, with progress in the Papers view. Rejects with an `AbortError` when
	 * `signal` aborts (the load was superseded); a cache that cannot be used is logged and done without.
	 */
	async prepare(source: DigestSource, parsed: ParsedDigest, signal: AbortSignal, status: (text: string) => void = () => undefined): Promise<PreparedIndex> {
		const key = source.uri.toString();
		const name = basename(source.uri);
		const papers = parsed.papers.length.toLocaleString('en-US');
		const index = await vscode.window.withProgress(
			{ location: { viewId: Views.Papers }, title: plainText(`Indexing ${basename(source.uri)}`) },
			async (progress) => {
				let reported = 0;
				const onProgress = (done: number, total: number) => {
					const pct = Math.floor((done / Math.max(1, total)) * 100);
					progress.report({ increment: pct - reported, message: `${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} papers` });
					status(`Indexing ${name}… ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} papers`);
					reported = pct;
				};
				status(this._cacheDir ? `Indexing ${name}… ${papers} papers (looking for its index cache)` : `Indexing ${name}… 0 of ${papers} papers`);
				if (this._cacheDir) {
					// A cache per digest file, keyed inside by content hash, index configuration and versions:
					// a stale or corrupt one is rebuilt, never trusted; one that fails altogether is done without.
					const dir = uriCacheFolder(vscode.Uri.joinPath(this._cacheDir, 'index-cache', sha256Hex(key).slice(0, 16)));
					const where = dir.describe('');
					try {
						const result = await loadOrBuildIndex(dir, [{ file: key, contentHash: parsed.contentHash, papers: parsed.papers }], { onProgress, signal });
						if (result.reason && result.reason !== 'no cache') {
							this._log.warn(`Index cache ${where} for ${source.uri.fsPath} ignored and rebuilt: ${result.reason}`);
						}
						if (result.saveError) {
							this._log.warn(`Could not save the index cache ${where}: ${result.saveError}`);
						}
						return result.index;
					} catch (e) {
						if (isAbortError(e)) {
							throw e;
						}
						this._log.error(`Index cache ${where} for ${source.uri.fsPath} failed (${errorMessage(e)}); indexing without it`);
					}
				}
				const built = new PaperIndex();
				await built.addDigestAsync(key, parsed.papers, { onProgress, signal });
				return built;
			},
		);
		return { key, papers: parsed.papers, index };
	}

	/** Puts a prepared digest into the shelf's index, replacing what it held under that key. */
	land(prepared: PreparedIndex): void {
		const { key, papers, index } = prepared;
		if (!index) {
			this._index.addDigest(key, papers);
			return;
		}
		this._index.removeDigest(key);
		if (this._index.digestKeys().length === 0) {
			this._index = index; // nothing else on the shelf: the digest's own index is the shelf's
		} else {
			this._index.adoptDigest(key, index);
		}
	}

	/** Takes the digest `key` out of the index. */
	remove(key: string): void {
		this._index.removeDigest(key);
	}
}

function basename(uri: vscode.Uri): string {
	return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function errorMessage(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
