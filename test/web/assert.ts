/**
 * `node:assert/strict` for the integration suite in the browser's web worker extension host, which has no Node: the
 * functions the suite uses, with Node's strict semantics (`equal` is `Object.is`, `deepEqual` is `deepStrictEqual`).
 */

export class AssertionError extends Error {
	override name = 'AssertionError';
	constructor(message: string, readonly actual?: unknown, readonly expected?: unknown) {
		super(message);
	}
}

function show(value: unknown): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value === 'bigint') return `${value}n`;
	if (value instanceof RegExp) return String(value);
	try {
		const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Set ? { Set: [...v] } : v instanceof Map ? { Map: [...v] } : v));
		return text === undefined ? String(value) : text.length > 2000 ? text.slice(0, 2000) + '…' : text;
	} catch {
		return String(value);
	}
}

function fail(message: string | Error | undefined, fallback: string, actual?: unknown, expected?: unknown): never {
	if (message instanceof Error) throw message;
	throw new AssertionError(message ?? fallback, actual, expected);
}

export function ok(value: unknown, message?: string | Error): asserts value {
	if (!value) fail(message, `The expression evaluated to a falsy value: ${show(value)}`, value, true);
}

export function equal<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
	if (!Object.is(actual, expected)) fail(message, `Expected values to be strictly equal:\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`, actual, expected);
}
export const strictEqual = equal;

export function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
	if (Object.is(actual, expected)) fail(message, `Expected "actual" to be strictly unequal to: ${show(expected)}`, actual, expected);
}
export const notStrictEqual = notEqual;

export function deepEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T {
	if (!isDeepStrictEqual(actual, expected, [])) {
		fail(message, `Expected values to be strictly deep-equal:\n  actual:   ${show(actual)}\n  expected: ${show(expected)}`, actual, expected);
	}
}
export const deepStrictEqual = deepEqual;

export function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
	if (isDeepStrictEqual(actual, expected, [])) fail(message, `Expected "actual" not to be strictly deep-equal to: ${show(expected)}`, actual, expected);
}
export const notDeepStrictEqual = notDeepEqual;

export function match(text: string, pattern: RegExp, message?: string | Error): void {
	if (typeof text !== 'string' || !pattern.test(text)) fail(message, `The input did not match the regular expression ${pattern}. Input:\n${show(text)}`, text, pattern);
}

export function doesNotMatch(text: string, pattern: RegExp, message?: string | Error): void {
	if (typeof text !== 'string' || pattern.test(text)) fail(message, `The input was expected to not match the regular expression ${pattern}. Input:\n${show(text)}`, text, pattern);
}

type ErrorCheck = RegExp | ((e: Error) => boolean) | (new (...args: never[]) => Error) | Record<string, unknown>;

function checkError(error: unknown, expected: ErrorCheck | undefined, message: string | Error | undefined): void {
	if (expected === undefined) return;
	if (expected instanceof RegExp) {
		if (!expected.test(String(error instanceof Error ? error.message : error)) && !expected.test(String(error))) {
			fail(message, `The error message did not match ${expected}: ${show(error instanceof Error ? error.message : error)}`, error, expected);
		}
		return;
	}
	if (typeof expected === 'function') {
		if (expected.prototype instanceof Error || expected === Error) {
			if (!(error instanceof (expected as new () => Error))) fail(message, `The error is not an instance of ${expected.name}`, error, expected);
			return;
		}
		if ((expected as (e: Error) => boolean)(error as Error) !== true) fail(message, `The validation function rejected the error: ${show(error instanceof Error ? error.message : error)}`, error, expected);
		return;
	}
	for (const [key, value] of Object.entries(expected)) {
		const got = (error as Record<string, unknown>)[key];
		const same = value instanceof RegExp && typeof got === 'string' ? value.test(got) : isDeepStrictEqual(got, value, []);
		if (!same) fail(message, `The error's ${key} is ${show(got)}, expected ${show(value)}`, error, expected);
	}
}

export function throws(fn: () => unknown, expected?: ErrorCheck | string, message?: string | Error): void {
	try {
		fn();
	} catch (e) {
		checkError(e, typeof expected === 'string' ? undefined : expected, typeof expected === 'string' ? expected : message);
		return;
	}
	fail(typeof expected === 'string' ? expected : message, 'Missing expected exception.');
}

export async function rejects(promise: Promise<unknown> | (() => Promise<unknown>), expected?: ErrorCheck | string, message?: string | Error): Promise<void> {
	try {
		await (typeof promise === 'function' ? promise() : promise);
	} catch (e) {
		checkError(e, typeof expected === 'string' ? undefined : expected, typeof expected === 'string' ? expected : message);
		return;
	}
	fail(typeof expected === 'string' ? expected : message, 'Missing expected rejection.');
}

export async function doesNotReject(promise: Promise<unknown> | (() => Promise<unknown>), message?: string | Error): Promise<void> {
	try {
		await (typeof promise === 'function' ? promise() : promise);
	} catch (e) {
		fail(message, `Got unwanted rejection: ${show(e instanceof Error ? e.message : e)}`, e);
	}
}

function failAssertion(message?: string | Error): never {
	return fail(message, 'Failed');
}
export { failAssertion as fail };

/** Node's `isDeepStrictEqual`, for the values tests compare: primitives, arrays, plain objects, Maps, Sets, Dates, RegExps, typed arrays. */
function isDeepStrictEqual(a: unknown, b: unknown, seen: [unknown, unknown][]): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
	if (seen.some(([x, y]) => x === a && y === b)) return true;
	seen = [...seen, [a, b]];
	if (a instanceof Date) return a.getTime() === (b as Date).getTime();
	if (a instanceof RegExp) return String(a) === String(b);
	if (ArrayBuffer.isView(a)) {
		const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
		const y = new Uint8Array((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength);
		return x.length === y.length && x.every((v, i) => v === y[i]);
	}
	if (a instanceof Map) {
		const m = b as Map<unknown, unknown>;
		if (a.size !== m.size) return false;
		for (const [k, v] of a) if (!m.has(k) || !isDeepStrictEqual(v, m.get(k), seen)) return false;
		return true;
	}
	if (a instanceof Set) {
		const s = b as Set<unknown>;
		if (a.size !== s.size) return false;
		for (const v of a) if (!s.has(v) && ![...s].some((w) => isDeepStrictEqual(v, w, seen))) return false;
		return true;
	}
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	for (const k of ka) {
		if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
		if (!isDeepStrictEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], seen)) return false;
	}
	return true;
}
