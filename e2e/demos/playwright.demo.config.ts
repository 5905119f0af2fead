import { defineConfig } from '@playwright/test';
import { BASE_URL, CHROMIUM, stackCommand } from '../fixtures/stack.ts';

/**
 * `pnpm demo`: the quick start recorded as a video (e2e/demos/out/, gitignored) with the README's
 * screenshots (docs/screenshots/), on the same stack as the e2e tests.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '*.demo.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 600_000,
  expect: { timeout: 30_000 },
  outputDir: './out',
  reporter: [['list']],
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { ...CHROMIUM, slowMo: 120 },
    video: { mode: 'on', size: { width: 1280, height: 800 } },
    locale: 'en-US',
    colorScheme: 'light',
  },
  webServer: {
    command: stackCommand(),
    url: `${BASE_URL}/readyz`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
