import { test, expect, openConsole, expectNoRequestsFor } from './sim.js';

test('a deep link restores database, filter, sort and the open collection after a reload', async ({ page, sim }) => {
  await openConsole(page, sim, '#db=analytics&q=re&sort=state');
  await expect(page.getByRole('combobox', { name: 'Database' })).toHaveValue('analytics');
  await expect(page.getByRole('searchbox', { name: 'Filter' })).toHaveValue('re');
  const analytics = (await sim.collections('analytics')).filter((c) => c.name.includes('re'));
  await expect(page.locator('tr.mlc-row')).toHaveCount(analytics.length);
  await page.getByRole('button', { name: 'Partitions of clickstream', exact: true }).click();
  await expect(page).toHaveURL(/open=clickstream/);
  expect(page.url()).not.toContain('token');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Partitions of clickstream' })).toBeVisible();
  await expect(page.locator('.mlc-partitions tr.mlc-row')).toHaveCount(9);
});

test('keyboard only: filter with "/", release through the dialog', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(page.locator('tr.mlc-row').first()).toBeVisible();
  await page.locator('body').press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter' })).toBeFocused();
  await page.keyboard.type('books');
  await expect(page.locator('tr.mlc-row')).toHaveCount(1);
  const release = page.getByRole('button', { name: 'Release books' });
  for (let i = 0; i < 40 && !(await release.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(release).toBeFocused();
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('dialog').getByRole('button', { name: 'Release' });
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('tr.mlc-row .mlc-badge')).toHaveText('Released');
  expect((await sim.collections()).find((c) => c.name === 'books').state).toBe('NotLoad');
});

test('Escape closes the dialog without doing anything', async ({ page, sim }) => {
  await openConsole(page, sim);
  await page.getByRole('button', { name: 'Release books' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect((await sim.collections()).find((c) => c.name === 'books').state).toBe('Loaded');
});

test('with nothing loading and auto-refresh off, the console sends no requests', async ({ page, sim }) => {
  // The demo's slow load is finished first, so nothing needs following.
  await sim.control('loads/finish', { collectionName: 'wiki_passages_e5_large' });
  await page.clock.install();
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).toContainText('0 loading');
  // Every state is known (the first sweep has ended), and the partition counts of the rows on
  // screen, fetched once they settle, have arrived.
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  await page.clock.runFor(1_000);
  await expect(page.locator('tr.mlc-row td.mlc-count', { hasText: '…' })).toHaveCount(0);
  await expectNoRequestsFor(page, sim, 10 * 60_000);
});

test('auto-refresh lists again after the chosen interval', async ({ page, sim }) => {
  await sim.control('loads/finish', { collectionName: 'wiki_passages_e5_large' });
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).toContainText('0 loading');
  // The first refresh's reads are over (the replicas' check of other databases lists them).
  await expect(page.locator('.mlc-summary')).toContainText('replicas included');
  await expect(page.locator('.mlc-summary')).toContainText(' 0 requests in flight');
  await page.getByRole('combobox', { name: 'Auto-refresh' }).selectOption('Every 10 s');
  await sim.control('counters/reset', {});
  await expect.poll(async () => (await sim.control('counters'))['collections/list'] ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
});

test.describe('with a list long enough to scroll', () => {
  test.use({ simArgs: ['--collections', '300', '--partitions', '3', '--seed', '11'] });

  test('opening a collection is a navigation: Back returns to the list as it was, Forward reopens it', async ({ page, sim }) => {
    await openConsole(page, sim);
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    await expect(page.locator('.mlc-summary')).not.toContainText('checking');
    // Released collections stay put (nothing loads them), so their order is stable.
    const released = (await sim.collections()).filter((c) => c.state === 'NotLoad').length;
    expect(released).toBeGreaterThan(60);
    await page.getByRole('searchbox', { name: 'Filter' }).fill('collection_00');
    await page.getByRole('combobox', { name: 'State' }).selectOption('Released');
    await page.getByRole('combobox', { name: 'Sort by' }).selectOption('State');
    await expect(page.locator('.mlc-summary')).toContainText(`${released} shown`);
    const scroller = page.locator('.mlc-scroller');
    await scroller.evaluate((el) => { el.scrollTop = 44 * 40; });
    const row = page.locator('tr.mlc-row[aria-rowindex="45"]');
    await expect(row).toBeInViewport();
    const scrolled = await scroller.evaluate((el) => el.scrollTop);
    expect(scrolled).toBeGreaterThan(1000);
    const name = await row.locator('th.mlc-name').getAttribute('title');
    await row.getByRole('button', { name: `Partitions of ${name}`, exact: true }).click();
    await expect(page.getByRole('heading', { name: `Partitions of ${name}` })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`open=${name}`));

    await page.goBack();
    await expect(page.getByRole('searchbox', { name: 'Filter' })).toHaveValue('collection_00');
    await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('State');
    await expect(page.getByRole('combobox', { name: 'State' })).toHaveValue('Released');
    await expect(page.getByRole('heading', { name: /^Partitions of/ })).toHaveCount(0);
    expect(page.url()).not.toContain('open=');
    await expect.poll(() => page.locator('.mlc-scroller').evaluate((el) => el.scrollTop)).toBeCloseTo(scrolled, 0);
    await expect(page.locator('tr.mlc-row[aria-rowindex="45"] th.mlc-name')).toHaveAttribute('title', name);

    await page.goForward();
    await expect(page.getByRole('heading', { name: `Partitions of ${name}` })).toBeVisible();
    await expect(page.locator('.mlc-partitions tr.mlc-row')).toHaveCount(3);
    await expect(page).toHaveURL(new RegExp(`open=${name}`));

    // The in-page way back is the same step back in history.
    await page.getByRole('button', { name: '← Collections' }).click();
    await expect(page.getByRole('searchbox', { name: 'Filter' })).toHaveValue('collection_00');
    await expect.poll(() => page.locator('.mlc-scroller').evaluate((el) => el.scrollTop)).toBeCloseTo(scrolled, 0);
    await page.goForward();
    await expect(page.getByRole('heading', { name: `Partitions of ${name}` })).toBeVisible();
  });
});
