import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../src/main/station/dispatcher';
import type { Handlers } from '../../../../src/main/station/base/handlers';
import { DoseDeskError } from '../../../../src/shared/errors';
import { openTestStation } from '../../../support/station';

// Roles are switched off here on purpose: this file tests another boundary than staff permissions
// (those are tested with signed-in calls in tests/integration/staff and the adversarial suite).

const call = { language: 'en', transport: 'http' } as const;
let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('the dispatcher at the boundary', () => {
  it('answers a known method with a result that matches the contract', async () => {
    // Roles off: the contract boundary (names, schemas) is under test; roles have their own tests.
    const station = openTestStation({ enforceRoles: false });
    cleanup = station.cleanup;
    const answer = await station.dispatch('station.status', {}, call);
    expect(answer.ok).toBe(true);
    if (answer.ok) expect((answer.result as { schemaVersion: number }).schemaVersion).toBeGreaterThan(0);
  });

  it('refuses an unknown method by code, in the caller language', async () => {
    // Roles off: the contract boundary (names, schemas) is under test; roles have their own tests.
    const station = openTestStation({ enforceRoles: false });
    cleanup = station.cleanup;
    for (const method of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const answer = await station.dispatch(method, {}, { ...call, language: 'nl' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/kent de handeling/);
    }
  });

  it('refuses malformed arguments and writes nothing', async () => {
    // Roles off: the contract boundary (names, schemas) is under test; roles have their own tests.
    const station = openTestStation({ enforceRoles: false });
    cleanup = station.cleanup;
    const before = station.ctx.settings.get();
    for (const bad of [{ language: 'xx' }, { kiosk: 'yes' }, { stationId: '../etc' }, { unknownField: 1 }, 'string', [1, 2]]) {
      const answer = await station.dispatch('settings.update', bad, call);
      expect(answer).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(station.ctx.settings.get()).toEqual(before);
  });

  it('checks results too, and hides internal failures behind a code', async () => {
    const logs: string[] = [];
    const handlers = {
      'station.status': () => ({ nonsense: true }),
      'settings.get': () => {
        throw new Error('secret internals /home/x');
      },
      'settings.update': () => {
        throw new DoseDeskError('settings.invalid', { detail: 'nope' });
      },
    } as unknown as Handlers;
    const dispatch = createDispatcher(handlers, (l) => logs.push(l));
    expect(await dispatch('station.status', {}, call)).toMatchObject({ ok: false, error: { code: 'internal' } });
    const hidden = await dispatch('settings.get', {}, call);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('secret internals');
    expect(await dispatch('settings.update', {}, call)).toMatchObject({ ok: false, error: { code: 'settings.invalid' } });
    expect(logs.join('\n')).toContain('broke the contract');
  });
});
