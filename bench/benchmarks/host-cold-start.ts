import type { Browser, Page } from '@playwright/test';
import type { Benchmark } from '../harness';
import { launchChromium } from '../support/chromium';
import { removeStationFolder, startHostProcess, type HostProcess } from '../../tests/e2e/support/host-process';

/**
 * A blank tab, opened before the clock starts: the kiosk's browser window exists before the
 * station restarts, and a new Chromium tab (300-400 ms here) is the browser's cost, not the station's.
 */
const blankTab = (browser: Browser): Promise<Page> => browser.newPage();

/** Interactive: the sign-in form takes input and the status bar shows live station status. */
async function openInteractive(page: Page, host: HostProcess): Promise<void> {
  await page.goto(host.url);
  await page.locator('input[autocomplete="username"]').waitFor();
  await page.getByTestId('station-role').filter({ hasText: /station-1/ }).waitFor();
  await page.close();
}

/**
 * Node host cold start to an interactive page: a new host process (the built command line, as
 * `npm run cli -- host` runs it) on a station folder that exists, as every morning: its database
 * opened, checked and current, the page loaded and showing live status.
 */
export const hostColdStart: Benchmark = {
  name: 'node host cold start to interactive page',
  budgetMs: 1000,
  samples: 10,
  warmup: 1,
  printSamples: true,
  async setup() {
    const browser: Browser = await launchChromium();
    const first = await startHostProcess();
    await first.stop({ keepData: true });
    return {
      async sample() {
        const page = await blankTab(browser);
        const start = performance.now();
        const host = await startHostProcess({ dataDir: first.dataDir });
        await openInteractive(page, host);
        const elapsed = performance.now() - start;
        await host.stop({ keepData: true });
        return elapsed;
      },
      teardown: async () => {
        await browser.close();
        removeStationFolder(first.dataDir);
      },
    };
  },
};

/**
 * First start of a new demo station folder to an interactive page: key file, database created and
 * migrated, the demo centre seeded and the demo staff PINs hashed. Each sample is a new folder.
 */
export const hostFirstStart: Benchmark = {
  name: 'node host first start of a new demo folder to interactive page',
  budgetMs: 3000,
  percentile: 95,
  samples: 3,
  warmup: 0,
  printSamples: true,
  async setup() {
    const browser: Browser = await launchChromium();
    const folders: string[] = [];
    return {
      async sample() {
        const page = await blankTab(browser);
        const start = performance.now();
        const host = await startHostProcess();
        folders.push(host.dataDir);
        await openInteractive(page, host);
        const elapsed = performance.now() - start;
        await host.stop();
        return elapsed;
      },
      teardown: async () => {
        await browser.close();
        folders.forEach(removeStationFolder);
      },
    };
  },
};
