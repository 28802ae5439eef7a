// @ts-check
'use strict';
/**
 * A local stand-in for the Hugging Face daily papers API that the integration runner starts for every host (desktop,
 * code-server's Node host and its web worker host), because a test running in the web worker cannot start a server
 * itself. It answers every day with the recorded day in test/fixtures, under two paths:
 *   /cors/hf?date=D    with `Access-Control-Allow-Origin: *` (an API a web page may call, as Hugging Face's does)
 *   /plain/hf?date=D   without it (an API the browser refuses to let a web page read: a CORS refusal)
 * The tests that script failures per request (test/integration/fetch.test.ts) run their own server in the Node host.
 */
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { URL } = require('node:url');

/** @returns {Promise<{ url: string, close: () => Promise<void> }>} */
async function startFetchStandIn() {
	const day = fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'digests', 'hf-daily-papers-2026-08-21.json'));
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const cors = url.pathname === '/cors/hf';
		if (!cors && url.pathname !== '/plain/hf') {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json', ...(cors ? { 'access-control-allow-origin': '*' } : {}) });
		res.end(day);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => {
			server.closeAllConnections();
			server.close(() => resolve());
		}),
	};
}

module.exports = { startFetchStandIn };
