import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Font } from '@pdf-lib/fontkit';

type Fontkit = typeof import('@pdf-lib/fontkit');
let fontkit: Fontkit | undefined;

/**
 * fontkit is loaded on the first glyph a receipt needs, not when the station starts (it is a large
 * module: about a tenth of a second of every host start). It is CommonJS, so require loads it synchronously.
 */
function loadFontkit(): Fontkit {
  // Bundled as CommonJS import.meta.url is empty; the working directory then resolves the package.
  fontkit ??= createRequire(import.meta.url || join(process.cwd(), 'index.js'))('@pdf-lib/fontkit') as Fontkit;
  return fontkit;
}

export interface Point {
  x: number;
  y: number;
}
/** A closed outline, already flattened to straight segments, in font units (y up). */
export type Contour = Point[];

export interface FontMetrics {
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

/** fontkit's path commands; its typings leave out `Path.commands`, which every glyph path has. */
export interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

/** Straight segments per curve: plenty for 24- and 48-dot cells. */
const QUADRATIC_STEPS = 6;
const CUBIC_STEPS = 8;

/**
 * A font read by @pdf-lib/fontkit, seen the way the 1-bit rasterizer needs it: one glyph per code
 * point (no shaping: receipt printers draw fixed cells), advances, and outlines flattened to
 * polygons for Canvas.fillContours.
 */
export class OutlineFont {
  readonly metrics: FontMetrics;
  private readonly font: Font;
  private readonly outlines = new Map<number, Contour[]>();

  constructor(bytes: Uint8Array) {
    this.font = loadFontkit().create(bytes);
    this.metrics = { unitsPerEm: this.font.unitsPerEm, ascent: this.font.ascent, descent: this.font.descent };
  }

  /** Glyph id for a code point (0, the .notdef box, when the font lacks it). */
  glyphId(codePoint: number): number {
    return this.font.glyphForCodePoint(codePoint).id;
  }

  hasGlyph(codePoint: number): boolean {
    return this.font.hasGlyphForCodePoint(codePoint);
  }

  advance(glyph: number): number {
    return this.font.getGlyph(glyph).advanceWidth;
  }

  /** Width of a string in font units. */
  measure(text: string): number {
    let width = 0;
    for (const char of text) width += this.advance(this.glyphId(char.codePointAt(0)!));
    return width;
  }

  /** The glyph's outline as flattened contours in font units (cached: slips repeat letters). */
  outline(glyph: number): Contour[] {
    let contours = this.outlines.get(glyph);
    if (!contours) {
      const path = this.font.getGlyph(glyph).path as unknown as { commands: PathCommand[] };
      contours = flattenPath(path.commands);
      this.outlines.set(glyph, contours);
    }
    return contours;
  }
}

/** Turns moveTo/lineTo/curves/closePath into closed polygons (the fill closes each one itself). */
export function flattenPath(commands: readonly PathCommand[]): Contour[] {
  const contours: Contour[] = [];
  let current: Contour = [];
  let pen: Point = { x: 0, y: 0 };
  const finish = () => {
    if (current.length > 1) contours.push(current);
    current = [];
  };
  const start = () => {
    if (current.length === 0) current.push(pen);
  };
  for (const { command, args: a } of commands) {
    switch (command) {
      case 'moveTo':
        finish();
        pen = { x: a[0]!, y: a[1]! };
        current.push(pen);
        break;
      case 'lineTo':
        start();
        pen = { x: a[0]!, y: a[1]! };
        current.push(pen);
        break;
      case 'quadraticCurveTo': {
        start();
        const [p0, c, p] = [pen, { x: a[0]!, y: a[1]! }, { x: a[2]!, y: a[3]! }];
        for (let i = 1; i <= QUADRATIC_STEPS; i++) {
          const t = i / QUADRATIC_STEPS;
          const u = 1 - t;
          current.push({ x: u * u * p0.x + 2 * u * t * c.x + t * t * p.x, y: u * u * p0.y + 2 * u * t * c.y + t * t * p.y });
        }
        pen = p;
        break;
      }
      case 'bezierCurveTo': {
        start();
        const [p0, c1, c2, p] = [pen, { x: a[0]!, y: a[1]! }, { x: a[2]!, y: a[3]! }, { x: a[4]!, y: a[5]! }];
        for (let i = 1; i <= CUBIC_STEPS; i++) {
          const t = i / CUBIC_STEPS;
          const u = 1 - t;
          const [w0, w1, w2, w3] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
          current.push({ x: w0 * p0.x + w1 * c1.x + w2 * c2.x + w3 * p.x, y: w0 * p0.y + w1 * c1.y + w2 * c2.y + w3 * p.y });
        }
        pen = p;
        break;
      }
      case 'closePath':
        // The pen goes back to where the contour started, as in canvas and SVG.
        if (current.length > 0) pen = current[0]!;
        finish();
        break;
    }
  }
  finish();
  return contours;
}
