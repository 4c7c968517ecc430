// A load the query nodes refuse for memory: the server answers the load, the load stays at a
// flat percent, and after the load timeout `get_load_state` carries the loader's refusal. The
// row says so, with the server's text, instead of a generic error.
import { test, expect, openConsole } from './sim.js';

const row = (page, name) => page.locator('tr.mlc-row', { has: page.locator(`th[title="${name}"]`) });

test('a load over the query nodes\' memory ends as "does not fit" on its row', async ({ page, sim }) => {
  await sim.control('load-timeout', { seconds: 2 });
  await openConsole(page, sim);
  const name = 'video_frames_clip';
  await row(page, name).getByRole('button', { name: `Load ${name}`, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Load', exact: true }).click();
  const badge = row(page, name).locator('.mlc-badge');
  await expect(badge).toHaveText(/^Does not fit in query-node memory/, { timeout: 30_000 });
  await expect(badge).toHaveAttribute('title', /resourceType=Memory|OOM if load/);
  // Not reported as abandoned: the server said why.
  await expect(row(page, name).locator('.mlc-abandoned')).toHaveCount(0);
});

test('the Load dialog of a collection larger than its group\'s free memory warns before sending', async ({ page, sim }) => {
  await openConsole(page, sim);
  const name = 'video_frames_clip';
  await expect(row(page, name).locator('.mlc-estimate')).toBeVisible();
  // The query nodes' memory is read once the sweep is over.
  const panel = page.locator('details.mlc-cluster');
  await panel.locator('summary').click();
  await expect(panel.locator('meter')).toHaveCount(4);
  await row(page, name).getByRole('button', { name: `Load ${name}`, exact: true }).click();
  const dialog = page.getByRole('dialog');
  // Its estimate sized the dynamic field at the server's guess: what it needs is an upper
  // bound, as on its row; the free memory is measured.
  await expect(row(page, name).locator('.mlc-estimate')).toContainText('≤');
  await expect(dialog).toContainText(/May not fit in query-node memory \(est\.\): ≤ [\d.]+ [GT]B needed in __default_resource_group, ≈ [\d.]+ GB free for loading there/);
  // Its replica setting is the cluster default, which the server does not report.
  await expect(dialog).toContainText('Counted with 1 replica where the replica count is not read.');
  // An estimate never blocks: the load can still be sent; here it is not.
  await expect(dialog.getByRole('button', { name: 'Load', exact: true })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect((await sim.collections()).find((c) => c.name === name).state).toBe('NotLoad');
});
