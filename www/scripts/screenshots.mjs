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
    await page.locator('.mlc-summary', { hasNotText: 'checking' }).waitFor();
    // Partition counts follow the states.
    await page.waitForFunction(() => ![...document.querySelectorAll('td.mlc-count')].some((td) => td.textContent === '…'));
  };
  await open();
  await page.screenshot({ path: '../docs/collections.png' });

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
} finally {
  await browser.close();
  sim.stop();
}
