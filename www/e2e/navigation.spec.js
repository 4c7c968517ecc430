import { test, expect, consoleUrl, expectNoRequestsFor } from './sim.js';

test('a deep link restores database, filter, sort and the open collection after a reload', async ({ page, sim }) => {
  await page.goto(consoleUrl(sim, '#db=analytics&q=re&sort=state'));
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
  await page.goto(consoleUrl(sim));
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
  await page.goto(consoleUrl(sim));
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
  await page.goto(consoleUrl(sim));
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
  await page.goto(consoleUrl(sim));
  await expect(page.locator('.mlc-summary')).toContainText('0 loading');
  await page.getByRole('combobox', { name: 'Auto-refresh' }).selectOption('Every 10 s');
  await sim.control('counters/reset', {});
  await expect.poll(async () => (await sim.control('counters'))['collections/list'] ?? 0, { timeout: 15_000 }).toBe(1);
});
