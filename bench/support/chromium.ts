import { chromium, type Browser } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Playwright's own Chromium when installed, otherwise Debian's (its download is blocked on our machines). */
function chromiumPath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // fall through to Debian's Chromium
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** Headless Chromium with the flags a root sandbox and a closed network need. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
