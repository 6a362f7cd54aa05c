import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../../../src/main/station/dispatcher';
import { identityHandlers } from '../../../../../src/main/station/identity/handlers';
import type { Handlers } from '../../../../../src/main/station/base/handlers';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { StationCallError } from '../../../../../src/renderer/api/transport';
import { routeScan } from '../../../../../src/renderer/screens/vaccinator/scan-route';
import type { ScanResult } from '../../../../../src/shared/api/identity';

const call = { language: 'en' as const, transport: 'http' as const };
const VIAL = '010541386812011017491231' + '10DEMOCOM01';

/** The vaccinator screen's view of the station: identity.parse answered by the real handler. */
function stationAt(instant: string) {
  const dispatch = createDispatcher(identityHandlers({ clock: new ManualClock(instant) }) as unknown as Handlers);
  const calls: string[] = [];
  return {
    calls,
    'identity.parse': async (args: { text: string }): Promise<ScanResult> => {
      calls.push(args.text);
      const answer = await dispatch('identity.parse', args, call);
      if (answer.ok) return answer.result as ScanResult;
      throw new StationCallError(answer.error);
    },
  };
}

describe('routeScan: the vaccinator screen lets the station classify a scan', () => {
  it('sends a vial code (with or without its AIM prefix or a leading GS) to the vial step', async () => {
    const station = stationAt('2026-11-15T10:00:00Z');
    expect(await routeScan(station, VIAL)).toBe('vial');
    expect(await routeScan(station, `]d2${VIAL}`)).toBe('vial');
    expect(await routeScan(station, `\x1d${VIAL}`)).toBe('vial');
    expect(station.calls).toEqual([VIAL, `]d2${VIAL}`, `\x1d${VIAL}`]);
  });

  it('sends a GS1 code the station refuses to the vial step too, where the refusal is explained', async () => {
    const station = stationAt('2026-11-15T10:00:00Z');
    const badCheckDigit = '0109506000134353172706301' + '0A';
    expect(await routeScan(station, badCheckDigit)).toBe('vial');
    expect(await routeScan(station, ']C1' + '01' + '0950600013435')).toBe('vial');
  });

  it('sends a national number, an appointment card (AIM prefix or not) and unreadable text to the person step', async () => {
    const station = stationAt('2026-11-15T10:00:00Z');
    expect(await routeScan(station, '85.07.30-033.28')).toBe('person');
    expect(await routeScan(station, ']Q1DD1.eyJh.c2ln')).toBe('person');
    expect(await routeScan(station, 'DD1.eyJh.c2ln')).toBe('person');
    expect(await routeScan(station, '85073003327')).toBe('person');
    expect(await routeScan(station, 'x'.repeat(4097))).toBe('person');
  });

  it('lets the person lookup report a station that does not answer', async () => {
    const offline = {
      'identity.parse': async (): Promise<ScanResult> => {
        throw new TypeError('fetch failed');
      },
    };
    expect(await routeScan(offline, VIAL)).toBe('person');
  });
});
