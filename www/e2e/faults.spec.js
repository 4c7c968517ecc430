import { test, expect, consoleUrl, badgeFor } from './sim.js';

/** Waits for rows; a listing that failed even after retries is retried from its error. */
async function rowsShown(page) {
  await expect(async () => {
    const retry = page.getByRole('button', { name: 'Retry' });
    if (await retry.isVisible()) await retry.click();
    await expect(page.locator('tr.mlc-row').first()).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  // Every state answered (or failed): each row offers its actions.
  await expect(page.locator('.mlc-summary')).not.toContainText('checking', { timeout: 30_000 });
}

/** The console still runs (a panic would leave its last frame on screen): no panic panel, and
 * it still answers input. */
async function consoleAlive(page) {
  await expect(page.locator('.mlc-panic')).toHaveCount(0);
  const filter = page.getByRole('searchbox', { name: 'Filter' });
  await filter.fill('no-such-collection-name');
  await expect(page.locator('tr.mlc-row')).toHaveCount(0);
  await filter.fill('');
  await expect(page.locator('tr.mlc-row').first()).toBeVisible();
}

const row = (page, name) => page.locator('tr.mlc-row', { has: page.locator(`th[title="${name}"]`) });

test.describe('under injected faults', () => {
  test.use({ simArgs: ['--demo', '--load-ms-per-100k-rows', '30'] });
  test.setTimeout(120_000);

  test('20% faults through a run of actions: nothing dies, every action ends visibly, states converge', async ({ page, sim }) => {
    await page.goto(consoleUrl(sim));
    await rowsShown(page);
    await sim.control('faults', {
      rate: 0.2, kinds: ['500', '502', '503', '408', 'ratelimit', 'reset', 'truncated', 'html', 'slow'], slowMs: 800,
    });
    const targets = ['books', 'films', 'faq_answers', 'chat_memory', 'code_snippets', 'legal_clauses'];
    let asked = 0;
    for (let round = 0; round < 2; round++) {
      for (const name of targets) {
        const r = row(page, name);
        const button = r.getByRole('button', { name: new RegExp(`^(Release|Load|Cancel load) ${name}$`) }).first();
        if (!(await button.isVisible()) || !(await button.isEnabled())) continue;
        await button.click();
        await page.getByRole('dialog').getByRole('button', { name: /^(Release|Load)$/ }).click();
        asked += 1;
        await consoleAlive(page);
      }
      await page.getByRole('button', { name: 'Refresh' }).click();
      // The switch is part of the run, not optional: another database is offered once
      // databases/list got through the faults (Refresh asks for it again when it failed).
      const picker = page.getByRole('combobox', { name: 'Database' });
      await expect(async () => {
        if ((await picker.locator('option[value="analytics"]').count()) === 0) {
          await page.getByRole('button', { name: 'Refresh' }).click();
        }
        await expect(picker.locator('option[value="analytics"]')).toHaveCount(1, { timeout: 3_000 });
      }).toPass({ timeout: 30_000 });
      await picker.selectOption('analytics');
      await expect(picker).toHaveValue('analytics');
      await rowsShown(page);
      await expect(page.locator('tr.mlc-row', { has: page.locator('th[title="clickstream"]') })).toHaveCount(1);
      await consoleAlive(page);
      await picker.selectOption('default');
      await expect(picker).toHaveValue('default');
      await rowsShown(page);
    }
    // Every requested action ended, done or failed with a reason: one outcome each, none hanging.
    await expect(page.locator('.mlc-outcomes li')).toHaveCount(asked, { timeout: 30_000 });
    // A failure always carries its reason (there may be none: retries absorb most faults).
    const failures = await page.locator('.mlc-outcomes li.mlc-failed').allTextContents();
    for (const text of failures) expect(text).toMatch(/: failed: \S/);
    await expect(page.getByRole('button', { name: /^Working/ })).toHaveCount(0, { timeout: 30_000 });

    await sim.control('faults', { rate: 0 });
    // Let loads finish, then one refresh shows what the simulator holds.
    await expect.poll(async () => (await sim.collections()).some((c) => c.state === 'Loading' && c.name !== 'wiki_passages_e5_large'), { timeout: 30_000 }).toBe(false);
    await rowsShown(page);
    // One refresh, after whatever sweep was under way.
    await page.evaluate(() => performance.clearMarks('mlc:sweep-done'));
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('mlc:sweep-done').length), { timeout: 30_000 }).toBe(1);
    const held = await sim.collections();
    for (const c of held) {
      if (c.state === 'Loading') continue;
      const expected = c.state === 'Loaded' && c.partitions.some((p) => p.state === 'NotLoad') && c.partitions.some((p) => p.state === 'Loaded')
        ? /^(Loaded|Partly loaded.*)$/
        : badgeFor(c.state);
      await expect(row(page, c.name).locator('.mlc-badge'), c.name).toHaveText(expected, { timeout: 20_000 });
    }
    expect(asked).toBeGreaterThan(4);
  });
});
