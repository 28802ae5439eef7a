/** Which extension host a test build targets: 'node' (out/, run by test/integration/index.ts) or 'web' (out/test/web/integration.js). Set by esbuild.js. */
declare const PAPER_SHELF_TEST_HOST: 'node' | 'web';
