import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';

/** One text-showing operator (Tj) as a reader extracts it. */
export interface PdfTextRun {
  page: number;
  /** The font's BaseFont, e.g. "DejaVuSans-Bold-1234" (pdf-lib appends a random number). */
  font: string;
  /** The glyph codes shown, 4 hex digits each. */
  codes: string[];
  /** The codes through the font's ToUnicode map; U+FFFD where the map has no entry. */
  text: string;
}

const streamBytes = (s: PDFRawStream): Buffer => {
  const raw = s.getContents();
  return s.dict.get(PDFName.of('Filter')) ? inflateSync(raw) : Buffer.from(raw);
};

/** glyph code -> text, from a ToUnicode CMap's bfchar entries (UTF-16BE, possibly several units). */
function toUnicodeMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of cmap.matchAll(/<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>/g)) {
    const units = m[2]!.match(/.{4}/g)!.map((h) => parseInt(h, 16));
    map.set(m[1]!.toLowerCase(), String.fromCharCode(...units));
  }
  return map;
}

function pageFonts(page: PDFPage): Map<string, { baseFont: string; dict: PDFDict; toUnicode: Map<string, string> }> {
  const fonts = new Map<string, { baseFont: string; dict: PDFDict; toUnicode: Map<string, string> }>();
  const dict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
  if (!dict) return fonts;
  for (const [name, ref] of dict.entries()) {
    const font = page.doc.context.lookup(ref, PDFDict);
    const stream = font.lookup(PDFName.of('ToUnicode'));
    fonts.set(name.asString().slice(1), {
      baseFont: String(font.get(PDFName.of('BaseFont'))).slice(1),
      dict: font,
      toUnicode: stream instanceof PDFRawStream ? toUnicodeMap(streamBytes(stream).toString('latin1')) : new Map(),
    });
  }
  return fonts;
}

/**
 * Text as a PDF reader extracts it: every Tj's glyph codes through the ToUnicode map of the font
 * the last Tf selected. Enough for pdf-lib's output (one hex string per Tj); not a general parser.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<{ doc: PDFDocument; runs: PdfTextRun[] }> {
  const doc = await PDFDocument.load(bytes);
  const runs: PdfTextRun[] = [];
  doc.getPages().forEach((page, index) => {
    const fonts = pageFonts(page);
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    let content = '';
    for (const ref of refs) content += streamBytes(doc.context.lookup(ref as PDFRef) as PDFRawStream).toString('latin1');
    let current: ReturnType<typeof fonts.get>;
    for (const m of content.matchAll(/\/(\S+) [\d.]+ Tf|<([0-9A-Fa-f]*)> Tj/g)) {
      if (m[1] !== undefined) {
        current = fonts.get(m[1]);
        continue;
      }
      const codes = (m[2]!.toLowerCase().match(/.{4}/g) ?? []) as string[];
      runs.push({
        page: index,
        font: current?.baseFont ?? '?',
        codes,
        text: codes.map((c) => current?.toUnicode.get(c) ?? '\uFFFD').join(''),
      });
    }
  });
  return { doc, runs };
}

/** The embedded font program (FontFile2) of a Type0 font on the first page: its size unpacked and as stored. */
export function embeddedFontFile(doc: PDFDocument, baseFont: RegExp): { size: number; stored: number } {
  for (const font of pageFonts(doc.getPage(0)).values()) {
    if (!baseFont.test(font.baseFont)) continue;
    const descendant = font.dict.lookup(PDFName.of('DescendantFonts'), PDFArray).lookup(0, PDFDict);
    const file = descendant.lookup(PDFName.of('FontDescriptor'), PDFDict).lookup(PDFName.of('FontFile2'));
    if (!(file instanceof PDFRawStream)) throw new Error(`${font.baseFont} has no embedded TrueType program`);
    return { size: streamBytes(file).length, stored: file.getContents().length };
  }
  throw new Error(`no font matching ${baseFont} on the first page`);
}
