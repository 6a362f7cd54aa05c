import { mkdirSync, writeFileSync } from 'node:fs';
import { test, expect } from './support/fixtures';
import { SignInPage } from './pages/sign-in-page';
import { CheckinPage } from './pages/checkin-page';
import { ALL_DEMO_SSINS, DEMO_STAFF, scan } from './pages/scanner';

const SCANS = 40;
const MS_PER_KEY = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * From the scanner's terminator (the Enter key event's timestamp) to the next animation frame after
 * the person card for that scan is in the page, measured inside the page with performance.now(),
 * over 40 keyboard-wedge bursts of 3 ms per key through the real host (HTTP, role check, audit
 * trail, SQLite).
 */
test('scan to person card: p95 under 100 ms in the host', async ({ station }, testInfo) => {
  const page = station.page;
  await new SignInPage(page).signIn(DEMO_STAFF.checkin);
  const desk = new CheckinPage(page);
  await expect(desk.heading).toHaveText('Check-in');
  await page.evaluate(() => {
    const w = window as unknown as { __scan: { enterAt: number; seen: string; times: { mutation: number; frame: number }[] } };
    w.__scan = { enterAt: 0, seen: '', times: [] };
    window.addEventListener('keydown', (e) => e.key === 'Enter' && (w.__scan.enterAt = e.timeStamp), true);
    new MutationObserver(() => {
      const card = document.querySelector<HTMLElement>('[data-testid="person-card"]');
      const seq = card?.dataset.scanSeq;
      if (!card || !seq || seq === w.__scan.seen) return;
      w.__scan.seen = seq;
      const mutation = performance.now() - w.__scan.enterAt;
      requestAnimationFrame(() => w.__scan.times.push({ mutation, frame: performance.now() - w.__scan.enterAt }));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-scan-seq'] });
  });

  for (let i = 0; i < SCANS; i++) {
    await scan(page, ALL_DEMO_SSINS[i % ALL_DEMO_SSINS.length]!, MS_PER_KEY);
    await page.waitForFunction((n) => (window as unknown as { __scan: { times: unknown[] } }).__scan.times.length >= n, i + 1);
  }
  await expect(desk.personCard.getByTestId('person-ssin')).toHaveText(/^\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}$/);

  const times = await page.evaluate(() => (window as unknown as { __scan: { times: { mutation: number; frame: number }[] } }).__scan.times);
  const frame = times.map((t) => t.frame).sort((a, b) => a - b);
  const mutation = times.map((t) => t.mutation).sort((a, b) => a - b);
  const figures = {
    measuredAt: new Date().toISOString(),
    what: 'keyboard-wedge burst terminator (Enter keydown timeStamp) to the animation frame after the person card of that scan is in the DOM, in the page (performance.now)',
    transport: station.host ? 'node-host-http' : 'electron-ipc',
    scans: times.length,
    msPerKey: MS_PER_KEY,
    frameMs: { p50: percentile(frame, 50), p95: percentile(frame, 95), max: frame.at(-1), min: frame[0] },
    domMs: { p50: percentile(mutation, 50), p95: percentile(mutation, 95), max: mutation.at(-1) },
    samplesMs: times.map((t) => Math.round(t.frame * 10) / 10),
  };
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/scan-latency.json', JSON.stringify(figures, null, 2));
  await testInfo.attach('scan-latency.json', { body: JSON.stringify(figures, null, 2), contentType: 'application/json' });
  console.log(`scan to person card over ${figures.scans} scans: p50 ${figures.frameMs.p50.toFixed(1)} ms, p95 ${figures.frameMs.p95.toFixed(1)} ms, max ${figures.frameMs.max!.toFixed(1)} ms`);
  expect(times.length).toBeGreaterThanOrEqual(30);
  expect(figures.frameMs.p95).toBeLessThan(100);
});
