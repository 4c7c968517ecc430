import { test, expect, openConsole } from './sim.js';
import { seriousViolations } from './axe.js';

test('a bulk release of 200 against a limit of 5 per second is paced and ends with 200 done', async ({ page, sim }) => {
  // 200 writes at 5 per second take 40 s at the very least.
  test.setTimeout(240_000);
  await sim.control('reset', { dataset: { collections: 200, partitions: 1, seed: 7, states: 'loaded' } });
  await sim.control('ddl-rate', { perSecond: 5 });
  await openConsole(page, sim);
  await page.getByRole('combobox', { name: 'State' }).selectOption('Loaded');
  await page.getByRole('button', { name: 'Select all matching (200)' }).click();
  await page.getByRole('button', { name: 'Release selected (200)' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill('200');
  const started = Date.now();
  await dialog.getByRole('button', { name: 'Release' }).click();

  const outcomes = page.locator('.mlc-outcomes');
  const paced = outcomes.locator('.mlc-paced');
  await expect(paced).toHaveText(/^paced: \d+(\.\d)? per second$/);
  expect(await seriousViolations(page, '.mlc-outcomes'), 'results while paced').toEqual([]);
  await expect(outcomes.locator('strong')).toContainText('in progress');
  await expect(outcomes.locator('strong')).toHaveText('200 done, 0 failed', { timeout: 180_000 });
  console.log(`200 releases at 5 per second took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await expect(paced).toHaveCount(0);
  await expect(outcomes).not.toContainText('failed:');

  const after = await sim.collections();
  expect(after).toHaveLength(200);
  expect(after.filter((c) => c.state !== 'NotLoad').map((c) => c.name)).toEqual([]);
  // The limiter did push back, and every refused release was sent again.
  const writes = (await sim.control('writes'))['collections/release'];
  const sends = Object.values(writes).reduce((a, b) => a + b, 0);
  expect(sends).toBeGreaterThan(200);
});
