import { test, expect, startSim, expectNoRequestsFor, requestsSettled, hostUrl, holdFilmsAt37 } from './sim.js';

const HOST = hostUrl('HOST_URL');

test.describe('the npm package in a host page', () => {
  test('two instances on different endpoints and databases are independent, styles do not leak', async ({ page, sim }) => {
    const other = await startSim(['--demo']);
    try {
      await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}&b=${encodeURIComponent(other.url)}&bdb=analytics`);
      const a = page.locator('#a');
      const b = page.locator('#b');
      const defaults = await sim.collections('default');
      const analytics = await other.collections('analytics');
      await expect(a.locator('tr.mlc-row')).toHaveCount(defaults.length);
      await expect(b.locator('tr.mlc-row')).toHaveCount(analytics.length);
      // Releasing in A touches only A's server.
      await a.getByRole('button', { name: 'Release books' }).click();
      await a.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
      await expect(a.locator('tr.mlc-row', { hasText: 'books' }).locator('.mlc-badge')).toHaveText('Released');
      expect((await sim.collections()).find((c) => c.name === 'books').state).toBe('NotLoad');
      expect((await other.collections()).find((c) => c.name === 'books').state).toBe('Loaded');
      // It sizes itself to its container: the table scrolls inside the host's 640px slot.
      const fits = await a.locator('.mlc-scroller').evaluate((el) => {
        const host = el.getRootNode().host.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return box.bottom <= host.bottom + 1 && box.height > 100;
      });
      expect(fits).toBe(true);
      // Host CSS does not reach in; ours does not reach out.
      const inner = await a.getByRole('button', { name: 'Refresh' }).evaluate((el) => getComputedStyle(el).color);
      expect(inner).not.toBe('rgb(255, 0, 0)');
      const outer = await page.locator('.host-button').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(outer).toBe('rgb(255, 255, 0)');
      // Events reached the host, DOM events and callbacks alike.
      const events = await page.evaluate(() => window.host.events);
      expect(events.some((e) => e.source === 'a' && e.name === 'statechange')).toBe(true);
      expect(events.some((e) => e.source === 'b' && e.name === 'statechange' && e.detail.database === 'analytics')).toBe(true);
      const action = events.find((e) => e.name === 'action');
      expect(action.detail).toMatchObject({ collection: 'books', operation: 'Release', ok: true });
      expect(await page.evaluate(() => window.host.callbacks.length)).toBe(1);
    } finally {
      other.stop();
    }
  });

  test('update() with a new token reconnects; unmount() leaves no DOM and sends no more requests', async ({ page }) => {
    const sim = await startSim(['--demo', '--auth', 'root:Token-A']);
    try {
      await page.clock.install();
      await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}`);
      const a = page.locator('#a');
      await expect(a.getByRole('alert')).toContainText('Not authenticated');
      await page.evaluate(() => window.host.handles.a.update({ token: 'root:Token-A' }));
      await expect(a.locator('tr.mlc-row').first()).toBeVisible();
      // Something keeps polling: a collection is loading.
      await sim.control('loads/start', { collectionName: 'films', seconds: 600 });
      await page.evaluate(() => window.host.handles.a.refresh());
      await expect(a.locator('tr.mlc-row', { hasText: 'films' }).locator('.mlc-badge')).toHaveText(/Loading/);
      await page.evaluate(() => window.host.handles.a.unmount());
      await expect(a.locator('.mlc-root')).toHaveCount(0);
      // Polls back off up to 8 s: a minute of page time would show any left behind.
      await expectNoRequestsFor(page, sim, 60_000);
    } finally {
      sim.stop();
    }
  });

  test('invalid options throw an Error naming the option', async ({ page, sim }) => {
    await page.goto(`${HOST}/index.html`);
    await expect(page.locator('body[data-ready=true]')).toHaveCount(1);
    const errors = await page.evaluate((url) => {
      const attempt = (options) => {
        try { window.host.mount(document.createElement('div'), options); return 'no error'; }
        catch (e) { return `${e instanceof Error}:${e.message}`; }
      };
      return [
        attempt({ endpoint: url, concurrency: 0 }),
        attempt({ endpoint: 'not a url' }),
        attempt({ endpoint: url, theme: 'pink' }),
        attempt({ endpoint: url, readOnly: 'yes' }),
        attempt({ endpoint: url, colour: 'red' }),
        attempt('endpoint'),
      ];
    }, sim.url);
    expect(errors[0]).toMatch(/^true:.*option `concurrency`/);
    expect(errors[1]).toMatch(/^true:.*option `endpoint`/);
    expect(errors[2]).toMatch(/^true:.*option `theme`/);
    expect(errors[3]).toMatch(/^true:.*option `readOnly`/);
    expect(errors[4]).toMatch(/^true:.*unknown option `colour`/);
    expect(errors[5]).toMatch(/^true:.*options must be an object/);
  });

  test('a missing element is refused by name; credentials typed into an endpoint never come back', async ({ page }) => {
    await page.goto(`${HOST}/index.html`);
    await expect(page.locator('body[data-ready=true]')).toHaveCount(1);
    const thrown = await page.evaluate(() => {
      const attempt = (run) => { try { run(); return 'no error'; } catch (e) { return `${e instanceof Error}:${e.message}`; } };
      const slot = document.createElement('div');
      document.body.append(slot);
      const handle = window.host.mount(slot, {});
      return [
        attempt(() => window.host.mount(null, {})),
        attempt(() => window.host.mount(document.createElement('div'), { endpoint: 'http://user:s3cret@milvus:19530' })),
        attempt(() => handle.update({ endpoint: 'user:s3cret@milvus:19530' })),
        attempt(() => handle.update({ token: null })),
      ];
    });
    expect(thrown[0]).toMatch(/^true:.*argument `element`.*\(got null\)/);
    for (const message of thrown.slice(1, 3)) {
      expect(message).toMatch(/^true:.*option `endpoint`.*<redacted>@milvus/);
      expect(message).not.toContain('s3cret');
    }
    expect(thrown[3]).toBe('no error');
    // Typed into the connect form: neither the alert nor the error event repeats it.
    const slot = page.locator('body > div').last();
    const errors = [];
    await page.exposeFunction('recordError', (detail) => errors.push(detail));
    await slot.evaluate((el) => el.addEventListener('error', (e) => window.recordError(e.detail)));
    await slot.locator('input[name=endpoint]').fill('http://user:s3cret@127.0.0.1:9');
    await slot.getByRole('button', { name: 'Connect' }).click();
    await expect(slot.getByRole('alert')).toContainText('<redacted>@127.0.0.1:9');
    expect(await slot.getByRole('alert').textContent()).not.toContain('s3cret');
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(JSON.stringify(errors)).not.toContain('s3cret');
    expect(JSON.stringify(errors)).toContain('<redacted>');
  });

  test('the custom element renders, reacts to attributes and stops on removal', async ({ page, sim }) => {
    await page.clock.install();
    await page.goto(`${HOST}/index.html?element=${encodeURIComponent(sim.url)}`);
    const element = page.locator('milvus-load-console');
    const analytics = await sim.collections('analytics');
    await expect(element.locator('tr.mlc-row')).toHaveCount(analytics.length);
    await expect(element.getByRole('button', { name: /^Release / })).toHaveCount(0);
    await element.evaluate((el) => el.removeAttribute('read-only'));
    await expect(element.getByRole('button', { name: /^(Release|Load) / }).first()).toBeVisible();
    await element.evaluate((el) => el.setAttribute('database', 'default'));
    // The list is windowed: the summary counts every row, the page holds those in view.
    const defaults = (await sim.collections('default')).length;
    await expect(element.locator('.mlc-summary')).toContainText(`${defaults} shown`);
    await expect(element.getByRole('button', { name: 'Partitions of books', exact: true })).toBeVisible();
    await element.evaluate((el) => el.remove());
    await expectNoRequestsFor(page, sim, 60_000);
  });

  test('the custom element\'s stall-minutes attribute sets when a held load is called stalled, and a bad value is refused', async ({ page, sim }) => {
    const start = await holdFilmsAt37(page, sim);
    await page.goto(`${HOST}/index.html?element=${encodeURIComponent(sim.url)}`);
    const element = page.locator('milvus-load-console');
    await expect(element.locator('tr.mlc-row').first()).toBeVisible();
    await element.evaluate((el) => {
      el.setAttribute('database', 'default');
      el.setAttribute('stall-minutes', '2');
    });
    const row = element.locator('tr.mlc-row', { hasText: 'films' });
    await expect(row.locator('.mlc-badge')).toHaveText('Loading 37%');
    // Three minutes at 37%: stalled at two, where the default (five) would not say so yet.
    await page.clock.setSystemTime(start + 3 * 60_000);
    await expect(row.locator('.mlc-stalled')).toHaveText('stalled at 37% since 14:02', { timeout: 20_000 });
    await element.evaluate((el) => el.setAttribute('stall-minutes', 'soon'));
    await expect.poll(async () => (await page.evaluate(() => window.host.events))
      .filter((e) => e.source === 'element' && e.name === 'error')
      .map((e) => e.detail.context)).toEqual(['attributes']);
  });

  test('importing the module mounts nothing and sends nothing', async ({ page }) => {
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith(HOST)) requests.push(r.url()); });
    await page.clock.install();
    await page.goto(`${HOST}/import-only.html`);
    await expect(page.locator('body[data-ready=true]')).toHaveCount(1);
    // Any timer the import armed would fire within this minute of page time.
    await page.clock.runFor(60_000);
    expect(await page.locator('body').innerHTML()).not.toContain('mlc-');
    expect(requests).toEqual([]);
  });
});

