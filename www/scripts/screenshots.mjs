// Takes the README's screenshots: node scripts/screenshots.mjs (from www/), with CONSOLE_URL
// (a served dist/) and MILVUS_SIM_BIN set as for the e2e suite. Writes ../docs/*.png.
import { chromium } from '@playwright/test';
import { startSim } from '../e2e/sim.js';

const base = process.env.CONSOLE_URL;
const sim = await startSim(['--demo']);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1180, height: 700 } });
  const open = async (fragment = '') => {
    await page.goto('about:blank');
    await page.goto(`${base}/?endpoint=${encodeURIComponent(sim.url)}${fragment}`);
    // An endpoint from a link connects once the user says it is the server they mean.
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.locator('.mlc-summary', { hasNotText: 'checking' }).waitFor();
    // Partition counts follow the states.
    await page.waitForFunction(() => ![...document.querySelectorAll('td.mlc-count')].some((td) => td.textContent === '…'));
    // Sizes follow the counts, and the summary's memory total follows the sizes.
    await page.locator('.mlc-summary', { hasText: 'replicas included' }).waitFor();
  };
  await open();
  await page.screenshot({ path: '../docs/collections.png' });

  // What holds memory: sorted by the estimate, with the cluster's groups and query nodes.
  await page.setViewportSize({ width: 1180, height: 1000 });
  await open('#sort=memory');
  await page.locator('details.mlc-cluster > summary').click();
  await page.locator('.mlc-cluster meter').first().waitFor();
  await page.screenshot({ path: '../docs/memory.png' });
  await page.locator('details.mlc-cluster > summary').click();
  await page.setViewportSize({ width: 1180, height: 700 });

  // The Load dialog with a replica number and the resource groups.
  await page.getByRole('button', { name: 'Load films', exact: true }).click();
  const load = page.getByRole('dialog');
  await load.getByRole('group', { name: 'Resource groups', exact: true }).waitFor();
  await load.getByRole('spinbutton', { name: 'Replicas' }).fill('2');
  await load.screenshot({ path: '../docs/load-replicas.png' });
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Partitions of user_events', exact: true }).click();
  await page.locator('.mlc-partitions .mlc-summary').waitFor();
  await page.screenshot({ path: '../docs/partitions.png' });

  await sim.control('loads/start', { collectionName: 'films', seconds: 600, progress: 42 });
  await open('#sort=state');
  await page.screenshot({ path: '../docs/loading.png', clip: { x: 0, y: 0, width: 1180, height: 420 } });

  await page.getByRole('combobox', { name: 'State' }).selectOption('Loaded');
  await page.getByRole('button', { name: /^Select all matching/ }).click();
  await page.getByRole('button', { name: /^Release selected/ }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('rel');
  await page.screenshot({ path: '../docs/confirm-release.png' });
  await page.keyboard.press('Escape');

  // Results with their times and exports, after a release that is done and one that fails.
  await sim.control('rules', { endpoint: 'collections/release', collectionName: 'code_snippets', code: 65535, message: 'forced failure for the screenshot', times: 1 });
  for (const name of ['books', 'code_snippets']) {
    await page.getByRole('button', { name: `Release ${name}`, exact: true }).click();
    await page.getByRole('dialog').locator('button.mlc-danger').click();
  }
  await page.locator('.mlc-outcomes > strong', { hasText: '1 done, 1 failed' }).waitFor();
  await page.locator('.mlc-outcomes').screenshot({ path: '../docs/results.png' });

  // The plan a restore shows before it acts.
  await page.getByLabel('Restore loaded set…').setInputFiles({
    name: 'loaded-set.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({
      format: 'milvus-load-console/loaded-set', version: 1, savedAt: '2026-12-01T22:00:00Z', endpoint: 'milvus.internal:19530',
      databases: [{ name: 'default', collections: [{ name: 'books' }, { name: 'films' }, { name: 'code_snippets' }, { name: 'archived_2023' }] }],
    })),
  });
  const plan = page.getByRole('dialog', { name: 'Restore the loaded set' });
  await plan.waitFor();
  await plan.screenshot({ path: '../docs/restore-plan.png' });
} finally {
  await browser.close();
  sim.stop();
}
