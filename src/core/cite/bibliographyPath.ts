/**
 * Where a bibliography path written in a note or a setting leads, and whether that is inside the workspace: the one
 * policy for where Paper Shelf may write without asking. Paths are handled in the form of a URI's path — forward
 * slashes, a Windows drive as `/c:/…`, a UNC share as `//server/share/…` — and resolved lexically (`.` and `..`);
 * symbolic links are for the caller, who can see the file system.
 */

/** A path cut into its root (`/`, `/c:/`, `//server/share/`) and its segments, `.` and `..` resolved. */
interface SplitPath {
	readonly root: string;
	readonly segments: string[];
}

const DRIVE = /^\/?([A-Za-z]):(?:\/|$)/;

function split(path: string): SplitPath {
	const slashed = path.replace(/\\/g, '/');
	let root = '/';
	let rest = slashed;
	const drive = DRIVE.exec(slashed);
	const unc = /^\/\/([^/]+)\/([^/]+)/.exec(slashed);
	if (drive) {
		root = `/${drive[1]}:/`;
		rest = slashed.slice(drive[0].length);
	} else if (unc) {
		root = `//${unc[1]}/${unc[2]}/`;
		rest = slashed.slice(unc[0].length);
	}
	const segments: string[] = [];
	for (const segment of rest.split('/')) {
		if (segment === '' || segment === '.') {
			continue;
		}
		if (segment === '..') {
			segments.pop();
		} else {
			segments.push(segment);
		}
	}
	return { root, segments };
}

function join({ root, segments }: SplitPath): string {
	return root + segments.join('/');
}

/** Whether a path as written is absolute: `/x`, `\x`, `C:\x`, `C:/x`, `\\server\share`. */
export function isAbsoluteWrittenPath(path: string): boolean {
	return /^[\\/]/.test(path) || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * A path as a note or a setting writes it, made absolute in URI-path form: `~` and `~/…` start at `home` (undefined:
 * `~` is an ordinary name), an absolute path stays (`C:\x` becomes `/C:/x`), anything else is relative to
 * `baseFolder`. `.` and `..` are resolved; `..` never climbs above the root.
 */
export function resolveWrittenPath(written: string, baseFolder: string, home: string | undefined): string {
	const tilde = /^~(?=$|[\\/])/.exec(written);
	if (tilde && home !== undefined) {
		return join(split(home.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/') + '/' + written.slice(1)));
	}
	if (isAbsoluteWrittenPath(written)) {
		return join(split(written.replace(/^(?=[A-Za-z]:)/, '/')));
	}
	return join(split(`${baseFolder}/${written}`));
}

/** A path in URI-path form with `.` and `..` resolved. */
export function normalizePath(path: string): string {
	return join(split(path));
}

/**
 * Whether `path` is `folder` or inside it, both in URI-path form. Drive letters compare without case always; the
 * rest only when `caseInsensitive` (the file systems of Windows and macOS), since on a case-sensitive one `/Work` and
 * `/work` are different folders and taking one for the other would write without asking.
 */
export function isInsideFolder(path: string, folder: string, caseInsensitive: boolean): boolean {
	const p = split(path);
	const f = split(folder);
	const same = (a: string, b: string) => (caseInsensitive ? a.toLowerCase() === b.toLowerCase() : a === b);
	const rootsMatch = p.root.length === f.root.length && (/^\/[A-Za-z]:\/$/.test(p.root) ? p.root.toLowerCase() === f.root.toLowerCase() : same(p.root, f.root));
	if (!rootsMatch || p.segments.length < f.segments.length) {
		return false;
	}
	return f.segments.every((segment, i) => same(segment, p.segments[i]));
}

/** Whether `path` is inside any of `folders` (see `isInsideFolder`). */
export function isInsideAnyFolder(path: string, folders: readonly string[], caseInsensitive: boolean): boolean {
	return folders.some((folder) => isInsideFolder(path, folder, caseInsensitive));
}
