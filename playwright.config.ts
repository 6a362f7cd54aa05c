import { defineConfig, chromium } from '@playwright/test';
import { existsSync } from 'node:fs';
import { electronBinary } from './scripts/electron-binary.mjs';

/** Playwright's own Chromium when installed, otherwise Debian's (its download is blocked here). */
function chromiumPath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser
  }
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  throw new Error('No Chromium for the end-to-end tests: run `apt-get install chromium` (or `npx playwright install chromium` where downloads work).');
}

const electron = (electronBinary as () => string | null)();
if (!electron && process.env.TEST_WORKER_INDEX === undefined) {
  console.warn(
    '\n*** The Electron end-to-end project DID NOT RUN: the Electron binary is not installed on this machine ' +
      '(its download is blocked). The same specs ran against the Node host in Chromium. ' +
      'Where Electron can be downloaded: `node node_modules/electron/install.js`, then `npm run test:e2e`. ***\n',
  );
}

export default defineConfig<{ electronBinary: string | undefined }>({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]] : [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'host-chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath(),
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    ...(electron ? [{ name: 'electron', use: { electronBinary: electron } }] : []),
  ],
});
