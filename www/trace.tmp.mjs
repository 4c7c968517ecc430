import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import { startSimRaw } from './trace-sim.tmp.mjs';
const N = Number(process.env.N ?? 100);
const dist = process.env.DIST ?? '/work/main/dist';
const server = createServer((req, res) => {
  let p = req.url.split('?')[0]; if (p === '/') p = '/index.html';
  try { const b = readFileSync(dist + p); res.writeHead(200, { 'Content-Type': p.endsWith('.wasm') ? 'application/wasm' : p.endsWith('.js') ? 'text/javascript' : p.endsWith('.css') ? 'text/css' : 'text/html' }); res.end(b); } catch { res.writeHead(404); res.end(); }
}).listen(8137);
const sim = await startSimRaw(['--collections', String(N), '--partitions', '1', '--seed', '7', '--latency-ms', '5']);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (let round = 0; round < 2; round++) {
  await page.goto(`http://127.0.0.1:8137/?concurrency=6`);
  await page.getByLabel('Milvus endpoint').fill(sim.url);
  let cdp;
  if (round === 1) { cdp = await page.context().newCDPSession(page); await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start'); }
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.waitForFunction(() => performance.getEntriesByName('mlc:states-known').length > 0, null, { timeout: 120000 });
  if (round === 1) { const { profile } = await cdp.send('Profiler.stop'); writeFileSync('/tmp/tr/cpu.json', JSON.stringify(profile)); }
  const m = await page.evaluate(() => Object.fromEntries(['mlc:connect', 'mlc:list-reply', 'mlc:first-row', 'mlc:states-known'].map((n) => [n, performance.getEntriesByName(n)[0]?.startTime])));
  const res = await page.evaluate(() => performance.getEntriesByType('resource').filter(r => r.name.includes('get_load_state')).map(r => [r.startTime, r.responseEnd]));
  console.log(round, m, 'requests', res.length, 'first start', res[0]?.[0], 'last end', res.at(-1)?.[1]);
}
await browser.close(); sim.stop(); server.close();
