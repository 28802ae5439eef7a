import * as assert from 'node:assert/strict';
import { LoadQueue, type LoadTicket } from '../../../src/core/shelf/loadQueue';

/** A promise and the function that settles it, so a test decides when a load's work finishes. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

/** A shelf of digests (file → content) that loads land on. */
function shelf() {
	const digests = new Map<string, string>();
	/** A load that waits for `gate`, then lands these digests. */
	const load = (gate: Promise<void>, files: Record<string, string>) => async (ticket: LoadTicket) => {
		await gate;
		for (const [file, content] of Object.entries(files)) ticket.land(file, () => digests.set(file, content));
		return Object.keys(files).length;
	};
	return { digests, load };
}

suite('Load queue', () => {
	test('A superseded reload is aborted: its promise rejects with AbortError and its digests never land, the newer ones do', async () => {
		const queue = new LoadQueue();
		const { digests, load } = shelf();
		const slow = deferred();
		let signal: AbortSignal | undefined;
		const first = queue.run('all', (ticket) => {
			signal = ticket.signal;
			return load(slow.promise, { 'a.txt': 'old a', 'b.txt': 'old b' })(ticket);
		});
		const second = queue.run('all', load(Promise.resolve(), { 'a.txt': 'new a' }));
		assert.equal(signal?.aborted, true, 'the older load is told at once');
		assert.equal(await second, 1);
		slow.resolve(); // the older load ignores its signal and tries to land anyway
		await assert.rejects(first, { name: 'AbortError' });
		assert.deepStrictEqual([...digests], [['a.txt', 'new a']]);
	});

	test('A load that honours its signal stops at once and still rejects with AbortError', async () => {
		const queue = new LoadQueue();
		let stopped = false;
		const first = queue.run('all', (ticket) => new Promise((_, reject) => {
			ticket.signal.addEventListener('abort', () => {
				stopped = true;
				reject(new Error('stopped by its signal'));
			});
		}));
		await queue.run('all', async () => 0);
		await assert.rejects(first, { name: 'AbortError' });
		assert.ok(stopped);
	});

	test('A file refreshed during a reload is left to the refresh: the reload lands the other files', async () => {
		const queue = new LoadQueue();
		const { digests, load } = shelf();
		const slow = deferred();
		const reload = queue.run('all', load(slow.promise, { 'a.txt': 'reload a', 'b.txt': 'reload b' }));
		await queue.run('a.txt', load(Promise.resolve(), { 'a.txt': 'changed a' }));
		slow.resolve();
		assert.equal(await reload, 2);
		assert.deepStrictEqual(Object.fromEntries(digests), { 'a.txt': 'changed a', 'b.txt': 'reload b' });
	});

	test('A refresh of a file aborts the earlier refresh of that file, not those of other files', async () => {
		const queue = new LoadQueue();
		const { digests, load } = shelf();
		const slow = deferred();
		const olderA = queue.run('a.txt', load(slow.promise, { 'a.txt': 'a 1' }));
		const b = queue.run('b.txt', load(slow.promise, { 'b.txt': 'b 1' }));
		const newerA = queue.run('a.txt', load(slow.promise, { 'a.txt': 'a 2' }));
		slow.resolve();
		await assert.rejects(olderA, { name: 'AbortError' });
		await Promise.all([b, newerA]);
		assert.deepStrictEqual(Object.fromEntries(digests), { 'a.txt': 'a 2', 'b.txt': 'b 1' });
	});

	test('A reload aborts the refreshes in flight; disposing aborts everything', async () => {
		const queue = new LoadQueue();
		const { digests, load } = shelf();
		const slow = deferred();
		const refresh = queue.run('a.txt', load(slow.promise, { 'a.txt': 'refresh' }));
		const reload = queue.run('all', load(slow.promise, { 'a.txt': 'reload' }));
		queue.dispose();
		slow.resolve();
		await assert.rejects(refresh, { name: 'AbortError' });
		await assert.rejects(reload, { name: 'AbortError' });
		assert.equal(digests.size, 0);
		await assert.rejects(queue.run('all', async () => 1), { name: 'AbortError' }, 'a disposed queue runs nothing');
	});

	test('The queue knows whether loads are in flight', async () => {
		const queue = new LoadQueue();
		const gate = deferred();
		assert.equal(queue.busy, false);
		const running = queue.run('all', () => gate.promise);
		assert.equal(queue.busy, true);
		gate.resolve();
		await running;
		assert.equal(queue.busy, false);
	});
});
