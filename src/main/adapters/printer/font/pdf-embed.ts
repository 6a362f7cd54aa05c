import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import { fontBytes, type FontFile } from './fonts';

/**
 * Embeds a shipped DejaVu font the way pdf-lib documents it: fontkit registered, only the glyphs
 * the document uses written (subset), with a ToUnicode map so text can be copied and searched.
 * Ligatures are off: one glyph per character, so a name copied out of the PDF is the name typed.
 */
export async function embedShippedFont(doc: PDFDocument, file: FontFile): Promise<PDFFont> {
  doc.registerFontkit(fontkit);
  return doc.embedFont(fontBytes(file), { subset: true, features: { liga: false } });
}

const characterSets = new WeakMap<PDFFont, Set<number>>();

/** Whether every character of a text is in the font (else it would print as a box). */
export function fontHolds(font: PDFFont, text: string): boolean {
  let held = characterSets.get(font);
  if (!held) {
    held = new Set(font.getCharacterSet());
    characterSets.set(font, held);
  }
  for (const char of text) if (!held.has(char.codePointAt(0)!)) return false;
  return true;
}
