import { readFile } from 'node:fs/promises';
import { test, expect, openConsole } from './sim.js';
import { seriousViolations } from './axe.js';

/** Per database, each collection with anything loaded (or loading) and those partitions. */
async function loadedSet(sim) {
  const { databases } = await sim.control('state');
  const set = {};
  for (const [db, { collections }] of Object.entries(databases)) {
    for (const c of collections) {
      const parts = c.partitions.filter((p) => p.state !== 'NotLoad').map((p) => p.name).sort();
      if (parts.length > 0) set[`${db}/${c.name}`] = parts;
    }
  }
  return set;
}

/** Releases every collection of every database straight on the server. */
async function releaseAll(sim) {
  const { databases } = await sim.control('state');
  for (const [dbName, { collections }] of Object.entries(databases)) {
    for (const { name } of collections) {
      const response = await fetch(`${sim.url}/v2/vectordb/collections/release`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ dbName, collectionName: name }),
      });
      expect((await response.json()).code).toBe(0);
    }
  }
}


test('save, release everything, restore: the server holds the saved loaded set again', async ({ page, sim }) => {
  const before = await loadedSet(sim);
  expect(Object.keys(before).length).toBeGreaterThan(5);
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save loaded set' }).click(),
  ]);
  const path = await download.path();
  const saved = JSON.parse(await readFile(path, 'utf8'));
  expect(saved.format).toBe('milvus-load-console/loaded-set');
  expect(saved.version).toBe(1);
  expect(saved.endpoint).toBe(new URL(sim.url).host);
  expect(saved.databases.map((d) => d.name).sort()).toEqual(['analytics', 'archive_2023', 'default']);
  const partly = saved.databases.find((d) => d.name === 'default').collections.find((c) => c.name === 'user_events');
  expect(partly.partitions.sort()).toEqual(['region_eu', 'region_us']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText(download.suggestedFilename());

  await releaseAll(sim);
  expect(await loadedSet(sim)).toEqual({});

  await page.getByLabel('Restore loaded set…').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Restore the loaded set' });
  await expect(dialog).toBeVisible();
  const loads = Object.keys(before).length;
  await expect(dialog).toContainText(`${loads} to load · 0 already loaded · 0 gone`);
  await expect(dialog).toContainText('default / user_events: partitions region_eu, region_us');
  // The replica setting the loads apply, as the Load dialog says it.
  await expect(dialog.locator('.mlc-plan-replicas')).toContainText('Replicas: ');
  expect(await seriousViolations(page), 'plan dialog').toEqual([]);
  await sim.control('counters/reset', {});
  await dialog.getByRole('button', { name: `Load ${loads}, release 0` }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.mlc-outcomes')).toContainText(`${loads} done`);

  // Only loads were sent, one per item; partly loaded ones by partition.
  const writes = await sim.control('writes');
  expect(Object.keys(writes).sort()).toEqual(['collections/load', 'partitions/load']);
  expect(writes['partitions/load']).toEqual({ user_events: 1, 'analytics/recommendations': 1 });
  await expect.poll(() => loadedSet(sim)).toEqual(before);
});

test('a save covers every database, also when the console could not list them', async ({ page, sim }) => {
  // The console's own listing of the databases fails; the save must not settle for the one shown.
  await sim.control('rules', { endpoint: 'databases/list', code: 65535, message: 'transient', times: 1 });
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  // The failure took: the picker offers only the database shown.
  await expect(page.getByRole('combobox', { name: 'Database' }).locator('option')).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save loaded set' }).click(),
  ]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(saved.databases.map((d) => d.name).sort()).toEqual(['analytics', 'archive_2023', 'default']);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toContainText('of 3 databases');
});

test('a restore of what is loaded sends nothing; what is loaded but not in the file is offered for release, unticked', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save loaded set' }).click(),
  ]);
  const path = await download.path();
  const response = await fetch(`${sim.url}/v2/vectordb/collections/load`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ collectionName: 'films' }),
  });
  expect((await response.json()).code).toBe(0);
  await sim.control('counters/reset', {});

  await page.getByLabel('Restore loaded set…').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Restore the loaded set' });
  await expect(dialog).toContainText('0 to load');
  const extra = dialog.getByRole('checkbox', { name: 'Release default / films' });
  await expect(extra).not.toBeChecked();
  await expect(dialog.getByRole('button', { name: 'Load 0, release 0' })).toBeDisabled();
  await extra.check();
  await dialog.getByRole('button', { name: 'Load 0, release 1' }).click();
  await expect(page.locator('.mlc-outcomes')).toContainText('Release films: done');
  expect(await sim.control('writes')).toEqual({ 'collections/release': { films: 1 } });
});

