import { describe, expect, it } from 'vitest';
import { Canvas, drawCells } from '../../../../../../src/main/adapters/printer/font/raster';
import { loadFont } from '../../../../../../src/main/adapters/printer/font/fonts';
import { createLineRasterizer } from '../../../../../../src/main/adapters/printer/line-raster';

const ink = (text: string, bold = false) => {
  const canvas = new Canvas(12 * Array.from(text).length, 24);
  drawCells(canvas, loadFont('DejaVuSansMono.ttf'), text, 0, 0, { cellWidth: 12, cellHeight: 24, bold });
  return canvas.pixels.reduce((sum, p) => sum + p, 0);
};

describe('glyph rasterizer (shipped DejaVu Sans Mono)', () => {
  it('draws letters, their accents (composite glyphs) and strokes', () => {
    expect(ink(' ')).toBe(0);
    expect(ink('e')).toBeGreaterThan(20);
    expect(ink('ë')).toBeGreaterThan(ink('e'));
    expect(ink('Ł')).toBeGreaterThan(ink('L'));
    expect(ink('W', true)).toBeGreaterThan(ink('W'));
  });

  it('draws a whole receipt line the printer width, centred', () => {
    const bitmap = createLineRasterizer()({ kind: 'text', text: 'Ł', bold: false, size: 'normal', align: 'centre' }, 576);
    expect(bitmap.width).toBe(576);
    expect(bitmap.height).toBe(24);
    const columns = new Set<number>();
    bitmap.pixels.forEach((p, i) => p && columns.add(i % 576));
    expect(Math.min(...columns)).toBeGreaterThanOrEqual(282);
    expect(Math.max(...columns)).toBeLessThan(294);
  });
});
