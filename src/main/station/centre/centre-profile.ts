import * as z from 'zod';
import { Language } from '../../../shared/i18n/languages';
import { Weekday } from '../../../shared/api/centre';
import type { Db } from '../../adapters/sqlite/database';
import { readMeta, writeMeta } from '../shell/station-meta-store';

/**
 * What a centre says of itself beyond the card details (booking/centre.ts holds the address):
 * the languages its staff serve in and the weekdays it opens. Kept in station_meta.
 */
const META_KEY = 'centre.profile';

export const CentreProfile = z.object({ languages: z.array(Language).min(1), openDays: z.array(Weekday).min(1) });
export type CentreProfile = z.infer<typeof CentreProfile>;

export function writeCentreProfile(db: Db, profile: CentreProfile, now: Date): void {
  const clean: CentreProfile = { languages: [...new Set(profile.languages)], openDays: [...new Set(profile.openDays)] };
  writeMeta(db, META_KEY, JSON.stringify(CentreProfile.parse(clean)), now.toISOString());
}

/** The stored profile, or null when the centre was made before it had one. */
export function readCentreProfile(db: Db): CentreProfile | null {
  const stored = readMeta(db, META_KEY);
  if (stored === undefined) return null;
  const parsed = CentreProfile.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : null;
}
