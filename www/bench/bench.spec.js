// Measures the console against the network lower bound, in one browser run. Prints a table
// and writes JSON to BENCH_OUT. Timing never fails the run; only broken measurements do.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { startSim } from '../e2e/sim.js';
import { mark, median, medianInterval, percentile, round, keystrokesToPaint, record, waitForMark } from './shared.js';

const SIZES = [100, 1_000, 10_000];
// Pairs per size: each pair is one console sweep and one lower-bound sweep, each on a fresh
// page, alternated (A B A B …) so that drift of the machine hits both sides alike. Pairs are
// added until the 95% interval of both medians (connect and Refresh) is within ±TARGET_HALF_WIDTH,
// which makes two runs agree within ±0.05 about 19 times in 20, or until the size's time is
// spent; the run says which (`converged`).
// Six pairs are the fewest for which the median has a 95% interval at all.
const MIN_PAIRS = { 100: 9, 1_000: 7, 10_000: 6 };
const MINUTES = { 100: 8, 1_000: 10, 10_000: 16 };
const TARGET_HALF_WIDTH = 0.035;
const CONCURRENCY = 6;
const LATENCY_MS = 5;

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
  await waitForMark(page, 'mlc:sweep-done', 300_000);
}

/** What the standalone page downloads (the console's own stylesheet ships inside the wasm). */
function shippedSizes() {
  const pkg = join(process.cwd(), '..', 'pkg');
  const files = { wasm: ['milvus_load_console_bg.wasm'], js: ['milvus_load_console.js', 'page.js'], css: ['page.css'] };
  const out = {};
  for (const [kind, names] of Object.entries(files)) {
    out[kind] = { raw: 0, gzip: 0 };
    for (const name of names) {
      const bytes = readFileSync(join(pkg, name));
      out[kind].raw += statSync(join(pkg, name)).size;
      out[kind].gzip += gzipSync(bytes, { level: 9 }).length;
    }
  }
  out.total = { raw: out.wasm.raw + out.js.raw + out.css.raw, gzip: out.wasm.gzip + out.js.gzip + out.css.gzip };
  return out;
}

/**
 * One console on a fresh page: its connect sweep of every collection (cold: the wasm code has
 * not been optimised by the engine yet and the table is drawn for the first time), then a
 * Refresh sweep of the same collections (warm), both measured from the list reply.
 */
