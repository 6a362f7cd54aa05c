import { afterEach, describe, expect, it } from 'vitest';
import { openConfSettings } from '../../../src/main/adapters/settings/conf-settings';
import { openStation, type Station } from '../../../src/main/station/station';
import { syncServiceOf } from '../../../src/main/station/sync/handlers';
import { isAwaiting } from '../../../src/main/station/base/handlers';
import { printingMethods } from '../../../src/shared/api/printing';
import { syncMethods } from '../../../src/shared/api/sync';
import { makeTempDir } from '../../support/temp-dir';

const opened: { station: Station; cleanup: () => void }[] = [];
afterEach(() => {
  for (const { station, cleanup } of opened.splice(0)) {
    station.close();
    cleanup();
  }
});

function open(deferServices: boolean): Station {
  const temp = makeTempDir('dosedesk-deferred-');
  // Roles off: when the print queue and sync start is under test, not who may call them.
  const station = openStation({ dataDir: temp.dir, settings: openConfSettings(temp.dir, { dataDir: temp.dir }), transport: 'http', statusIntervalMs: 0, log: () => {}, enforceRoles: false, deferServices });
  opened.push({ station, cleanup: temp.cleanup });
  return station;
}

describe('print queue and sync started after the page is served', () => {
  it('are not started by a host-style open, and start once asked', () => {
    const station = open(true);
    expect(syncServiceOf(station.ctx)).toBeUndefined();
    // Their methods are all there for the dispatcher, without starting anything.
    expect(Object.keys(station.handlers)).toEqual(expect.arrayContaining([...Object.keys(printingMethods), ...Object.keys(syncMethods)]));
    expect(syncServiceOf(station.ctx)).toBeUndefined();
    station.startServices();
    expect(syncServiceOf(station.ctx)).toBeDefined();
    station.startServices(); // idempotent: the same service
    expect(syncServiceOf(station.ctx)).toBe(syncServiceOf(station.ctx));
  });

  it('start on the first call that needs one, with the real handler (its awaiting mark kept)', async () => {
    const eager = open(false);
    expect(syncServiceOf(eager.ctx)).toBeDefined();
    const station = open(true);
    const syncNow = station.handlers['sync.now'];
    expect(syncServiceOf(station.ctx)).toBeDefined();
    expect(isAwaiting(syncNow)).toBe(isAwaiting(eager.handlers['sync.now']));
    expect(isAwaiting(station.handlers['sync.status'])).toBe(isAwaiting(eager.handlers['sync.status']));
    const status = await station.dispatch('sync.status', {}, { language: 'en', transport: 'http' });
    expect(status).toMatchObject({ ok: true });
  });

  it('a status read before they started starts them: never a made-up "no printer, offline"', () => {
    const station = open(true);
    station.publishStatus();
    expect(syncServiceOf(station.ctx)).toBeDefined();
  });
});
