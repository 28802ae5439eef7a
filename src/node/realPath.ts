/** Node-only file system helpers of the extension (desktop and remote hosts). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The real path of a file that may not exist yet: symbolic links resolved for the longest part that exists, the rest
 * appended. A part that cannot be resolved (no permission) is kept as it is.
 */
export async function realPath(fsPath: string): Promise<string> {
	const missing: string[] = [];
	let current = path.resolve(fsPath);
	const withMissing = (base: string) => (missing.length > 0 ? path.join(base, ...[...missing].reverse()) : base);
	for (let links = 0; ; ) {
		try {
			return withMissing(await fs.promises.realpath(current));
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
				return withMissing(current);
			}
		}
		// `current` does not resolve: a dangling link (writing through it creates its target) or a missing file.
		const link = await fs.promises.readlink(current).catch(() => undefined);
		if (link !== undefined && links++ < 40) {
			current = path.resolve(path.dirname(current), link);
			continue;
		}
		const parent = path.dirname(current);
		if (parent === current) {
			return withMissing(current);
		}
		missing.push(path.basename(current));
		current = parent;
	}
}

