import type { Browser, Page } from '@playwright/test';
import type { Benchmark } from '../harness';
import { launchChromium, launchKioskBrowser } from '../support/chromium';
import { removeStationFolder, startHostProcess, type HostProcess } from '../../tests/e2e/support/host-process';
import { freePort } from '../../tests/support/free-port';

/**
 * A blank tab, opened before the clock starts: the kiosk's browser window exists before the
 * station restarts, and a new Chromium tab (300-400 ms here) is the browser's cost, not the station's.
 */
const blankTab = (browser: Browser): Promise<Page> => browser.newPage();

type InteractiveWindow = { __dosedeskInteractiveAt?: number };

/**
 * Runs in the page before its own scripts: notes the wall-clock time (Date.now, the same clock as
 * the harness's) of the first frame after the sign-in form takes input and the status bar names
 * the station. Read inside the page, so the figure does not include how often the harness looks:
 * Playwright's waitFor looks again after 20, 50, 100, 100 and then every 500 ms, which added up to
 * half a second to a start measured with it. A string, not a function: the harness runs through
 * tsx, whose transpiler adds helper calls to functions that the page would not have.
 */
const MARK_INTERACTIVE = `(() => {
  const ready = () => {
    const input = document.querySelector('input[autocomplete="username"]');
    const role = document.querySelector('[data-testid="station-role"]');
    return !!input && !input.disabled && input.getClientRects().length > 0 && /station-1/.test(role ? role.textContent : '');
  };
  const observer = new MutationObserver(() => {
    if (window.__dosedeskInteractiveAt !== undefined || !ready()) return;
    observer.disconnect();
    requestAnimationFrame(() => (window.__dosedeskInteractiveAt = Date.now()));
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
})();`;

/** Interactive: the sign-in form takes input and the status bar shows live station status. Returns when it was, by the wall clock. */
export async function openInteractive(page: Page, host: Pick<HostProcess, 'url'>): Promise<number> {
  await page.addInitScript(MARK_INTERACTIVE);
  await page.goto(host.url, { waitUntil: 'commit' });
  const at = await (await page.waitForFunction(() => (window as unknown as InteractiveWindow).__dosedeskInteractiveAt, undefined, { polling: 'raf', timeout: 60_000 })).jsonValue();
  // And as a person sees it (not timed): the form and the live status are there.
  await page.locator('input[autocomplete="username"]').waitFor();
  await page.getByTestId('station-role').filter({ hasText: /station-1/ }).waitFor();
  await page.close();
  return at as number;
}

/** A station folder seeded once (the demo centre), restarted by each sample. */
async function seededFolder(): Promise<string> {
  const first = await startHostProcess({ ready: true });
  await first.stop({ keepData: true });
  return first.dataDir;
}

/** One restart of the host on `dataDir` and `port`, timed from the process's spawn to the interactive page in `page`. */
async function restartSample(page: Page, dataDir: string, port: number): Promise<number> {
  const start = Date.now();
  const host = await startHostProcess({ dataDir, port });
  const elapsed = (await openInteractive(page, host)) - start;
  await host.stop({ keepData: true });
  return elapsed;
}

/** A browser that gives each sample a new tab, opened before the clock starts. */
type TabSource = { newTab: () => Promise<Page>; close: () => Promise<void> };

/** Restarts of the host on one seeded folder, each timed to the interactive page in a tab of `browser`. */
function restartBenchmark(name: string, budgetMs: number, warmup: number, browser: () => Promise<TabSource>): Benchmark {
  return {
    name,
    budgetMs,
    samples: 10,
    warmup,
    printSamples: true,
    async setup() {
      const tabs = await browser();
      const dataDir = await seededFolder();
      // Every restart on the same address, as a kiosk window reopens the one it knows: on a new
      // port each time, every screen asset would be a new URL, never in the browser's caches.
      const port = await freePort();
      return {
        sample: async () => restartSample(await tabs.newTab(), dataDir, port),
        teardown: async () => {
          await tabs.close();
          removeStationFolder(dataDir);
        },
      };
    },
  };
}

/**
 * Node host cold start to an interactive page: a new host process (the built command line, as
 * `npm run cli -- host` runs it) on a station folder that exists, as every morning or after a
 * crash: its database opened, checked and current, the page loaded and showing live status. The
 * page opens in the kiosk's browser, which was there before the station restarted, on the same
 * address, and keeps its
 * profile: the screens come from its cache (the station serves them as immutable), as they do in a
 * kiosk window or Electron. Two warm-up restarts fill that cache and V8's code cache (Chromium
 * keeps code from the second load of a script).
 */
export const hostColdStart = restartBenchmark('node host cold start to interactive page (kiosk browser)', 1000, 2, async () => {
  const kiosk = await launchKioskBrowser();
  return { newTab: () => kiosk.context.newPage(), close: kiosk.close };
});

/**
 * The same restart with the page in a browser profile that has never seen the station (a new
 * kiosk, a wiped cache): every screen asset is fetched and compiled again. Its budget is a guard
 * against getting slower (the fourth round's p95 was 2.1-2.4 s), not the one second.
 */
export const hostColdStartEmptyProfile = restartBenchmark('node host cold start to interactive page (empty browser profile)', 2500, 1, async () => {
  const browser: Browser = await launchChromium();
  return { newTab: () => blankTab(browser), close: () => browser.close() };
});

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
        const start = Date.now();
        const host = await startHostProcess();
        folders.push(host.dataDir);
        const elapsed = (await openInteractive(page, host)) - start;
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
