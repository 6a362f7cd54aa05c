import type { z } from 'zod';
import type { VialView } from '../../../shared/api/vials';

/** The vaccine in the vaccinator's hand: a lot, and the open vial it is drawn from when known. */
export interface ChosenVaccine {
  readonly lotId: string;
  readonly productCode: string;
  readonly productName: string;
  readonly lot: string;
  readonly expiry: string;
  readonly vial: z.infer<typeof VialView> | null;
  /** The station opened this vial for the scan just now (rather than reusing an open one). */
  readonly newlyOpened?: boolean;
}

export type PartOfDay = 'morning' | 'afternoon' | 'evening';
export const PARTS_OF_DAY: readonly PartOfDay[] = ['morning', 'afternoon', 'evening'];

export interface Preference {
  readonly partsOfDay: readonly PartOfDay[];
  readonly notBefore: string;
}

export function preferenceArgs(p: Preference): { partsOfDay?: PartOfDay[]; notBefore?: string } {
  return { ...(p.partsOfDay.length ? { partsOfDay: [...p.partsOfDay] } : {}), ...(p.notBefore ? { notBefore: p.notBefore } : {}) };
}
