import type * as vscode from 'vscode';
import type { StartTopicsWorker } from '../core/topics/deriveTopicsInWorker';

/**
 * What differs between the extension hosts Paper Shelf runs in, given to `activateShelf` by the entry point of each
 * build: `src/node/extension.ts` (desktop and remote: Node) and `src/web/extension.ts` (vscode.dev, github.dev: the
 * browser's web worker extension host). Everything else is the same code on both.
 */
export interface HostPlatform {
	/** 'node' or 'web', for logs and the tests. */
	readonly kind: 'node' | 'web';
	/** Starts topics workers (worker_threads on Node, Web Workers in the browser); `bundle` is the worker script, hashed into the topics cache key. */
	readonly topicsWorker?: { readonly start: StartTopicsWorker; readonly bundle: vscode.Uri };
	/** Follows symbolic links in a `file:` path, for the workspace write boundary (Node only: the browser has no `file:` paths to resolve). */
	readonly realPath?: (fsPath: string) => Promise<string>;
	/** The home folder, for `~/` paths of `file:` URIs (Node only). */
	readonly homeDir?: string;
	/** Whether `file:` paths compare without case (Windows, macOS). */
	readonly caseInsensitiveFiles: boolean;
}
