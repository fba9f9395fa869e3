// Browser tests of the editors (tests/browser): each editor mounted alone in a real Chromium, with no
// Grafana server. Playwright drives the system's Chromium (Debian's `chromium` package); it never
// downloads a browser. CHROMIUM_PATH overrides where it is.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests/browser',
  // Traces of failed tests; like the harness bundle, under node_modules/.cache, which git, ESLint
  // and Prettier leave alone.
  outputDir: './node_modules/.cache/sigdiag-browser-tests/results',
  globalSetup: './tests/browser/globalSetup.ts',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
});
