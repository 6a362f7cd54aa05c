import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the shipped resources/ folder is (fonts, the demo centre's files): an explicit override
 * (DOSEDESK_RESOURCES), next to the packaged app, up from this file (source, dist/ bundles and the
 * app archive, which electron-builder fills with resources/**), or the working directory. The
 * first candidate holding `marker` wins.
 */
export function resourcesDir(marker: string): string {
  const candidates: string[] = [];
  if (process.env.DOSEDESK_RESOURCES) candidates.push(process.env.DOSEDESK_RESOURCES);
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  if (packaged) candidates.push(join(packaged, 'resources'), packaged);
  try {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 8; i++) {
      candidates.push(join(dir, 'resources'));
      dir = dirname(dir);
    }
  } catch {
    // Bundled as CommonJS: import.meta.url is empty; fall back to the working directory.
  }
  candidates.push(join(process.cwd(), 'resources'));
  const found = candidates.find((c) => existsSync(join(c, marker)));
  if (!found) throw new Error(`resources/${marker} not found (looked in ${candidates.join(', ')}); set DOSEDESK_RESOURCES`);
  return found;
}
