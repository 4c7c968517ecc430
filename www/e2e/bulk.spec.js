import { test, expect, openConsole } from './sim.js';

test('bulk release with one forced failure: the others complete, the failure is reported with its reason', async ({ page, sim }) => {
  await sim.control('rules', {
    endpoint: 'collections/release', collectionName: 'code_snippets', code: 65535, message: 'forced failure for the test',
  });
  await openConsole(page, sim);
  await page.getByRole('combobox', { name: 'State' }).selectOption('Loaded');
  const loaded = (await sim.collections()).filter((c) => c.state === 'Loaded').map((c) => c.name);
  await expect(page.locator('tr.mlc-row')).toHaveCount(loaded.length);
  await page.getByRole('button', { name: `Select all matching (${loaded.length})` }).click();
  await page.getByRole('button', { name: `Release selected (${loaded.length})` }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Release' });
  await expect(confirm).toBeDisabled();
  await dialog.getByRole('textbox').fill(String(loaded.length));
  await confirm.click();
  const outcomes = page.locator('.mlc-outcomes');
  await expect(outcomes).toContainText(`${loaded.length - 1} done, 1 failed`);
  await expect(outcomes).toContainText('Release code_snippets: failed: Milvus error (code 65535): forced failure for the test');
  const after = await sim.collections();
  for (const name of loaded) {
    expect(after.find((c) => c.name === name).state).toBe(name === 'code_snippets' ? 'Loaded' : 'NotLoad');
  }
});
