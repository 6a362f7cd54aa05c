import type { Db } from '../../adapters/sqlite/database';

/** Retention's writes on booking tables: names replaced by a pseudonym, nothing deleted. */

/** Names replaced; the e-mail and phone an invitation list brought go too. */
export function pseudonymiseCitizen(db: Db, citizenId: string, familyName: string, givenNames: string): void {
  db.prepare('UPDATE citizens SET family_name = ?, given_names = ?, email = NULL, phone = NULL WHERE id = ?').run(familyName, givenNames, citizenId);
}

export function replaceCitizenChange(db: Db, changeId: string, before: string, after: string): void {
  db.prepare('UPDATE citizen_changes SET before = ?, after = ? WHERE id = ?').run(before, after, changeId);
}

/** The standby entry keeps its place and status; its name, phone and note go. */
export function pseudonymiseStandby(db: Db, standbyId: string, displayName: string): void {
  db.prepare('UPDATE standby SET display_name = ?, phone = NULL, note = NULL WHERE id = ?').run(displayName, standbyId);
}
