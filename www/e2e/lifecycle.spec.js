import { test, expect, openConsole } from './sim.js';

const row = (page, name) => page.locator('tr.mlc-row', { has: page.locator(`th[title="${name}"]`) });

test.describe('loads', () => {
  test.use({ simArgs: ['--demo', '--load-ms-per-100k-rows', '4000'] });

  test('loading a collection: progress climbs and ends Loaded', async ({ page, sim }) => {
    await openConsole(page, sim);
    const films = row(page, 'films');
    await films.getByRole('button', { name: 'Load films' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Load' }).click();
    const badge = films.locator('.mlc-badge');
    await expect(badge).toHaveText(/^Loading \d+%$/);
    const seen = new Set();
    await expect.poll(async () => {
      const text = await badge.textContent();
      seen.add(text);
      return text;
    }, { timeout: 20_000, intervals: [100] }).toBe('Loaded');
    const percents = [...seen].map((t) => /(\d+)%/.exec(t)?.[1]).filter(Boolean).map(Number);
    expect(percents.length).toBeGreaterThan(1);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  test('releasing a loading collection cancels the load', async ({ page, sim }) => {
    await openConsole(page, sim);
    const wiki = row(page, 'wiki_passages_e5_large');
    await expect(wiki.locator('.mlc-badge')).toHaveText(/^Loading/);
    await wiki.getByRole('button', { name: 'Cancel load wiki_passages_e5_large' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect(wiki.locator('.mlc-badge')).toHaveText('Released');
    expect((await sim.collections()).find((c) => c.name === 'wiki_passages_e5_large').state).toBe('NotLoad');
  });
});

test.describe('slow server', () => {
  test.use({ simArgs: ['--demo', '--latency-ms', '400'] });

  test('switching database mid-refresh shows no row of the previous database', async ({ page, sim }) => {
    await openConsole(page, sim);
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    const analytics = new Set((await sim.collections('analytics')).map((c) => c.name));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('combobox', { name: 'Database' }).selectOption('analytics');
    // Every row rendered from now on is recorded, not sampled.
    await page.evaluate(() => {
      window.__rendered = new Set();
      const record = () => document.querySelectorAll('tr.mlc-row th').forEach((th) => window.__rendered.add(th.title));
      record();
      new MutationObserver(record).observe(document.body, { childList: true, subtree: true, attributes: true });
    });
    await expect(page.locator('tr.mlc-row')).toHaveCount(analytics.size);
    // The refresh of default would have landed by now: its replies took 400 ms.
    await expect(page.locator('.mlc-summary')).not.toContainText('checking');
    const rendered = await page.evaluate(() => [...window.__rendered]);
    for (const name of rendered) expect(analytics.has(name), `${name} leaked from default`).toBe(true);
  });
});

test('a release asked for just before switching database still ends visibly', async ({ page, sim }) => {
  await sim.control('latency', { minMs: 600, maxMs: 600 });
  await openConsole(page, sim);
  await expect(row(page, 'books').locator('.mlc-badge')).toHaveText('Loaded', { timeout: 20_000 });
  await row(page, 'books').getByRole('button', { name: 'Release books' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  await page.getByRole('combobox', { name: 'Database' }).selectOption('analytics');
  await expect(page.locator('.mlc-outcomes')).toContainText('Release books (database default): done', { timeout: 20_000 });
  expect((await sim.collections()).find((c) => c.name === 'books').state).toBe('NotLoad');
});

test('a partitions release asked for just before closing the view still ends visibly', async ({ page, sim }) => {
  await openConsole(page, sim);
  await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
  const release = page.getByRole('button', { name: 'Release partition region_eu' });
  await expect(release).toBeEnabled();
  await sim.control('latency', { minMs: 600, maxMs: 600 });
  await release.click();
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  await page.getByRole('button', { name: '← Collections' }).click();
  await expect(page.locator('.mlc-outcomes')).toContainText('Release partitions region_eu of user_events: done', { timeout: 20_000 });
  const held = (await sim.collections()).find((c) => c.name === 'user_events');
  expect(held.partitions.find((p) => p.name === 'region_eu').state).toBe('NotLoad');
});

test('a release asked for just before reconnecting still ends visibly', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(row(page, 'books').locator('.mlc-badge')).toHaveText('Loaded');
  await sim.control('latency', { minMs: 600, maxMs: 600 });
  await row(page, 'books').getByRole('button', { name: 'Release books' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  await page.getByRole('button', { name: 'Connect' }).click();
  await expect(page.locator('.mlc-outcomes')).toContainText('Release books: done', { timeout: 20_000 });
  expect((await sim.collections()).find((c) => c.name === 'books').state).toBe('NotLoad');
  await expect(row(page, 'books').locator('.mlc-badge')).toHaveText('Released', { timeout: 20_000 });
});

test('switching database while replies are being gathered leaves no row unchecked', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  // Switch while the refresh's replies are still arriving (three round trips of 60 ms).
  await sim.control('latency', { minMs: 60, maxMs: 60 });
  const picker = page.getByRole('combobox', { name: 'Database' });
  for (const database of ['analytics', 'default', 'analytics']) {
    await sim.control('counters/reset', {});
    await page.getByRole('button', { name: 'Refresh' }).click();
    // The refresh's state requests have begun arriving: switch while they are.
    await expect.poll(async () => (await sim.control('counters'))['collections/get_load_state'] ?? 0, { intervals: [10] }).toBeGreaterThan(0);
    await picker.selectOption(database);
    // Every state of the new view arrives; none is dropped as belonging to the previous one.
    await expect(page.locator('tr.mlc-row')).toHaveCount((await sim.collections(database)).length);
    await expect(page.locator('.mlc-summary')).not.toContainText('checking', { timeout: 10_000 });
  }
});