test('mount, unmount and mount again at once (as React StrictMode does) leaves one console running and none after unmount', async ({ page, sim }) => {
  const host = hostUrl('HOST_URL');
  await page.clock.install();
  await page.goto(`${host}/index.html`);
  await expect(page.locator('body[data-ready=true]')).toHaveCount(1);
  await page.evaluate((url) => {
    const slot = document.createElement('div');
    slot.id = 'again';
    slot.style.height = '300px';
    document.body.append(slot);
    // The first console is unmounted before Yew has even rendered it.
    window.host.mount(slot, { endpoint: url, refreshIntervalSeconds: 10 }).unmount();
    window.again = window.host.mount(slot, { endpoint: url, refreshIntervalSeconds: 10 });
  }, sim.url);
  await expect(page.locator('#again .mlc-root')).toHaveCount(1);
  // A 300 px slot: the windowed list holds the rows in view; the summary counts them all.
  await expect(page.locator('#again .mlc-summary')).toContainText(`${(await sim.collections()).length} shown`);
  await page.evaluate(() => window.again.unmount());
  // Each console refreshed every 10 s: a minute of page time shows any left running.
  await expectNoRequestsFor(page, sim, 60_000);
});

test('an embedded console leaves the host page\'s address and history alone', async ({ page, sim }) => {
  await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}#host-state`);
  const a = page.locator('#a');
  await expect(a.locator('tr.mlc-row').first()).toBeVisible();
  const before = await page.evaluate(() => ({ url: location.href, length: history.length }));
  await a.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
  await expect(a.getByRole('heading', { name: 'Partitions of user_events' })).toBeVisible();
  await a.getByRole('button', { name: '← Collections' }).click();
  await expect(a.getByRole('button', { name: 'Partitions of user_events', exact: true })).toBeVisible();
  expect(await page.evaluate(() => ({ url: location.href, length: history.length }))).toEqual(before);
});

