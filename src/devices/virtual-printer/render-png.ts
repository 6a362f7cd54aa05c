import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { Canvas, drawCells } from '../../main/adapters/printer/font/raster';
import { loadFont } from '../../main/adapters/printer/font/fonts';
import type { Slip } from './decoder';

/**
 * Draws a slip the way the paper would look: 12 x 24 dot cells (24 x 48 double), QR codes as
 * modules of their printed cell size from the `qrcode` package's matrix, raster images as sent,
 * and a dashed line where the cutter cut. Returns PNG bytes for visual checks.
 */
export function renderSlipPng(slip: Slip, columns: 32 | 48 = 48): Buffer {
  const font = loadFont('DejaVuSansMono.ttf');
  const width = columns * 12;
  const margin = 12;
  const blocks: { height: number; draw: (canvas: Canvas, top: number) => void }[] = [];
  for (const item of slip.items) {
    if (item.kind === 'text') {
      const cellWidth = item.double ? 24 : 12;
      const cellHeight = item.double ? 48 : 24;
      const used = Array.from(item.text).length * cellWidth;
      const x = item.centre ? Math.max(0, Math.floor((width - used) / 2)) : 0;
      blocks.push({ height: cellHeight + 6, draw: (c, top) => drawCells(c, font, item.text, margin + x, top, { cellWidth, cellHeight, bold: item.bold }) });
    } else if (item.kind === 'qr') {
      const qr = QRCode.create(item.data, { errorCorrectionLevel: item.ecc });
      const n = qr.modules.size;
      const cell = Math.max(1, item.cellSize);
      const size = n * cell;
      const x = Math.max(0, Math.floor((width - size) / 2));
      blocks.push({
        height: size + 8 * cell,
        draw: (c, top) => {
          for (let r = 0; r < n; r++) for (let col = 0; col < n; col++) if (qr.modules.get(r, col)) c.fillRect(margin + x + col * cell, top + 4 * cell + r * cell, cell, cell);
        },
      });
    } else {
      blocks.push({
        height: item.height,
        draw: (c, top) => {
          for (let y = 0; y < item.height; y++) for (let x = 0; x < item.width; x++) if (item.pixels[y * item.width + x]) c.set(margin + x, top + y);
        },
      });
    }
  }
  const height = blocks.reduce((sum, b) => sum + b.height, 0) + 2 * margin + 8;
  const canvas = new Canvas(width + 2 * margin, height);
  let top = margin;
  for (const block of blocks) {
    block.draw(canvas, top);
    top += block.height;
  }
  if (slip.cut) for (let x = 0; x < canvas.width; x += 8) canvas.fillRect(x, height - 4, 4, 1);
  const png = new PNG({ width: canvas.width, height: canvas.height });
  for (let i = 0; i < canvas.pixels.length; i++) {
    const v = canvas.pixels[i] ? 0 : 255;
    png.data[i * 4] = v;
    png.data[i * 4 + 1] = v;
    png.data[i * 4 + 2] = v;
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}
