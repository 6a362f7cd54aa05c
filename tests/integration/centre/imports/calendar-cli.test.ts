import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../support/paths';
import { makeTempDir } from '../../../support/temp-dir';
import { blankStation, centreCli, folderDigest, withStationDb, writeCsv } from './station-folder';

/** `centre import-calendar` run for real on a blank station folder (issue 15). */
let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
beforeAll(async () => {
  temp = makeTempDir();
  dataDir = await blankStation(temp.dir, { language: 'fr' });
  expect(centreCli('import-products', ['--data', dataDir, join(PROJECT_ROOT, 'resources', 'demo', 'products.csv')]).json).toEqual({ products: 4, updated: 0, unchanged: 0 });
});
afterAll(() => temp.cleanup());

const slotStarts = (sessionDate: string, start: string) =>
  withStationDb(dataDir, (db) =>
    (db.prepare('SELECT s.start_at FROM slots s JOIN sessions se ON se.id = s.session_id WHERE se.date = ? AND se.start_local = ? ORDER BY s.start_at').all(sessionDate, start) as { start_at: string }[]).map((r) => r.start_at),
  );

describe('centre import-calendar', () => {
  it('imports sessions (BOM, CRLF, commas, columns in any order, DD/MM/YYYY), gives their places to the station, and adds nothing the second time', () => {
    const file = join(temp.dir, 'calendar.csv');
    writeFileSync(file, '\ufeffproduct,date,start,end,capacity,slot_minutes\r\ncomirnaty,05/04/2027,09:00,12:00,6,15\r\nspikevax,2027-04-06,13:30,17:00,4,20\r\n');
    const first = centreCli('import-calendar', ['--data', dataDir, file]);
    expect(first.code).toBe(0);
    expect(first.lines).toHaveLength(1);
    // 12 slots × 6 + 10 slots (3h30 of 20 min, the last 10 minutes fit none) × 4
    expect(first.json).toEqual({ sessions: 2, slots: 22, places: 112, unchanged: 0 });
    const owned = withStationDb(dataDir, (db) => db.prepare("SELECT COUNT(*) AS n FROM slot_units WHERE owner_station = 'station-1'").get() as { n: number });
    expect(owned.n).toBe(112);

    const again = centreCli('import-calendar', ['--data', dataDir, file]);
    expect(again.json).toEqual({ sessions: 0, slots: 0, places: 0, unchanged: 2 });
  });

  it('steps the slots of the clock-change Sundays in real time (last Sunday of March and of October)', () => {
    const file = writeCsv(temp.dir, 'dst.csv', ['date;start;end;product;slot_minutes;capacity', '2027-03-28;01:00;04:00;comirnaty;60;2', '2027-03-28;09:00;10:00;comirnaty;30;2', '31/10/2027;01:00;04:00;comirnaty;60;2']);
    expect(centreCli('import-calendar', ['--data', dataDir, file]).json).toEqual({ sessions: 3, slots: 8, places: 16, unchanged: 0 });
    // 01:00 CET is 00:00Z; 04:00 CEST is 02:00Z: two real hours.
    expect(slotStarts('2027-03-28', '01:00')).toEqual(['2027-03-28T00:00:00.000Z', '2027-03-28T01:00:00.000Z']);
    expect(slotStarts('2027-03-28', '09:00')).toEqual(['2027-03-28T07:00:00.000Z', '2027-03-28T07:30:00.000Z']);
    // 01:00 CEST is 23:00Z the day before; 04:00 CET is 03:00Z: four real hours.
    expect(slotStarts('2027-10-31', '01:00')).toEqual(['2027-10-30T23:00:00.000Z', '2027-10-31T00:00:00.000Z', '2027-10-31T01:00:00.000Z', '2027-10-31T02:00:00.000Z']);
  });

  it('refuses a file with one bad row: exit 1, one JSON line with the code, the line and a message in the station language, nothing written', () => {
    const before = folderDigest(dataDir);
    const file = writeCsv(temp.dir, 'bad.csv', ['date;start;end;product;slot_minutes;capacity', '2027-05-03;09:00;12:00;comirnaty;15;6', '2027-05-04;09:00;12:00;comirnaty;15;6', '2027-05-05;09:00;12:00;comirnaty;15;0']);
    const refused = centreCli('import-calendar', ['--data', dataDir, file]);
    expect(refused.code).toBe(1);
    expect(refused.lines).toHaveLength(1);
    expect(refused.json.error).toEqual({ code: 'import.number_invalid', line: 4, message: 'La valeur « 0 » de la colonne capacity doit être un nombre de 1 à 500.' });
    expect(folderDigest(dataDir)).toEqual(before);
  });

  it('checks without writing on --dry-run', () => {
    const before = folderDigest(dataDir);
    const file = writeCsv(temp.dir, 'dry.csv', ['date;start;end;product;slot_minutes;capacity', '2027-05-10;09:00;10:00;vaxzevria;15;3']);
    expect(centreCli('import-calendar', ['--data', dataDir, file, '--dry-run']).json).toEqual({ sessions: 1, slots: 4, places: 12, unchanged: 0 });
    expect(folderDigest(dataDir)).toEqual(before);
  });

  it('refuses latin-1 text at its line, and a file over 20 MB unread', () => {
    const before = folderDigest(dataDir);
    const latin1 = join(temp.dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from('date;start;end;product;slot_minutes;capacity\n2027-05-11;09:00;10:00;comirnaty;15;3\n2027-05-12;09:00;10:00;comirnaty;15;3 \xe9\n', 'latin1'));
    const encoding = centreCli('import-calendar', ['--data', dataDir, latin1]);
    expect([encoding.code, encoding.json.error?.code, encoding.json.error?.line]).toEqual([1, 'import.not_utf8', 3]);

    const huge = join(temp.dir, 'huge.csv');
    writeFileSync(huge, '');
    truncateSync(huge, 21 * 1024 * 1024);
    const size = centreCli('import-calendar', ['--data', dataDir, huge]);
    expect([size.code, size.json.error?.code, size.json.error?.line]).toEqual([1, 'import.file_too_large', null]);
    expect(size.json.error?.message).toContain('20');
    expect(folderDigest(dataDir)).toEqual(before);
  });

  it('shares the new places between the --stations as capacity.addSession does (interleaved units), with the same one-line answer', () => {
    const file = writeCsv(temp.dir, 'shared.csv', ['date;start;end;product;slot_minutes;capacity', '2027-06-07;09:00;09:30;comirnaty;15;5']);
    const run = centreCli('import-calendar', ['--data', dataDir, file, '--stations', 'station-1,desk-2']);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual(['{"sessions":1,"slots":2,"places":10,"unchanged":0}']);
    const owners = withStationDb(dataDir, (db) =>
      db.prepare("SELECT s.start_at, u.unit, u.owner_station FROM slot_units u JOIN slots s ON s.id = u.slot_id WHERE s.local_date = '2027-06-07' ORDER BY s.start_at, u.unit").all(),
    ) as { unit: number; owner_station: string }[];
    expect(owners.map((o) => `${o.unit}:${o.owner_station}`)).toEqual([...['0:station-1', '1:desk-2', '2:station-1', '3:desk-2', '4:station-1'], ...['0:station-1', '1:desk-2', '2:station-1', '3:desk-2', '4:station-1']]);
  });

  it('refuses a --stations id that is not a station id, or named twice: one JSON line in the station language, line null, nothing written', () => {
    const before = folderDigest(dataDir);
    const file = writeCsv(temp.dir, 'shared-bad.csv', ['date;start;end;product;slot_minutes;capacity', '2027-06-08;09:00;09:30;comirnaty;15;5']);
    const invalid = centreCli('import-calendar', ['--data', dataDir, file, '--stations', 'station-1,desk 2']);
    expect(invalid.code).toBe(1);
    expect(invalid.lines).toHaveLength(1);
    expect(invalid.json.error).toMatchObject({ code: 'import.station_invalid', line: null, message: expect.stringContaining('« desk 2 »') });
    const twice = centreCli('import-calendar', ['--data', dataDir, file, '--stations', 'desk-2,desk-2']);
    expect(twice.json.error).toMatchObject({ code: 'import.station_twice', line: null });
    const empty = centreCli('import-calendar', ['--data', dataDir, file, '--stations', '']);
    expect(empty.json.error).toMatchObject({ code: 'import.station_invalid', line: null });
    expect(folderDigest(dataDir)).toEqual(before);
  });
});
