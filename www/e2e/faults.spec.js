import { test, expect, openConsole, badgeFor } from './sim.js';

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
    await openConsole(page, sim);
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

test.describe('writes whose replies are lost', () => {
  test.use({ simArgs: ['--demo', '--load-ms-per-100k-rows', '30'] });
  test.setTimeout(180_000);

  test('applied, then the connection dropped or the reply held past the timeout: every outcome matches the server and the console sends no write more than twice', async ({ page, sim }) => {
    await openConsole(page, sim);
    await rowsShown(page);
    await sim.control('counters/reset', {});
    // Writes the page sends, by endpoint and collection.
    const sent = new Map();
    page.on('request', (r) => {
      const match = /\/v2\/vectordb\/(collections\/(?:load|release))$/.exec(r.url());
      if (!match) return;
      let name = null;
      try { name = JSON.parse(r.postData() ?? '{}').collectionName; } catch { /* not JSON */ }
      const key = `${match[1]} ${name}`;
      sent.set(key, (sent.get(key) ?? 0) + 1);
    });
    // Every write is applied by the server, then a share of the replies never arrive.
    await sim.control('faults', { rate: 0.35, kinds: ['applied-reset'], slowMs: 36_000 });
    // One reply is held past the 35 s a write waits for.
    await sim.control('faults/force', { endpoint: 'collections/release', collectionName: 'books', kind: 'applied-slow', times: 1 });
    const targets = ['books', 'films', 'faq_answers', 'chat_memory', 'code_snippets', 'legal_clauses'];
    const asked = [];
    for (const name of targets) {
      const button = row(page, name).getByRole('button', { name: new RegExp(`^(Release|Load|Cancel load) ${name}$`) }).first();
      if (!(await button.isVisible()) || !(await button.isEnabled())) continue;
      const label = await button.textContent();
      await button.click();
      await page.getByRole('dialog').getByRole('button', { name: /^(Release|Load)$/ }).click();
      asked.push({ name, operation: label.startsWith('Load') ? 'Load' : 'Release' });
    }
    expect(asked.length).toBeGreaterThan(3);
    const outcomes = page.locator('.mlc-outcomes li');
    // Each ends settled: done (read back when the reply was lost) or failed; none left open.
    await expect(async () => {
      const texts = (await outcomes.allTextContents()).map(withoutTime);
      for (const { name, operation } of asked) {
        const line = texts.find((t) => t.startsWith(`${operation} ${name}`));
        expect(line, `${operation} ${name}`).toMatch(/: (done|failed)/);
      }
    }).toPass({ timeout: 90_000 });
    await sim.control('faults', { rate: 0 });
    const held = await sim.collections();
    const texts = (await outcomes.allTextContents()).map(withoutTime);
    for (const { name, operation } of asked) {
      const line = texts.find((t) => t.startsWith(`${operation} ${name}`));
      const state = held.find((c) => c.name === name).state;
      // The server applied every write: none may read as failed, and "done" must be true.
      expect(line, `${operation} ${name} (server: ${state})`).toMatch(/: done/);
      expect(state, `${operation} ${name}`).toMatch(operation === 'Release' ? /^NotLoad$/ : /^(Loading|Loaded)$/);
    }
    // The console sent no write more than twice. (The server may count more arrivals: Chromium
    // itself resends a request whose reused connection closed before any reply, up to twice,
    // POSTs included; that is below the page and the same for any web client.)
    for (const [key, count] of sent) expect(count, key).toBeLessThanOrEqual(2);
    expect(sent.size).toBe(asked.length);
  });
  test('applied, then the reply lost and every read failing too: unknown until a read tells, then done as the server holds it', async ({ page, sim }) => {
    await openConsole(page, sim);
    await rowsShown(page);
    const held = await sim.collections();
    const loaded = held.find((c) => c.state === 'Loaded').name;
    const released = held.find((c) => c.state === 'NotLoad').name;
    const asked = [
      { name: loaded, operation: 'Release' },
      { name: released, operation: 'Load' },
    ];
    for (const { name } of asked) {
      // The write is applied and its connection dropped (Chromium resends a POST whose reused
      // connection closed: every send is dropped the same way) ...
      for (const endpoint of ['collections/release', 'collections/load']) {
        await sim.control('faults/force', { endpoint, collectionName: name, kind: 'applied-reset' });
      }
      // ... and no read of its state gets through.
      await sim.control('faults/force', { endpoint: 'collections/get_load_state', collectionName: name, kind: 'reset' });
    }
    for (const { name, operation } of asked) {
      await row(page, name).getByRole('button', { name: `${operation} ${name}`, exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: operation, exact: true }).click();
    }
    const outcomes = page.locator('.mlc-outcomes li');
    const lineOf = async (operation, name) => (await outcomes.allTextContents())
      .find((t) => t.includes(`${operation} ${name}:`)) ?? '';
    for (const { name, operation } of asked) {
      await expect.poll(() => lineOf(operation, name), { timeout: 40_000 })
        .toMatch(/: unknown: not seen applied after \d+ s/);
    }
    // Never called failed while nothing could be read.
    for (const { name, operation } of asked) expect(await lineOf(operation, name)).not.toMatch(/failed/);
    // The server answers reads again: the next read tells, and says what the server holds.
    await sim.control('faults/force/clear', {});
    const now = await sim.collections();
    for (const { name, operation } of asked) {
      await expect.poll(() => lineOf(operation, name), { timeout: 30_000 }).toMatch(/: done \(confirmed by re-reading\)/);
      const state = now.find((c) => c.name === name).state;
      expect(state, `${operation} ${name}`).toMatch(operation === 'Release' ? /^NotLoad$/ : /^(Loading|Loaded)$/);
    }
  });
});

/** A result line without the time it begins with. */
function withoutTime(line) {
  return line.replace(/^\d\d:\d\d /, '');
}
