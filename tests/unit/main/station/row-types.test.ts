import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT as ROOT } from '../../../support/paths';

const STATION = join(ROOT, 'src', 'main', 'station');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}
const files = sources(STATION);
const isStore = (file: string) => /(^|\/)(store|[\w-]+-store|[\w-]+-queries)\.ts$/.test(file);

describe('each slice keeps its rows in its store (issue 12, one store per slice)', () => {
  it('declares each row type once, in a store module', () => {
    const declared = new Map<string, string[]>();
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/export interface (\w+Row)\b/g)) declared.set(m[1]!, [...(declared.get(m[1]!) ?? []), relative(STATION, file)]);
    }
    const misplaced = [...declared].filter(([, where]) => where.length !== 1 || !isStore(where[0]!)).map(([type, where]) => `${type}: ${where.join(', ')}`);
    expect(misplaced).toEqual([]);
    const expected = { DoseRow: 'booking', AppointmentRow: 'booking', BookingRequestRow: 'booking', CitizenRow: 'identity', SessionRow: 'capacity', SlotRow: 'capacity', LotRow: 'vials', VialRow: 'vials', StandbyRow: 'standby' };
    for (const [type, slice] of Object.entries(expected)) expect(declared.get(type)?.[0]?.split('/')[0], type).toBe(slice);
  });
});
