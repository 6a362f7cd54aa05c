import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT as ROOT } from '../../../../support/paths';

const BOOKING = join('src', 'main', 'station', 'booking');

const bookingFiles = readdirSync(join(ROOT, BOOKING)).filter((name) => name.endsWith('.ts'));
const isStore = (name: string) => name === 'store.ts' || name.endsWith('-store.ts') || name.endsWith('-queries.ts');
const read = (name: string) => readFileSync(join(ROOT, BOOKING, name), 'utf8');

describe('booking keeps its SQL in store modules (issue 12, one store per slice)', () => {
  it('has store modules to hold it', () => {
    expect(bookingFiles.filter(isStore).length).toBeGreaterThan(0);
  });

  it('runs no statement outside store modules (store.ts, *-store.ts, read-only *-queries.ts)', () => {
    const offenders = bookingFiles
      .filter((name) => !isStore(name))
      .flatMap((name) =>
        read(name)
          .split('\n')
          .map((line, i) => ({ line, where: `${name}:${i + 1}` }))
          // `.exec(` on a RegExp is not SQL: only the Db handle's methods count.
          .filter(({ line }) => /\bdb\s*\.\s*(prepare|exec|pragma)\s*\(|\.prepare\s*\(|\.pragma\s*\(/.test(line))
          .map(({ where }) => where),
      );
    expect(offenders).toEqual([]);
  });

  it('declares each row type once, in a store', () => {
    const declared = new Map<string, string[]>();
    for (const name of bookingFiles) {
      for (const m of read(name).matchAll(/export interface (\w+Row)\b/g)) declared.set(m[1]!, [...(declared.get(m[1]!) ?? []), name]);
    }
    const misplaced = [...declared].filter(([, files]) => files.length !== 1 || !isStore(files[0]!)).map(([type, files]) => `${type}: ${files.join(', ')}`);
    expect(misplaced).toEqual([]);
    for (const type of ['DoseRow', 'AppointmentRow', 'CitizenRow', 'BookingRequestRow', 'SessionRow', 'SlotRow', 'LotRow', 'VialRow', 'StandbyRow']) {
      expect(declared.get(type), type).toHaveLength(1);
    }
  });
});
