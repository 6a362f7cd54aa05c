import { invitationCodeKey } from '../../../../domain/identity/invitation';
import type { Migration } from '../migration';

/**
 * Invitations, issue 15:
 * - `code_key`: the code in a form that matches it in any case (domain/identity/invitation.ts),
 *   set on every write and filled here for the invitations already held. It replaces the
 *   NOCASE index of migration 50, which folds ASCII letters only (é and É did not meet).
 * - `withdrawn_at`, `withdrawn_source`: when and by whom an invitation became 'withdrawn' (the
 *   status exists since migration 3). The row is kept: people may have been checked in on it.
 */
export const m058InvitationKeyWithdrawn: Migration = {
  version: 58,
  name: 'invitation-key-withdrawn',
  up(db) {
    db.exec(`
      ALTER TABLE invitations ADD COLUMN code_key TEXT;
      ALTER TABLE invitations ADD COLUMN withdrawn_at TEXT;
      ALTER TABLE invitations ADD COLUMN withdrawn_source TEXT CHECK (withdrawn_source IS NULL OR withdrawn_source IN ('backend', 'supervisor'));
    `);
    const setKey = db.prepare('UPDATE invitations SET code_key = ? WHERE id = ?');
    for (const row of db.prepare('SELECT id, code FROM invitations').all() as { id: string; code: string }[]) setKey.run(invitationCodeKey(row.code), row.id);
    db.exec(`
      CREATE INDEX invitations_code_key ON invitations(code_key);
      DROP INDEX invitations_code_nocase;
    `);
  },
};