async function consoleRun(page, sim) {
  await page.goto(`/?concurrency=${CONCURRENCY}`);
  // Same conditions as the lower bound: warm connections and preflight cache.
  await lowerBound(page, sim.url, 60);
  await page.getByLabel('Milvus endpoint').fill(sim.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await waitForMark(page, 'mlc:states-known', 300_000);
  await waitForMark(page, 'mlc:sweep-done', 60_000);
  const [connect, listReply, firstRow, known] = await Promise.all(
    ['mlc:connect', 'mlc:list-reply', 'mlc:first-row', 'mlc:states-known'].map((m) => mark(page, m)),
  );
  // The partition counts of the rows on screen follow a sweep: let them end first, so that the
  // Refresh sweep measures the same requests as the loop.
  await expect(page.locator('td.mlc-count [aria-label="not known yet"]')).toHaveCount(0, { timeout: 60_000 });
  await sweep(page);
  const [refreshList, refreshDone] = await Promise.all(['mlc:list-reply', 'mlc:sweep-done'].map((m) => mark(page, m)));
  return {
    connectToAllStatesMs: known - connect,
    sweepMs: known - listReply,
    firstRowAfterListMs: firstRow - listReply,
    warmSweepMs: refreshDone - refreshList,
  };
}

/** The same `n` requests from a plain loop, on a fresh page of the same origin. */
async function boundRun(page, sim, n) {
  await page.goto(`/?concurrency=${CONCURRENCY}`);
  await lowerBound(page, sim.url, 60);
  return lowerBound(page, sim.url, n);
}

function summarise(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const interval = medianInterval(sorted);
  return {
    median: round(median(sorted), 3),
    // The middle half: how far one pair strays.
    spread: [round(percentile(sorted, 25), 3), round(percentile(sorted, 75), 3)],
    // Where the median itself lies (at least 95%): what two runs can disagree by.
    interval: interval ? [round(interval.low, 3), round(interval.high, 3)] : null,
    all: sorted.map((r) => round(r, 3)),
  };
}

/** Whether the medians of these ratios are known within ±TARGET_HALF_WIDTH. */
function narrowEnough(...ratios) {
  return ratios.every((values) => {
    const interval = medianInterval(values);
    return interval !== null && (interval.high - interval.low) / 2 <= TARGET_HALF_WIDTH;
  });
}

const shown = (interval) => (interval ? interval.join('–') : 'too few pairs');

test('sweep against the lower bound', async ({ page }) => {
  // About 38 minutes on two cores; each size's figures are printed as soon as they are known.
  test.setTimeout(60 * 60_000);
  const sim = await startSim(['--collections', '100', '--latency-ms', String(LATENCY_MS)]);
  const results = { latencyMs: LATENCY_MS, concurrency: CONCURRENCY, sizes: [], bytes: shippedSizes() };
  try {
    for (const n of SIZES) {
      await sim.control('reset', { dataset: { collections: n, partitions: 1, seed: 7 } });
      const pairs = [];
      const deadline = Date.now() + MINUTES[n] * 60_000;
      let converged = false;
      while (true) {
        // Console, lower bound: alternated, each on a fresh page.
        const run = await consoleRun(page, sim);
        const boundMs = await boundRun(page, sim, n);
        pairs.push({
          ...run,
          lowerBoundMs: boundMs,
          ratio: run.sweepMs / boundMs,
          warmRatio: run.warmSweepMs / boundMs,
        });
        if (pairs.length < MIN_PAIRS[n]) continue;
        converged = narrowEnough(pairs.map((p) => p.ratio), pairs.map((p) => p.warmRatio));
        if (converged || Date.now() > deadline) break;
      }
      const medianOf = (key) => median(pairs.map((p) => p[key]));
      const ratio = summarise(pairs.map((p) => p.ratio));
      const warm = summarise(pairs.map((p) => p.warmRatio));
      const entry = {
        collections: n,
        pairs: pairs.length,
        ratio: ratio.median,
        ratioSpread: ratio.spread,
        ratioInterval: ratio.interval,
        ratios: ratio.all,
        warmSweepMs: round(medianOf('warmSweepMs')),
        warmRatio: warm.median,
        warmRatioSpread: warm.spread,
        warmRatioInterval: warm.interval,
        converged,
        warmRatios: warm.all,
        connectToAllStatesMs: round(medianOf('connectToAllStatesMs')),
        sweepMs: round(medianOf('sweepMs')),
        lowerBoundMs: round(medianOf('lowerBoundMs')),
        firstRowAfterListMs: round(medianOf('firstRowAfterListMs')),
      };
      if (n === SIZES[SIZES.length - 1]) {
        // The console of the last pair is gone: one more, kept for the figures below.
        await consoleRun(page, sim);
        // Collected first: without it the figure counts garbage and varies from run to run.
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
        entry.jsHeapMB = heap === null ? null : Number((heap / 1048576).toFixed(1));
        entry.keystrokeToPaintMs = await keystrokesToPaint(page);
        entry.domRows = await page.locator('tr.mlc-row').count();
      }
      results.sizes.push(entry);
      console.log(`${n} collections: ${JSON.stringify(entry)}`);
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
  const table = [
    '| collections | pairs | connect → all states | console sweep | lower bound | ratio (median of pairs) | 95% interval of the median | middle half | first row after list |',
    '|---:|---:|---:|---:|---:|---:|---|---|---:|',
    ...results.sizes.map((s) => `| ${s.collections} | ${s.pairs}${s.converged ? '' : ' (time spent first)'} | ${s.connectToAllStatesMs} ms | ${s.sweepMs} ms | ${s.lowerBoundMs} ms | ${s.ratio} | ${shown(s.ratioInterval)} | ${s.ratioSpread.join('–')} | ${s.firstRowAfterListMs} ms |`),
    '',
    'Refresh sweep of the same console (warm), against the same lower bound:',
    '',
    '| collections | pairs | refresh sweep | lower bound | ratio (median of pairs) | 95% interval of the median | middle half |',
    '|---:|---:|---:|---:|---:|---|---|',
    ...results.sizes.map((s) => `| ${s.collections} | ${s.pairs} | ${s.warmSweepMs} ms | ${s.lowerBoundMs} ms | ${s.warmRatio} | ${shown(s.warmRatioInterval)} | ${s.warmRatioSpread.join('–')} |`),
  ];
  const last = results.sizes[results.sizes.length - 1];
  table.push('', `keystroke → paint at ${last.collections}: p50 ${last.keystrokeToPaintMs.p50} ms, p95 ${last.keystrokeToPaintMs.p95} ms; ${last.domRows} rows in the DOM; JS heap ${last.jsHeapMB} MB`);
  table.push(`requests per minute: idle ${results.idleRequestsPerMinute}, with 3 collections loading ${results.loadingRequestsPerMinute}`);
  const b = results.bytes;
  table.push(`bytes: wasm ${b.wasm.raw} (${b.wasm.gzip} gzip), js ${b.js.raw} (${b.js.gzip} gzip), total ${b.total.raw} (${b.total.gzip} gzip)`);
  record('sweep', results, table);
});
