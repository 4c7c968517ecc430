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
        await expect(page.getByRole('heading', { name: 'Milvus Load Console' })).toBeVisible();
      }
      await page.getByRole('button', { name: 'Refresh' }).click();
      const picker = page.getByRole('combobox', { name: 'Database' });
      // Offered only once databases/list got through the faults.
      await picker.selectOption('analytics', { timeout: 5_000 }).catch(() => {});
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
