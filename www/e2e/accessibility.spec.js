import { test, expect, openConsole } from './sim.js';
import { seriousViolations } from './axe.js';

test('connect page, collections view, partitions view and dialog: no serious or critical axe violations', async ({ page, sim }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  expect(await seriousViolations(page), 'connect page').toEqual([]);

  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  expect(await seriousViolations(page), 'collections view').toEqual([]);

  await page.getByRole('button', { name: 'Release books' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page), 'confirmation dialog').toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
  await expect(page.locator('.mlc-partitions tr.mlc-row .mlc-badge').first()).not.toHaveText('Checking…');
  expect(await seriousViolations(page), 'partitions view').toEqual([]);
});

test('dark theme keeps the same guarantees', async ({ page, sim }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  expect(await seriousViolations(page)).toEqual([]);
});

test.describe('at 200% zoom', () => {
  // A 1280×900 window at 200% zoom lays out like a 640×450 viewport at twice the pixel density.
  test.use({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });

  test('the page reflows: nothing is cut off, every action stays reachable', async ({ page, sim }) => {
    await openConsole(page, sim);
    await expect(page.locator('.mlc-summary')).not.toContainText('checking');
    // The page itself never scrolls sideways (the table may, inside its own scroller).
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // Names keep enough room to be read.
    const nameWidth = await page.locator('tr.mlc-row th.mlc-name').first().evaluate((el) => el.getBoundingClientRect().width);
    expect(nameWidth).toBeGreaterThanOrEqual(120);
    for (const name of ['Refresh', 'Filter', 'Database']) {
      await expect(page.getByLabel(name).or(page.getByRole('button', { name })).first()).toBeInViewport();
    }
    // An action on a row and its dialog are usable.
    const release = page.getByRole('button', { name: 'Release books' });
    await release.scrollIntoViewIfNeeded();
    await expect(release).toBeInViewport();
    await release.click();
    const confirm = page.getByRole('dialog').getByRole('button', { name: 'Release' });
    await expect(confirm).toBeInViewport();
    await page.screenshot({ path: 'test-results/zoom-200.png' });
    await page.keyboard.press('Escape');
    await page.screenshot({ path: 'test-results/zoom-200-table.png' });
  });
});
