// Starts milvus-sim processes for tests and talks to their control API.
import { spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { test as base, expect } from '@playwright/test';

/** Starts a simulator with `args`; resolves once it prints the address it listens on. */
export async function startSim(args = ['--demo']) {
  const binary = process.env.MILVUS_SIM_BIN;
  if (!binary) throw new Error('MILVUS_SIM_BIN is not set (run through cargo xtask test e2e)');
  // --control: the test-only control API (/__sim/) is off unless asked for.
  const child = spawn(binary, ['--port', '0', '--control', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      const match = /listening on (https?:\/\/\S+)/.exec(line);
      match ? resolve(match[1]) : reject(new Error(`unexpected banner: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`milvus-sim exited with ${code}`)));
  });
  const control = async (path, body) => {
    const init = body === undefined
      ? {}
      : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    const response = await (url.startsWith('https:') ? fetchSelfSigned : fetch)(`${url}/__sim/${path}`, init);
    if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    url,
    control,
    /** The collections of one database as the simulator holds them. */
    collections: async (db = 'default') =>
      (await control(`state?db=${encodeURIComponent(db)}`)).databases[db].collections,
    stop: () => child.kill(),
  };
}

/** `fetch` for a `milvus-sim --tls`, whose certificate is made at its start and signed by no one. */
function fetchSelfSigned(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { method, headers, rejectUnauthorized: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ ok: res.statusCode < 300, status: res.statusCode, text: async () => text, json: async () => JSON.parse(text) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The console's address, pre-filled to talk to `sim`. */
export function consoleUrl(sim, extra = '') {
  return `/?endpoint=${encodeURIComponent(sim.url)}${extra}`;
}

/**
 * Opens the console from a link to `sim` and connects: a link to an endpoint not connected to
 * before only pre-fills the form.
 */
export async function openConsole(page, sim, extra = '') {
  await page.goto(consoleUrl(sim, extra));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

/** The badge text the console shows for a simulator state. */
export function badgeFor(state) {
  return { Loaded: /^Loaded$/, NotLoad: /^Released$/, Loading: /^Loading \d+%$/ }[state];
}

/** A test with a demo simulator (`sim`) started before and stopped after. */
export const test = base.extend({
  simArgs: [['--demo'], { option: true }],
  sim: async ({ simArgs }, use) => {
    const sim = await startSim(simArgs);
    await use(sim);
    sim.stop();
  },
  page: async ({ page }, use) => {
    // Any console error or uncaught exception fails the test.
    const problems = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    // Chromium itself logs every failed or non-2xx fetch ("Failed to load resource"); those
    // are the network, not the console, and are expected in fault tests.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${m.text()}`);
      }
    });
    await use(page);
    expect(problems, 'console errors and uncaught exceptions').toEqual([]);
  },
});

export { expect };

/** An address where nothing listens. */
export async function closedUrl() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/**
 * Installs the page's clock at 14:02 local time (the browser's and this process's alike) and
 * leaves `films` the demo's only load, held at 37%: the demo's slow load moves in real time
 * while the page's clock jumps, so it is finished first. Returns the start time.
 */
export async function holdFilmsAt37(page, sim) {
  const start = new Date(2026, 0, 5, 14, 2, 0).getTime();
  await page.clock.install({ time: start });
  await sim.control('loads/finish', { collectionName: 'wiki_passages_e5_large' });
  await sim.control('loads/start', { collectionName: 'films', seconds: 600, progress: 37 });
  return start;
}

/** Waits until the simulator's request counters stand still between two reads `everyMs` apart. */
export async function requestsSettled(sim, { everyMs = 300, timeout = 10_000 } = {}) {
  let seen = null;
  await expect.poll(async () => {
    const now = JSON.stringify(await sim.control('counters'));
    const still = now === seen;
    seen = now;
    return still;
  }, { intervals: [everyMs], timeout, message: 'requests under way settle' }).toBe(true);
}

/**
 * Asserts that the page sends the simulator nothing during `ms` of page time. The page's clock
 * must have been installed (`page.clock.install()`) before it loaded: the time is fast-forwarded,
 * firing every timer due meanwhile, instead of being waited for.
 */
export async function expectNoRequestsFor(page, sim, ms = 2_000) {
  // Requests already under way finish first: with the page's clock paused, only chains of
  // replies and the requests they start can move.
  await requestsSettled(sim);
  await sim.control('counters/reset', {});
  await page.clock.runFor(ms);
  // Requests started by the timers just fired reach the simulator before this round trip ends.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  await page.clock.runFor(1);
  expect(await sim.control('counters')).toEqual({});
}

/** The address of a test host (set by `cargo xtask test e2e`): missing is a failure, not a skip. */
export function hostUrl(variable) {
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set (run through cargo xtask test e2e)`);
  return url;
}
