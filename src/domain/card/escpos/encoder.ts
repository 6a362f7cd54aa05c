import type { CardPreview, LayoutLine } from '../../../shared/api/printing';
import { encodeChar, isPrintableAscii, type CodePageName } from './codepages';
import { planLine, type Segment } from './chooser';
import type { PageSelect, PrinterProfile, PrinterType } from './profiles';
import { transliterate } from './translit';

type TextLine = Extract<LayoutLine, { kind: 'text' }>;

/** A 1-bit image, row-major, one byte per pixel (1 = black). */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Draws one text line as an image the full printable width (`dots`), for raster fallback. */
export type Rasterizer = (line: TextLine, dots: number) => Bitmap;

export interface EncodeOptions {
  /** Present when the host can draw text: lines no code page can hold are printed as images. */
  readonly rasterize?: Rasterizer;
  /** QR module size in dots (1-8); defaults to 6 on 80 mm and 4 on 58 mm paper. */
  readonly qrCellSize?: number;
}

export interface EncodeResult {
  readonly bytes: Uint8Array;
  /** Code pages the card switched to, in order of first use. */
  readonly pagesUsed: readonly CodePageName[];
  /** Lines printed as images because no code page holds some of their characters. */
  readonly rasterLines: readonly string[];
  /** Characters replaced by their closest Latin letters (only without a rasterizer). */
  readonly transliterated: readonly string[];
}

/** The commands that differ between Epson ESC/POS and Star line mode. */
interface Dialect {
  bold(on: boolean): number[];
  size(double: boolean): number[];
  align(centre: boolean): number[];
  page(n: number): number[];
  qr(data: Uint8Array, cell: number): number[];
  raster(bitmap: Bitmap): number[] | null;
  cut(): number[];
}

const ESC = 0x1b;
const GS = 0x1d;
const LF = 0x0a;

const lowHigh = (n: number) => [n & 0xff, (n >> 8) & 0xff];

const epson: Dialect = {
  bold: (on) => [ESC, 0x45, on ? 1 : 0],
  size: (double) => [GS, 0x21, double ? 0x11 : 0x00],
  align: (centre) => [ESC, 0x61, centre ? 1 : 0],
  page: (n) => [ESC, 0x74, n],
  qr: (data, cell) => [
    // GS ( k: model 2, module size, error correction M, store data, print.
    ...[GS, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x43, cell],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x45, 0x31],
    ...[GS, 0x28, 0x6b, ...lowHigh(data.length + 3), 0x31, 0x50, 0x30, ...data],
    ...[GS, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30],
  ],
  raster: (bitmap) => {
    // GS v 0: raster bit image, normal density; rows of width/8 bytes, MSB = leftmost dot.
    const rowBytes = Math.ceil(bitmap.width / 8);
    return [GS, 0x76, 0x30, 0x00, ...lowHigh(rowBytes), ...lowHigh(bitmap.height), ...packRows(bitmap, rowBytes)];
  },
  // GS V 66 0: feed to the cutter and cut, leaving a hinge (partial cut).
  cut: () => [GS, 0x56, 0x42, 0x00],
};

const star: Dialect = {
  bold: (on) => [ESC, on ? 0x45 : 0x46],
  size: (double) => [ESC, 0x69, double ? 1 : 0, double ? 1 : 0],
  align: (centre) => [ESC, GS, 0x61, centre ? 1 : 0],
  page: (n) => [ESC, GS, 0x74, n],
  qr: (data, cell) => [
    // ESC GS y S: model 2, error correction M, cell size; ESC GS y D: data; ESC GS y P: print.
    ...[ESC, GS, 0x79, 0x53, 0x30, 0x02],
    ...[ESC, GS, 0x79, 0x53, 0x31, 0x01],
    ...[ESC, GS, 0x79, 0x53, 0x32, cell],
    ...[ESC, GS, 0x79, 0x44, 0x31, 0x00, ...lowHigh(data.length), ...data],
    ...[ESC, GS, 0x79, 0x50],
  ],
  // Star line mode raster commands differ per model: no raster fallback here (see translit.ts).
  raster: () => null,
  // ESC d 3: feed to the cutter position and partial cut.
  cut: () => [ESC, 0x64, 0x03],
};

