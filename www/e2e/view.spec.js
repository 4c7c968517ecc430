import { test, expect, openConsole } from './sim.js';
import { seriousViolations } from './axe.js';

const partitionRow = (page, name) =>
  page.locator('.mlc-partitions tr.mlc-row', { has: page.locator(`th[title="${name}"]`) });

test('the partitions table starts right under its summary line', async ({ page, sim }) => {
  await openConsole(page, sim);
  await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
  const summary = page.locator('.mlc-partitions .mlc-summary');
  await expect(summary).toHaveText('2 of 5 partitions loaded or loading');
  const first = page.locator('.mlc-partitions tr.mlc-row').first();
  await expect(first).toBeVisible();
  const gap = (await first.boundingBox()).y - ((await summary.boundingBox()).y + (await summary.boundingBox()).height);
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThanOrEqual(120);
});

test.describe('in en-US', () => {
  test.use({ locale: 'en-US' });

  test('row counts are grouped', async ({ page, sim }) => {
    await openConsole(page, sim);
    await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
    await expect(partitionRow(page, 'region_us').locator('td').nth(2)).toHaveText('310,000');
    await expect(partitionRow(page, 'archive').locator('td').nth(2)).toHaveText('2,400,000');
  });
});

test.describe('in de-DE', () => {
  test.use({ locale: 'de-DE' });

  test('row counts are grouped the German way', async ({ page, sim }) => {
    await openConsole(page, sim);
    await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
    await expect(partitionRow(page, 'region_us').locator('td').nth(2)).toHaveText('310.000');
  });
});

test.describe('on a 360 px wide phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  test('collection and partition names stay readable, actions reachable', async ({ page, sim }) => {
    await openConsole(page, sim);
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    await expect(page.locator('.mlc-summary')).not.toContainText('checking');
    const names = page.locator('tr.mlc-row th.mlc-name');
    const count = await names.count();
    expect(count).toBeGreaterThan(5);
    for (let i = 0; i < count; i++) {
      const name = names.nth(i);
      const box = await name.boundingBox();
      expect(box.width, await name.getAttribute('title')).toBeGreaterThanOrEqual(100);
      // The name's text is drawn (not clipped away), and the full name is at hand.
      const link = await name.getByRole('button').evaluate((el) => ({ shown: el.getBoundingClientRect().width, full: el.scrollWidth }));
      expect(link.shown).toBeGreaterThanOrEqual(Math.min(link.full, 80) - 1);
      expect(await name.getAttribute('title')).toBeTruthy();
    }
    const release = page.getByRole('button', { name: 'Release books' });
    await release.scrollIntoViewIfNeeded();
    await expect(release).toBeInViewport();
    expect(await seriousViolations(page), 'collections view at 360 px').toEqual([]);
    await release.click();
    await expect(page.getByRole('dialog').getByRole('button', { name: 'Release' })).toBeInViewport({ ratio: 1 });
    await page.keyboard.press('Escape');
    // A bulk confirmation opened with the page scrolled down still fits the window.
    await page.getByRole('button', { name: /^Select all matching/ }).click();
    await page.evaluate(() => window.scrollTo(0, document.scrollingElement.scrollHeight));
    await page.getByRole('button', { name: /^Release selected/ }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { level: 2 })).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByRole('button', { name: 'Release' })).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByRole('textbox')).toBeInViewport({ ratio: 1 });
    expect(await seriousViolations(page), 'bulk dialog at 360 px').toEqual([]);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
    const partition = partitionRow(page, 'region_apac').locator('th.mlc-name');
    await expect(partition).toBeVisible();
    expect((await partition.boundingBox()).width).toBeGreaterThanOrEqual(100);
    const load = page.getByRole('button', { name: 'Load partition region_apac' });
    await load.scrollIntoViewIfNeeded();
    await expect(load).toBeInViewport();
    expect(await seriousViolations(page), 'partitions view at 360 px').toEqual([]);
  });
});

test.describe('five hundred collections', () => {
  test.use({ simArgs: ['--collections', '500', '--partitions', '1', '--seed', '5'], viewport: { width: 1280, height: 720 } });

  test('a bulk release says in one line what changes and what is skipped, and fits the window', async ({ page, sim }) => {
    await openConsole(page, sim);
    await expect(page.locator('.mlc-summary')).toContainText('500 shown');
    await expect(page.locator('.mlc-summary')).not.toContainText('checking', { timeout: 30_000 });
    const held = await sim.collections();
    const changing = held.filter((c) => c.state !== 'NotLoad').length;
    const released = held.length - changing;
    expect(changing).toBeGreaterThan(0);
    expect(released).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Select all matching (500)' }).click();
    await page.getByRole('button', { name: 'Release selected (500)' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(
      `${changing} loaded or loading will be released; ${released} already released are skipped`,
    );
    await expect(dialog.getByRole('heading', { level: 2 })).toBeInViewport({ ratio: 1 });
    const confirm = dialog.getByRole('button', { name: 'Release' });
    await expect(confirm).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeInViewport({ ratio: 1 });
    await expect(dialog.getByRole('textbox')).toBeInViewport({ ratio: 1 });
    const box = await dialog.boundingBox();
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(720);
    expect(await seriousViolations(page), 'dialog with 500 names').toEqual([]);

    await dialog.getByRole('textbox').fill(String(changing));
    await confirm.click();
    await expect(page.locator('.mlc-outcomes')).toContainText(new RegExp(`^${changing} done, 0 failed, ${released} skipped`), { timeout: 60_000 });
  });
});
