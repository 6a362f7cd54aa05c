import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { Benchmark } from '../harness';
import { startHostProcess } from '../../tests/e2e/support/host-process';

function chromiumPath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // fall through to Debian's Chromium
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** Node host cold start (new process, new data folder, demo seeding) to an interactive page. */
export const hostColdStart: Benchmark = {
  name: 'node host cold start to interactive page',
  budgetMs: 3000,
  samples: 5,
  warmup: 1,
  async setup() {
    const browser: Browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    return {
      async sample() {
        const start = performance.now();
        const host = await startHostProcess();
        const page = await browser.newPage();
        await page.goto(host.url);
        await page.getByTestId('status-bar').waitFor();
        await page.getByTestId('overview-schema').filter({ hasText: /\d/ }).waitFor();
        const elapsed = performance.now() - start;
        await page.close();
        await host.stop();
        return elapsed;
      },
      teardown: () => browser.close(),
    };
  },
};
