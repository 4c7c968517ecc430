// Choosing replicas and resource groups in the Load dialog (Milvus 2.5.4+): a choice is stored
// on the collection, then the collection is loaded; what the server would refuse is refused
// before anything is sent.
import { test, expect, openConsole } from './sim.js';

const row = (page, name) => page.locator('tr.mlc-row', { has: page.getByRole('button', { name: `Partitions of ${name}`, exact: true }) });

async function openLoad(page, sim, name) {
  await openConsole(page, sim);
  // The groups come with the cluster read after the sweep.
  await expect(page.locator('.mlc-summary')).toContainText('replicas included');
  await row(page, name).getByRole('button', { name: `Load ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('group', { name: 'Resource groups', exact: true })).toBeVisible();
  return dialog;
}

// On 2.5.4 (up to 2.6.2) properties altered on a loaded collection are only stored: the 2
// replicas below can only come from properties stored before the load.
test.describe('on Milvus 2.5.4', () => {
  test.use({ simArgs: ['--demo', '--compat', '2.5.4'] });

  test('2 replicas in one group: the choice is stored on the collection, then it loads with 2 replicas there', async ({ page, sim }) => {
    const dialog = await openLoad(page, sim, 'films');
    await expect(dialog).toContainText('Without a choice: cluster default, usually 1 replica; cluster default, usually __default_resource_group.');
    await dialog.getByRole('spinbutton', { name: 'Replicas' }).fill('2');
    await expect(dialog).toContainText('Kept on the collection for its later loads: collection.replica.number 2 and collection.resource_groups "__default_resource_group"');
    await sim.control('counters/reset', {});
    await dialog.getByRole('button', { name: 'Load' }).click();
    await expect(page.locator('.mlc-outcomes')).toContainText('Load films: done', { timeout: 30_000 });
    const writes = await sim.control('writes');
    expect(writes['collections/alter_properties']).toEqual({ films: 1 });
    expect(writes['collections/load']).toEqual({ films: 1 });
    // The simulator placed the load by the stored properties: it came after them.
    const groupsOfFilms = async () => (await sim.control('cluster')).loaded
      .find((l) => l.collection === 'films')?.replicas.map((r) => r.group);
    await expect.poll(groupsOfFilms, { timeout: 30_000 }).toEqual(['__default_resource_group', '__default_resource_group']);
  });
});

// A loaded collection's replicas change through their own dialog: the choice is stored, and a
// load sent after it applies it on every version (2.6.3+ applies the store at once, earlier
// versions at that load); then the row shows the replicas the server holds.
for (const compat of ['2.5.4', '2.6']) {
  test.describe(`on Milvus ${compat}`, () => {
    test.use({ simArgs: ['--demo', '--compat', compat] });

    test('the replicas of a loaded collection change from 1 to 2 and the row says so', async ({ page, sim }) => {
      await openConsole(page, sim);
      await expect(page.locator('.mlc-summary')).toContainText('replicas included');
      const books = row(page, 'books');
      const change = books.getByRole('button', { name: 'Change the replicas of books' });
      await expect(change).toHaveText('1');
      await change.click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('heading', { level: 2 })).toHaveText('Change the replicas of books?');
      await expect(dialog).toContainText('Loaded now with 1 replica.');
      await expect(dialog).toContainText('Milvus 2.6.3 and later apply a stored choice at once');
      const confirm = dialog.getByRole('button', { name: 'Change replicas' });
      await expect(confirm).toBeDisabled();
      await dialog.getByRole('spinbutton', { name: 'Replicas' }).fill('3');
      await expect(dialog.getByRole('alert')).toContainText('3 replicas need 3 query nodes in __default_resource_group, which has 2');
      await expect(confirm).toBeDisabled();
      await dialog.getByRole('spinbutton', { name: 'Replicas' }).fill('2');
      await sim.control('counters/reset', {});
      await confirm.click();
      await expect(page.locator('.mlc-outcomes')).toContainText('Load books: done', { timeout: 30_000 });
      const writes = await sim.control('writes');
      expect(writes['collections/alter_properties']).toEqual({ books: 1 });
      expect(writes['collections/load']).toEqual({ books: 1 });
      const groupsOfBooks = async () => (await sim.control('cluster')).loaded
        .find((l) => l.collection === 'books')?.replicas.map((r) => r.group);
      await expect.poll(groupsOfBooks, { timeout: 30_000 }).toEqual(['__default_resource_group', '__default_resource_group']);
      await expect(books.getByRole('button', { name: 'Change the replicas of books' })).toHaveText('2', { timeout: 30_000 });
    });
  });
}

test('more replicas than the chosen group has query nodes is refused before anything is sent', async ({ page, sim }) => {
  const dialog = await openLoad(page, sim, 'films');
  await sim.control('counters/reset', {});
  await dialog.getByRole('spinbutton', { name: 'Replicas' }).fill('3');
  await expect(dialog.getByRole('alert')).toHaveText('3 replicas need 3 query nodes in __default_resource_group, which has 2: each replica is held by nodes of its own. Nothing is sent.');
  await expect(dialog.getByRole('button', { name: 'Load' })).toBeDisabled();
  // Two groups for three replicas: the server takes one group, or one per replica.
  await dialog.getByRole('checkbox', { name: /^rg_legal/ }).check();
  await expect(dialog.getByRole('alert')).toContainText('2 resource groups for 3 replicas');
  await dialog.getByRole('spinbutton', { name: 'Replicas' }).fill('2');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Load' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await sim.control('writes')).toEqual({});
});

// 2.5.3 reports resource groups but cannot store a choice: the load is not sent, and says why.
test.describe('on Milvus 2.5.3', () => {
  test.use({ simArgs: ['--demo', '--compat', '2.5.3'] });

  test('a choice that cannot be stored sends no load and says which version can', async ({ page, sim }) => {
    const dialog = await openLoad(page, sim, 'films');
    await dialog.getByRole('spinbutton', { name: 'Replicas' }).fill('2');
    await sim.control('counters/reset', {});
    await dialog.getByRole('button', { name: 'Load' }).click();
    await expect(page.locator('.mlc-outcomes')).toContainText('collections/alter_properties needs Milvus 2.5.4 or later', { timeout: 30_000 });
    expect((await sim.control('writes'))['collections/load']).toBeUndefined();
  });
});

test.describe('on Milvus 2.4', () => {
  test.use({ simArgs: ['--demo', '--compat', '2.4'] });

  test('the choice is not offered; the dialog says which setting applies', async ({ page, sim }) => {
    await openConsole(page, sim);
    await row(page, 'films').getByRole('button', { name: 'Load films' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Replicas: cluster default, usually 1 replica');
    await expect(dialog.getByRole('group', { name: 'Resource groups', exact: true })).toHaveCount(0);
  });
});
