#!/usr/bin/env node
// `npx milvus-load-console`: serves the standalone page of this package on 127.0.0.1, with the
// page's security headers. Node's standard library only; nothing is fetched from the network.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 8080;

/** The only files served: the page and the module it shares with hosts. */
const FILES = new Map([
  ['/', ['index.html', 'text/html; charset=utf-8']],
  ['/index.html', ['index.html', 'text/html; charset=utf-8']],
  ['/page.js', ['page.js', 'text/javascript; charset=utf-8']],
  ['/page.css', ['page.css', 'text/css; charset=utf-8']],
  ['/favicon.svg', ['favicon.svg', 'image/svg+xml']],
  ['/milvus_load_console.js', ['milvus_load_console.js', 'text/javascript; charset=utf-8']],
  ['/milvus_load_console_bg.wasm', ['milvus_load_console_bg.wasm', 'application/wasm']],
]);

const HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
    "connect-src 'self' http: https:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

const USAGE = `usage: milvus-load-console [--milvus-url URL] [--port N]

Serves Milvus Load Console on http://127.0.0.1:${DEFAULT_PORT} (or the next free port) and prints
its address, pre-filled with --milvus-url (or MILVUS_URL) when given. Ctrl-C stops it.`;

function parse(args) {
  const options = { port: DEFAULT_PORT, milvusUrl: process.env.MILVUS_URL || '' };
  let source = 'MILVUS_URL';
  for (let i = 0; i < args.length; i += 1) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => (inline !== undefined ? inline : args[++i]);
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (flag === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port needs a number from 0 to 65535');
      options.port = port;
    } else if (flag === '--milvus-url') {
      options.milvusUrl = value() || '';
      source = '--milvus-url';
    } else {
      fail(`unknown argument ${JSON.stringify(args[i])}\n\n${USAGE}`);
    }
  }
  // User-info would be printed here and shown in the page's address and endpoint field; the
  // message does not repeat it.
  if (options.milvusUrl.includes('@')) {
    fail(`${source} must not contain a user name or password (user:password@). Give the URL ` +
      "without them and enter the credentials (user:password or an API key) as the token in the console's form.");
  }
  return options;
}

function fail(message) {
  console.error(`milvus-load-console: ${message}`);
  process.exit(2);
}

async function answer(request, response) {
  const path = (request.url || '/').split(/[?#]/, 1)[0];
  const file = FILES.get(path);
  if (!file || (request.method !== 'GET' && request.method !== 'HEAD')) {
    response.writeHead(404, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end('not found');
    return;
  }
  try {
    const body = await readFile(join(PACKAGE, file[0]));
    response.writeHead(200, { ...HEADERS, 'Content-Type': file[1], 'Content-Length': body.length });
    response.end(request.method === 'HEAD' ? undefined : body);
  } catch (error) {
    response.writeHead(500, { ...HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(`cannot read ${file[0]}: ${error.code || error.message}`);
  }
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server.address().port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}

const options = parse(process.argv.slice(2));
const server = createServer((request, response) => {
  answer(request, response).catch(() => response.destroy());
});
let port;
try {
  port = await listen(server, options.port);
} catch (error) {
  if (error.code !== 'EADDRINUSE') fail(`cannot listen on 127.0.0.1:${options.port}: ${error.message}`);
  port = await listen(server, 0);
  console.log(`Port ${options.port} is in use; serving on ${port} instead.`);
}
const query = options.milvusUrl ? `?endpoint=${encodeURIComponent(options.milvusUrl)}` : '';
console.log(`Milvus Load Console: http://127.0.0.1:${port}/${query}`);
console.log('Press Ctrl-C to stop.');
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
