import { test as base, _electron, type Browser, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeStationFolder, startHostProcess, type HostOptions, type HostProcess } from './host-process';

export interface StationFixture {
  page: Page;
  /** Only in the Node host project: the host process and its origin for raw HTTP checks. */
  host: HostProcess | null;
}

type Options = { electronBinary: string | undefined };
type WorkerFixtures = { stationTemplate: string };
type TestFixtures = {
  station: StationFixture;
  /** Opens another host (e.g. the same folder 21 days later) in its own browser context; stopped after the test. */
  openHost: (options?: HostOptions) => Promise<{ page: Page; host: HostProcess }>;
};

/** A page on a host, 1280x800 like the station's touch screen. */
export async function openPage(browser: Browser, host: HostProcess): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(host.url);
  return { context, page };
}

async function finalShot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(name) }).catch(() => {});
}

/**
 * One station per test on a fresh data folder: the Node host in Chromium, or the real Electron
 * app where its binary exists. Specs are written once against `station.page`. The demo centre is
 * seeded once per worker into a template folder that each test copies (a second start of a seeded
 * folder takes about a second, a first seeding two to four).
 */
export const test = base.extend<Options & TestFixtures, WorkerFixtures>({
  electronBinary: [undefined, { option: true }],
  stationTemplate: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern: none here
    async ({}, use) => {
      const template = await startHostProcess({ ready: true });
      await template.stop({ keepData: true });
      await use(template.dataDir);
      removeStationFolder(template.dataDir);
    },
    { scope: 'worker' },
  ],
  station: async ({ electronBinary, browser, stationTemplate }, use, testInfo) => {
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
    const host = await startHostProcess({ template: stationTemplate });
    const { context, page } = await openPage(browser, host);
    try {
      await use({ page, host });
    } finally {
      await finalShot(page, testInfo, 'final.png');
      await context.close();
      await host.stop();
    }
  },
  openHost: async ({ browser, stationTemplate }, use, testInfo) => {
    const opened: { context: BrowserContext; page: Page; host: HostProcess }[] = [];
    await use(async (options = {}) => {
      const host = await startHostProcess({ template: stationTemplate, ...options });
      const { context, page } = await openPage(browser, host);
      opened.push({ context, page, host });
      return { page, host };
    });
    for (const [i, o] of opened.entries()) {
      await finalShot(o.page, testInfo, `final-host-${i + 1}.png`);
      await o.context.close();
      await o.host.stop();
    }
  },
});

export { expect } from '@playwright/test';