function packRows(bitmap: Bitmap, rowBytes: number): number[] {
  const out = new Array<number>(rowBytes * bitmap.height).fill(0);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      if (bitmap.pixels[y * bitmap.width + x]) out[y * rowBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  return out;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A rasterizer that fails (font missing) must not lose the card: fall back to letters. */
function tryRasterize(rasterize: Rasterizer | undefined, line: TextLine, dots: number): Bitmap | null {
  try {
    return rasterize?.(line, dots) ?? null;
  } catch {
    return null;
  }
}

export function dialectFor(type: PrinterType): Dialect {
  return type === 'epson' ? epson : star;
}

/**
 * Turns a laid-out card into the bytes of one print job for Epson ESC/POS or Star line mode.
 * Pure: the same card and profile always give the same bytes. Each job starts with ESC @ so no
 * style or page leaks in from whatever printed before.
 */
export function encodeLayout(layout: CardPreview, profile: PrinterProfile, options: EncodeOptions = {}): EncodeResult {
  const d = dialectFor(profile.type);
  const out: number[] = [ESC, 0x40];
  const pagesUsed: CodePageName[] = [];
  const rasterLines: string[] = [];
  const transliterated: string[] = [];
  let page: number | null = null;
  let bold = false;
  let double = false;
  let centre = false;

  const style = (b: boolean, dbl: boolean, c: boolean) => {
    if (b !== bold) out.push(...d.bold((bold = b)));
    if (dbl !== double) out.push(...d.size((double = dbl)));
    if (c !== centre) out.push(...d.align((centre = c)));
  };
  const usePage = (select: PageSelect) => {
    if (page !== select.n) out.push(...d.page((page = select.n)));
    if (!pagesUsed.includes(select.name)) pagesUsed.push(select.name);
  };
  const writeSegments = (segments: readonly Segment[]) => {
    for (const segment of segments) {
      if (segment.page) usePage(segment.page);
      const pageName = segment.page?.name ?? 'PC437';
      for (const char of segment.text) out.push(encodeChar(pageName, char)!);
    }
  };

  for (const line of layout.lines) {
    switch (line.kind) {
      case 'text': {
        style(line.bold, line.size === 'double', line.align === 'centre');
        const plan = planLine(line.text, profile.pages);
        if (plan.kind === 'pages') {
          writeSegments(plan.segments);
          out.push(LF);
          break;
        }
        const bitmap = tryRasterize(options.rasterize, line, profile.dots);
        const raster = bitmap ? d.raster(bitmap) : null;
        if (raster) {
          style(false, false, false);
          out.push(...raster);
          rasterLines.push(line.text);
          break;
        }
        const replaced = Array.from(line.text)
          .map((c) => {
            if (isPrintableAscii(c) || profile.pages.some((p) => encodeChar(p.name, c) !== undefined)) return c;
            transliterated.push(c);
            return transliterate(c) || '*';
          })
          .join('');
        const again = planLine(replaced, profile.pages);
        writeSegments(again.kind === 'pages' ? again.segments : [{ page: null, text: replaced.replace(/[^\x20-\x7e]/g, '*') }]);
        out.push(LF);
        break;
      }
      case 'rule':
        style(false, false, false);
        out.push(...Array<number>(layout.columns).fill(0x2d), LF);
        break;
      case 'blank':
        out.push(LF);
        break;
      case 'qr': {
        style(false, false, true);
        const cell = options.qrCellSize ?? (profile.columns === 48 ? 6 : 4);
        out.push(...d.qr(utf8(line.data), cell), LF);
        break;
      }
      case 'cut':
        style(false, false, false);
        out.push(LF, LF, ...d.cut());
        break;
    }
  }
  return { bytes: Uint8Array.from(out), pagesUsed, rasterLines, transliterated };
}
