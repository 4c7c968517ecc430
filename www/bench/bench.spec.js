// Measures the console against the network lower bound, in one browser run. Prints a table
// and writes JSON to BENCH_OUT. Timing never fails the run; only broken measurements do.
import { readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { test, expect } from '@playwright/test';
import { startSim } from '../e2e/sim.js';

const SIZES = [100, 1_000, 10_000];
// Runs per size; the median is reported (a 2-core machine is noisy).
const RUNS = { 100: 5, 1_000: 3, 10_000: 3 };
const CONCURRENCY = 6;
const LATENCY_MS = 5;

function mark(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);
}

/** The same N get_load_state requests from a plain JS loop, same concurrency, same page. */
async function lowerBound(page, url, n) {
  return page.evaluate(async ({ url, n, concurrency }) => {
    const names = Array.from({ length: n }, (_, i) => `collection_${String(i).padStart(5, '0')}`);
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const name = names[next++];
        const r = await fetch(`${url}/v2/vectordb/collections/get_load_state`, {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ collectionName: name }),
        });
        await r.json();
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return performance.now() - started;
  }, { url, n, concurrency: CONCURRENCY });
}

/** Refreshes and waits until that sweep has ended. */
async function sweep(page) {
  await page.evaluate(() => performance.clearMarks('mlc:sweep-done'));
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect.poll(() => mark(page, 'mlc:sweep-done'), { timeout: 300_000 }).not.toBeNull();
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function distSizes() {
  const dist = join(process.cwd(), '..', 'dist');
  const out = {};
  for (const file of readdirSync(dist)) {
    const kind = file.endsWith('.wasm') ? 'wasm' : file.endsWith('.js') ? 'js' : file.endsWith('.css') ? 'css' : null;
    if (!kind) continue;
    const bytes = readFileSync(join(dist, file));
    out[kind] ??= { raw: 0, gzip: 0 };
    out[kind].raw += statSync(join(dist, file)).size;
    out[kind].gzip += gzipSync(bytes, { level: 9 }).length;
  }
  // The stylesheet ships inside the wasm (adopted at run time).
  out.css ??= { raw: 0, gzip: 0 };
  out.total = { raw: out.wasm.raw + out.js.raw + out.css.raw, gzip: out.wasm.gzip + out.js.gzip + out.css.gzip };
  return out;
}

test('benchmark', async ({ page }) => {
  const sim = await startSim(['--collections', '100', '--latency-ms', String(LATENCY_MS)]);
  const results = { latencyMs: LATENCY_MS, concurrency: CONCURRENCY, sizes: [], bytes: distSizes() };
  try {
    for (const n of SIZES) {
      const runs = [];
      for (let run = 0; run < RUNS[n]; run++) {
        await sim.control('reset', { dataset: { collections: n, partitions: 1, seed: 7 } });
        // Same conditions for both sides: the console page, warm connections and preflight cache.
        await page.goto(`/?concurrency=${CONCURRENCY}`);
        await lowerBound(page, sim.url, 60);
        await page.getByLabel('Milvus endpoint').fill(sim.url);
        await page.getByRole('button', { name: 'Connect' }).click();
        await expect.poll(() => mark(page, 'mlc:states-known'), { timeout: 300_000 }).not.toBeNull();
        const connect = await mark(page, 'mlc:connect');
        const listReply = await mark(page, 'mlc:list-reply');
        const firstRow = await mark(page, 'mlc:first-row');
        const known = await mark(page, 'mlc:states-known');
        // The console's sweep, from its list reply, against the same requests from a plain loop.
        const consoleMs = known - listReply;
        const boundMs = await lowerBound(page, sim.url, n);
        runs.push({
          collections: n,
          connectToAllStatesMs: Math.round(known - connect),
          sweepMs: Math.round(consoleMs),
          lowerBoundMs: Math.round(boundMs),
          ratio: Number((consoleMs / boundMs).toFixed(3)),
          firstRowAfterListMs: Math.round(firstRow - listReply),
        });
      }
      const entry = { ...runs.sort((a, b) => a.ratio - b.ratio)[runs.length >> 1], runs: runs.length, ratios: runs.map((r) => r.ratio) };
      if (n === SIZES[SIZES.length - 1]) {
        const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
        entry.jsHeapMB = heap === null ? null : Number((heap / 1048576).toFixed(1));
        const filter = page.getByRole('searchbox', { name: 'Filter' });
        const samples = [];
        for (const text of ['c', 'co', 'col', 'coll', 'collection_0', 'collection_00', 'collection_001', 'collection_0012', '1', '12', '123', '']) {
          samples.push(await filter.evaluate((input, value) => new Promise((resolve) => {
            const started = performance.now();
            input.value = value;
            input.dispatchEvent(new InputEvent('input', { bubbles: true }));
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
          }), text));
        }
        entry.keystrokeToPaintMs = { p50: Number(percentile(samples, 50).toFixed(1)), p95: Number(percentile(samples, 95).toFixed(1)) };
        entry.domRows = await page.locator('tr.mlc-row').count();
      }
      results.sizes.push(entry);
    }
    // Idle and polling request rates, at the largest size: first nothing loading at all.
    for (const c of (await sim.collections()).filter((c) => c.state === 'Loading')) {
      await sim.control('loads/finish', { collectionName: c.name });
    }
    await sweep(page);
    await page.waitForTimeout(9_000);
    await sim.control('counters/reset', {});
    await page.waitForTimeout(10_000);
    const idle = Object.values(await sim.control('counters')).reduce((a, b) => a + b, 0);
    results.idleRequestsPerMinute = idle * 6;
    const loading = (await sim.collections()).filter((c) => c.state === 'NotLoad').slice(0, 3);
    for (const c of loading) await sim.control('loads/start', { collectionName: c.name, seconds: 600 });
    await sweep(page);
    await sim.control('counters/reset', {});
    await page.waitForTimeout(10_000);
    const counters = await sim.control('counters');
    results.loadingRequestsPerMinute = (counters['collections/get_load_state'] ?? 0) * 6;
  } finally {
    sim.stop();
  }
  const out = process.env.BENCH_OUT ?? join('..', 'target', 'bench', 'results.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2));
  const table = [
    '| collections | runs | connect → all states | console sweep | lower bound | ratio (median) | all ratios | first row after list |',
    '|---:|---:|---:|---:|---:|---:|---|---:|',
    ...results.sizes.map((s) => `| ${s.collections} | ${s.runs} | ${s.connectToAllStatesMs} ms | ${s.sweepMs} ms | ${s.lowerBoundMs} ms | ${s.ratio} | ${s.ratios.join(', ')} | ${s.firstRowAfterListMs} ms |`),
  ];
  const last = results.sizes[results.sizes.length - 1];
  table.push('', `keystroke → paint at ${last.collections}: p50 ${last.keystrokeToPaintMs.p50} ms, p95 ${last.keystrokeToPaintMs.p95} ms; ${last.domRows} rows in the DOM; JS heap ${last.jsHeapMB} MB`);
  table.push(`requests per minute: idle ${results.idleRequestsPerMinute}, with 3 collections loading ${results.loadingRequestsPerMinute}`);
  const b = results.bytes;
  table.push(`bytes: wasm ${b.wasm.raw} (${b.wasm.gzip} gzip), js ${b.js.raw} (${b.js.gzip} gzip), total ${b.total.raw} (${b.total.gzip} gzip)`);
  writeFileSync(out.replace(/\.json$/, '.md'), table.join('\n') + '\n');
  console.log('\n' + table.join('\n'));
});
