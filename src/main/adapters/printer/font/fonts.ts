import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OutlineFont } from './outline-font';

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

const bytesCache = new Map<FontFile, Uint8Array>();
const outlineCache = new Map<FontFile, OutlineFont>();

/** The font file's bytes, read once (PDFs embed a subset of them). */
export function fontBytes(file: FontFile): Uint8Array {
  let bytes = bytesCache.get(file);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(join(resourcesDir(), 'fonts', file)));
    bytesCache.set(file, bytes);
  }
  return bytes;
}

/** The font for the 1-bit rasterizer: metrics, glyph ids, advances and flattened outlines. */
export function loadFont(file: FontFile): OutlineFont {
  let font = outlineCache.get(file);
  if (!font) {
    font = new OutlineFont(fontBytes(file));
    outlineCache.set(file, font);
  }
  return font;
}
