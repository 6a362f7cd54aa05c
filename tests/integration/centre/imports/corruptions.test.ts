import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/adapters/clock';
import type { Db } from '../../../../src/main/adapters/sqlite/database';
import { parseCsvBytes } from '../../../../src/main/station/imports/csv';
import { ImportError } from '../../../../src/main/station/imports/import-error';
import { importCalendar } from '../../../../src/main/station/imports/calendar-import';
import { importInvitations } from '../../../../src/main/station/imports/invitations-import';
import { importProducts } from '../../../../src/main/station/imports/products-import';
import { openTestStation } from '../../../support/station';
import { dbDigest } from './station-folder';
import { demoTable } from './in-station';

/**
 * Random corruptions of valid files (fixed seeds, bounded runs): each is refused with an import
 * error naming the corrupted line, and the station's database is byte for byte what it was.
 */
const clock = new ManualClock('2027-03-01T08:00:00Z');
let station: ReturnType<typeof openTestStation>;
let db: Db;
beforeAll(() => {
  station = openTestStation({ clock });
  db = station.ctx.db;
  importProducts(db, demoTable('products'), { now: clock.now(), dryRun: false, by: 'test' });
});
afterAll(() => station.cleanup());

type Importer = (bytes: Uint8Array) => unknown;
const importers: Record<string, Importer> = {
  calendar: (bytes) => importCalendar(db, parseCsvBytes(bytes), { centreId: 'demo-centre', stationId: 'station-1', now: clock.now(), dryRun: false }),
  products: (bytes) => importProducts(db, parseCsvBytes(bytes), { now: clock.now(), dryRun: false, by: 'test' }),
  invitations: (bytes) => importInvitations(db, parseCsvBytes(bytes), { centreId: 'demo-centre', now: clock.now(), dryRun: false }),
};

const VALID = {
  calendar: ['date;start;end;product;slot_minutes;capacity', '2027-03-28;09:00;12:00;comirnaty;15;6', '29/03/2027;13:30;17:00;spikevax;20;4', '2027-10-31;01:00;04:00;comirnaty;60;2'],
  products: ['code;name;gtin;cnk;atc;doses_in_course;min_days;target_days;max_days;doses_per_vial;hours_after_puncture', 'novavax;Nuvaxovid (Novavax);05412345678908;1234567;J07BN04;2;21;21;42;10;6', 'valneva;VLA2001 (Valneva);05499999999993|012345678905;;J07BN;2;28;28;56;10;6'],
  invitations: ['code;ssin;surname;given_names;language;product;start;email;phone', 'KQ7Z2M9P4R6T8W3Y;85.07.30-004.57;Müller-Weiß;Zoë;de;comirnaty;2027-03-29 10:15;zoe@example.org;+32 470 00 00 00', 'LX8A3N5Q7S9U2V4B;61021401782;Łukasiewicz;Jan Paweł;fr;vaxzevria|comirnaty;;;'],
};

/** Values that can never be valid in that column. */
const BAD: Record<keyof typeof VALID, Record<string, string[]>> = {
  calendar: { 0: ['2027-02-30', '32/01/2027', 'demain', ''], 1: ['25:00', '9h00', ''], 2: ['24:01', 'noon', ''], 3: ['unknown-vax', ''], 4: ['4', '121', 'ten', ''], 5: ['0', '501', '-1', ''] },
  products: { 0: ['Bad Code!', ''], 1: ['', 'x\u0007y'], 2: ['05412345678907', '123', ''], 3: ['123456', '12345678', 'abcdefg'], 4: ['J07', 'X'], 5: ['0', '10', ''], 6: ['0', 'x'], 9: ['0', ''], 10: ['0', '-1', ''] },
  invitations: { 0: ['', '12345678', '--help', 'ab"cd'], 1: ['85.07.30-004.58', '123', ''], 2: ['', 'a\u0000b'], 4: ['xx', 'english', ''], 5: ['unknown-vax', ''], 6: ['2027-03-28 02:30', 'tomorrow'], 7: ['not-an-email'], 8: ['call me'] },
};

const encode = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');

function refusedLine(run: () => unknown): number | null {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as ImportError).line;
  }
  throw new Error('the corrupted file was accepted');
}

describe('corrupted import files change nothing (fuzz, fixed seeds)', () => {
  for (const kind of Object.keys(VALID) as (keyof typeof VALID)[]) {
    it(`${kind}: a bad cell in any row is refused at its line`, () => {
      const before = dbDigest(db);
      const rows = VALID[kind].length - 1;
      const columns = Object.keys(BAD[kind]).map(Number);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: rows - 1 }), fc.constantFrom(...columns), fc.nat(), (row, column, pick) => {
          const lines = [...VALID[kind]];
          const cells = lines[row + 1]!.split(';');
          const bad = BAD[kind][column]!;
          cells[column] = bad[pick % bad.length]!;
          lines[row + 1] = cells.join(';');
          expect(refusedLine(() => importers[kind]!(encode(lines)))).toBe(row + 2);
        }),
        { seed: 15, numRuns: 60 },
      );
      expect(dbDigest(db)).toEqual(before);
    });

    it(`${kind}: a missing or extra separator, a latin-1 byte or random bytes are refused`, () => {
      const before = dbDigest(db);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: VALID[kind].length - 2 }), fc.constantFrom('drop', 'extra', 'latin1'), (row, how) => {
          const lines = [...VALID[kind]];
          const line = lines[row + 1]!;
          if (how === 'drop') lines[row + 1] = line.replace(';', '');
          if (how === 'extra') lines[row + 1] = `${line};`;
          const bytes = encode(lines);
          if (how === 'latin1') {
            const at = encode(lines.slice(0, row + 1)).length;
            bytes[at] = 0xe9; // é in latin-1, never a UTF-8 lead byte followed by this row's ASCII
          }
          expect(refusedLine(() => importers[kind]!(bytes))).toBe(row + 2);
        }),
        { seed: 16, numRuns: 30 },
      );
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
          refusedLine(() => importers[kind]!(bytes));
        }),
        { seed: 17, numRuns: 100 },
      );
      expect(dbDigest(db)).toEqual(before);
    });
  }

  it('the valid files themselves import (so the refusals above are the corruptions)', () => {
    expect(importers.calendar!(encode(VALID.calendar))).toMatchObject({ sessions: 3 });
    expect(importers.products!(encode(VALID.products))).toMatchObject({ products: 2 });
    expect(importers.invitations!(encode(VALID.invitations))).toMatchObject({ invitations: 2 });
  });
});
