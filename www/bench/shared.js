// What the benchmark's files share: reading the console's performance marks, percentiles,
// input-to-paint timing, and one results file per run that each benchmark adds its section to.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';

export function mark(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? null, name);
}

/**
 * Waits inside the page until the mark `name` exists, and returns its time. One evaluate that
 * resolves from a PerformanceObserver: polling from the runner would interrupt the page's main
 * thread during the very sweep being measured (the plain loop is never interrupted).
 */
export function waitForMark(page, name, timeoutMs) {
  return page.evaluate(({ name, timeoutMs }) => new Promise((resolve, reject) => {
    const found = () => performance.getEntriesByName(name, 'mark')[0]?.startTime;
    const now = found();
    if (now !== undefined) return resolve(now);
    const timer = setTimeout(() => { observer.disconnect(); reject(new Error(`no mark ${name} within ${timeoutMs} ms`)); }, timeoutMs);
    const observer = new PerformanceObserver(() => {
      const at = found();
      if (at === undefined) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve(at);
    });
    observer.observe({ type: 'mark' });
  }), { name, timeoutMs });
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The median, the two middle values averaged when their number is even. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The median of `values` with an interval that holds the true median at least 95% of the time
 * whatever the distribution: the k-th smallest and k-th largest value, k from the binomial
 * distribution of how many values fall below the median. `null` when there are too few values
 * (fewer than 6) for any such interval.
 */
export function medianInterval(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  // P(fewer than k of n values below the median) ≤ 2.5% on each side.
  let probability = 0.5 ** n;
  let below = 0;
  let k = 0;
  for (let i = 0; below + probability <= 0.025; i++) {
    below += probability;
    probability *= (n - i) / (i + 1);
    k = i + 1;
  }
  if (k === 0) return null;
  return { median: median(sorted), low: sorted[k - 1], high: sorted[n - k], level: 1 - 2 * below };
}

export const round = (x, digits = 0) => Number(x.toFixed(digits));

/** p50 and p95 of a list of milliseconds, to 0.1 ms. */
export function spread(samples) {
  return { p50: round(percentile(samples, 50), 1), p95: round(percentile(samples, 95), 1), n: samples.length };
}

/** Connects the console (on a fresh page) to the simulator and waits for every state. */
export async function connect(page, sim, query = '') {
  await page.goto(`/?concurrency=6${query}`);
  await page.getByLabel('Milvus endpoint').fill(sim.url);
  await page.getByRole('button', { name: 'Connect' }).click();
  await waitForMark(page, 'mlc:states-known', 600_000);
}

/** Milliseconds from an input event on the filter to the next paint, per text typed. */
export async function keystrokesToPaint(page) {
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
  return spread(samples);
}

/** Milliseconds from a click on each element to the next paint. */
export async function clicksToPaint(locators) {
  const samples = [];
  for (const locator of locators) {
    samples.push(await locator.evaluate((element) => new Promise((resolve) => {
      const started = performance.now();
      element.click();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    })));
  }
  return spread(samples);
}

/** The number in "1,234 done" however the locale groups digits. */
export function countBefore(text, word) {
  const match = new RegExp(`([\\d.,\\s\\u00a0\\u202f]+) ${word}`).exec(text ?? '');
  return match ? Number(match[1].replace(/\D/g, '')) : null;
}

function resultsPath() {
  return process.env.BENCH_OUT ?? join('..', 'target', 'bench', 'run-latest.json');
}

/**
 * Adds one benchmark's figures and its lines of the printed table to this run's file, and
 * writes every section's lines so far to results.md beside it.
 */
export function record(section, figures, lines) {
  const path = resultsPath();
  mkdirSync(dirname(path), { recursive: true });
  const run = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { at: new Date().toISOString(), tables: {} };
  run[section] = figures;
  run.tables[section] = lines;
  writeFileSync(path, JSON.stringify(run, null, 2));
  const text = Object.entries(run.tables).map(([name, body]) => [`## ${name}`, '', ...body, ''].join('\n')).join('\n');
  writeFileSync(join(dirname(path), 'results.md'), text);
  console.log(`\n## ${section}\n\n${lines.join('\n')}`);
}
