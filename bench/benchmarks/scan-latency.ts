import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Benchmark } from '../harness';
import { launchChromium } from '../support/chromium';
import { startHostProcess, type HostProcess } from '../../tests/e2e/support/host-process';
import { SignInPage } from '../../tests/e2e/pages/sign-in-page';
import { ALL_DEMO_SSINS, DEMO_STAFF, scan } from '../../tests/e2e/pages/scanner';

const MS_PER_KEY = 3;

type ScanWindow = { __scan: { enterAt: number; seen: string; frames: number[] } };

/**
 * From the scanner's terminator (the moment the page handles its Enter key) to the next animation
 * frame after the person card for that scan is in the page, measured inside the page with
 * performance.now(). Not from the Enter event's timeStamp: the burst is dispatched at once with
 * timestamps spread 3 ms apart (tests/e2e/pages/scanner.ts), so the Enter's lies 36 ms ahead of
 * the real moment, and figures taken from it came out 36 ms short (even below zero):
 * keyboard-wedge bursts of 3 ms per key through the real Node host (HTTP, role check, audit trail,
 * SQLite) on the demo centre, in Chromium. A timing, so it lives here and not in the test suite.
 */
export const scanToPersonCard: Benchmark = {
  name: 'scan to person card visible in Chromium (demo centre)',
  budgetMs: 50, // issue 18: a scan answered in one frame or two
  samples: 40,
  warmup: 5,
  async setup() {
    const browser: Browser = await launchChromium();
    const host: HostProcess = await startHostProcess();
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page: Page = await context.newPage();
    await page.goto(host.url);
    await new SignInPage(page).signIn(DEMO_STAFF.checkin);
    await page.getByRole('heading', { level: 1, name: 'Check-in' }).waitFor();
    await page.evaluate(() => {
      const w = window as unknown as ScanWindow;
      w.__scan = { enterAt: 0, seen: '', frames: [] };
      window.addEventListener('keydown', (e) => e.key === 'Enter' && (w.__scan.enterAt = performance.now()), true);
      new MutationObserver(() => {
        const card = document.querySelector<HTMLElement>('[data-testid="person-card"]');
        const seq = card?.dataset.scanSeq;
        if (!card || !seq || seq === w.__scan.seen) return;
        w.__scan.seen = seq;
        requestAnimationFrame(() => w.__scan.frames.push(performance.now() - w.__scan.enterAt));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-scan-seq'] });
    });
    let done = 0;
    return {
      async sample() {
        await scan(page, ALL_DEMO_SSINS[done % ALL_DEMO_SSINS.length]!, MS_PER_KEY);
        done += 1;
        await page.waitForFunction((n) => (window as unknown as ScanWindow).__scan.frames.length >= n, done);
        return page.evaluate((i) => (window as unknown as ScanWindow).__scan.frames[i]!, done - 1);
      },
      async teardown() {
        await context.close();
        await browser.close();
        await host.stop();
      },
    };
  },
};
