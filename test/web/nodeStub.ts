/**
 * What a Node built-in (`node:fs`, `node:child_process`, …) resolves to in the integration suite bundled for the web
 * worker extension host. Tests that need Node are registered with `nodeOnlyTest`/`nodeOnlySuite` and never run there;
 * if one reached a Node API anyway, this says why it failed instead of a bare "is not a function".
 */
const unavailable = new Proxy(
	{},
	{
		get(_target, name) {
			if (name === '__esModule' || name === 'default' || typeof name === 'symbol') return undefined;
			throw new Error(`Node's ${String(name)} is not available in the web worker extension host: mark the test nodeOnlyTest(…) with the reason`);
		},
	},
);

export = unavailable;
