import { invitationToFhir, type InvitationCopy } from '../domain/fhir/invitation';
import { INVITATION_CODE_SYSTEM, token } from '../domain/fhir/systems';
import { create } from './interactions';
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
