import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths';
import { ManualClock } from '../../../src/main/adapters/clock';
import type { CallInfo } from '../../../src/main/station/base/handlers';
import type { ResultOf } from '../../../src/shared/contract';
import { openTestStation, signedInCall } from '../../support/station';

/**
 * A session's booths on the calendar screen's back end (issue 15): imported with the calendar,
 * listed with the sessions, set or cleared by the supervisor, refused when the places per slot do
 * not share out evenly over them.
 */
type Answer = { ok: boolean; result?: unknown; error?: { code: string; message: string; params?: Record<string, unknown> } };

const stations: { cleanup: () => void }[] = [];
afterEach(() => stations.splice(0).forEach((s) => s.cleanup()));

async function centre() {
  const clock = new ManualClock('2026-12-01T09:00:00+01:00');
  const s = openTestStation({ clock, settings: { stationId: 'desk-1', centreId: 'bxl-heysel' } });
  stations.push(s);
  const supervisor = signedInCall(s, 'supervisor');
  const call = (method: string, args: unknown, info: CallInfo = supervisor) => s.dispatch(method, args, info) as Promise<Answer>;
  const ok = async <T,>(method: string, args: unknown): Promise<T> => {
    const envelope = await call(method, args);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.code} ${envelope.error?.message}`);
    return envelope.result as T;
  };
  await ok('imports.products', { text: readFileSync(join(PROJECT_ROOT, 'resources', 'demo', 'products.csv'), 'utf8'), dryRun: false });
  const CALENDAR = ['date;start;end;product;slot_minutes;capacity;booths', '2026-12-22;09:00;10:00;comirnaty;15;6;3', '2026-12-23;09:00;10:00;comirnaty;15;6;'].join('\n');
  await ok('imports.calendar', { text: CALENDAR, dryRun: false });
  const sessions = () => ok<ResultOf<'capacity.sessions'>>('capacity.sessions', { from: '2026-12-22', to: '2026-12-23' });
  return { s, call, ok, sessions };
}

describe('a session\'s booths on the calendar panel', () => {
  it('lists the imported booths, and sets, changes and clears them without touching the places', async () => {
    const { ok, sessions } = await centre();
    const [first, second] = await sessions();
    expect([first!.booths, second!.booths]).toEqual([3, null]);
    expect(await ok('capacity.setSessionBooths', { sessionId: second!.sessionId, booths: 2 })).toEqual({ sessionId: second!.sessionId, booths: 2 });
    await ok('capacity.setSessionBooths', { sessionId: first!.sessionId, booths: null });
    const after = await sessions();
    expect(after.map((r) => [r.booths, r.capacityPerSlot, r.slots])).toEqual([
      [null, 6, 4],
      [2, 6, 4],
    ]);
  });

  it('refuses booths the places per slot do not share out over, an unknown session, and anyone but a supervisor, in the staff language', async () => {
    const { s, call, sessions } = await centre();
    const [first] = await sessions();
    const nl = { ...signedInCall(s, 'supervisor'), language: 'nl' as const };
    const refused = await call('capacity.setSessionBooths', { sessionId: first!.sessionId, booths: 4 }, nl);
    expect(refused).toMatchObject({ ok: false, error: { code: 'capacity.booths_capacity', params: { capacity: 6, booths: 4 } } });
    expect(refused.error!.message).toContain('boxen');
    expect(await call('capacity.setSessionBooths', { sessionId: first!.sessionId, booths: 101 })).toMatchObject({ ok: false });
    expect(await call('capacity.setSessionBooths', { sessionId: 'nope', booths: 2 })).toMatchObject({ ok: false, error: { code: 'capacity.session_unknown' } });
    expect(await call('capacity.setSessionBooths', { sessionId: first!.sessionId, booths: 2 }, signedInCall(s, 'checkin'))).toMatchObject({ ok: false });
    expect((await sessions())[0]!.booths).toBe(3);
  });
});
