import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/main/adapters/clock';
import { parseCsvText } from '../../../src/main/station/imports/csv';
import { importCalendar } from '../../../src/main/station/imports/calendar-import';
import { importInvitations } from '../../../src/main/station/imports/invitations-import';
import { importProducts } from '../../../src/main/station/imports/products-import';
import { CENTRE_SUBCOMMANDS } from '../../../src/cli/commands/centre';
import { PROJECT_ROOT } from '../../support/paths';
import { openTestStation } from '../../support/station';

/** README "Setting up a real centre": its three example files are what the imports accept. */
const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Setting up a real centre'), readme.indexOf('## Command line'));

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('README: setting up a real centre', () => {
  it('shows example products, calendar and invitations files that import as they are', () => {
    const block = /```\n([\s\S]*?)```/.exec(section)?.[1];
    expect(block).toBeDefined();
    const lines = block!.trimEnd().split('\n');
    const file = (header: string) => parseCsvText(`${lines.slice(lines.indexOf(header), lines.indexOf(header) + 2).join('\n')}\n`);
    const clock = new ManualClock('2027-04-05T08:00:00+02:00');
    const station = openTestStation({ clock });
    cleanup = station.cleanup;
    const db = station.ctx.db;
    const now = clock.now();
    expect(importProducts(db, file(lines.find((l) => l.startsWith('code;name'))!), { now, dryRun: false, by: 'test' })).toMatchObject({ products: 1 });
    expect(importCalendar(db, file(lines.find((l) => l.startsWith('date;'))!), { centreId: 'c', stationId: 'desk-a', now, dryRun: false, stations: ['desk-a', 'desk-b'] })).toEqual({
      sessions: 1,
      slots: 12,
      places: 48,
      unchanged: 0,
    });
    expect(importInvitations(db, file(lines.find((l) => l.startsWith('code;ssin'))!), { centreId: 'c', now, dryRun: false })).toEqual({ invitations: 1, citizens: 1, unchanged: 0 });
  });

  it('names every centre step the command line has, and the columns each import takes', () => {
    for (const step of Object.keys(CENTRE_SUBCOMMANDS)) expect(section).toContain(`centre ${step} `);
    expect(section).toContain('`code,name,gtin,cnk,atc,doses_in_course,min_days,target_days,max_days,doses_per_vial,hours_after_puncture`');
    expect(section).toContain('`date,start,end,product,slot_minutes,capacity`');
    expect(section).toContain('`code,ssin,surname,given_names,language,product[,start,email,phone]`');
  });
});
