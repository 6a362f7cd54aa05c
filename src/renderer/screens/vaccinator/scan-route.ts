import type { StationApi } from '../../../shared/contract';
import { StationCallError } from '../../api/transport';

/** What the vaccinator's scanner read: a vial's code for the vial step, or a person (or their card). */
export type ScanRoute = 'vial' | 'person';

/**
 * Asks the station what was scanned (identity.parse): the screen knows no scan format itself.
 * A GS1 code the station refuses (expired lot, damaged label) still goes to the vial step, so
 * the vaccinator sees why the vial was refused rather than a failed person lookup.
 */
export async function routeScan(client: Pick<StationApi, 'identity.parse'>, text: string): Promise<ScanRoute> {
  try {
    const scan = await client['identity.parse']({ text });
    return scan.kind === 'gs1' ? 'vial' : 'person';
  } catch (e) {
    return e instanceof StationCallError && e.code.startsWith('identity.gs1.') ? 'vial' : 'person';
  }
}
