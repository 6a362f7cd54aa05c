/**
 * A small TrueType reader: enough of cmap, hmtx and glyf to measure text, draw glyph outlines
 * (virtual printer, raster fallback) and embed the font in a PDF. pdf-lib needs the separate
 * @pdf-lib/fontkit package for custom fonts, which is not installed; this file stands in for it.
 */
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
  capHeight: number;
  bbox: [number, number, number, number];
  italicAngle: number;
  postScriptName: string;
}

export class TrueTypeFont {
  readonly bytes: Uint8Array;
  readonly metrics: FontMetrics;
  readonly numGlyphs: number;
  private readonly view: DataView;
  private readonly tables = new Map<string, { offset: number; length: number }>();
  private readonly cmap = new Map<number, number>();
  private readonly advances: number[] = [];
  private readonly locaLong: boolean;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const count = this.u16(4);
    for (let i = 0; i < count; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(bytes[rec]!, bytes[rec + 1]!, bytes[rec + 2]!, bytes[rec + 3]!);
      this.tables.set(tag, { offset: this.u32(rec + 8), length: this.u32(rec + 12) });
    }
    const head = this.table('head');
    const hhea = this.table('hhea');
    this.numGlyphs = this.u16(this.table('maxp') + 4);
    this.locaLong = this.i16(head + 50) === 1;
    const os2 = this.tables.get('OS/2');
    const post = this.tables.get('post');
    this.metrics = {
      unitsPerEm: this.u16(head + 18),
      ascent: this.i16(hhea + 4),
      descent: this.i16(hhea + 6),
      capHeight: os2 && this.u16(os2.offset) >= 2 ? this.i16(os2.offset + 88) : this.i16(hhea + 4),
      bbox: [this.i16(head + 36), this.i16(head + 38), this.i16(head + 40), this.i16(head + 42)],
      italicAngle: post ? this.i32(post.offset + 4) / 65536 : 0,
      postScriptName: this.readPostScriptName() ?? 'EmbeddedFont',
    };
    const metricsCount = this.u16(hhea + 34);
    const hmtx = this.table('hmtx');
    let last = 0;
    for (let g = 0; g < this.numGlyphs; g++) {
      if (g < metricsCount) last = this.u16(hmtx + g * 4);
      this.advances.push(last);
    }
    this.readCmap();
  }

  /** Glyph id for a code point (0, the .notdef box, when the font lacks it). */
  glyphId(codePoint: number): number {
    return this.cmap.get(codePoint) ?? 0;
  }

  hasGlyph(codePoint: number): boolean {
    return this.cmap.has(codePoint);
  }

  advance(glyph: number): number {
    return this.advances[glyph] ?? 0;
  }

  /** Width of a string in font units. */
  measure(text: string): number {
    let width = 0;
    for (const char of text) width += this.advance(this.glyphId(char.codePointAt(0)!));
    return width;
  }

  /** Every code point the font maps, with its glyph (for the PDF's ToUnicode map). */
  mappedCodePoints(): Map<number, number> {
    return this.cmap;
  }

  /** The glyph's outline as flattened contours in font units. */
  outline(glyph: number, depth = 0): Contour[] {
    if (depth > 8) return [];
    const glyf = this.table('glyf');
    const loca = this.table('loca');
    const start = this.locaLong ? this.u32(loca + glyph * 4) : this.u16(loca + glyph * 2) * 2;
    const end = this.locaLong ? this.u32(loca + glyph * 4 + 4) : this.u16(loca + glyph * 2 + 2) * 2;
    if (end <= start) return [];
    const at = glyf + start;
    const contours = this.i16(at);
    return contours >= 0 ? this.simpleOutline(at, contours) : this.compositeOutline(at, depth);
  }

  private simpleOutline(at: number, contourCount: number): Contour[] {
    const endPts: number[] = [];
    for (let i = 0; i < contourCount; i++) endPts.push(this.u16(at + 10 + i * 2));
    const pointCount = contourCount > 0 ? endPts[contourCount - 1]! + 1 : 0;
    let p = at + 10 + contourCount * 2;
    p += 2 + this.u16(p); // skip instructions
    const flags: number[] = [];
    while (flags.length < pointCount) {
      const flag = this.bytes[p++]!;
      flags.push(flag);
      if (flag & 0x08) {
        const repeat = this.bytes[p++]!;
        for (let r = 0; r < repeat; r++) flags.push(flag);
      }
    }
    const xs: number[] = [];
    const ys: number[] = [];
    let value = 0;
    for (const flag of flags) {
      if (flag & 0x02) value += flag & 0x10 ? this.bytes[p++]! : -this.bytes[p++]!;
      else if (!(flag & 0x10)) {
        value += this.i16(p);
        p += 2;
      }
      xs.push(value);
    }
    value = 0;
    for (const flag of flags) {
      if (flag & 0x04) value += flag & 0x20 ? this.bytes[p++]! : -this.bytes[p++]!;
      else if (!(flag & 0x20)) {
        value += this.i16(p);
        p += 2;
      }
      ys.push(value);
    }
    const out: Contour[] = [];
    let first = 0;
    for (const last of endPts) {
      const pts = [];
      for (let i = first; i <= last; i++) pts.push({ x: xs[i]!, y: ys[i]!, on: (flags[i]! & 0x01) !== 0 });
      out.push(flattenQuadratic(pts));
      first = last + 1;
    }
    return out;
  }

  private compositeOutline(at: number, depth: number): Contour[] {
    const out: Contour[] = [];
    let p = at + 10;
    for (;;) {
      const flags = this.u16(p);
      const glyph = this.u16(p + 2);
      p += 4;
      let dx = 0;
      let dy = 0;
      if (flags & 0x01) {
        dx = this.i16(p);
        dy = this.i16(p + 2);
        p += 4;
      } else {
        dx = this.i8(p);
        dy = this.i8(p + 1);
        p += 2;
      }
      let [a, b, c, d] = [1, 0, 0, 1];
      if (flags & 0x08) {
        a = d = this.f2dot14(p);
        p += 2;
      } else if (flags & 0x40) {
        a = this.f2dot14(p);
        d = this.f2dot14(p + 2);
        p += 4;
      } else if (flags & 0x80) {
        a = this.f2dot14(p);
        b = this.f2dot14(p + 2);
        c = this.f2dot14(p + 4);
        d = this.f2dot14(p + 6);
        p += 8;
      }
      // Point-matching offsets (ARGS_ARE_XY_VALUES clear) do not occur in DejaVu; treat as 0.
      if (!(flags & 0x02)) dx = dy = 0;
      for (const contour of this.outline(glyph, depth + 1)) {
        out.push(contour.map((pt) => ({ x: a * pt.x + c * pt.y + dx, y: b * pt.x + d * pt.y + dy })));
      }
      if (!(flags & 0x20)) break;
    }
    return out;
  }

  private readCmap(): void {
    const cmap = this.table('cmap');
    const count = this.u16(cmap + 2);
    let best = -1;
    let bestFormat = 0;
    for (let i = 0; i < count; i++) {
      const platform = this.u16(cmap + 4 + i * 8);
      const encoding = this.u16(cmap + 6 + i * 8);
      const offset = cmap + this.u32(cmap + 8 + i * 8);
      const format = this.u16(offset);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (unicode && (format === 12 || (format === 4 && bestFormat !== 12))) {
        best = offset;
        bestFormat = format;
      }
    }
    if (best < 0) throw new Error('font has no Unicode cmap');
    if (bestFormat === 12) {
      const groups = this.u32(best + 12);
      for (let g = 0; g < groups; g++) {
        const rec = best + 16 + g * 12;
        const startChar = this.u32(rec);
        const endChar = this.u32(rec + 4);
        const startGlyph = this.u32(rec + 8);
        for (let c = startChar; c <= endChar; c++) this.cmap.set(c, startGlyph + (c - startChar));
      }
      return;
    }
    const segX2 = this.u16(best + 6);
    const ends = best + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    for (let s = 0; s < segX2; s += 2) {
      const endCode = this.u16(ends + s);
      const startCode = this.u16(starts + s);
      const delta = this.i16(deltas + s);
      const rangeOffset = this.u16(ranges + s);
      for (let c = startCode; c <= endCode && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const raw = this.u16(ranges + s + rangeOffset + (c - startCode) * 2);
          glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
        }
        if (glyph !== 0) this.cmap.set(c, glyph);
      }
    }
  }

  private readPostScriptName(): string | null {
    const name = this.tables.get('name');
    if (!name) return null;
    const count = this.u16(name.offset + 2);
    const strings = name.offset + this.u16(name.offset + 4);
    for (let i = 0; i < count; i++) {
      const rec = name.offset + 6 + i * 12;
      if (this.u16(rec + 6) !== 6) continue;
      const platform = this.u16(rec);
      const length = this.u16(rec + 8);
      const offset = strings + this.u16(rec + 10);
      let s = '';
      if (platform === 1) for (let k = 0; k < length; k++) s += String.fromCharCode(this.bytes[offset + k]!);
      else for (let k = 0; k < length; k += 2) s += String.fromCharCode(this.u16(offset + k));
      if (s) return s.replace(/[^A-Za-z0-9-]/g, '');
    }
    return null;
  }

  private table(tag: string): number {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t.offset;
  }
  private u16(o: number) {
    return this.view.getUint16(o);
  }
  private i16(o: number) {
    return this.view.getInt16(o);
  }
  private u32(o: number) {
    return this.view.getUint32(o);
  }
  private i32(o: number) {
    return this.view.getInt32(o);
  }
  private i8(o: number) {
    return this.view.getInt8(o);
  }
  private f2dot14(o: number) {
    return this.view.getInt16(o) / 16384;
  }
}

