import { test as base, _electron, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess, type HostProcess } from './host-process';

export interface StationFixture {
  page: Page;
  /** Only in the Node host project: the host process and its origin for raw HTTP checks. */
  host: HostProcess | null;
}

type Options = { electronBinary: string | undefined };

/**
 * One station per test on a fresh data folder: the Node host in Chromium, or the real Electron
 * app where its binary exists. Specs are written once against `station.page`.
 */
export const test = base.extend<Options & { station: StationFixture }>({
  electronBinary: [undefined, { option: true }],
  station: async ({ electronBinary, browser }, use, testInfo) => {
    if (electronBinary) {
      const dataDir = mkdtempSync(join(tmpdir(), 'dosedesk-e2e-electron-'));
      const app = await _electron.launch({
        executablePath: electronBinary,
        args: ['.'],
        env: { ...process.env, DOSEDESK_DATA_DIR: dataDir, DOSEDESK_DEMO: '1' } as Record<string, string>,
      });
      const page = await app.firstWindow();
      await use({ page, host: null });
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      return;
    }
    const host = await startHostProcess();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(host.url);
    try {
      await use({ page, host });
    } finally {
      await page.screenshot({ path: testInfo.outputPath('final.png'), fullPage: true }).catch(() => {});
      await context.close();
      await host.stop();
    }
  },
});

export { expect } from '@playwright/test';
