// The cluster panel: resource groups and query-node memory as the server reports them; the
// header on a phone-sized screen.
import { test, expect, openConsole } from './sim.js';

test('the demo shows its two resource groups and four query nodes with memory', async ({ page, sim }) => {
  await openConsole(page, sim);
  const panel = page.locator('details.mlc-cluster');
  await panel.locator('summary').click();
  const groups = panel.locator('table').first().locator('tbody tr');
  await expect(groups).toHaveCount(2);
  await expect(groups.filter({ hasText: 'rg_legal' })).toHaveCount(1);
  await expect(groups.filter({ hasText: '__default_resource_group' })).toHaveCount(1);
  const nodes = panel.locator('table').nth(1).locator('tbody tr');
  await expect(nodes).toHaveCount(4);
  await expect(nodes.locator('meter')).toHaveCount(4);
  await expect(nodes.first()).toContainText(/ of 64 GB/);
  await expect(nodes.nth(3)).toContainText(/ of 32 GB/);
});

test.describe('on Milvus 2.4', () => {
  test.use({ simArgs: ['--demo', '--compat', '2.4'] });

  test('the panel says what this server does not report', async ({ page, sim }) => {
    await openConsole(page, sim);
    const panel = page.locator('details.mlc-cluster');
    await panel.locator('summary').click();
    await expect(panel).toContainText('This server does not report resource groups');
    await expect(panel).toContainText('This server does not report query-node memory');
    await expect(panel.locator('table')).toHaveCount(0);
  });
});

test.describe('on a 360 × 640 screen', () => {
  test.use({ viewport: { width: 360, height: 640 } });

  test('the first row of the list is visible without scrolling', async ({ page, sim }) => {
    await openConsole(page, sim);
    const first = page.locator('.mlc-row').first();
    await expect(first).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const box = await first.boundingBox();
    expect(box.y + box.height).toBeLessThanOrEqual(640);
  });
});
