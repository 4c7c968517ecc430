import AxeBuilder from '@axe-core/playwright';
import { test, expect, consoleUrl } from './sim.js';

async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).include('.mlc-root').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('connect page, collections view, partitions view and dialog: no serious or critical axe violations', async ({ page, sim }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
  expect(await seriousViolations(page), 'connect page').toEqual([]);

  await page.goto(consoleUrl(sim));
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
  await page.goto(consoleUrl(sim));
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  expect(await seriousViolations(page)).toEqual([]);
});
