import { test, expect, expectNoRequestsFor, hostUrl } from './sim.js';

test.describe('a React 19 host (StrictMode, Vite build)', () => {
  test.use({ simArgs: ['--demo', '--auth', 'root:Milvus'] });

  test('embeds both ways, survives StrictMode, releases, reports to React state and stops on unmount', async ({ page, sim }) => {
    const host = hostUrl('REACT_HOST_URL');
    await page.clock.install();
    await page.goto(`${host}/index.html?endpoint=${encodeURIComponent(sim.url)}`);
    const mounted = page.getByTestId('mounted');
    const element = page.locator('milvus-load-console');
    // The mount() console connects without a token here: the server requires one.
    await expect(mounted.getByText(/Not authenticated/).first()).toBeVisible();
    // StrictMode ran the effect twice with a cleanup between: one console remains.
    expect(await page.evaluate(() => window.reactHost)).toEqual({ mounts: 2, unmounts: 1 });
    await expect(mounted.locator('.mlc-root')).toHaveCount(1);
    // The element got its token as a property and lists the analytics database.
    const analytics = await sim.collections('analytics');
    await expect(element.locator('tr.mlc-row')).toHaveCount(analytics.length);
    const target = analytics.find((c) => c.state === 'Loaded');
    expect(target, 'a loaded collection in the demo data').toBeTruthy();
    await element.getByRole('button', { name: `Release ${target.name}` }).click();
    await element.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect(element.locator('tr.mlc-row', { hasText: target.name }).locator('.mlc-badge')).toHaveText('Released');
    expect((await sim.collections('analytics')).find((c) => c.name === target.name).state).toBe('NotLoad');
    await expect(page.getByTestId('actions')).toHaveText(`element: Release ${target.name} done`);
    await page.getByRole('button', { name: 'Hide consoles' }).click();
    await expect(page.locator('.mlc-root')).toHaveCount(0);
    await expect(element).toHaveCount(0);
    // Both consoles refreshed every 10 s: a minute of page time would show any left running.
    await expectNoRequestsFor(page, sim, 60_000);
  });
});

test.describe('a React host removing an attribute', () => {
  test.use({ simArgs: ['--demo', '--auth', 'root:Milvus'] });

  test('the element\'s endpoint removed by React stops its requests', async ({ page, sim }) => {
    const host = hostUrl('REACT_HOST_URL');
    await page.clock.install();
    await page.goto(`${host}/index.html?endpoint=${encodeURIComponent(sim.url)}`);
    const element = page.locator('milvus-load-console');
    await expect(element.locator('tr.mlc-row')).toHaveCount((await sim.collections('analytics')).length);
    // The mount() console has no token: refused, it sends nothing more.
    await expect(page.getByTestId('mounted').getByText(/Not authenticated/).first()).toBeVisible();
    await page.getByRole('button', { name: 'Remove the element\'s endpoint' }).click();
    expect(await element.evaluate((el) => el.hasAttribute('endpoint'))).toBe(false);
    // The element refreshed every 10 s: a minute of page time would show it still running.
    await expectNoRequestsFor(page, sim, 60_000);
    await expect(element.locator('tr.mlc-row')).toHaveCount(0);
  });
});
