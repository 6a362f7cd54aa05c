import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../../src/main/adapters/clock';
import { StationCallError } from '../../../../../src/renderer/api/transport';
import { isVialScan } from '../../../../../src/renderer/screens/vaccinator/scan-route';
import { openTestStation, signedInCall } from '../../../../support/station';

const VIAL = '010541386812011017491231' + '10DEMOCOM01';
const station = openTestStation({ clock: new ManualClock('2026-11-15T10:00:00Z'), deferServices: true });
const vaccinator = signedInCall(station, 'vaccinator');
afterAll(() => station.cleanup());

/** The vaccinator's one call per scan, checkin.scan, answered by the real handler: 'person' or the refusal. */
async function scan(text: string): Promise<'person' | unknown> {
  const answer = await station.dispatch('checkin.scan', { text, source: 'scanner' }, vaccinator);
  return answer.ok ? 'person' : new StationCallError(answer.error);
}

describe('isVialScan: the vaccinator screen lets the station classify a scan in the person lookup itself', () => {
  it('sends a vial code (with or without its AIM prefix or a leading GS) to the vial step', async () => {
    for (const text of [VIAL, `]d2${VIAL}`, `\x1d${VIAL}`]) expect(isVialScan(await scan(text)), text).toBe(true);
  });

  it('sends a GS1 code the station refuses to the vial step too, where the refusal is explained', async () => {
    for (const text of ['0109506000134353172706301' + '0A', ']C1' + '01' + '0950600013435']) expect(isVialScan(await scan(text)), text).toBe(true);
  });

  it('keeps a national number, an appointment card (AIM prefix or not) and unreadable text at the person step', async () => {
    expect(await scan('85.07.30-033.28')).toBe('person');
    for (const text of [']Q1DD1.eyJh.c2ln', 'DD1.eyJh.c2ln', 'x'.repeat(4097)]) {
      const refusal = await scan(text);
      expect(refusal, text).toBeInstanceOf(StationCallError);
      expect(isVialScan(refusal), text).toBe(false);
    }
  });

  it('lets the person lookup report a station that does not answer', () => {
    expect(isVialScan(new TypeError('fetch failed'))).toBe(false);
  });
});
