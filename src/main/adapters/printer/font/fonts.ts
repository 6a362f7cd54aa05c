import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TrueTypeFont } from './ttf';

/**
 * DejaVu fonts shipped in resources/fonts (Bitstream Vera licence, see DejaVu-LICENSE.txt): the
 * product never depends on fonts installed on the machine.
 */
export type FontFile = 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf' | 'DejaVuSansMono.ttf';

/** Where resources/ is: an explicit override, next to the packaged app, or up from this file. */
export function resourcesDir(): string {
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
  const found = candidates.find((c) => existsSync(join(c, 'fonts', 'DejaVuSans.ttf')));
  if (!found) throw new Error(`resources/fonts not found (looked in ${candidates.join(', ')}); set DOSEDESK_RESOURCES`);
  return found;
}

const cache = new Map<FontFile, TrueTypeFont>();

export function loadFont(file: FontFile): TrueTypeFont {
  let font = cache.get(file);
  if (!font) {
    font = new TrueTypeFont(new Uint8Array(readFileSync(join(resourcesDir(), 'fonts', file))));
    cache.set(file, font);
  }
  return font;
}
