import { test, expect, startSim, consoleUrl, expectNoRequestsFor, hostUrl } from './sim.js';

const HOST = hostUrl('HOST_URL');
const TOKEN = 'root:Cred-Token-1';

/** Requests the simulator saw, by the Authorization value they carried. */
const byToken = (sim) => sim.control('counters/authorization');

test.describe('credentials', () => {
  test.use({ simArgs: ['--demo', '--auth', TOKEN] });

  test('a remembered token does not follow a link to another server', async ({ page, sim }) => {
    const other = await startSim(['--demo']);
    try {
      await page.goto(consoleUrl(sim));
      await page.getByLabel('Token (optional)').fill(TOKEN);
      await page.getByLabel('Remember token for this browser session').check();
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect(page.locator('tr.mlc-row').first()).toBeVisible();

      await page.goto(consoleUrl(other));
      await expect(page.locator('.mlc-notice')).toContainText(`The remembered token belongs to ${sim.url}`);
      await expect(page.getByLabel('Milvus endpoint')).toHaveValue(other.url);
      await expect(page.getByLabel('Token (optional)')).toHaveValue('');
      expect(await byToken(other)).toEqual({});
      expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(other.url);
      // Connecting is the user's choice, without the token.
      await page.getByRole('button', { name: 'Connect' }).click();
      await expect(page.locator('tr.mlc-row').first()).toBeVisible();
      expect(Object.keys(await byToken(other))).toEqual(['(none)']);
      expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).toContain(other.url);
    } finally {
      other.stop();
    }
  });

  test('a host revokes the token it mounted with; a 401 is one auth error event', async ({ page, sim }) => {
    await page.clock.install();
    await page.goto(`${HOST}/index.html`);
    await expect(page.locator('body[data-ready=true]')).toHaveCount(1);
    await page.evaluate(({ url, token }) => {
      const slot = document.createElement('div');
      slot.id = 'creds';
      slot.style.height = '600px';
      document.body.append(slot);
      window.credEvents = [];
      slot.addEventListener('error', (e) => window.credEvents.push(e.detail));
      window.credHandle = window.host.mount(slot, { endpoint: url, token });
    }, { url: sim.url, token: TOKEN });
    const slot = page.locator('#creds');
    await expect(slot.locator('tr.mlc-row').first()).toBeVisible();
    await sim.control('loads/start', { collectionName: 'films', seconds: 600 });
    await page.evaluate(() => window.credHandle.refresh());
    await expect(slot.locator('tr.mlc-row', { hasText: 'films' }).locator('.mlc-badge')).toHaveText(/Loading/);

    await sim.control('counters/reset', {});
    await page.evaluate(() => window.credHandle.update({ token: null }));
    await expect(slot.getByRole('alert')).toContainText('Not authenticated');
    // The reconnect went without the token (requests already in flight may have carried it).
    expect(Object.keys(await byToken(sim))).toContain('(none)');
    await expect(slot.getByLabel('Token (optional)')).toHaveValue('');
    // The refusal stopped the polling of the loading row, and was told once.
    await expectNoRequestsFor(page, sim, 60_000);
    expect(await byToken(sim)).toEqual({});
    const events = await page.evaluate(() => window.credEvents);
    expect(events.filter((e) => e.context === 'auth')).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain(TOKEN);
  });

  test('the custom element revokes with element.token = null', async ({ page, sim }) => {
    await page.clock.install();
    await page.goto(`${HOST}/index.html?element=${encodeURIComponent(sim.url)}`);
    const element = page.locator('milvus-load-console');
    await expect(element.getByRole('alert')).toContainText('Not authenticated');
    await element.evaluate((el, token) => { el.token = token; }, TOKEN);
    await expect(element.locator('tr.mlc-row').first()).toBeVisible();
    await sim.control('counters/reset', {});
    await element.evaluate((el) => { el.token = null; });
    await expect(element.getByRole('alert')).toContainText('Not authenticated');
    expect(Object.keys(await byToken(sim))).toContain('(none)');
    await expect(element.getByLabel('Token (optional)')).toHaveValue('');
    await expectNoRequestsFor(page, sim, 60_000);
    expect(await byToken(sim)).toEqual({});
  });
});
