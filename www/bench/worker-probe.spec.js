// Where the browser's cost of a request is paid: the same get_load_state requests sent by a
// plain loop on the page's main thread and by the same loop in a dedicated worker that posts the
// replies back to the page (one message per reply, or one per batch), over HTTP/1.1 with 6 in
// flight and over HTTP/2 with 64. Prints each variant's time, median of PAIRS rounds. Timing
// never fails the run.
import { test } from '@playwright/test';
import { startSim } from '../e2e/sim.js';
import { median, round, record } from './shared.js';

const REQUESTS = Number(process.env.PROBE_REQUESTS ?? 3_000);
const LATENCY_MS = Number(process.env.PROBE_LATENCY_MS ?? 5);
const ROUNDS = Number(process.env.PROBE_ROUNDS ?? 3);

test.use({ ignoreHTTPSErrors: true });

/** The loop, as text: runs in the page and in the worker alike. */
const LOOP = `
async function loop(url, n, inFlight, onReply) {
  let next = 0;
  const one = async () => {
    while (next < n) {
      const i = next++;
      const collectionName = 'collection_' + String(i).padStart(5, '0');
      const response = await fetch(url + '/v2/vectordb/collections/get_load_state', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ collectionName }),
      });
      onReply(await response.text());
    }
  };
  await Promise.all(Array.from({ length: inFlight }, one));
}
`;

async function onMainThread(page, url, inFlight) {
  return page.evaluate(async ({ url, n, inFlight, source }) => {
    const loop = new Function(`${source}; return loop;`)();
    let bytes = 0;
    const started = performance.now();
    await loop(url, n, inFlight, (text) => { bytes += text.length; });
    return performance.now() - started;
  }, { url, n: REQUESTS, inFlight, source: LOOP });
}

async function inWorker(page, url, inFlight, batchMs) {
  return page.evaluate(async ({ url, n, inFlight, source, batchMs }) => {
    const worker = `${source}
      onmessage = async ({ data }) => {
        let batch = [];
        let timer = null;
        const flush = () => { timer = null; if (batch.length) { postMessage(batch); batch = []; } };
        await loop(data.url, data.n, data.inFlight, (text) => {
          if (data.batchMs === 0) { postMessage([text]); return; }
          batch.push(text);
          if (timer === null) timer = setTimeout(flush, data.batchMs);
        });
        if (timer !== null) clearTimeout(timer);
        flush();
      };`;
    const blob = new Blob([worker], { type: 'text/javascript' });
    const w = new Worker(URL.createObjectURL(blob));
    const started = performance.now();
    await new Promise((resolve) => {
      let got = 0;
      w.onmessage = ({ data }) => {
        got += data.length;
        if (got >= n) resolve();
      };
      w.postMessage({ url, n, inFlight, batchMs });
    });
    w.terminate();
    return performance.now() - started;
  }, { url, n: REQUESTS, inFlight, source: LOOP, batchMs });
}

test('a request loop on the main thread and in a worker', async ({ page }) => {
  test.setTimeout(30 * 60_000);
  const plain = await startSim(['--latency-ms', String(LATENCY_MS)]);
  const tls = await startSim(['--tls', '--latency-ms', String(LATENCY_MS)]);
  const times = {};
  const variants = [
    ['page, HTTP/1.1, 6 in flight', (p) => onMainThread(p, plain.url, 6)],
    ['page, HTTP/2, 64 in flight', (p) => onMainThread(p, tls.url, 64)],
    ['worker, HTTP/1.1, 6 in flight, a message per reply', (p) => inWorker(p, plain.url, 6, 0)],
    ['worker, HTTP/2, 64 in flight, a message per reply', (p) => inWorker(p, tls.url, 64, 0)],
    ['worker, HTTP/2, 64 in flight, a message per 16 ms', (p) => inWorker(p, tls.url, 64, 16)],
  ];
  // The loops run on a page of a third origin (so both simulators are cross-origin, as
  // Milvus is to the console): the console's own page forbids workers from blob URLs.
  const origin = await startSim([]);
  try {
    for (const sim of [plain, tls]) {
      await sim.control('reset', { dataset: { collections: REQUESTS, partitions: 1, seed: 7 } });
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const [name, run] of variants) {
        await page.goto(`${origin.url}/__sim/counters`);
        const ms = await run(page);
        (times[name] ??= []).push(ms);
        console.log(`round ${r + 1}: ${name}: ${round(ms)} ms`);
      }
    }
  } finally {
    plain.stop();
    tls.stop();
    origin.stop();
  }
  const base = median(times[variants[0][0]]);
  record('worker-probe', { requests: REQUESTS, latencyMs: LATENCY_MS, times }, [
    `${REQUESTS} get_load_state at ${LATENCY_MS} ms a reply, ${ROUNDS} rounds (medians):`,
    '',
    "| loop | time | against the page's loop over HTTP/1.1 |",
    '|---|---:|---:|',
    ...variants.map(([name]) => {
      const m = median(times[name]);
      return `| ${name} | ${round(m)} ms | ${round(base / m, 2)}× |`;
    }),
  ]);
});
