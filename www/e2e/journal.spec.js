import { readFile } from 'node:fs/promises';
import { test, expect, openConsole, hostUrl, holdFilmsAt37 } from './sim.js';
import { seriousViolations } from './axe.js';

const HOST = hostUrl('HOST_URL');
const MINUTE = 60_000;


test('a load held at 37% is marked stalled after five minutes of page time, and the host gets one stall event and one onStall call', async ({ page, sim }) => {
  test.setTimeout(120_000);
  const start = await holdFilmsAt37(page, sim);
  await page.goto(`${HOST}/index.html?a=${encodeURIComponent(sim.url)}`);
  const a = page.locator('#a');
  const row = a.locator('tr.mlc-row', { hasText: 'films' });
  await expect(row.locator('.mlc-badge')).toHaveText('Loading 37%');
  await expect(row.locator('.mlc-stalled')).toHaveCount(0);
  // The page's clock jumps minutes ahead (its timers do not fire: no request times out); the
  // next poll, a few seconds later, reads 37% again at that time.
  const reads = async () => (await sim.control('counters'))['collections/get_load_state'] ?? 0;
  const nextPoll = async () => {
    const before = await reads();
    await expect.poll(reads, { timeout: 20_000 }).toBeGreaterThan(before);
  };
  await page.clock.setSystemTime(start + 4 * MINUTE);
  await nextPoll();
  await expect(row.locator('.mlc-badge')).toHaveText('Loading 37%');
  await expect(row.locator('.mlc-stalled')).toHaveCount(0);
  await page.clock.setSystemTime(start + 6 * MINUTE);
  await expect(row.locator('.mlc-stalled')).toHaveText('stalled at 37% since 14:02', { timeout: 20_000 });
  // The host page's console is in a shadow root, which axe enters from its host element.
  expect(await seriousViolations(page, '#a'), 'a stalled row').toEqual([]);
  // More polls at 37%: still one event.
  await page.clock.setSystemTime(start + 9 * MINUTE);
  await nextPoll();
  const stalls = (await page.evaluate(() => window.host.events)).filter((e) => e.name === 'stall');
  expect(stalls).toHaveLength(1);
  expect(stalls[0].source).toBe('a');
  expect(stalls[0].detail).toMatchObject({ database: 'default', collection: 'films', progress: 37 });
  expect(new Date(stalls[0].detail.since).getHours()).toBe(14);
  expect(stalls[0].detail.since).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  // The host's onStall callback gets the same detail, once.
  expect(await page.evaluate(() => window.host.stalls)).toEqual([stalls[0].detail]);
  // Progress again: no longer stalled, and the time left at the rate seen shows.
  await sim.control('loads/hold', { collectionName: 'films', progress: 60 });
  await page.clock.setSystemTime(start + 10 * MINUTE);
  await expect(row.locator('.mlc-badge')).toHaveText('Loading 60%', { timeout: 20_000 });
  await expect(row.locator('.mlc-stalled')).toHaveCount(0);
  await expect(row.locator('.mlc-time-left')).toHaveText(/^ · about \d+ min left$/);
});

test('the results export as CSV: a release done and a release refused, with their times', async ({ page, sim }) => {
  const loaded = (await sim.collections()).filter((c) => c.state === 'Loaded').map((c) => c.name);
  const [done, refused] = loaded;
  await sim.control('rules', {
    endpoint: 'collections/release',
    collectionName: refused,
    code: 65535,
    message: 'refused, "on purpose"\n=1+1',
  });
  await openConsole(page, sim);
  for (const name of [done, refused]) {
    await page.getByRole('button', { name: `Release ${name}`, exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  }
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results).toContainText('1 done, 1 failed');
  await expect(results.locator('li time').first()).toHaveText(/^\d\d:\d\d$/);
  expect(await seriousViolations(page), 'results with export buttons').toEqual([]);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    results.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^milvus-journal-.*\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe('\uFEFFtime,database,collection,partitions,operation,result,detail');
  const iso = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
  expect(lines[1]).toMatch(new RegExp(`^${iso},default,${done},,Release,done,$`));
  // The server's reason, quoted (comma, quotes, line break) and whole.
  expect(csv).toMatch(new RegExp(`\\r\\n${iso},default,${refused},,Release,failed,"[^\\r]*refused, ""on purpose""\\n=1\\+1"\\r\\n$`));

  const [json] = await Promise.all([
    page.waitForEvent('download'),
    results.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  const journal = JSON.parse(await readFile(await json.path(), 'utf8'));
  expect(journal.dropped).toBe(0);
  expect(journal.outcomes.map((o) => [o.collection, o.result])).toEqual([[done, 'done'], [refused, 'failed']]);
});

test('an export the browser refuses says so, and the results stay', async ({ page, sim }) => {
  await page.addInitScript(() => {
    window.allowedCreateObjectURL = URL.createObjectURL;
    URL.createObjectURL = () => { throw new Error('downloads are blocked by policy'); };
  });
  const [name] = (await sim.collections()).filter((c) => c.state === 'Loaded').map((c) => c.name);
  await openConsole(page, sim);
  await page.getByRole('button', { name: `Release ${name}`, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results).toContainText('1 done');
  await results.getByRole('button', { name: 'Export CSV' }).click();
  await expect(results.getByRole('alert')).toHaveText('Export CSV failed: downloads are blocked by policy. The results stay here.');
  await expect(results).toContainText(`Release ${name}: done`);
  // The next export that works clears the message.
  await page.evaluate(() => { URL.createObjectURL = window.allowedCreateObjectURL; });
  await Promise.all([
    page.waitForEvent('download'),
    results.getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  await expect(results.getByRole('alert')).toHaveCount(0);
});
