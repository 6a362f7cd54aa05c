import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../src/main/adapters/clock';
import type { CallEnvelope } from '../../../../src/shared/envelope';
import type { CheckinAnswer } from '../../../../src/shared/api/checkin';
import { importInvitations } from '../../../../src/main/station/imports/invitations-import';
import { importProducts } from '../../../../src/main/station/imports/products-import';
import { citizenContact } from '../../../../src/main/station/imports/imports-store';
import { findCitizen } from '../../../../src/main/station/identity/citizens';
import { pseudonymiseCitizen } from '../../../../src/main/station/identity/pseudonym-store';
import { openTestStation, signedInCall } from '../../../support/station';
import { demoTable, table } from './in-station';

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

function stationWithProducts() {
  const clock = new ManualClock('2027-03-29T08:00:00Z');
  const station = openTestStation({ clock, enforceRoles: true, lockAfterSeconds: 7 * 24 * 3600 });
  stations.push(station);
  importProducts(station.ctx.db, demoTable('products'), { now: clock.now(), dryRun: false, by: 'test' });
  const agent = signedInCall(station, 'checkin');
  const scan = async (text: string) => {
    const envelope = (await station.dispatch('checkin.scan', { text, source: 'typed' }, agent)) as CallEnvelope;
    if (!envelope.ok) throw new Error(`${envelope.error.code} ${envelope.error.message}`);
    return envelope.result as CheckinAnswer;
  };
  return { station, clock, scan };
}

describe('imported invitations at check-in (issue 15)', () => {
  it('finds the person by the invitation code typed in another case with spaces around it', async () => {
    const { station, clock, scan } = stationWithProducts();
    const summary = importInvitations(
      station.ctx.db,
      table(['code;ssin;surname;given_names;language;product;start;email;phone', 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj;85.07.30-004.57;Müller-Weiß;Zoë;de;comirnaty|spikevax;2027-03-29 10:15;zoe@example.org;+32 470 00 00 00']),
      { centreId: 'demo-centre', now: clock.now(), dryRun: false },
    );
    expect(summary).toEqual({ invitations: 1, citizens: 1, unchanged: 0 });

    const found = await scan('  hX7kQ2lM9pZ4rT6wV8yB3nC5dJ  ');
    expect(found.kind).toBe('invitation');
    expect(found.person?.ssin).toBe('85073000457');
    expect(found.person?.familyName).toBe('Müller-Weiß');
    expect(found.invitation).toEqual({ code: 'Hx7Kq2Lm9Pz4Rt6Wv8Yb3Nc5Dj', eligibleProducts: ['comirnaty', 'spikevax'] });
    expect(found.warnings.map((w) => w.code)).not.toContain('invitation_unknown');

    const citizen = findCitizen(station.ctx.db, '85073000457')!;
    expect([citizen.birth_date, citizen.sex, citizen.source]).toEqual(['1985-07-30', 'F', 'invitation']);
    expect(citizenContact(station.ctx.db, citizen.id)).toEqual({ email: 'zoe@example.org', phone: '+32 470 00 00 00' });
    // Retention's pseudonym takes the contact details with the names.
    pseudonymiseCitizen(station.ctx.db, citizen.id, 'X', 'Y');
    expect(citizenContact(station.ctx.db, citizen.id)).toEqual({ email: null, phone: null });
  });

  it('refuses two codes that differ only by case, and a code known for another person', () => {
    const { station, clock } = stationWithProducts();
    const header = 'code;ssin;surname;given_names;language;product';
    const run = (lines: string[]) => () => importInvitations(station.ctx.db, table([header, ...lines]), { centreId: 'demo-centre', now: clock.now(), dryRun: false });
    expect(run(['ABCDEFGH23456789;85073000457;A;B;nl;comirnaty', 'abcdefgh23456789;61021401782;C;D;fr;comirnaty'])).toThrow(expect.objectContaining({ code: 'import.duplicate', line: 3 }));
    run(['ABCDEFGH23456789;85073000457;A;B;nl;comirnaty'])();
    expect(run(['abcdefgh23456789;61021401782;C;D;fr;comirnaty'])).toThrow(expect.objectContaining({ code: 'import.invitation_conflict', line: 2 }));
    expect(run(['ABCDEFGH23456789;85073000457;A;B;nl;comirnaty'])()).toEqual({ invitations: 0, citizens: 0, unchanged: 1 });
  });
});
