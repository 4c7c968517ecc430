import { test, expect, openConsole } from './sim.js';

// Any payload that runs sets window.__pwned or opens a dialog.
async function trap(page) {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.addInitScript(() => {
    window.__hits = 0;
    Object.defineProperty(window, '__pwned', { set() { window.__hits += 1; }, get() { return undefined; } });
  });
  return async () => {
    expect(await page.evaluate(() => window.__hits)).toBe(0);
    expect(dialogs).toEqual([]);
  };
}

/**
 * Scrolls the windowed table through to the end, pass after pass, collecting every row's name as
 * rendered, until `expected` names were seen or the deadline passes: the window re-renders a few
 * frames after each scroll, later on a busy machine, and a row missed on one pass is caught on
 * the next.
 */
async function renderedNames(page, expected) {
  const names = new Set();
  const scroller = page.locator('.mlc-scroller');
  let top = 0;
  await expect.poll(async () => {
    const atEnd = await scroller.evaluate((el, t) => {
      const end = el.scrollHeight - el.clientHeight;
      el.scrollTop = Math.min(t, end);
      return t >= end;
    }, top);
    top = atEnd ? 0 : top + 300;
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    for (const text of await page.locator('tr.mlc-row th button').allTextContents()) names.add(text);
    return names.size;
  }, { message: 'every row drawn while scrolling', timeout: 30_000, intervals: [50] }).toBeGreaterThanOrEqual(expected);
  return names;
}

test.describe('hostile names and messages', () => {
  test.use({ simArgs: ['--hostile'] });

  test('render as text; no script runs', async ({ page, sim }) => {
    const check = await trap(page);
    await openConsole(page, sim);
    const collections = await sim.collections();
    await expect(page.locator('.mlc-summary')).toContainText(`${collections.length} shown`);
    const names = await renderedNames(page, collections.length);
    expect(names.size).toBe(collections.length);
    for (const c of collections) expect(names.has(c.name), c.name).toBe(true);
    // Nothing from the payloads became markup.
    await expect(page.locator('.mlc-root img, .mlc-root svg, .mlc-root iframe, .mlc-root script, .mlc-root object, .mlc-root embed, .mlc-root a')).toHaveCount(0);
    // The database picker lists hostile database names as options.
    const dbs = await page.getByRole('combobox', { name: 'Database' }).locator('option').evaluateAll((os) => os.map((o) => o.value));
    expect(dbs.some((d) => d.includes('<script>')), JSON.stringify(dbs)).toBe(true);
    await check();
  });

  test('partitions and error messages that echo names render as text', async ({ page, sim }) => {
    const check = await trap(page);
    await openConsole(page, sim);
    // A released collection without an index: its load is skipped before sending, and the
    // result line and the row's mark carry its name as text.
    const target = (await sim.collections()).find((c) => !c.hasIndex && c.state === 'NotLoad' && c.name.includes('<'));
    await page.getByRole('searchbox', { name: 'Filter' }).fill(target.name);
    const row = page.locator('tr.mlc-row', { has: page.getByRole('button', { name: `Partitions of ${target.name}`, exact: true }) });
    await expect(row.getByText('no vector index')).toBeVisible();
    await row.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Load selected (1)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Load' }).click();
    await expect(page.locator('.mlc-outcomes')).toContainText(`Load ${target.name}: skipped — no vector index`);
    await page.getByRole('button', { name: `Partitions of ${target.name}`, exact: true }).click();
    await expect(page.locator('.mlc-partitions tr.mlc-row')).toHaveCount(target.partitions.length);
    await expect(page.locator('.mlc-root img, .mlc-root svg, .mlc-root iframe, .mlc-root script')).toHaveCount(0);
    await check();
  });
});

test('the page ships a strict Content-Security-Policy and runs under it', async ({ page, sim }) => {
  const violations = [];
  page.on('console', (m) => { if (m.text().includes('Content Security Policy')) violations.push(m.text()); });
  await openConsole(page, sim);
  await expect(page.locator('tr.mlc-row').first()).toBeVisible();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).not.toMatch(/'unsafe-eval'/);
  // Styles too: no inline style is allowed, and none is needed.
  expect(csp).toContain("style-src 'self';");
  expect(await page.locator('script:not([src])').count()).toBe(0);
  expect(violations).toEqual([]);
});
