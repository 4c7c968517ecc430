import { test, expect, openConsole } from './sim.js';

const row = (page, name) => page.locator('tr.mlc-row', { has: page.getByRole('button', { name: `Partitions of ${name}`, exact: true }) });

// `milvus-sim --tls` signs its own certificate at start.
test.use({ ignoreHTTPSErrors: true });

test.describe('over HTTPS with HTTP/2', () => {
  test.use({ simArgs: ['--demo', '--tls'] });

  test('the page lists, releases and loads', async ({ page, sim }) => {
    expect(sim.url).toMatch(/^https:/);
    await openConsole(page, sim);
    const books = row(page, 'books');
    await expect(books.locator('.mlc-badge')).toHaveText('Loaded');
    await books.getByRole('button', { name: 'Release books' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect(page.locator('.mlc-outcomes')).toContainText('Release books: done');
    await expect(books.locator('.mlc-badge')).toHaveText('Released');
    await books.getByRole('button', { name: 'Load books' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Load' }).click();
    await expect(page.locator('.mlc-outcomes')).toContainText('Load books: done', { timeout: 30_000 });
    await expect(books.locator('.mlc-badge')).toHaveText('Loaded');
    const { versions } = await sim.control('in-flight');
    expect(Object.keys(versions)).toEqual(['HTTP/2.0']);
  });
});
