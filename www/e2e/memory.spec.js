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
