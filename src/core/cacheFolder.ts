/**
 * A folder of cache files, as the core's caches (search index, topics) need it. The core never touches a file system
 * itself: the extension gives it one backed by `vscode.workspace.fs` under `globalStorageUri` (desktop, remote and
 * the browser alike), tests and tools one backed by Node's `fs`.
 */
export interface CacheFolder {
	/** The file's bytes, or undefined when there is no such file. Any other failure rejects. */
	read(name: string): Promise<Uint8Array | undefined>;
	/**
	 * Replaces the file `name` with `data`, creating the folder when needed; where the file system can, atomically
	 * (a temporary file renamed over it), so a crash never leaves half a file under the name.
	 */
	write(name: string, data: Uint8Array): Promise<void>;
	/** The file's location, for messages. */
	describe(name: string): string;
}
