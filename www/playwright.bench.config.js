// The benchmark run (cargo xtask bench): one browser, one worker, figures printed, never a
// pass/fail on timing.
import { defineConfig } from '@playwright/test';
import base from './playwright.config.js';

export default defineConfig({
  ...base,
  testDir: './bench',
  timeout: 600_000,
  fullyParallel: false,
  workers: 1,
  use: {
    ...base.use,
    launchOptions: {
      ...base.use.launchOptions,
      args: [...base.use.launchOptions.args, '--enable-precise-memory-info'],
    },
  },
});
