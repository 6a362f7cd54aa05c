import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDatabaseKey, encryptedFileVerdict } from '../../../../src/main/adapters/crypto/db-key';
import { openDatabase } from '../../../../src/main/adapters/sqlite/database';
import { refusalLine, refusalOf, stationLanguage } from '../../../../src/cli/refusal';
import { DoseDeskError } from '../../../../src/shared/errors';
import { makeTempDir } from '../../../support/temp-dir';

const temp = makeTempDir('dosedesk-refusal-codes-');
afterAll(() => temp.cleanup());

function encryptedDb(name: string, key: string): string {
  const file = join(temp.dir, name);
  const db = openDatabase(file, { key });
  db.exec(`CREATE TABLE filler (v TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO filler SELECT hex(randomblob(200)) FROM n;`);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('start-up refusal codes', () => {
  it('tells a damaged first page (db.damaged) from a wrong key (crypto.wrong_key), with a raw key and a passphrase', () => {
    for (const key of [generateDatabaseKey(), 'a passphrase long enough for sqlcipher']) {
      const file = encryptedDb(`db-${key.length}.sqlite`, key);
      expect(codeOf(() => openDatabase(file, { key: generateDatabaseKey() }))).toBe('crypto.wrong_key');
      const fd = openSync(file, 'r+');
      writeSync(fd, Buffer.alloc(100, 0x5a), 0, 100, 200);
      closeSync(fd);
      expect(encryptedFileVerdict(file, key)).toBe('damaged');
      expect(codeOf(() => openDatabase(file, { key }))).toBe('db.damaged');
      expect(encryptedFileVerdict(file, generateDatabaseKey())).toBe('wrong_key');
    }
  });

  it('maps a full disk and SQLite damage to their codes, and leaves program faults alone', () => {
    expect(refusalOf(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))?.code).toBe('db.full');
    expect(refusalOf(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }))?.code).toBe('db.full');
    expect(refusalOf(Object.assign(new Error('file is not a database'), { code: 'SQLITE_NOTADB' }))?.code).toBe('db.damaged');
    expect(refusalOf(Object.assign(new Error('malformed'), { code: 'SQLITE_CORRUPT' }))?.code).toBe('db.integrity');
    expect(refusalOf(new TypeError('x is undefined'))).toBeNull();
  });

  it('writes the refusal in the station’s language, English when its settings cannot be read', () => {
    const dir = join(temp.dir, 'station');
    writeFileSync(join(temp.dir, 'settings.json'), '{"language":"de"}');
    expect(stationLanguage(temp.dir)).toBe('de');
    expect(stationLanguage(dir)).toBe('en');
    const line = refusalLine(new DoseDeskError('db.full'), 'de');
    expect(line).toContain('[db.full]');
    expect(line).toContain('Datenträger');
    expect(line.split('\n')).toHaveLength(1);
    // SQLite's integrity report spans lines: the refusal stays one line for staff to read out.
    const damaged = refusalLine(new DoseDeskError('db.integrity', { detail: '*** in database main ***\nTree 12 page 340 cell 7: Rowid 9 out of order\n' }), 'en');
    expect(damaged.split('\n')).toHaveLength(1);
    expect(damaged).toContain('*** in database main *** Tree 12 page 340');
  });
});
