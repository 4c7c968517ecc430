// What the server really says, shown as it is: partial loads in the list, loads never sent
// for what is loaded, loads the server drops, and a transient "collection not found".
import { test, expect, openConsole, hostUrl } from './sim.js';

const HOST = hostUrl('HOST_URL');

// `scope` is the page or a host's element (the console sits in its shadow root).
const row = (scope, name) => scope.locator(`tr.mlc-row:has(th[title="${name}"])`);
const badge = (scope, name) => row(scope, name).locator('.mlc-badge');

test('a partly loaded collection reads "Partly loaded" in the list without being opened', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(badge(page, 'user_events')).toHaveText(/^Partly loaded/);
  await expect(badge(page, 'books')).toHaveText('Loaded');
  await expect(page.locator('.mlc-partitions')).toHaveCount(0);
  expect((await sim.control('counters'))['partitions/load'] ?? 0).toBe(0);
});

test('a bulk Load sends collections/load only for released collections, completes a partly loaded one partition by partition, and reports the others skipped', async ({ page, sim }) => {
  await openConsole(page, sim);
  const mix = ['books', 'code_snippets', 'user_events', 'films', 'chat_memory'];
  await expect(badge(page, 'user_events')).toHaveText(/^Partly loaded/);
  await expect(badge(page, 'films')).toHaveText('Released');
  await expect(badge(page, 'books')).toHaveText('Loaded');
  await expect(badge(page, 'code_snippets')).toHaveText('Loaded');
  await expect(badge(page, 'chat_memory')).toHaveText('Released');
  await sim.control('counters/reset', {});
  for (const name of mix) await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
  await page.getByRole('button', { name: `Load selected (${mix.length})` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Load', exact: true }).click();
  const outcomes = page.locator('.mlc-outcomes');
  await expect(outcomes).toContainText('Load books: skipped — already loaded');
  await expect(outcomes).toContainText('Load code_snippets: skipped — already loaded');
  await expect(outcomes).toContainText('3 done, 0 failed, 2 skipped');
  const writes = await sim.control('writes');
  expect(writes['collections/load']).toEqual({ films: 1, chat_memory: 1 });
  // collections/load would re-apply the default replicas to its loaded part.
  expect(writes['partitions/load']).toEqual({ user_events: 1 });
  const events = (await sim.collections()).find((c) => c.name === 'user_events');
  expect(events.partitions.every((p) => p.state !== 'NotLoad')).toBe(true);
});

test.describe('in a host page', () => {
  // Loads take minutes: a load from the console is still at its start when it is held.
  test.use({ simArgs: ['--demo', '--load-ms-per-100k-rows', '600000'] });
  test('a load sent from the console that the server abandons is reported on the row, in the results and in an action event', async ({ page, sim }) => {
    // Page time is fast-forwarded through the polls' pauses, not waited for.
    await page.clock.install();
    await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}`);
    const a = page.locator('#a');
    await expect(badge(a, 'films')).toHaveText('Released');
    await a.getByRole('button', { name: 'Load films' }).click();
    await a.getByRole('dialog').getByRole('button', { name: 'Load', exact: true }).click();
    // The load is held at 37% once the server has it: it makes no progress.
    await expect.poll(async () => (await sim.collections()).find((c) => c.name === 'films').state).toBe('Loading');
    await sim.control('loads/hold', { collectionName: 'films', progress: 37 });
    await expect(async () => {
      await page.clock.runFor(1_000);
      await expect(badge(a, 'films')).toHaveText('Loading 37%', { timeout: 500 });
    }).toPass();
    // The server gives up on it: it reads not loaded again, and says nothing else.
    await sim.control('load-timeout', { seconds: 0.001 });
    await expect.poll(async () => (await sim.collections()).find((c) => c.name === 'films').state).toBe('NotLoad');
    const said = /^load abandoned by the server at \d\d:\d\d — was 37%$/;
    await expect(async () => {
      await page.clock.runFor(1_000);
      await expect(badge(a, 'films')).toHaveText('Released', { timeout: 500 });
    }).toPass();
    await expect(row(a, 'films').locator('.mlc-abandoned')).toHaveText(said);
    await expect(a.locator('.mlc-outcomes')).toContainText(/Load films: load abandoned by the server at \d\d:\d\d — was 37%/);
    const actions = async () => (await page.evaluate(() => window.host.events))
      .filter((e) => e.source === 'a' && e.name === 'action' && e.detail.collection === 'films');
    await expect.poll(async () => (await actions()).length).toBe(2);
    const [loaded, abandoned] = await actions();
    expect(loaded.detail).toMatchObject({ collection: 'films', operation: 'Load', ok: true });
    expect(abandoned.detail).toMatchObject({ collection: 'films', operation: 'Load', ok: false });
    expect(abandoned.detail.error).toMatch(said);
    // Told once: a minute of polls and a refresh read it released again, and report nothing more.
    await page.clock.runFor(60_000);
    const listed = (await sim.collections()).length;
    await sim.control('counters/reset', {});
    await a.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(async () => (await sim.control('counters'))['collections/get_load_state'] ?? 0)
      .toBeGreaterThanOrEqual(listed);
    await expect(badge(a, 'films')).toHaveText('Released');
    expect(await actions()).toHaveLength(2);
    const callbacks = await page.evaluate(() => window.host.callbacks);
    expect(callbacks.filter((d) => d.collection === 'films')).toHaveLength(2);
  });

  test('a load this console did not send that turns released is said on the row, not reported', async ({ page, sim }) => {
    // Another client's load, held at 37%.
    await sim.control('loads/start', { collectionName: 'films', seconds: 600, progress: 37 });
    await page.clock.install();
    await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}`);
    const a = page.locator('#a');
    await expect(badge(a, 'films')).toHaveText('Loading 37%');
    // Another client releases it, through the REST API.
    const released = await fetch(`${sim.url}/v2/vectordb/collections/release`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ collectionName: 'films' }),
    });
    expect((await released.json()).code).toBe(0);
    await expect.poll(async () => (await sim.collections()).find((c) => c.name === 'films').state).toBe('NotLoad');
    await expect(async () => {
      await page.clock.runFor(1_000);
      await expect(badge(a, 'films')).toHaveText('Released', { timeout: 500 });
    }).toPass();
    await expect(row(a, 'films').locator('.mlc-abandoned'))
      .toHaveText(/^released elsewhere, or its load abandoned, at \d\d:\d\d — was 37%$/);
    await expect(a.locator('.mlc-outcomes')).toHaveCount(0);
    const actions = (await page.evaluate(() => window.host.events))
      .filter((e) => e.source === 'a' && e.name === 'action');
    expect(actions).toEqual([]);
  });

  test('a release from the console is not reported as abandoned', async ({ page, sim }) => {
    await sim.control('loads/start', { collectionName: 'films', seconds: 600, progress: 37 });
    await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}`);
    const a = page.locator('#a');
    await expect(badge(a, 'films')).toHaveText('Loading 37%');
    await a.getByRole('button', { name: 'Cancel load films' }).click();
    await a.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect(badge(a, 'films')).toHaveText('Released');
    await expect(a.locator('.mlc-outcomes')).toContainText('Release films: done');
    await expect(a.locator('.mlc-abandoned')).toHaveCount(0);
    const actions = (await page.evaluate(() => window.host.events))
      .filter((e) => e.source === 'a' && e.name === 'action');
    expect(actions.map((e) => [e.detail.operation, e.detail.ok])).toEqual([['Release', true]]);
  });
});

test('a transient code 100 from get_load_state does not turn a row Missing', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(badge(page, 'books')).toHaveText('Loaded');
  // Three reads answer "collection not found" while the collection is there.
  await sim.control('rules', {
    endpoint: 'collections/get_load_state', collectionName: 'books', code: 100,
    message: 'collection not found[collection=books]', times: 3,
  });
  await sim.control('counters/reset', {});
  await page.getByRole('button', { name: 'Refresh' }).click();
  // Each 100 is checked with collections/has, and the row keeps its state meanwhile.
  await expect.poll(async () => (await sim.control('counters'))['collections/has'] ?? 0).toBeGreaterThan(0);
  await expect(row(page, 'books').locator('.mlc-stale')).toContainText('code 100');
  await expect(badge(page, 'books')).toHaveText('Loaded');
  // Read again until the server answers: the mark goes, the state stays.
  await expect(row(page, 'books').locator('.mlc-stale')).toHaveCount(0, { timeout: 20_000 });
  await expect(badge(page, 'books')).toHaveText('Loaded');
  const counters = await sim.control('counters');
  expect(counters['collections/has']).toBe(3);
  expect(counters['collections/get_load_state']).toBeGreaterThanOrEqual(4);
  await expect(page.getByText('Missing', { exact: true })).toHaveCount(0);
});
