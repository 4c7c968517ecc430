import { test, expect } from './sim.js';

const VITE_HOST = process.env.VITE_HOST_URL;

test.describe('the npm package bundled by Vite', () => {
  test.skip(!VITE_HOST, 'VITE_HOST_URL is not set (run through cargo xtask test e2e)');

  test('the production build mounts, releases, shows the element and unmounts cleanly', async ({ page, sim }) => {
    await page.goto(`${VITE_HOST}/index.html?endpoint=${encodeURIComponent(sim.url)}`);
    const app = page.locator('#console');
    const element = page.locator('#element-slot milvus-load-console');
    const collections = await sim.collections();
    await expect(app.locator('tr.mlc-row')).toHaveCount(collections.length);
    // Vite emitted the wasm as a hashed asset next to its own bundle.
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((r) => r.name).filter((n) => n.endsWith('.wasm')));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/\/assets\/milvus_load_console_bg-[\w-]+\.wasm$/);
    await expect(element.locator('tr.mlc-row')).toHaveCount(collections.length);
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
    await sim.control('counters/reset', {});
    await page.waitForTimeout(2_000);
    expect(await sim.control('counters')).toEqual({});
  });
});
