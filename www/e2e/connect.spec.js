import { test, expect, consoleUrl, openConsole, badgeFor, closedUrl, requestsSettled } from './sim.js';

const row = (page, name) => page.locator('tr.mlc-row', { has: page.locator('th', { hasText: name }) });

test('connects to the demo data and shows every collection in the state the simulator holds', async ({ page, sim }) => {
  await openConsole(page, sim);
  const collections = await sim.collections();
  await expect(page.locator('tr.mlc-row')).toHaveCount(collections.length);
  for (const c of collections) {
    const badge = page.locator('tr.mlc-row', { has: page.locator(`th[title="${c.name}"]`) }).locator('.mlc-badge');
    // The server reads a partly loaded collection as Loaded; the list finds out (rows on screen).
    const partial = c.state === 'Loaded' && c.partitions.some((p) => p.state === 'NotLoad');
    await expect(badge).toHaveText(partial ? /^Partly loaded/ : badgeFor(c.state));
  }
  // Partition counts arrive lazily for the rows on screen (all of them here).
  for (const c of collections) {
    const count = page.locator('tr.mlc-row', { has: page.locator(`th[title="${c.name}"]`) }).locator('td.mlc-count');
    await expect(count).toHaveText(String(c.partitions.length));
  }
});

test('releases a collection through the confirmation; the simulator agrees', async ({ page, sim }) => {
  await openConsole(page, sim);
  const books = row(page, 'books');
  await expect(books.locator('.mlc-badge')).toHaveText('Loaded');
  await books.getByRole('button', { name: 'Release books' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('books');
  await dialog.getByRole('button', { name: 'Release' }).click();
  await expect(books.locator('.mlc-badge')).toHaveText('Released');
  await expect(page.locator('.mlc-outcomes')).toContainText('Release books: done');
  const state = (await sim.collections()).find((c) => c.name === 'books');
  expect(state.state).toBe('NotLoad');
});

test('a wrong endpoint gives a specific error, not a blank page', async ({ page }) => {
  await page.goto('/?endpoint=' + encodeURIComponent(await closedUrl()));
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('Server unreachable');
});

test('a link to a server not connected to before waits for Connect; later links to it connect at once', async ({ page, sim }) => {
  await page.goto(consoleUrl(sim));
  await expect(page.getByLabel('Milvus endpoint')).toHaveValue(sim.url);
  await expect(page.locator('.mlc-notice')).toHaveText(`Check that ${sim.url} is the server you mean, then press Connect.`);
  await requestsSettled(sim);
  expect(await sim.control('counters')).toEqual({});
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.locator('tr.mlc-row').first()).toBeVisible();
  await expect(page.locator('.mlc-notice')).toHaveCount(0);
  await page.goto(consoleUrl(sim));
  await expect(page.locator('tr.mlc-row').first()).toBeVisible();
});

test('a link whose endpoint carries a user name or password is neither shown nor used', async ({ page, sim }) => {
  await page.goto(consoleUrl({ url: sim.url.replace('http://', 'http://root:Link-Secret-1@') }));
  await expect(page.locator('.mlc-notice')).toContainText('the credentials as the token');
  await expect(page.getByLabel('Milvus endpoint')).toHaveValue('');
  expect(await page.locator('body').innerText()).not.toContain('Link-Secret-1');
  await requestsSettled(sim);
  expect(await sim.control('counters')).toEqual({});
});

test('a token with a control character is refused before anything is sent, without quoting it', async ({ page, sim }) => {
  await page.goto(consoleUrl(sim));
  await page.getByLabel('Token (optional)').fill('root:Ctl\tSecret-2');
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The token contains a line break or control character; it was not sent.');
  expect(await page.locator('body').innerText()).not.toContain('Secret-2');
  await requestsSettled(sim);
  expect(await sim.control('counters')).toEqual({});
});

test('a double click on confirm sends one request', async ({ page, sim }) => {
  await openConsole(page, sim);
  await page.getByRole('button', { name: 'Release books' }).click();
  await sim.control('counters/reset', {});
  await sim.control('latency', { minMs: 600, maxMs: 600 });
  // Both clicks in one task: the second lands before the console has even re-rendered, so the
  // first request is certainly still in flight (a real double click lands after the dialog
  // closed, and would pass with or without de-duplication).
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).evaluate((button) => {
    button.click();
    button.click();
  });
  await expect(row(page, 'books').locator('.mlc-badge')).toHaveText('Released');
  expect((await sim.control('counters'))['collections/release']).toBe(1);
});

test('compat 2.4.0: success code 200 and no databases endpoint still work', async ({ page }) => {
  const { startSim } = await import('./sim.js');
  const sim = await startSim(['--demo', '--compat', '2.4.0']);
  try {
    await openConsole(page, sim);
    const collections = await sim.collections();
    await expect(page.locator('tr.mlc-row')).toHaveCount(collections.length);
    await expect(row(page, 'books').locator('.mlc-badge')).toHaveText('Loaded');
    await expect(page.getByRole('combobox', { name: 'Database' }).locator('option')).toHaveText(['default']);
  } finally {
    sim.stop();
  }
});
