// The sweep over HTTP/2 against the same sweep over HTTP/1.1: 10,000 collections at 5 ms a
// reply, one simulator serving HTTPS (ALPN h2) and one plain HTTP, paired and alternated on
// fresh pages. Prints the ratio of the sweeps with its interval, the reads in flight (mean
// and most, as the simulator saw them), the time until the first 15 rows' states are drawn,
// and the page's main-thread time per reply. Timing never fails the run.
import { test } from '@playwright/test';
import { startSim } from '../e2e/sim.js';
import { mark, median, medianInterval, round, record, waitForMark } from './shared.js';

// The setting by default; HTTP2_COLLECTIONS, HTTP2_LATENCY_MS and HTTP2_PAIRS change
// it (a longer latency makes the network, not this machine's CPU, bound the sweep).
const COLLECTIONS = Number(process.env.HTTP2_COLLECTIONS ?? 10_000);
const LATENCY_MS = Number(process.env.HTTP2_LATENCY_MS ?? 5);
const PAIRS = Number(process.env.HTTP2_PAIRS ?? 6);
const FIRST_ROWS = 15;

test.use({ ignoreHTTPSErrors: true });

/**
 * Records (in the page) when the first `rows` rows all show a state: a MutationObserver, so
 * that nothing polls the page during the sweep.
 */
function watchFirstRows(page, rows) {
  return page.evaluate((rows) => {
    window.__firstRows = null;
    const observer = new MutationObserver(() => {
      const badges = [...document.querySelectorAll('tr.mlc-row .mlc-badge')].slice(0, rows);
      if (badges.length === rows && badges.every((b) => !b.textContent.startsWith('Checking'))) {
        window.__firstRows = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, rows);
}

/** The page's main-thread busy time so far, in ms (Chromium's TaskDuration). */
async function taskMs(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0);
}

/** One console connecting to `sim` on a fresh page: its sweep, measured from the list reply. */
async function sweepOnce(page, sim) {
  await page.goto('/');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.getByLabel('Milvus endpoint').fill(sim.url);
  await watchFirstRows(page, FIRST_ROWS);
  await sim.control('counters/reset', {});
  const busyBefore = await taskMs(cdp);
  await page.getByRole('button', { name: 'Connect' }).click();
  await waitForMark(page, 'mlc:states-known', 300_000);
  const busyAfter = await taskMs(cdp);
  const [listReply, known] = await Promise.all(['mlc:list-reply', 'mlc:states-known'].map((m) => mark(page, m)));
  const firstRows = await page.evaluate(() => window.__firstRows);
  const inFlight = await sim.control('in-flight');
  const counters = await sim.control('counters');
  await cdp.detach();
  const replies = counters['collections/get_load_state'] ?? 0;
  const sweepMs = known - listReply;
  return {
    sweepMs,
    firstRowsMs: firstRows === null ? null : firstRows - listReply,
    maxInFlight: inFlight.max,
    // Little's law over the whole connection: the time spent answering over the time taken.
    meanInFlight: inFlight.busyMicros / 1000 / (known - (await mark(page, 'mlc:connect'))),
    mainThreadMsPerReply: (busyAfter - busyBefore) / Math.max(1, replies),
    preflights: counters.OPTIONS ?? 0,
    versions: Object.keys(inFlight.versions),
  };
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const interval = medianInterval(sorted);
  return { median: round(median(sorted), 3), interval: interval ? [round(interval.low, 3), round(interval.high, 3)] : null };
}

test('sweep over HTTP/2 against HTTP/1.1', async ({ page }) => {
  test.setTimeout(40 * 60_000);
  const args = ['--collections', String(COLLECTIONS), '--partitions', '1', '--seed', '7', '--latency-ms', String(LATENCY_MS)];
  const h1 = await startSim(args);
  const h2 = await startSim([...args, '--tls']);
  const pairs = [];
  try {
    for (let i = 0; i < PAIRS; i++) {
      const one = await sweepOnce(page, h1);
      const two = await sweepOnce(page, h2);
      pairs.push({ h1: one, h2: two, speedup: one.sweepMs / two.sweepMs });
      console.log(`pair ${i + 1}: ${JSON.stringify(pairs[pairs.length - 1])}`);
    }
  } finally {
    h1.stop();
    h2.stop();
  }
  const of = (side, key) => summary(pairs.map((p) => p[side][key]).filter((v) => v !== null));
  const results = {
    collections: COLLECTIONS,
    latencyMs: LATENCY_MS,
    pairs: pairs.length,
    speedup: summary(pairs.map((p) => p.speedup)),
    http1: { sweepMs: of('h1', 'sweepMs'), firstRowsMs: of('h1', 'firstRowsMs'), meanInFlight: of('h1', 'meanInFlight'), maxInFlight: of('h1', 'maxInFlight'), mainThreadMsPerReply: of('h1', 'mainThreadMsPerReply'), preflights: of('h1', 'preflights') },
    http2: { sweepMs: of('h2', 'sweepMs'), firstRowsMs: of('h2', 'firstRowsMs'), meanInFlight: of('h2', 'meanInFlight'), maxInFlight: of('h2', 'maxInFlight'), mainThreadMsPerReply: of('h2', 'mainThreadMsPerReply'), preflights: of('h2', 'preflights') },
    all: pairs,
  };
  const row = (name, s) => `| ${name} | ${s.sweepMs.median} ms | ${s.firstRowsMs.median} ms | ${round(s.meanInFlight.median, 1)} | ${s.maxInFlight.median} | ${round(s.mainThreadMsPerReply.median, 3)} ms | ${s.preflights.median} |`;
  const interval = results.speedup.interval ? results.speedup.interval.join('–') : 'too few pairs';
  record('http2', results, [
    `${COLLECTIONS} collections at ${LATENCY_MS} ms a reply, ${pairs.length} pairs (medians):`,
    '',
    '| protocol | sweep (list reply → all states) | first 15 rows | reads in flight (mean) | reads in flight (most) | main thread per reply | preflights |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row('HTTP/1.1', results.http1),
    row('HTTP/2', results.http2),
    '',
    `HTTP/2 is ${results.speedup.median}× faster (95% interval of the median ${interval}).`,
  ]);
});
