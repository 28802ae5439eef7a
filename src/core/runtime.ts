/**
 * The few runtime services the core needs that Node and the browser spell differently, written once for both: the
 * core runs in the desktop/remote extension host (Node), in the browser's web worker extension host (vscode.dev,
 * github.dev), in workers, and in the Node CLI. No `Buffer`, `process`, `setImmediate` or `node:` import here.
 */

interface ImmediateHost {
	setImmediate?: (callback: () => void) => unknown;
}

const host = globalThis as ImmediateHost;

/**
 * Resolves after pending I/O and other tasks had their turn: `setImmediate` on Node; in a browser a `MessageChannel`
 * task (unlike `setTimeout(0)`, not clamped to 4 ms after a few nested calls, which would slow chunked work 10×).
 */
export const yieldToEventLoop: () => Promise<void> =
	typeof host.setImmediate === 'function'
		? () => new Promise<void>((resolve) => host.setImmediate!(resolve))
		: typeof MessageChannel === 'function'
			? () =>
					new Promise<void>((resolve) => {
						const channel = new MessageChannel();
						channel.port1.onmessage = () => {
							channel.port1.close();
							resolve();
						};
						channel.port2.postMessage(undefined);
					})
			: () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The number of bytes `text` takes as UTF-8 (lone surrogates count as U+FFFD, 3 bytes, as TextEncoder writes them). */
export function utf8ByteLength(text: string): number {
	let bytes = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 0x80) bytes += 1;
		else if (c < 0x800) bytes += 2;
		else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
			bytes += 4;
			i++;
		} else bytes += 3;
	}
	return bytes;
}
