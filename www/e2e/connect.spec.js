import { test, expect, consoleUrl, badgeFor, closedUrl } from './sim.js';

const row = (page, name) => page.locator('tr.mlc-row', { has: page.locator('th', { hasText: name }) });

test('connects to the demo data and shows every collection in the state the simulator holds', async ({ page, sim }) => {
  await page.goto(consoleUrl(sim));
  const collections = await sim.collections();
  await expect(page.locator('tr.mlc-row')).toHaveCount(collections.length);
  for (const c of collections) {
    const badge = page.locator('tr.mlc-row', { has: page.locator(`th[title="${c.name}"]`) }).locator('.mlc-badge');
    await expect(badge).toHaveText(badgeFor(c.state));
  }
});

test('releases a collection through the confirmation; the simulator agrees', async ({ page, sim }) => {
  await page.goto(consoleUrl(sim));
  const books = row(page, 'books');
  await expect(books.locator('.mlc-badge')).toHaveText('Loaded');
  await books.getByRole('button', { name: 'Release books' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('books');
  await dialog.getByRole('button', { name: 'Release' }).click();
  await expect(books.locator('.mlc-badge')).toHaveText('Released');
  await expect(page.locator('.mlc-outcomes')).toContainText('Release books: done');
  const state = (await sim.collections()).find((c) => c.name === 'books');
  expect(state.state).toBe('NotLoad');
});

test('a wrong endpoint gives a specific error, not a blank page', async ({ page }) => {
  await page.goto('/?endpoint=' + encodeURIComponent(await closedUrl()));
  await expect(page.getByRole('alert')).toContainText('Server unreachable');
});
