// A CPU profile of the page's main thread during one sweep: node bench/profile.mjs (from www/)
// with CONSOLE_URL (a served page whose wasm keeps its function names) and MILVUS_SIM_BIN set
// as for the benchmarks. Prints the self time by function, the share of wasm, glue and the
// browser's own work, and the time per reply.
// Options (environment): COLLECTIONS (10,000), LATENCY_MS (5), TLS (1: HTTP/2), TOP (40).
//
// The page with names, from the repository's root after `cargo xtask size` built pkg/:
//   cp -r pkg /tmp/named && wasm-bindgen --target web --out-dir /tmp/named-glue \
//     target/wasm32-unknown-unknown/release/milvus_load_console.wasm &&
//   www/node_modules/.bin/wasm-opt -Oz -g /tmp/named-glue/milvus_load_console_bg.wasm \
//     -o /tmp/named/milvus_load_console_bg.wasm &&
//   cp /tmp/named-glue/milvus_load_console.js /tmp/named/ &&
//   (cd /tmp/named && python3 -m http.server 8766)
import { chromium } from '@playwright/test';
import { startSim } from '../e2e/sim.js';
import { waitForMark } from './shared.js';

const collections = Number(process.env.COLLECTIONS ?? 10_000);
const latency = Number(process.env.LATENCY_MS ?? 5);
const top = Number(process.env.TOP ?? 40);
const args = ['--collections', String(collections), '--partitions', '1', '--seed', '7', '--latency-ms', String(latency)];
if (process.env.TLS === '1') args.push('--tls');
const sim = await startSim(args);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(process.env.CONSOLE_URL);
  await page.getByLabel('Milvus endpoint').fill(sim.url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await sim.control('counters/reset', {});
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.getByRole('button', { name: 'Connect' }).click();
  await waitForMark(page, 'mlc:states-known', 600_000);
  const wallMs = Date.now() - started;
  const { profile } = await cdp.send('Profiler.stop');
  const replies = (await sim.control('counters'))['collections/get_load_state'] ?? 0;

  // Self time per node: samples × the interval between them.
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const byName = new Map();
  const byKind = new Map();
  for (const [id, us] of selfUs) {
    const frame = byId.get(id).callFrame;
    const name = frame.functionName || `(anonymous ${frame.url.split('/').pop()}:${frame.lineNumber})`;
    const kind = frame.url.endsWith('.wasm') || frame.url.includes('wasm://') ? 'wasm'
      : frame.url.includes('milvus_load_console') ? 'glue (js)'
      : frame.url === '' ? name : 'other js';
    byName.set(name, (byName.get(name) ?? 0) + us);
    byKind.set(kind, (byKind.get(kind) ?? 0) + us);
  }
  const busy = [...byKind].filter(([k]) => k !== '(idle)').reduce((s, [, us]) => s + us, 0);
  console.log(`${collections} collections at ${latency} ms${process.env.TLS === '1' ? ' over HTTP/2' : ''}: sweep ${wallMs} ms, ${replies} replies, main thread busy ${(busy / 1000).toFixed(0)} ms = ${(busy / 1000 / Math.max(1, replies)).toFixed(3)} ms per reply`);
  console.log('\nby kind (ms, ms per reply)');
  for (const [kind, us] of [...byKind].sort((a, b) => b[1] - a[1])) {
    console.log(`${(us / 1000).toFixed(1).padStart(9)} ${(us / 1000 / Math.max(1, replies)).toFixed(4)}  ${kind}`);
  }
  console.log(`\ntop ${top} functions by self time (ms)`);
  for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(1).padStart(9)}  ${name.slice(0, 150)}`);
  }
} finally {
  await browser.close();
  sim.stop();
}