test.describe('the host keeps control of the token and of mounting', () => {
  const TOKEN = 'root:Host-Token-1';
  test.use({ simArgs: ['--demo', '--auth', TOKEN, '--read-only-auth', 'root:Host-Token-2'] });
  /** Requests the simulator saw, by the Authorization header they carried. */
  const byToken = (sim) => sim.control('counters/authorization');
  const bearer = (token) => `Bearer ${token}`;

  /** Mounts a console into a new `#slot` with `options` (the endpoint given as `url`). */
  async function mountSlot(page, options) {
    await page.goto(`${HOST}/index.html`);
    await expect(page.locator('body[data-ready=true]')).toHaveCount(1);
    await page.evaluate((options) => {
      const slot = document.createElement('div');
      slot.id = 'slot';
      slot.style.height = '600px';
      document.body.append(slot);
      window.slotHandle = window.host.mount(slot, options);
    }, options);
    return page.locator('#slot');
  }

  test('the host\'s token is not echoed into the form nor sent to an endpoint typed there', async ({ page }) => {
    const other = await startSim(['--demo']);
    try {
      const slot = await mountSlot(page, { token: TOKEN });
      await expect(slot.getByLabel('Token (optional)')).toHaveValue('');
      await slot.getByLabel('Milvus endpoint').fill(other.url);
      await slot.getByRole('button', { name: 'Connect' }).click();
      await expect(slot.locator('tr.mlc-row').first()).toBeVisible();
      expect(Object.keys(await byToken(other))).toEqual(['(none)']);
    } finally {
      other.stop();
    }
  });

  test('update({token: null}) stops the token of a connection made through the form', async ({ page, sim }) => {
    await page.clock.install();
    const slot = await mountSlot(page, { token: TOKEN });
    await slot.getByLabel('Milvus endpoint').fill(sim.url);
    await slot.getByLabel('Token (optional)').fill(TOKEN);
    await slot.getByRole('button', { name: 'Connect' }).click();
    await expect(slot.locator('tr.mlc-row').first()).toBeVisible();
    await page.evaluate(() => window.slotHandle.update({ token: null }));
    await sim.control('loads/start', { collectionName: 'films', seconds: 600 });
    await requestsSettled(sim);
    await sim.control('counters/reset', {});
    await page.evaluate(() => window.slotHandle.refresh());
    await page.clock.runFor(30_000);
    await requestsSettled(sim);
    expect(Object.keys(await byToken(sim))).not.toContain(bearer(TOKEN));
  });

  test('update({endpoint: null}) stops every request to the old server', async ({ page, sim }) => {
    await page.clock.install();
    const slot = await mountSlot(page, { endpoint: sim.url, token: TOKEN, refreshIntervalSeconds: 10 });
    await expect(slot.locator('tr.mlc-row').first()).toBeVisible();
    await sim.control('loads/start', { collectionName: 'films', seconds: 600 });
    await page.evaluate(() => window.slotHandle.refresh());
    await expect(slot.locator('tr.mlc-row', { hasText: 'films' }).locator('.mlc-badge')).toHaveText(/Loading/);
    await page.evaluate(() => window.slotHandle.update({ endpoint: null }));
    await expectNoRequestsFor(page, sim, 60_000);
    await expect(slot.locator('tr.mlc-row')).toHaveCount(0);
  });

  test('a token rotated on the same endpoint keeps the open dialog and reaches the next request', async ({ page, sim }) => {
    const slot = await mountSlot(page, { endpoint: sim.url, token: TOKEN });
    await expect(slot.locator('tr.mlc-row').first()).toBeVisible();
    await slot.getByRole('button', { name: 'Release books' }).click();
    await expect(slot.getByRole('dialog')).toBeVisible();
    await requestsSettled(sim);
    await sim.control('counters/reset', {});
    await page.evaluate(() => window.slotHandle.update({ token: 'root:Host-Token-2' }));
    await requestsSettled(sim);
    await expect(slot.getByRole('dialog')).toBeVisible();
    await slot.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await page.evaluate(() => window.slotHandle.refresh());
    await requestsSettled(sim);
    expect(Object.keys(await byToken(sim))).toEqual([bearer('root:Host-Token-2')]);
  });

  test('a second mount() into the same element is refused; after unmount() it mounts again', async ({ page }) => {
    await page.goto(`${HOST}/index.html`);
    await expect(page.locator('body[data-ready=true]')).toHaveCount(1);
    const result = await page.evaluate(() => {
      const slot = document.createElement('div');
      document.body.append(slot);
      const first = window.host.mount(slot, {});
      let second;
      try { window.host.mount(slot, {}); second = 'no error'; } catch (e) { second = `${e instanceof Error}:${e.message}`; }
      first.unmount();
      let again;
      try { window.host.mount(slot, {}).unmount(); again = 'no error'; } catch (e) { again = `${e instanceof Error}:${e.message}`; }
      return { second, again };
    });
    expect(result.second).toMatch(/^true:milvus-load-console: .*already/);
    expect(result.again).toBe('no error');
  });

  test('a token set on the element before define() is used and never becomes an attribute', async ({ page }) => {
    const sim = await startSim(['--demo', '--auth', 'root:Milvus']);
    try {
      await page.goto(`${HOST}/index.html?early=${encodeURIComponent(sim.url)}`);
      const element = page.locator('milvus-load-console');
      await expect(element.locator('tr.mlc-row').first()).toBeVisible();
      expect(await element.evaluate((el) => el.hasAttribute('token') || el.outerHTML.includes('Milvus'))).toBe(false);
      expect(Object.keys(await byToken(sim))).toEqual([bearer('root:Milvus')]);
    } finally {
      sim.stop();
    }
  });
});
