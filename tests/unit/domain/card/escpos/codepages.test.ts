import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CODE_PAGE_NAMES, CODE_PAGE_TABLES, decodeByte, encodeChar } from '../../../../../src/domain/card/escpos/codepages';
import { EPSON_PAGES, STAR_PAGES } from '../../../../../src/domain/card/escpos/profiles';

// Independent references already in node_modules: iconv-lite's tables (via node-thermal-printer)
// and node-thermal-printer's own command tables.
const require = createRequire(import.meta.url);
const iconv = require('iconv-lite') as { decode(b: Buffer, enc: string): string };
const epsonConfig = require('node-thermal-printer/lib/types/epson-config') as Record<string, Buffer>;
const starConfig = require('node-thermal-printer/lib/types/star-config') as Record<string, Buffer>;

const ICONV: Record<string, string> = {
  PC437: 'cp437', PC850: 'cp850', PC858: 'cp858', PC852: 'cp852', PC857: 'cp857', PC866: 'cp866', PC737: 'cp737',
  WPC1250: 'win1250', WPC1251: 'win1251', WPC1252: 'win1252', WPC1253: 'win1253', WPC1254: 'win1254',
};
const NTP: Record<string, string> = {
  PC437: 'PC437_USA', PC850: 'PC850_MULTILINGUAL', PC858: 'PC858_EURO', PC852: 'PC852_LATIN2', PC857: 'PC857_TURKISH',
  PC866: 'PC866_CYRILLIC2', PC737: 'PC737_GREEK', WPC1250: 'WPC1250_LATIN2', WPC1251: 'WPC1251_CYRILLIC',
  WPC1252: 'WPC1252', WPC1253: 'WPC1253_GREEK', WPC1254: 'WPC1254_TURKISH',
};

describe('code page tables', () => {
  it.each(CODE_PAGE_NAMES)('%s matches iconv-lite byte for byte', (page) => {
    const bytes = Buffer.from(Array.from({ length: 128 }, (_, i) => 0x80 + i));
    expect(Array.from(CODE_PAGE_TABLES[page])).toEqual(Array.from(iconv.decode(bytes, ICONV[page]!)));
  });

  it('encodes the accents of Belgian names in CP858 and decodes them back', () => {
    for (const char of 'éèêëàâäçïîôöûüùÿßÉÈÊËÀÂÄÇÏÎÔÖÛÜ') {
      const byte = encodeChar('PC858', char);
      expect(byte, char).toBeGreaterThanOrEqual(0x80);
      expect(decodeByte('PC858', byte!)).toBe(char);
    }
    expect(encodeChar('PC858', 'Ł')).toBeUndefined();
    expect(encodeChar('PC852', 'Ł')).toBe(0x9d);
    expect(encodeChar('WPC1250', 'Ł')).toBe(0xa3);
  });

  it('selects pages with the same numbers node-thermal-printer uses (Epson ESC t n)', () => {
    for (const { name, n } of EPSON_PAGES) {
      expect(Array.from(epsonConfig[`CODE_PAGE_${NTP[name]}`]!), name).toEqual([0x1b, 0x74, n]);
    }
    // The brief's own numbers.
    expect(EPSON_PAGES.find((p) => p.name === 'PC850')!.n).toBe(2);
    expect(EPSON_PAGES.find((p) => p.name === 'WPC1252')!.n).toBe(16);
    expect(EPSON_PAGES.find((p) => p.name === 'PC858')!.n).toBe(19);
  });

  it('selects pages with the same numbers node-thermal-printer uses (Star ESC GS t n)', () => {
    for (const { name, n } of STAR_PAGES) {
      if (name === 'PC437') continue; // Star has 437 at 1 and 3; node-thermal-printer names 1 "PC437_USA" too
      expect(Array.from(starConfig[`CODE_PAGE_${NTP[name]}`]!), name).toEqual([0x1b, 0x1d, 0x74, n]);
    }
    expect(Array.from(starConfig.CODE_PAGE_PC437_USA!)).toEqual([0x1b, 0x1d, 0x74, 1]);
  });
});
