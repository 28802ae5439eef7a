import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CacheFolder } from '../../src/core/cacheFolder';

/** A `CacheFolder` on Node's file system (unit tests and benchmarks; the extension uses `vscode.workspace.fs`). */
export function nodeCacheFolder(dir: string): CacheFolder {
	return {
		async read(name) {
			try {
				return await fs.promises.readFile(path.join(dir, name));
			} catch (e) {
				if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
				throw e;
			}
		},
		async write(name, data) {
			await fs.promises.mkdir(dir, { recursive: true });
			const file = path.join(dir, name);
			const temporary = `${file}.${process.pid}.tmp`;
			await fs.promises.writeFile(temporary, data);
			await fs.promises.rename(temporary, file);
		},
		describe: (name) => path.join(dir, name),
	};
}
