/**
 * `paper-shelf`: the command line over the pure core (bundled to dist/cli.js).
 * Each sub-command lives in `commands/<name>.ts` and is registered here.
 */
export {};
console.log('paper-shelf: not yet implemented');
