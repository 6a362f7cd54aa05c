import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../../src/main/station/dispatcher';
import { identityHandlers, brusselsToday } from '../../../../../src/main/station/identity/handlers';
import type { Handlers } from '../../../../../src/main/station/base/handlers';
import { ManualClock } from '../../../../../src/main/adapters/clock';

const call = { language: 'nl' as const, transport: 'http' as const };

function dispatcherAt(instant: string) {
  const clock = new ManualClock(instant);
  // Only identity.parse is called here; the other methods' handlers are not needed.
  return createDispatcher(identityHandlers({ clock }) as unknown as Handlers);
}

describe('identity.parse through the dispatcher', () => {
  it('returns the parsed scan', async () => {
    const dispatch = dispatcherAt('2026-11-15T10:00:00Z');
    expect(await dispatch('identity.parse', { text: '85.07.30-033.28' }, call)).toEqual({
      ok: true,
      result: expect.objectContaining({ kind: 'ssin', ssin: '85073003328', birthDate: '1985-07-30', sex: 'M', bis: false }),
    });
  });

  it('turns a refusal into an error with its code and a translated message', async () => {
    const dispatch = dispatcherAt('2026-11-15T10:00:00Z');
    const answer = await dispatch('identity.parse', { text: '85073003327' }, call);
    expect(answer).toMatchObject({ ok: false, error: { code: 'identity.ssin.checksum' } });
    if (!answer.ok) expect(answer.error.message).toContain('controlecijfers');
  });

  it('refuses text over 4096 characters at the boundary', async () => {
    const answer = await dispatcherAt('2026-11-15T10:00:00Z')('identity.parse', { text: 'x'.repeat(4097) }, call);
    expect(answer).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('judges dates by the calendar day in Brussels, not UTC', async () => {
    // 2026-12-31 23:30 UTC is already 1 January 2027 in Brussels.
    expect(brusselsToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(brusselsToday(new Date('2026-12-31T22:30:00Z'))).toBe('2026-12-31');
    const born2027 = '27010100187';
    expect(await dispatcherAt('2026-12-31T23:30:00Z')('identity.parse', { text: born2027 }, call)).toMatchObject({ ok: true });
    expect(await dispatcherAt('2026-12-31T22:30:00Z')('identity.parse', { text: born2027 }, call)).toMatchObject({ ok: false, error: { code: 'identity.ssin.checksum' } });
  });
});
