import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesDir as findResources } from '../../resources';
import { OutlineFont } from './outline-font';

/**
 * DejaVu fonts shipped in resources/fonts (Bitstream Vera licence, see DejaVu-LICENSE.txt): the
 * product never depends on fonts installed on the machine.
 */
export type FontFile = 'DejaVuSans.ttf' | 'DejaVuSans-Bold.ttf' | 'DejaVuSansMono.ttf';

/** Where resources/ is (see adapters/resources.ts), found by its fonts. */
export function resourcesDir(): string {
  return findResources(join('fonts', 'DejaVuSans.ttf'));
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
