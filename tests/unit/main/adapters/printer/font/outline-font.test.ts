import { describe, expect, it } from 'vitest';
import { loadFont } from '../../../../../../src/main/adapters/printer/font/fonts';
import { flattenPath, type PathCommand } from '../../../../../../src/main/adapters/printer/font/outline-font';
import { Canvas } from '../../../../../../src/main/adapters/printer/font/raster';

const cp = (char: string) => char.codePointAt(0)!;

describe('glyph outlines from fontkit (shipped DejaVu Sans Mono)', () => {
  const font = loadFont('DejaVuSansMono.ttf');

  it('maps characters to glyphs and knows which it lacks', () => {
    expect(font.metrics.unitsPerEm).toBe(2048);
    expect(font.metrics.ascent).toBeGreaterThan(0);
    expect(font.metrics.descent).toBeLessThan(0);
    expect(font.hasGlyph(cp('Ł'))).toBe(true);
    expect(font.glyphId(cp('Ł'))).toBeGreaterThan(0);
    expect(font.hasGlyph(cp('😀'))).toBe(false);
    expect(font.glyphId(cp('😀'))).toBe(0);
    // Monospaced: every advance is the same, and a string measures as the sum.
    const advance = font.advance(font.glyphId(cp('M')));
    expect(font.advance(font.glyphId(cp('i')))).toBe(advance);
    expect(font.measure('Łódź')).toBe(4 * advance);
  });

  it('gives closed contours: holes, composite accents, none for a space', () => {
    const contours = (char: string) => font.outline(font.glyphId(cp(char)));
    expect(contours(' ')).toEqual([]);
    expect(contours('L')).toHaveLength(1);
    expect(contours('o')).toHaveLength(2); // outside and the hole
    expect(contours('ë')).toHaveLength(4); // e (outside, eye) and two dots, from a composite glyph
    // In font units, y up: within the cell (a hair of overhang allowed), base at y = 0.
    const advance = font.advance(font.glyphId(cp('Ł')));
    const points = contours('Ł').flat();
    expect(points.length).toBeGreaterThan(4);
    expect(Math.min(...points.map((p) => p.x))).toBeGreaterThan(-0.05 * advance);
    expect(Math.max(...points.map((p) => p.x))).toBeLessThan(1.05 * advance);
    expect(Math.min(...points.map((p) => p.y))).toBe(0);
    expect(Math.max(...points.map((p) => p.y))).toBeLessThanOrEqual(font.metrics.ascent);
  });
});

describe('flattenPath', () => {
  it('turns lines and closePath into one polygon per contour', () => {
    const square: PathCommand[] = [
      { command: 'moveTo', args: [0, 0] },
      { command: 'lineTo', args: [10, 0] },
      { command: 'lineTo', args: [10, 10] },
      { command: 'lineTo', args: [0, 10] },
      { command: 'closePath', args: [] },
      { command: 'moveTo', args: [20, 20] },
      { command: 'lineTo', args: [30, 20] },
      { command: 'lineTo', args: [30, 30] },
    ];
    expect(flattenPath(square)).toEqual([
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ],
      [
        { x: 20, y: 20 },
        { x: 30, y: 20 },
        { x: 30, y: 30 },
      ],
    ]);
  });

  it('flattens cubic curves (CFF fonts) closely enough to fill a circle', () => {
    // A circle of radius 20 from four cubic arcs (k = 0.5523 is the usual control distance).
    const r = 20;
    const k = 0.5523 * r;
    const circle: PathCommand[] = [
      { command: 'moveTo', args: [r, 0] },
      { command: 'bezierCurveTo', args: [r, k, k, r, 0, r] },
      { command: 'bezierCurveTo', args: [-k, r, -r, k, -r, 0] },
      { command: 'bezierCurveTo', args: [-r, -k, -k, -r, 0, -r] },
      { command: 'bezierCurveTo', args: [k, -r, r, -k, r, 0] },
      { command: 'closePath', args: [] },
    ];
    const [contour] = flattenPath(circle);
    for (const p of contour!) expect(Math.abs(Math.hypot(p.x, p.y) - r)).toBeLessThan(0.1);
    const canvas = new Canvas(50, 50);
    canvas.fillContours([contour!], 25, 25, 1, 1);
    const ink = canvas.pixels.reduce((sum, p) => sum + p, 0);
    expect(ink).toBeGreaterThan(Math.PI * r * r * 0.95);
    expect(ink).toBeLessThan(Math.PI * r * r * 1.05);
  });

  it('follows quadratic curves (TrueType) through their end points', () => {
    const [contour] = flattenPath([
      { command: 'moveTo', args: [0, 0] },
      { command: 'quadraticCurveTo', args: [5, 10, 10, 0] },
      { command: 'closePath', args: [] },
    ]);
    expect(contour!.at(-1)).toEqual({ x: 10, y: 0 });
    // The curve's top, at t = 1/2, is halfway to the control point.
    expect(Math.max(...contour!.map((p) => p.y))).toBeCloseTo(5, 5);
  });
});
