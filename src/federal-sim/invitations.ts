import { invitationToFhir, type InvitationCopy } from '../domain/fhir/invitation';
import { INVITATION_CODE_SYSTEM, token } from '../domain/fhir/systems';
import { create, update } from './interactions';
import { searchIds } from './search';
import type { SimStore } from './store';

/** The invitations the stand-in serves for a centre, as the federal invitation platform would. */
export interface SeededInvitations {
  centreId: string;
  invitations: readonly InvitationCopy[];
}

/** Stores each invitation as a Task once (by its code): starting again on the same folder adds nothing. */
export function seedInvitations(store: SimStore, seed: SeededInvitations, now: Date): void {
  store.db.transaction(() => {
    for (const inv of seed.invitations) {
      create(store, 'Task', invitationToFhir(seed.centreId, inv), `identifier=${encodeURIComponent(token(INVITATION_CODE_SYSTEM, inv.code))}`, now);
    }
  }).immediate();
}

/**
 * The backend withdraws a letter: its Task becomes `cancelled` (a new version, as FHIR records a
 * change of status), so the next pull of `status=requested,cancelled` tells the station. False
 * when no invitation has that code.
 */
export function withdrawInvitation(store: SimStore, code: string, now: Date): boolean {
  const ids = searchIds(store, 'Task', new URLSearchParams({ identifier: token(INVITATION_CODE_SYSTEM, code) }));
  if (ids.length !== 1) return false;
  const existing = store.read('Task', ids[0]!)!;
  update(store, 'Task', { id: existing.id }, { ...(existing.resource as object), status: 'cancelled' }, null, now);
  return true;
}
