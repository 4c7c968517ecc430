import { test, expect, expectNoRequestsFor, hostUrl } from './sim.js';

const VITE_HOST = hostUrl('VITE_HOST_URL');

test.describe('the npm package bundled by Vite', () => {
  test('the production build mounts, releases, shows the element and unmounts cleanly', async ({ page, sim }) => {
    const fetched = [];
    page.on('request', (r) => fetched.push(r.url()));
    // The page's clock is fake (so that "nothing for a minute" takes no minute); its
    // performance entries are then empty, hence the requests are watched from here.
    await page.clock.install();
    await page.goto(`${VITE_HOST}/index.html?endpoint=${encodeURIComponent(sim.url)}`);
    const app = page.locator('#console');
    const element = page.locator('#element-slot milvus-load-console');
    const collections = await sim.collections();
    // The list is windowed: the summary counts every row, the page holds those in view.
    await expect(app.locator('.mlc-summary')).toContainText(`${collections.length} shown`);
    // Vite emitted the wasm as a hashed asset next to its own bundle.
    const wasm = fetched.filter((url) => url.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/\/assets\/milvus_load_console_bg-[\w-]+\.wasm$/);
    await expect(element.locator('.mlc-summary')).toContainText(`${collections.length} shown`);
    await expect(element.getByRole('button', { name: /^Release / })).toHaveCount(0);
    await app.getByRole('button', { name: 'Release books' }).click();
    await app.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect(app.locator('tr.mlc-row', { hasText: 'books' }).locator('.mlc-badge')).toHaveText('Released');
    expect((await sim.collections()).find((c) => c.name === 'books').state).toBe('NotLoad');
    expect(await page.evaluate(() => window.viteHost.events)).toEqual([
      expect.objectContaining({ collection: 'books', operation: 'Release', ok: true }),
    ]);
    await page.evaluate(() => {
      window.viteHost.handle.unmount();
      document.querySelector('milvus-load-console').remove();
    });
    await expect(app.locator('.mlc-root')).toHaveCount(0);
    await expectNoRequestsFor(page, sim, 60_000);
  });
});