/** TrueType contours are quadratic B-splines: two off-curve points imply an on-curve midpoint. */
function flattenQuadratic(points: { x: number; y: number; on: boolean }[]): Contour {
  if (points.length === 0) return [];
  const n = points.length;
  const startIndex = points.findIndex((p) => p.on);
  const start = startIndex >= 0 ? points[startIndex]! : mid(points[0]!, points[1 % n]!);
  const first = startIndex >= 0 ? startIndex : 0;
  const out: Point[] = [{ x: start.x, y: start.y }];
  let current: Point = start;
  let control: Point | null = null;
  for (let k = 1; k <= n; k++) {
    const p = points[(first + k) % n]!;
    if (p.on) {
      if (control) curve(out, current, control, p);
      else out.push({ x: p.x, y: p.y });
      current = p;
      control = null;
    } else if (control) {
      const m = mid(control, p);
      curve(out, current, control, m);
      current = m;
      control = p;
    } else {
      control = p;
    }
  }
  if (control) curve(out, current, control, start);
  return out;
}

function mid(a: Point, b: Point): { x: number; y: number; on: boolean } {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, on: true };
}

function curve(out: Point[], p0: Point, p1: Point, p2: Point): void {
  const steps = 6;
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push({ x: u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x, y: u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y });
  }
}
