import { test, expect, openConsole, startSim, hostUrl } from './sim.js';

const HOST = hostUrl('HOST_URL');
const row = (scope, name) => scope.locator(`tr.mlc-row:has(th[title="${name}"])`);
const stateOf = async (sim, name, db = 'default') => (await sim.collections(db)).find((c) => c.name === name)?.state;

test.describe('a confirmation acts on its own target', () => {
  test('host page: a database change or read-only mode closes the open confirmation', async ({ page, sim }) => {
    await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}`);
    const a = page.locator('#a');
    await expect(row(a, 'books').locator('.mlc-badge')).toHaveText('Loaded');
    await row(a, 'books').getByRole('button', { name: 'Release books' }).click();
    await expect(a.getByRole('dialog')).toBeVisible();
    await page.evaluate(() => window.host.handles.a.update({ database: 'analytics' }));
    await expect(a.getByRole('dialog')).toHaveCount(0);
    await page.evaluate(() => window.host.handles.a.update({ database: 'default' }));
    await expect(row(a, 'books').locator('.mlc-badge')).toHaveText('Loaded');
    await row(a, 'books').getByRole('button', { name: 'Release books' }).click();
    await expect(a.getByRole('dialog')).toBeVisible();
    await page.evaluate(() => window.host.handles.a.update({ readOnly: true }));
    await expect(a.getByRole('dialog')).toHaveCount(0);
    // The dialog is gone, so nothing can confirm it: no release was sent, none will be.
    expect((await sim.control('counters'))['collections/release'] ?? 0).toBe(0);
    expect(await stateOf(sim, 'books')).toBe('Loaded');
    expect(await page.evaluate(() => window.host.events.filter((e) => e.name === 'action').length)).toBe(0);
  });

  test('custom element: changing the database attribute closes the open confirmation', async ({ page, sim }) => {
    await page.goto(`${HOST}/index.html?element=${encodeURIComponent(sim.url)}`);
    const element = page.locator('milvus-load-console');
    await element.evaluate((el) => { el.removeAttribute('read-only'); el.setAttribute('database', 'default'); });
    await expect(row(element, 'books').locator('.mlc-badge')).toHaveText('Loaded');
    await row(element, 'books').getByRole('button', { name: 'Release books' }).click();
    await expect(element.getByRole('dialog')).toBeVisible();
    await element.evaluate((el) => el.setAttribute('database', 'analytics'));
    await expect(element.getByRole('dialog')).toHaveCount(0);
    // The dialog is gone, so nothing can confirm it: no release was sent, none will be.
    expect((await sim.control('counters'))['collections/release'] ?? 0).toBe(0);
    expect(await stateOf(sim, 'books')).toBe('Loaded');
  });
});

test('a release confirmed while a load of the same collection runs waits for it, and both end visibly', async ({ page, sim }) => {
  await sim.control('latency', { minMs: 800, maxMs: 800 });
  await openConsole(page, sim);
  await expect(row(page, 'films').locator('.mlc-badge')).toHaveText('Released', { timeout: 20_000 });
  await expect(row(page, 'books').locator('.mlc-badge')).toHaveText('Loaded', { timeout: 20_000 });
  await row(page, 'films').getByRole('button', { name: 'Load films' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Load' }).click();
  // While the load is in flight, a bulk release includes films.
  await page.getByRole('checkbox', { name: 'Select films' }).check();
  await page.getByRole('checkbox', { name: 'Select books' }).check();
  await page.getByRole('button', { name: 'Release selected (2)' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill('2');
  await dialog.getByRole('button', { name: 'Release' }).click();
  const outcomes = page.locator('.mlc-outcomes');
  await expect(outcomes.locator('li')).toHaveCount(3);
  await expect(outcomes).toContainText('3 done, 0 failed', { timeout: 20_000 });
  await expect(outcomes).toContainText('Load films: done');
  await expect(outcomes).toContainText('Release films: done');
  await expect(outcomes).toContainText('Release books: done');
  expect(await stateOf(sim, 'films')).toBe('NotLoad');
  expect(await stateOf(sim, 'books')).toBe('NotLoad');
});

test.describe('unmounting', () => {
  test('a release confirmed just before unmount still ends and is reported to the host', async ({ page }) => {
    const sim = await startSim(['--demo']);
    try {
      await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}`);
      const a = page.locator('#a');
      await expect(row(a, 'books').locator('.mlc-badge')).toHaveText('Loaded');
      await sim.control('latency', { minMs: 1_500, maxMs: 1_500 });
      await row(a, 'books').getByRole('button', { name: 'Release books' }).click();
      await a.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
      await page.evaluate(() => window.host.handles.a.unmount());
      await expect(a.locator('.mlc-root')).toHaveCount(0);
      await expect.poll(() => page.evaluate(() => window.host.events.filter((e) => e.name === 'action').map((e) => e.detail)), { timeout: 20_000 })
        .toEqual([expect.objectContaining({ collection: 'books', operation: 'Release', ok: true })]);
      expect(await page.evaluate(() => window.host.callbacks.length)).toBe(1);
      expect(await stateOf(sim, 'books')).toBe('NotLoad');
    } finally {
      sim.stop();
    }
  });
});
