import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { startSimRaw } from './trace-sim.tmp.mjs';
const N = Number(process.env.N ?? 100);
const dist = '/work/main/dist';
const server = createServer((req, res) => {
  let p = req.url.split('?')[0]; if (p === '/') p = '/index.html';
  try { const b = readFileSync(dist + p); res.writeHead(200, { 'Content-Type': p.endsWith('.wasm') ? 'application/wasm' : p.endsWith('.js') ? 'text/javascript' : p.endsWith('.css') ? 'text/css' : 'text/html' }); res.end(b); } catch { res.writeHead(404); res.end(); }
}).listen(8139);
const sim = await startSimRaw(['--collections', String(N), '--partitions', '1', '--seed', '7', '--latency-ms', '5']);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const stats = (list) => {
  const span = Math.max(...list.map(r => r[1])) - Math.min(...list.map(r => r[0]));
  const busy = list.reduce((a, r) => a + r[1] - r[0], 0);
  const each = list.map(r => r[1] - r[0]).sort((a, b) => a - b);
  return { n: list.length, span: Math.round(span), avgInFlight: (busy / span).toFixed(2), p50: each[each.length >> 1].toFixed(1), p90: each[Math.floor(each.length * 0.9)].toFixed(1) };
};
for (let round = 0; round < 3; round++) {
  await page.goto(`http://127.0.0.1:8139/?concurrency=6`);
  await page.evaluate(() => performance.setResourceTimingBufferSize(100000));
  await page.getByLabel('Milvus endpoint').fill(sim.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('mlc:states-known').length > 0, null, { timeout: 120000 });
  const m = await page.evaluate(() => ['mlc:list-reply', 'mlc:first-row', 'mlc:states-known'].map((n) => performance.getEntriesByName(n)[0]?.startTime));
  const res = await page.evaluate(() => performance.getEntriesByType('resource').filter(r => r.name.includes('get_load_state')).map(r => [r.startTime, r.responseEnd]));
  await page.evaluate(() => performance.clearResourceTimings());
  const cdp = await page.context().newCDPSession(page); await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
  await page.evaluate(async ({ url, n }) => {
    const names = Array.from({ length: n }, (_, i) => `collection_${String(i).padStart(5, '0')}`);
    let next = 0;
    const worker = async () => { while (next < names.length) { const r = await fetch(`${url}/v2/vectordb/collections/get_load_state`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ collectionName: names[next++] }) }); await r.json(); } };
    await Promise.all(Array.from({ length: 6 }, worker));
  }, { url: sim.url, n: N });
  const { profile } = await cdp.send('Profiler.stop'); (await import('node:fs')).writeFileSync('/tmp/tr/loop' + round + '.json', JSON.stringify(profile));
  const res2 = await page.evaluate(() => performance.getEntriesByType('resource').filter(r => r.name.includes('get_load_state')).map(r => [r.startTime, r.responseEnd]));
  console.log('sweep', Math.round(m[2] - m[0]), 'console', stats(res), 'loop', stats(res2));
}
await browser.close(); sim.stop(); server.close();
