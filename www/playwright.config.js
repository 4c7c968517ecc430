// End-to-end suite: the built console (CONSOLE_URL, served from its own origin) against
// milvus-sim processes (MILVUS_SIM_BIN) on other origins, in Debian's Chromium.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  // No retries: a test that passes only on a second try is a failure to fix, not a pass.
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.CONSOLE_URL,
    browserName: 'chromium',
    trace: 'off',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
});
