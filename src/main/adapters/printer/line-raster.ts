import type { Rasterizer } from '../../../domain/card/escpos/encoder';
import { Canvas, drawCells } from './font/raster';
import { loadFont } from './font/fonts';

/**
 * Raster fallback for the encoder: a text line no code page can hold is drawn with DejaVu Sans
 * Mono in the printer's own cell grid (12 x 24 dots, 24 x 48 double) and sent as an image. The
 * font is only read the first time such a line occurs.
 */
export function createLineRasterizer(): Rasterizer {
  return (line, dots) => {
    const font = loadFont('DejaVuSansMono.ttf');
    const double = line.size === 'double';
    const cellWidth = double ? 24 : 12;
    const cellHeight = double ? 48 : 24;
    const used = Array.from(line.text).length * cellWidth;
    const canvas = new Canvas(dots, cellHeight);
    const x = line.align === 'centre' ? Math.max(0, Math.floor((dots - used) / 2)) : 0;
    drawCells(canvas, font, line.text, x, 0, { cellWidth, cellHeight, bold: line.bold });
    return canvas.toBitmap();
  };
}
