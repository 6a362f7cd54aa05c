import { DoseDeskError } from '../../../shared/errors';
import type { CodePageName } from './codepages';

export type PrinterType = 'epson' | 'star';

/** A code page and the number that selects it on one printer family. */
export interface PageSelect {
  readonly name: CodePageName;
  readonly n: number;
}

export interface PrinterProfile {
  readonly type: PrinterType;
  /** Pages in order of preference; the first that holds a whole line wins. */
  readonly pages: readonly PageSelect[];
  /** Dots per line: 384 on 58 mm paper, 576 on 80 mm (Font A is 12 dots wide). */
  readonly dots: number;
  readonly columns: 32 | 48;
}

/**
 * Epson `ESC t n` (ESC/POS "Select character code table"). 2, 16 and 19 are the numbers the brief
 * gives and Epson documents; 18 (PC852), 13 (PC857), 17 (PC866), 14 (PC737) are in the same
 * table since the TM-T88 generation. 45-48 (WPC1250/1251/1253/1254) are only in newer models'
 * tables (TM-T88V/VI, TM-T20II and later): node-thermal-printer uses the same numbers, but an
 * older model prints the wrong glyphs for them, so the DOS pages come first in each script.
 */
export const EPSON_PAGES: readonly PageSelect[] = [
  { name: 'PC858', n: 19 },
  { name: 'PC850', n: 2 },
  { name: 'WPC1252', n: 16 },
  { name: 'PC852', n: 18 },
  { name: 'WPC1250', n: 45 },
  { name: 'PC857', n: 13 },
  { name: 'WPC1254', n: 48 },
  { name: 'PC866', n: 17 },
  { name: 'WPC1251', n: 46 },
  { name: 'PC737', n: 14 },
  { name: 'WPC1253', n: 47 },
  { name: 'PC437', n: 0 },
];

/**
 * Star line mode `ESC GS t n` (Star Line Mode Command Specifications, "Select code page"). Star
 * has no plain CP850: CP858 (n=4) is CP850 with the euro sign in place of the dotless i.
 */
export const STAR_PAGES: readonly PageSelect[] = [
  { name: 'PC858', n: 4 },
  { name: 'WPC1252', n: 32 },
  { name: 'PC852', n: 5 },
  { name: 'WPC1250', n: 33 },
  { name: 'PC857', n: 12 },
  { name: 'PC866', n: 10 },
  { name: 'WPC1251', n: 34 },
  { name: 'PC737', n: 15 },
  { name: 'PC437', n: 1 },
];

export function printerProfile(type: PrinterType, width: '58' | '80'): PrinterProfile {
  return {
    type,
    pages: type === 'epson' ? EPSON_PAGES : STAR_PAGES,
    dots: width === '58' ? 384 : 576,
    columns: width === '58' ? 32 : 48,
  };
}

/**
 * Star's TSP100/TSP143 family (futurePRNT, TSP100III/IV, TSP143IIIU...) only takes raster
 * images: line-mode text and QR commands come out as nothing. Refuse them with a clear message
 * instead of "printing" blank cards.
 */
const RASTER_ONLY = /^(star\s*)?tsp\s*-?1(00|13|43)/i;

export function isRasterOnlyModel(model: string): boolean {
  return RASTER_ONLY.test(model.trim());
}

export function assertLineModeSupported(type: PrinterType, model: string | null | undefined): void {
  if (type === 'star' && model && isRasterOnlyModel(model)) {
    throw new DoseDeskError('printing.raster_only', { model: model.trim() });
  }
}
