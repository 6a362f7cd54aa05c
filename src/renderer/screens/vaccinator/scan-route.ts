import { StationCallError } from '../../api/transport';

/**
 * Whether checkin.scan refused a scan because it is a vial's code (GS1), readable or not: the
 * vaccinator's scan then goes to the vial step, where a refused vial is explained. The screen
 * knows no scan format itself; the station's answer decides, in the same call that finds a person.
 */
export function isVialScan(error: unknown): boolean {
  return error instanceof StationCallError && (error.code === 'checkin.not_a_person' || error.code.startsWith('identity.gs1.'));
}
