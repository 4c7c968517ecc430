import { test, expect, openConsole } from './sim.js';

const collectionRow = (page, name) =>
  page.locator('tr.mlc-row', { has: page.getByRole('button', { name: `Partitions of ${name}`, exact: true }) });
const partitionRow = (page, name) =>
  page.locator('.mlc-partitions tr.mlc-row', { has: page.locator(`th[title="${name}"]`) });

test('a partly loaded collection: released partitions show Released; releasing the last loaded ones releases the collection', async ({ page, sim }) => {
  await openConsole(page, sim);
  await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
  const held = (await sim.collections()).find((c) => c.name === 'user_events');
  for (const p of held.partitions) {
    const expected = { Loaded: 'Loaded', NotLoad: 'Released' }[p.state];
    await expect(partitionRow(page, p.name).locator('.mlc-badge')).toHaveText(expected);
  }
  await expect(page.locator('.mlc-partitions .mlc-summary')).toHaveText('2 of 5 partitions loaded or loading');

  // Release one of the two loaded partitions.
  await page.getByRole('button', { name: 'Release partition region_eu' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  await expect(partitionRow(page, 'region_eu').locator('.mlc-badge')).toHaveText('Released');

  // Release the last loaded one: the dialog says the collection goes too.
  await page.getByRole('button', { name: 'Release partition region_us' }).click();
  await expect(page.getByRole('dialog')).toContainText('the whole collection user_events will be released');
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  await expect(partitionRow(page, 'region_us').locator('.mlc-badge')).toHaveText('Released');
  const after = (await sim.collections()).find((c) => c.name === 'user_events');
  expect(after.state).toBe('NotLoad');

  await page.getByRole('button', { name: '← Collections' }).click();
  await expect(collectionRow(page, 'user_events').locator('.mlc-badge')).toHaveText('Released');
});

test.describe('with fast loads', () => {
  test.use({ simArgs: ['--demo', '--load-ms-per-100k-rows', '100'] });

  test('selected partitions are loaded with one partitions/load request', async ({ page, sim }) => {
    await openConsole(page, sim);
    await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
    await expect(partitionRow(page, 'archive').locator('.mlc-badge')).toHaveText('Released');
    await sim.control('counters/reset', {});
    await page.getByRole('checkbox', { name: 'Select partition archive' }).check();
    await page.getByRole('checkbox', { name: 'Select partition _default' }).check();
    await page.getByRole('button', { name: 'Load selected (2)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Load' }).click();
    await expect(partitionRow(page, '_default').locator('.mlc-badge')).toHaveText(/Loading|Loaded/);
    const counters = await sim.control('counters');
    expect(counters['partitions/load']).toBe(1);
    await expect(partitionRow(page, 'archive').locator('.mlc-badge')).toHaveText('Loaded', { timeout: 30_000 });
  });
});

test('a partition-key collection explains why its partitions cannot be released one by one', async ({ page, sim }) => {
  await openConsole(page, sim);
  await page.getByRole('button', { name: 'Partitions of support_tickets', exact: true }).click();
  await expect(page.getByRole('note')).toContainText('partition key');
  await expect(page.getByRole('button', { name: /Release partition/ })).toHaveCount(0);
});

test('the partly loaded collection is reported as such once its partitions are known', async ({ page, sim }) => {
  await openConsole(page, sim);
  await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
  await expect(partitionRow(page, 'archive').locator('.mlc-badge')).toHaveText('Released');
  await page.getByRole('button', { name: '← Collections' }).click();
  await expect(collectionRow(page, 'user_events').locator('.mlc-badge')).toHaveText('Partly loaded: 2 of 5 partitions');
});
