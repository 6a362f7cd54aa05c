import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { CardPreview } from '../../../../../src/shared/api/printing';
import { encodeLayout, type Bitmap } from '../../../../../src/domain/card/escpos/encoder';
import { assertLineModeSupported, isRasterOnlyModel, printerProfile } from '../../../../../src/domain/card/escpos/profiles';
import { layoutCard } from '../../../../../src/domain/card/layout';
import { sampleCard } from '../../../../../src/domain/card/sample';

const require = createRequire(import.meta.url);
const { printer: ThermalPrinter, types } = require('node-thermal-printer') as {
  printer: new (config: Record<string, unknown>) => { print(t: string): void; printQR(d: string, s: Record<string, unknown>): void; getBuffer(): Buffer; clear(): void };
  types: { EPSON: string; STAR: string };
};

const text = (t: string, extra: Partial<{ bold: boolean; size: 'normal' | 'double'; align: 'left' | 'centre' }> = {}): CardPreview['lines'][number] => ({
  kind: 'text',
  text: t,
  bold: false,
  size: 'normal',
  align: 'left',
  ...extra,
});
const hex = (b: Uint8Array | Buffer) => Buffer.from(b).toString('hex');

describe('ESC/POS encoder', () => {
  it('encodes a line exactly as the Epson reference: ESC @, ESC t 19, CP858 bytes, LF', () => {
    const { bytes, pagesUsed } = encodeLayout({ columns: 48, lines: [text('Zoë Françoise Müller-Weiß')] }, printerProfile('epson', '80'));
    expect(hex(bytes)).toBe('1b40' + '1b7413' + '5a6f89204672616e876f697365204d816c6c65722d576569e1' + '0a');
    expect(pagesUsed).toEqual(['PC858']);
    // node-thermal-printer, set to PC858, produces the same page select and text bytes.
    const ntp = new ThermalPrinter({ type: types.EPSON, characterSet: 'PC858_EURO' });
    ntp.print('Zoë Françoise Müller-Weiß');
    expect(hex(bytes)).toContain(hex(ntp.getBuffer()));
  });

  it('builds the Epson QR command (GS ( k) like node-thermal-printer does for ASCII data', () => {
    const { bytes } = encodeLayout({ columns: 48, lines: [{ kind: 'qr', data: 'DOSEDESK-SAMPLE' }] }, printerProfile('epson', '80'));
    const ntp = new ThermalPrinter({ type: types.EPSON });
    ntp.clear();
    ntp.printQR('DOSEDESK-SAMPLE', { model: 2, cellSize: 6, correction: 'M' });
    expect(hex(bytes)).toContain(hex(ntp.getBuffer()));
  });

  it('counts QR data in bytes, not characters (node-thermal-printer counts UTF-16 units)', () => {
    const { bytes } = encodeLayout({ columns: 48, lines: [{ kind: 'qr', data: 'é' }] }, printerProfile('epson', '80'));
    // store: GS ( k pL pH 31 50 30 + 2 UTF-8 bytes => pL = 5
    expect(hex(bytes)).toContain('1d286b0500315030c3a9');
  });

  it('uses Star line mode commands: ESC GS t, ESC GS y (with the data header), ESC i, ESC d 3', () => {
    const layout: CardPreview = { columns: 48, lines: [text('Jan Łukasiewicz', { bold: true, size: 'double', align: 'centre' }), { kind: 'qr', data: 'AB' }, { kind: 'cut' }] };
    const b = hex(encodeLayout(layout, printerProfile('star', '80')).bytes);
    expect(b.startsWith('1b40')).toBe(true);
    expect(b).toContain('1b45'); // bold on
    expect(b).toContain('1b690101'); // double
    expect(b).toContain('1b1d6101'); // centre
    expect(b).toContain('1b1d7405'); // CP852
    expect(b).toContain('1b1d7953300' + '2' + '1b1d795331011b1d79533206' + '1b1d794431000200' + '4142' + '1b1d7950');
    expect(b.endsWith('1b6403')).toBe(true);
  });

  it('never prints "?" for a name: Epson switches page for Ł, and draws CJK as an image', () => {
    const rasterize = (_line: unknown, dots: number): Bitmap => ({ width: dots, height: 24, pixels: new Uint8Array(dots * 24).fill(1) });
    const layout: CardPreview = { columns: 48, lines: [text('Łukasiewicz'), text('王小明')] };
    const result = encodeLayout(layout, printerProfile('epson', '80'), { rasterize });
    expect(result.pagesUsed).toEqual(['PC852']);
    expect(result.rasterLines).toEqual(['王小明']);
    expect(hex(result.bytes)).toContain('1b7412' + '9d756b61736965776963' + '7a0a');
    // GS v 0, 72 bytes per row, 24 rows
    expect(hex(result.bytes)).toContain('1d7630004800' + '1800');
    expect(result.bytes.includes(0x3f)).toBe(false);
  });

  it('falls back to the closest letters, never "?", when it cannot draw an image (Star)', () => {
    const result = encodeLayout({ columns: 48, lines: [text('Ŵŷ 王')] }, printerProfile('star', '80'));
    expect(result.transliterated).toEqual(['Ŵ', 'ŷ', '王']);
    expect(Buffer.from(result.bytes).toString('latin1')).toContain('Wy *');
    expect(result.bytes.includes(0x3f)).toBe(false);
  });

  it('is deterministic and well under a kilobyte or two for a whole card', () => {
    const card = sampleCard({ language: 'nl', fullName: 'Zoë Françoise Müller-Weiß', now: new Date('2021-05-03T08:15:00Z') });
    const a = encodeLayout(layoutCard(card, 48), printerProfile('epson', '80')).bytes;
    const b = encodeLayout(layoutCard(card, 48), printerProfile('epson', '80')).bytes;
    expect(hex(a)).toBe(hex(b));
    expect(a.length).toBeLessThan(2048);
  });

  it('refuses Star raster-only models with a clear error', () => {
    expect(isRasterOnlyModel('TSP143IIIU')).toBe(true);
    expect(isRasterOnlyModel('Star TSP100 futurePRNT')).toBe(true);
    expect(isRasterOnlyModel('TSP654II')).toBe(false);
    expect(() => assertLineModeSupported('star', 'TSP143IIILAN')).toThrow(expect.objectContaining({ code: 'printing.raster_only' }));
    expect(() => assertLineModeSupported('epson', 'TM-T88VI')).not.toThrow();
  });
});
