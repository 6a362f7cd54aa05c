import type { Bitmap } from '../../../../domain/card/escpos/encoder';
import type { Contour, OutlineFont } from './outline-font';

/** A 1-bit canvas with glyph drawing; the virtual printer and the raster fallback share it. */
export class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height);
  }

  set(x: number, y: number): void {
    if (x >= 0 && y >= 0 && x < this.width && y < this.height) this.pixels[y * this.width + x] = 1;
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    for (let yy = y; yy < y + h; yy++) for (let xx = x; xx < x + w; xx++) this.set(xx, yy);
  }

  /** Fills outlines (font units, y up) scaled to pixels with the non-zero winding rule. */
  fillContours(contours: Contour[], originX: number, baselineY: number, scaleX: number, scaleY: number): void {
    const edges: { x0: number; y0: number; x1: number; y1: number; dir: number }[] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    for (const contour of contours) {
      for (let i = 0; i < contour.length; i++) {
        const a = contour[i]!;
        const b = contour[(i + 1) % contour.length]!;
        const ax = originX + a.x * scaleX;
        const ay = baselineY - a.y * scaleY;
        const bx = originX + b.x * scaleX;
        const by = baselineY - b.y * scaleY;
        if (ay === by) continue;
        edges.push(ay < by ? { x0: ax, y0: ay, x1: bx, y1: by, dir: 1 } : { x0: bx, y0: by, x1: ax, y1: ay, dir: -1 });
        minY = Math.min(minY, ay, by);
        maxY = Math.max(maxY, ay, by);
      }
    }
    if (edges.length === 0) return;
    for (let y = Math.max(0, Math.floor(minY)); y <= Math.min(this.height - 1, Math.ceil(maxY)); y++) {
      const sy = y + 0.5;
      const hits: { x: number; dir: number }[] = [];
      for (const e of edges) {
        if (sy < e.y0 || sy >= e.y1) continue;
        hits.push({ x: e.x0 + ((sy - e.y0) / (e.y1 - e.y0)) * (e.x1 - e.x0), dir: e.dir });
      }
      hits.sort((p, q) => p.x - q.x);
      let winding = 0;
      for (let i = 0; i < hits.length - 1; i++) {
        winding += hits[i]!.dir;
        if (winding === 0) continue;
        const from = Math.ceil(hits[i]!.x - 0.5);
        const to = Math.floor(hits[i + 1]!.x - 0.5);
        for (let x = from; x <= to; x++) this.set(x, y);
      }
    }
  }

  toBitmap(): Bitmap {
    return { width: this.width, height: this.height, pixels: this.pixels };
  }
}

export interface CellStyle {
  /** Cell size in dots: Font A is 12 x 24; double size is 24 x 48. */
  cellWidth: number;
  cellHeight: number;
  bold: boolean;
}

/**
 * Draws text in fixed cells the way a receipt printer does: each character centred in its cell,
 * scaled so the font's advance fills the cell. Bold is drawn twice, one dot apart.
 */
export function drawCells(canvas: Canvas, font: OutlineFont, text: string, x: number, top: number, style: CellStyle): void {
  const em = font.metrics.unitsPerEm;
  const lineUnits = font.metrics.ascent - font.metrics.descent;
  const scaleY = style.cellHeight / lineUnits;
  const baseline = top + font.metrics.ascent * scaleY;
  let cx = x;
  for (const char of text) {
    const glyph = font.glyphId(char.codePointAt(0)!);
    const advance = font.advance(glyph) || em / 2;
    const scaleX = Math.min(style.cellWidth / advance, scaleY * 1.2);
    const offset = (style.cellWidth - advance * scaleX) / 2;
    const contours = font.outline(glyph);
    canvas.fillContours(contours, cx + offset, baseline, scaleX, scaleY);
    if (style.bold) canvas.fillContours(contours, cx + offset + 1, baseline, scaleX, scaleY);
    cx += style.cellWidth;
  }
}