test('a malformed or foreign file dropped on the console is refused with its reason and changes nothing', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).not.toContainText('checking');
  await sim.control('counters/reset', {});
  const drop = async (name, text) => {
    const dataTransfer = await page.evaluateHandle(([n, t]) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([t], n, { type: 'application/json' }));
      return transfer;
    }, [name, text]);
    await page.dispatchEvent('.mlc-root', 'dragover', { dataTransfer });
    await page.dispatchEvent('.mlc-root', 'drop', { dataTransfer });
  };
  const alert = page.getByRole('alert');
  await drop('broken.json', '{"format": "milvus-load-console/loaded-set", "version": 1, ');
  await expect(alert).toContainText('Restore: The file is not JSON (EOF while parsing');
  await expect(alert).toContainText('Nothing was changed.');
  await drop('package.json', '{"name": "something", "version": "1.0.0"}');
  await expect(alert).toHaveText('Restore: The file is JSON but not a saved loaded set: it has no "format": "milvus-load-console/loaded-set". Nothing was changed.');
  await page.getByLabel('Restore loaded set…').setInputFiles({
    name: 'newer.json', mimeType: 'application/json',
    buffer: Buffer.from('{"format":"milvus-load-console/loaded-set","version":2,"databases":[]}'),
  });
  await expect(alert).toHaveText('Restore: The file is a saved loaded set of version 2; this console reads version 1. Nothing was changed.');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await sim.control('writes')).toEqual({});
});

test('a long plan lists a thousand items per section; every release can be ticked at once', async ({ page, sim }) => {
  await sim.control('reset', { dataset: { collections: 1050, partitions: 1, seed: 7, states: 'loaded' } });
  await openConsole(page, sim);
  await expect(page.locator('.mlc-summary')).toContainText(/1,?050 shown/);
  // A set saved when nothing of this database was loaded: all 1,050 are offered for release.
  const file = {
    format: 'milvus-load-console/loaded-set',
    version: 1,
    savedAt: '2026-12-01T08:00:00Z',
    endpoint: new URL(sim.url).host,
    databases: [{ name: 'default', collections: [] }],
  };
  await page.getByLabel('Restore loaded set…').setInputFiles({
    name: 'nothing-loaded.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
  });
  const dialog = page.getByRole('dialog', { name: 'Restore the loaded set' });
  // Reading what is loaded now takes two requests per loaded collection of one partition.
  await expect(dialog).toContainText('1050 loaded but not in the file (0 ticked to release)', { timeout: 60_000 });
  await expect(dialog.getByRole('checkbox')).toHaveCount(1000);
  await expect(dialog).toContainText('… and 50 more, not listed');
  await dialog.getByRole('button', { name: 'Tick all 1050' }).click();
  await expect(dialog.getByRole('button', { name: 'Load 0, release 1050' })).toBeEnabled();
  await expect(dialog.getByRole('checkbox').last()).toBeChecked();
  await dialog.getByRole('button', { name: 'Untick all' }).click();
  await expect(dialog.getByRole('button', { name: 'Load 0, release 0' })).toBeDisabled();
  expect(await seriousViolations(page), 'long plan dialog').toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test.describe('a restore of hundreds of loaded collections', () => {
  test.use({ simArgs: ['--collections', '300', '--partitions', '1', '--latency-ms', '20'] });

  test('says how many collections it has read of how many while it reads', async ({ page, sim }) => {
    await sim.control('reset', { dataset: { collections: 300, partitions: 1, seed: 3, states: 'loaded' } });
    await openConsole(page, sim);
    await expect(page.locator('.mlc-summary')).not.toContainText('checking', { timeout: 30_000 });
    const names = (await sim.collections()).map((c) => ({ name: c.name }));
    const file = {
      format: 'milvus-load-console/loaded-set',
      version: 1,
      savedAt: '2026-12-01T08:00:00Z',
      endpoint: new URL(sim.url).host,
      databases: [{ name: 'default', collections: names }],
    };
    await page.getByLabel('Restore loaded set…').setInputFiles({
      name: 'all.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)),
    });
    await expect(page.getByRole('status').filter({ hasText: 'Restore: reading what is loaded now…' }))
      .toContainText(/ read \d+ of 300 collections$/);
    const dialog = page.getByRole('dialog', { name: 'Restore the loaded set' });
    await expect(dialog).toBeVisible({ timeout: 60_000 });
  });
});
