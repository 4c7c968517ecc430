import { test, expect, consoleUrl, openConsole } from './sim.js';

const TOKEN = 'root:Sup3r-Secret-Token';

test.describe('with auth on', () => {
  test.use({ simArgs: ['--demo', '--auth', TOKEN, '--read-only-auth', 'viewer:Viewer-Secret'] });

  test('a wrong token gives the not-authenticated message; the right one works; the token goes nowhere', async ({ page, sim }) => {
    const logs = [];
    page.on('console', (m) => logs.push(m.text()));
    await openConsole(page, sim);
    await expect(page.getByRole('alert')).toContainText('Not authenticated');
    await page.getByLabel('Token (optional)').fill('root:wrong');
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('alert')).toContainText('Not authenticated');
    await page.getByLabel('Token (optional)').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(page.url()).not.toContain('Secret');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain('Secret');
    expect(logs.join('\n')).not.toContain('Secret');
  });

  test('the token is kept for the browser session only when the user opts in', async ({ page, sim }) => {
    await page.goto(consoleUrl(sim));
    await page.getByLabel('Token (optional)').fill(TOKEN);
    await page.getByLabel('Remember token for this browser session').check();
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toContain(TOKEN);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain('Secret');
    await page.reload();
    await expect(page.locator('tr.mlc-row').first()).toBeVisible();
    expect(page.url()).not.toContain('Secret');
  });

  test('a read-only user is told permission is denied, with the server reason', async ({ page, sim }) => {
    await page.goto(consoleUrl(sim));
    await page.getByLabel('Token (optional)').fill('viewer:Viewer-Secret');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('button', { name: 'Release books' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
    await expect(page.locator('.mlc-outcomes')).toContainText('Permission denied: rpc error: code = PermissionDenied');
  });
});
