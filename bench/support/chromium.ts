import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Playwright's own Chromium when installed, otherwise Debian's (its download is blocked on our machines). */
function chromiumPath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // fall through to Debian's Chromium
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** The flags a root sandbox and a closed network need. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Headless Chromium; each new page gets an empty profile of its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: ARGS });
}

/**
 * A kiosk's browser: one profile kept on disk for as long as it runs, so that pages loaded before
 * are in its HTTP cache and V8's code cache, as in a station's kiosk window. `close` removes it.
 */
export async function launchKioskBrowser(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'dosedesk-bench-kiosk-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath(), args: ARGS, viewport: { width: 1280, height: 800 } });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
