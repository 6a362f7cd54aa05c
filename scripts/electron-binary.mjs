// Finds the Electron binary without ever making its absence fatal.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the Electron executable, or null when the package or its download is missing. */
export function electronBinary() {
  try {
    const pkgDir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(pkgDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(pkgDir, 'dist', require('node:fs').readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function runInstaller() {
  try {
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    const run = spawnSync(process.execPath, [installer], { stdio: 'pipe', timeout: 180_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
    return run.status === 0 && electronBinary() !== null;
  } catch {
    return false;
  }
}

/** A download that failed is not tried again for a day: every `npm start` would otherwise wait on it (up to 180 s on a network that hangs). */
const RETRY_AFTER_MS = 24 * 3_600_000;
const failedMarker = () => join(dirname(require.resolve('electron/package.json')), '..', '.cache', 'dosedesk-electron-download-failed');

/** When the last download failed (ms since the epoch), or null. */
export function lastFailedDownload() {
  try {
    const at = Number(readFileSync(failedMarker(), 'utf8').trim());
    return Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}

/**
 * `npm ci` skips Electron's own download (package.json allowScripts) so that an install never fails
 * on it. Where the download is possible this fetches it once, with a time limit; after a failure
 * it waits a day before trying again (`force` tries now, e.g. `npm start -- --retry-electron`).
 */
export function tryDownloadElectron({ force = false, now = Date.now() } = {}) {
  const failedAt = lastFailedDownload();
  if (!force && failedAt !== null && now - failedAt < RETRY_AFTER_MS) return false;
  const ok = runInstaller();
  try {
    mkdirSync(dirname(failedMarker()), { recursive: true });
    if (!ok) writeFileSync(failedMarker(), `${now}\n`);
    else writeFileSync(failedMarker(), '');
  } catch {
    // the marker only saves time; without it the next start tries again
  }
  return ok;
}
