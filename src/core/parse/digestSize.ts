/**
 * The digest size limit, one rule for the editor and the CLI: decided from a file's size alone, before a
 * byte of it is read (a digest over the limit is never read, hashed or parsed).
 */

import { SETTINGS, settingName } from '../settings';

/** The default of the `paperShelf.maxDigestSizeMB` setting, as the settings module declares it. */
export const DEFAULT_MAX_DIGEST_SIZE_MB = SETTINGS.maxDigestSizeMB.default;

/** The setting that holds the limit, for messages. */
export const MAX_DIGEST_SIZE_SETTING = settingName('maxDigestSizeMB');

const MIB = 1024 * 1024;

/** The limit in bytes for a setting value in MB (at least 1 MB; anything not a finite number means the default). */
export function maxDigestBytes(megabytes: unknown): number {
	const mb = typeof megabytes === 'number' && Number.isFinite(megabytes) ? megabytes : DEFAULT_MAX_DIGEST_SIZE_MB;
	return Math.max(1, mb) * MIB;
}

/**
 * Why a file of `size` bytes is not read as a digest under a limit of `maxBytes`, or undefined when it may
 * be: `file too large: 1.5 MB is over the 1 MB limit (setting paperShelf.maxDigestSizeMB)`. `limitSource`
 * says where the limit comes from.
 */
export function digestSizeProblem(size: number, maxBytes: number, limitSource = `setting ${MAX_DIGEST_SIZE_SETTING}`): string | undefined {
	return size > maxBytes ? `file too large: ${formatMiB(size)} is over the ${formatMiB(maxBytes)} limit (${limitSource})` : undefined;
}

function formatMiB(bytes: number): string {
	const mib = bytes / MIB;
	return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MB`;
}
