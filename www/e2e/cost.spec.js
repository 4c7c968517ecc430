import { test, expect, openConsole } from './sim.js';

const row = (page, name) => page.locator('tr.mlc-row', { has: page.getByRole('button', { name: `Partitions of ${name}`, exact: true }) });

test('rows, estimated memory and replicas are shown for the collections on screen', async ({ page, sim }) => {
  await openConsole(page, sim);
  const books = row(page, 'books');
  await expect(books.locator('td.mlc-rows')).toHaveText('120,000');
  // Strings and JSON sized at the server's guess: an upper bound, and said so.
  await expect(books.locator('.mlc-estimate')).toHaveText(/^≤ \d/);
  await expect(books.locator('.mlc-estimate')).toHaveAttribute('title', /Not counted.*the server's guess for its type/);
  // Numbers and vectors, with the dynamic field sized as JSON at its guess: an upper bound too.
  await expect(row(page, 'chat_memory').locator('.mlc-estimate')).toHaveText(/^≤ \d/);
  await expect(row(page, 'chat_memory').locator('.mlc-estimate')).toHaveAttribute('title', /Dynamic field: sized as JSON/);
  await expect(row(page, 'faq_answers').locator('td.mlc-replicas')).toHaveText('2');
  await expect(page.locator('.mlc-summary')).toContainText(/≤ .* for \d+ of \d+ loaded shown \(est\., replicas included\)/);
});

test('sorting by memory puts the largest loaded collection first', async ({ page, sim }) => {
  await openConsole(page, sim);
  await expect(row(page, 'product_images_clip').locator('.mlc-estimate')).toBeVisible();
  await expect(row(page, 'books').locator('.mlc-estimate')).toBeVisible();
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('Memory (est.)');
  await expect(page.locator('tr.mlc-row').first()).toContainText('product_images_clip');
  await expect(page).toHaveURL(/sort=memory/);
});

test('a collection without a vector index cannot be loaded, and a bulk load skips it', async ({ page, sim }) => {
  await openConsole(page, sim);
  const raw = row(page, 'raw_events_no_index');
  await expect(raw.getByText('no vector index')).toBeVisible();
  const load = raw.getByRole('button', { name: 'Load raw_events_no_index' });
  await expect(load).toBeDisabled();
  await expect(load).toHaveAttribute('title', /No vector index/);
  await raw.getByRole('checkbox').check();
  await row(page, 'films').getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Load selected (2)' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('1 without a vector index is skipped');
  await dialog.getByRole('button', { name: 'Load' }).click();
  await expect(page.locator('.mlc-outcomes')).toContainText('no vector index');
  const after = await sim.collections();
  expect(after.find((c) => c.name === 'raw_events_no_index').state).toBe('NotLoad');
});
