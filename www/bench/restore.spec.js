// The restore's read of what is loaded now, against the same two reads per collection sent one
// at a time from a plain loop: 1,000 loaded collections of one partition at 5 ms a reply,
// paired on fresh pages. Timing never fails the run.
import { test } from '@playwright/test';
import { startSim } from '../e2e/sim.js';
import { median, round, record, waitForMark } from './shared.js';

const COLLECTIONS = 1_000;
const LATENCY_MS = 5;
const PAIRS = 3;

/** A saved set holding every collection: its plan has nothing to do, only the reads. */
function savedSet(sim) {
  const names = Array.from({ length: COLLECTIONS }, (_, i) => `collection_${String(i).padStart(5, '0')}`);
  return {
    format: 'milvus-load-console/loaded-set',
    version: 1,
    savedAt: '2026-12-01T08:00:00Z',
    endpoint: new URL(sim.url).host,
    databases: [{ name: 'default', collections: names.map((name) => ({ name })) }],
  };
}

/** From choosing the file to the plan on screen, in ms. */
async function consolePlan(page, sim, file) {
  await page.goto('/');
  await page.getByLabel('Milvus endpoint').fill(sim.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await waitForMark(page, 'mlc:sweep-done', 120_000);
  const started = Date.now();
  await page.getByLabel('Restore loaded set…').setInputFiles({
    name: 'all.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.getByRole('dialog', { name: 'Restore the loaded set' }).waitFor({ timeout: 300_000 });
  return Date.now() - started;
}

/** The same two reads per collection (state, partitions), one request at a time. */
async function oneAtATime(page, sim) {
  await page.goto('/');
  return page.evaluate(async ({ url, n }) => {
    const post = (path, body) => fetch(`${url}/v2/vectordb/${path}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    }).then((r) => r.json());
    const started = performance.now();
    await post('collections/list', {});
    for (let i = 0; i < n; i++) {
      const collectionName = `collection_${String(i).padStart(5, '0')}`;
      await post('collections/get_load_state', { collectionName });
      await post('partitions/list', { collectionName });
    }
    return performance.now() - started;
  }, { url: sim.url, n: COLLECTIONS });
}

test('restore plan read against one request at a time', async ({ page }) => {
  test.setTimeout(30 * 60_000);
  const sim = await startSim(['--latency-ms', String(LATENCY_MS)]);
  const pairs = [];
  try {
    await sim.control('reset', { dataset: { collections: COLLECTIONS, partitions: 1, seed: 7, states: 'loaded' } });
    const file = savedSet(sim);
    for (let i = 0; i < PAIRS; i++) {
      const planMs = await consolePlan(page, sim, file);
      const sequentialMs = await oneAtATime(page, sim);
      pairs.push({ planMs, sequentialMs, share: planMs / sequentialMs });
      console.log(`pair ${i + 1}: ${JSON.stringify(pairs[pairs.length - 1])}`);
    }
  } finally {
    sim.stop();
  }
  const results = {
    collections: COLLECTIONS,
    latencyMs: LATENCY_MS,
    planMs: round(median(pairs.map((p) => p.planMs))),
    sequentialMs: round(median(pairs.map((p) => p.sequentialMs))),
    share: round(median(pairs.map((p) => p.share)), 3),
    pairs,
  };
  record('restore', results, [
    `${COLLECTIONS} loaded collections at ${LATENCY_MS} ms a reply, ${pairs.length} pairs (medians):`,
    '',
    '| read | time |',
    '|---|---:|',
    `| the console's restore plan (file chosen → plan on screen) | ${results.planMs} ms |`,
    `| the same reads one request at a time | ${results.sequentialMs} ms |`,
    '',
    `The plan takes ${results.share} of the time one request at a time takes.`,
  ]);
});
