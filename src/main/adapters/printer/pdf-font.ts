import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib';
import type { TrueTypeFont } from './font/ttf';

/**
 * Embeds a TrueType font as a CID-keyed Type0 font (Identity-H, glyph ids as codes) with a
 * ToUnicode map, so any character the font holds (é, ß, Ł, ...) prints and can be copied back
 * out of the PDF. This is what @pdf-lib/fontkit would do, without subsetting: the whole font
 * goes in (about 400 KB compressed for DejaVu Sans).
 */
export class EmbeddedTrueType {
  readonly ref: PDFRef;
  private readonly used = new Map<number, number>();
  private readonly cidFont: PDFDict;
  private readonly toUnicodeRef: PDFRef;

  constructor(
    private readonly doc: PDFDocument,
    readonly font: TrueTypeFont,
  ) {
    const ctx = doc.context;
    const m = font.metrics;
    const k = 1000 / m.unitsPerEm;
    const name = PDFName.of(m.postScriptName);
    const fontFile = ctx.register(ctx.flateStream(font.bytes, { Length1: font.bytes.length }));
    const descriptor = ctx.register(
      ctx.obj({
        Type: 'FontDescriptor',
        FontName: name,
        Flags: 32,
        FontBBox: m.bbox.map((v) => Math.round(v * k)),
        ItalicAngle: m.italicAngle,
        Ascent: Math.round(m.ascent * k),
        Descent: Math.round(m.descent * k),
        CapHeight: Math.round(m.capHeight * k),
        StemV: 80,
        FontFile2: fontFile,
      }),
    );
    this.cidFont = ctx.obj({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: ctx.obj({ Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 }),
      FontDescriptor: descriptor,
      CIDToGIDMap: 'Identity',
      DW: 1000,
    });
    const cidRef = ctx.register(this.cidFont);
    this.toUnicodeRef = ctx.nextRef();
    this.ref = ctx.register(
      ctx.obj({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: name,
        Encoding: 'Identity-H',
        DescendantFonts: [cidRef],
        ToUnicode: this.toUnicodeRef,
      }),
    );
  }

  /** Width of text in points at a font size. */
  width(text: string, size: number): number {
    return (this.font.measure(text) * size) / this.font.metrics.unitsPerEm;
  }

  /** The text as a hex string of glyph ids, recording which glyphs the PDF uses. */
  encode(text: string): PDFHexString {
    let hex = '';
    for (const char of text) {
      const cp = char.codePointAt(0)!;
      const glyph = this.font.glyphId(cp);
      if (!this.used.has(glyph)) this.used.set(glyph, cp);
      hex += glyph.toString(16).padStart(4, '0');
    }
    return PDFHexString.of(hex);
  }

  /** Writes glyph widths and the ToUnicode map for the glyphs used; call once before save. */
  finish(): void {
    const ctx = this.doc.context;
    const k = 1000 / this.font.metrics.unitsPerEm;
    const glyphs = [...this.used.keys()].sort((a, b) => a - b);
    const w = PDFArray.withContext(ctx);
    for (const g of glyphs) {
      w.push(PDFNumber.of(g));
      w.push(ctx.obj([Math.round(this.font.advance(g) * k)]));
    }
    this.cidFont.set(PDFName.of('W'), w);
    const lines = glyphs.map((g) => `<${g.toString(16).padStart(4, '0')}> <${utf16Hex(this.used.get(g)!)}>`);
    const chunks: string[] = [];
    for (let i = 0; i < lines.length; i += 100) {
      const part = lines.slice(i, i + 100);
      chunks.push(`${part.length} beginbfchar\n${part.join('\n')}\nendbfchar`);
    }
    const cmap = [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <FFFF>',
      'endcodespacerange',
      ...chunks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
    ctx.assign(this.toUnicodeRef, ctx.flateStream(cmap));
  }
}

function utf16Hex(cp: number): string {
  if (cp < 0x10000) return cp.toString(16).padStart(4, '0');
  const v = cp - 0x10000;
  return ((0xd800 + (v >> 10)).toString(16) + (0xdc00 + (v & 0x3ff)).toString(16)).padStart(8, '0');
}
