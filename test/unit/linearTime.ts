/** The loose linear-time check of the hostile-input tests. */

/**
 * Ten times the input may take at most this many times as long; a quadratic scan takes 100 times. Not 15: linear code
 * whose larger input leaves the CPU caches (a Set of 20,000 ids, a 600 KB text) measured 14-16x on the test machines,
 * so 15 failed linear code now and then while 20 still tells a quadratic scan (~90x) from a linear one.
 */
export const MAX_RATIO = 20;

/** Alternating rounds; the best one counts. */
const ROUNDS = 7;

/** Each timing lasts at least about this long (ms), repeating a fast run. */
const MIN_MS = 20;

/**
 * How many times as long `run(large)` takes as `run(small)`, per byte times the size ratio: the
 * lowest of seven rounds, each timing one run on the large input and a batch of runs on the small
 * one that reads as many bytes (so that the small input pays its share of garbage collection, as
 * the large one does). A burst of load on the machine can slow one round, never all of them; a scan
 * that is quadratic is slow in every round.
 */
export function timeRatio<T extends { length: number }>(run: (input: T) => unknown, small: T, large: T): { ratio: number; smallMs: number; largeMs: number } {
	const repeat = Math.max(1, Math.round(large.length / small.length));
	// Wall time of the calling thread's work. Not the process's CPU time: that includes V8's concurrent GC threads,
	// which charge a 1 MB parse for collecting its garbage on the other core (a linear parse then measured 21x).
	const time = (input: T, times: number) => {
		const start = process.hrtime.bigint();
		for (let k = 0; k < times; k++) run(input);
		return Number(process.hrtime.bigint() - start) / 1e6 / times;
	};
	// A run of a few hundred microseconds is mostly timer and scheduler noise (a linear scan measured 33x when the
	// small run took 0.01 ms): after a warm-up (JIT), each timing repeats its run until it lasts about MIN_MS.
	run(small);
	const once = time(large, 1);
	const times = Math.min(1000, Math.max(1, Math.ceil(MIN_MS / Math.max(once, 0.001))));
	let best = { ratio: Infinity, smallMs: 0, largeMs: 0 };
	for (let round = 0; round < ROUNDS; round++) {
		const largeMs = time(large, times);
		const smallMs = time(small, repeat * times);
		if (largeMs / smallMs < best.ratio) best = { ratio: largeMs / smallMs, smallMs, largeMs };
	}
	return best;
}

/** The message of a failed ratio check. */
export function ratioMessage(r: { ratio: number; smallMs: number; largeMs: number }, smallSize: number, largeSize: number): string {
	return `${largeSize / 1000} KB took ${r.largeMs.toFixed(1)} ms, ${r.ratio.toFixed(1)} times the ${r.smallMs.toFixed(1)} ms of ${smallSize / 1000} KB`;
}
