import { test, expect, openConsole, badgeFor } from './sim.js';

test.describe('thousands of collections', () => {
  test.use({ simArgs: ['--collections', '1500', '--partitions', '2', '--latency-ms', '20'] });

  test('rows scrolled into view are fetched before the rest, partition counts included', async ({ page, sim }) => {
    await openConsole(page, sim);
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    // Only a window of rows is in the DOM; jump to the end of the list while the sweep runs.
    expect(await page.locator('tr.mlc-row').count()).toBeLessThan(60);
    await page.locator('.mlc-scroller').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const last = page.locator('tr.mlc-row').last();
    await expect(last).toHaveAttribute('aria-rowindex', '1501');
    await expect(last.locator('.mlc-badge')).not.toHaveText('Checking…');
    // The sweep goes in name order, so these rows were answered out of turn: most states are
    // still to come.
    const asked = (await sim.control('counters'))['collections/get_load_state'] ?? 0;
    expect(asked).toBeLessThan(750);
    // Their partition counts follow once the states are in.
    await expect(last.locator('td.mlc-count')).toHaveText('2', { timeout: 60_000 });
  });
});

test.describe('10,000 collections end to end', () => {
  test.use({ simArgs: ['--collections', '10000', '--partitions', '1', '--seed', '7'] });
  test.setTimeout(300_000);

  test('the sweep completes; the filter and a bulk release of a thousand stay correct', async ({ page, sim }) => {
    await openConsole(page, sim);
    const summary = page.locator('.mlc-summary');
    await expect(summary).toContainText(/10,?000 shown/, { timeout: 60_000 });
    await expect(summary).not.toContainText('checking', { timeout: 240_000 });
    // Only a window of rows is in the page.
    expect(await page.locator('tr.mlc-row').count()).toBeLessThan(80);
    const filter = page.getByRole('searchbox', { name: 'Filter' });
    await filter.fill('collection_01');
    await expect(summary).toContainText(/\b1,?000 shown/);
    const matching = (await sim.collections()).filter((c) => c.name.startsWith('collection_01'));
    expect(matching).toHaveLength(1_000);
    await page.getByRole('button', { name: /^Select all matching \(1,?000\)$/ }).click();
    await page.getByRole('button', { name: /^Release selected \(1,?000\)$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill('release');
    await dialog.getByRole('button', { name: 'Release' }).click();
    await expect(dialog).toHaveCount(0);
    // Every one is released on the server, and the view shows it without a manual refresh.
    await expect.poll(async () => (await sim.collections()).filter((c) => c.name.startsWith('collection_01') && c.state !== 'NotLoad').length, { timeout: 180_000 }).toBe(0);
    await page.getByRole('combobox', { name: 'State' }).selectOption('Released');
    await expect(summary).toContainText(/\b1,?000 shown/, { timeout: 60_000 });
    // The filter still answers at once after all that.
    await filter.fill('no-such-collection');
    await expect(page.locator('tr.mlc-row')).toHaveCount(0);
    await filter.fill('collection_01999');
    await expect(page.locator('tr.mlc-row')).toHaveCount(1);
  });
});

test.describe('hundreds of collections loading on a slow server', () => {
  test.use({ simArgs: ['--collections', '300', '--partitions', '1', '--seed', '3', '--latency-ms', '200'] });
  test.setTimeout(180_000);

  test('polls stay bounded (one state request per loading collection at a time) and a release still goes through', async ({ page, sim }) => {
    for (const c of await sim.collections()) {
      if (c.state !== 'Loading') await sim.control('loads/start', { collectionName: c.name, seconds: 3_600 });
    }
    // State requests in flight, per collection, as the browser sends them.
    const inFlight = new Map();
    const polled = new Map();
    let worst = 0;
    const nameOf = (request) => {
      if (!request.url().endsWith('/collections/get_load_state')) return null;
      try { return JSON.parse(request.postData() ?? '{}').collectionName ?? null; } catch { return null; }
    };
    page.on('request', (r) => {
      const name = nameOf(r);
      if (!name) return;
      inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
      polled.set(name, (polled.get(name) ?? 0) + 1);
      worst = Math.max(worst, inFlight.get(name));
    });
    const done = (r) => { const name = nameOf(r); if (name) inFlight.set(name, (inFlight.get(name) ?? 1) - 1); };
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await openConsole(page, sim);
    await expect(page.locator('.mlc-summary')).toContainText(/\b300 loading/, { timeout: 120_000 });
    // Several rounds of polls: every collection asked at least three times.
    await expect.poll(() => Math.min(...[...polled.values()], polled.size === 300 ? Infinity : 0), { timeout: 120_000 }).toBeGreaterThanOrEqual(3);
    expect(worst, 'state requests in flight at once for one collection').toBe(1);
    // A release clicked now is not queued behind the polls.
    const name = 'collection_00150';
    await page.getByRole('searchbox', { name: 'Filter' }).fill(name);
    await page.getByRole('button', { name: `Cancel load ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect(page.locator('.mlc-outcomes')).toContainText(`Release ${name}: done`);
    expect((await sim.collections()).find((c) => c.name === name).state).toBe('NotLoad');
  });
});

test.describe('4,096 partitions in one collection', () => {
  test.setTimeout(240_000);

  const partitionRow = (page, name) =>
    page.locator('.mlc-partitions tr.mlc-row', { has: page.locator(`th[title="${name}"]`) });
  const box = (page, name) => page.getByRole('checkbox', { name: `Select partition ${name}`, exact: true });
  const bulk = (page, count) => page.getByRole('button', { name: `Release selected (${count})`, exact: true });

  test('4,096 partitions: the view is windowed, the last one shows its state, toggles answer and a release of a few reaches the server', async ({ page, sim }) => {
    await sim.control('reset', { dataset: { collections: 1, partitions: 4096, seed: 7 } });
    const name = 'collection_00000';
    const targets = ['part_4092', 'part_4093', 'part_4094'];
    // The partitions to release are loaded; every other one keeps its seeded state.
    await sim.control('loads/start', { collectionName: name, partitionNames: targets, seconds: 0.001 });
    await sim.control('loads/finish', { collectionName: name, partitionNames: targets });
    // The last partition is released: asked about alone, the server answers it loading at -1
    // with "partition not loaded[", which the console must show as Released.
    const released = await fetch(`${sim.url}/v2/vectordb/partitions/release`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ collectionName: name, partitionNames: ['part_4095'] }),
    });
    expect((await released.json()).code).toBe(0);
    const partitionsOnServer = async () => (await sim.collections()).find((c) => c.name === name).partitions;
    const before = await partitionsOnServer();
    expect(before).toHaveLength(4096);
    expect(before.filter((p) => targets.includes(p.name)).map((p) => p.state)).toEqual(['Loaded', 'Loaded', 'Loaded']);
    const last = before.find((p) => p.name === 'part_4095');
    expect(last.state).toBe('NotLoad');

    await openConsole(page, sim);
    await page.getByRole('button', { name: `Partitions of ${name}`, exact: true }).click();
    const rows = page.locator('.mlc-partitions tr.mlc-row');
    await expect(partitionRow(page, '_default')).toBeVisible();
    // Only a window of the 4,096 rows is in the page.
    expect(await rows.count()).toBeLessThan(100);

    // A tick shows in its box and in the bulk buttons' count at once.
    await box(page, '_default').check();
    await expect(bulk(page, 1)).toBeEnabled();
    await box(page, 'part_01').check();
    await expect(box(page, 'part_01')).toBeChecked();
    await expect(bulk(page, 2)).toBeEnabled();
    await box(page, '_default').uncheck();
    await box(page, 'part_01').uncheck();
    await expect(box(page, '_default')).not.toBeChecked();
    await expect(bulk(page, 0)).toBeDisabled();

    // The end of the list: the last partition, with the state the server holds.
    await page.locator('.mlc-partitions .mlc-scroller').evaluate((el) => { el.scrollTop = el.scrollHeight; });
    const lastRow = partitionRow(page, 'part_4095');
    await expect(lastRow).toBeVisible();
    await expect(lastRow.locator('.mlc-badge')).toHaveText(badgeFor(last.state), { timeout: 120_000 });
    expect(await rows.count()).toBeLessThan(100);
    await expect(page.locator('.mlc-partitions th[title="_default"]')).toHaveCount(0);

    for (const [i, target] of targets.entries()) {
      await expect(partitionRow(page, target).locator('.mlc-badge')).toHaveText('Loaded');
      await box(page, target).check();
      await expect(box(page, target)).toBeChecked();
      await expect(bulk(page, i + 1)).toBeEnabled();
    }
    await expect(page.getByRole('button', { name: 'Load selected (3)', exact: true })).toBeEnabled();
    await bulk(page, 3).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`Release 3 partitions of ${name}?`);
    await dialog.getByRole('button', { name: 'Release' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.locator('.mlc-partitions .mlc-outcomes')).toContainText('Release of 3 partition(s): done', { timeout: 60_000 });

    // On the server: those three released, every other partition as it was.
    const after = new Map((await partitionsOnServer()).map((p) => [p.name, p.state]));
    for (const p of before) {
      expect(after.get(p.name), p.name).toBe(targets.includes(p.name) ? 'NotLoad' : p.state);
    }
    // And the view shows them released once it has read them again.
    for (const target of targets) {
      await expect(partitionRow(page, target).locator('.mlc-badge')).toHaveText('Released', { timeout: 120_000 });
    }
    await expect(lastRow.locator('.mlc-badge')).toHaveText(badgeFor(last.state));
  });
});
