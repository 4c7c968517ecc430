import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { startSimRaw } from './trace-sim.tmp.mjs';
const dist = '/work/main/dist';
const server = createServer((req, res) => {
  let p = req.url.split('?')[0]; if (p === '/') p = '/index.html';
  try { const b = readFileSync(dist + p); res.writeHead(200, { 'Content-Type': p.endsWith('.wasm') ? 'application/wasm' : p.endsWith('.js') ? 'text/javascript' : p.endsWith('.css') ? 'text/css' : 'text/html' }); res.end(b); } catch { res.writeHead(404); res.end(); }
}).listen(8138);
const sim = await startSimRaw(['--collections', '300', '--partitions', '1', '--seed', '7', '--latency-ms', '5']);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:8138/`);
for (const variant of ['plain', 'signal', 'request', 'request+signal', 'plain', 'text', 'headers-obj', 'plain']) {
  const ms = await page.evaluate(async ({ url, variant }) => {
    const names = Array.from({ length: 300 }, (_, i) => `collection_${String(i).padStart(5, '0')}`);
    const started = performance.now(); let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const body = JSON.stringify({ collectionName: names[next++] });
        const u = `${url}/v2/vectordb/collections/get_load_state`;
        const init = { method: 'POST', headers: { 'Content-Type': 'application/json' }, body };
        let r;
        if (variant === 'plain' || variant === 'text') r = await fetch(u, init);
        else if (variant === 'signal') r = await fetch(u, { ...init, signal: new AbortController().signal });
        else if (variant === 'request') r = await fetch(new Request(u, init));
        else if (variant === 'request+signal') r = await fetch(new Request(u, { ...init, signal: new AbortController().signal }));
        else if (variant === 'headers-obj') { const h = new Headers(); h.append('Content-Type', 'application/json'); r = await fetch(u, { method: 'POST', headers: h, body }); }
        variant === 'text' ? await r.text() : await r.arrayBuffer();
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    return performance.now() - started;
  }, { url: sim.url, variant });
  console.log(variant, Math.round(ms));
}
await browser.close(); sim.stop(); server.close();
