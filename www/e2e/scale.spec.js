import { test, expect, consoleUrl } from './sim.js';

test.describe('thousands of collections', () => {
  test.use({ simArgs: ['--collections', '1500', '--partitions', '2', '--latency-ms', '20'] });

  test('rows scrolled into view are fetched before the rest, partition counts included', async ({ page, sim }) => {
    await page.goto(consoleUrl(sim));
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    // Only a window of rows is in the DOM; jump to the end of the list while the sweep runs.
    expect(await page.locator('tr.mlc-row').count()).toBeLessThan(60);
    await page.locator('.mlc-scroller').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const last = page.locator('tr.mlc-row').last();
    await expect(last).toHaveAttribute('aria-rowindex', '1501');
    await expect(last.locator('.mlc-badge')).not.toHaveText('Checking…');
    // The sweep goes in name order, so these rows were answered out of turn: most states are
    // still to come.
    const asked = (await sim.control('counters'))['collections/get_load_state'] ?? 0;
    expect(asked).toBeLessThan(750);
    // Their partition counts follow once the states are in.
    await expect(last.locator('td.mlc-count')).toHaveText('2', { timeout: 60_000 });
  });
});
