// Finds the Electron binary without ever making its absence fatal.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
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

/**
 * `npm ci` skips Electron's own download (package.json allowScripts) so that an install never fails
 * on it. Where the download is possible this fetches it once, with a time limit.
 */
export function tryDownloadElectron() {
  try {
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    const run = spawnSync(process.execPath, [installer], { stdio: 'pipe', timeout: 180_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
    return run.status === 0 && electronBinary() !== null;
  } catch {
    return false;
  }
}
