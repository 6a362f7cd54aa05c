import type { Appointment, ImmunizationRecommendation, Medication, Schedule } from 'fhir/r4';
import type { Db } from '../../adapters/sqlite/database';
import type { Clock } from '../../adapters/clock';
import type { FederalClient } from '../../adapters/federal/client';
import { brusselsDay, brusselsDayBounds } from '../../../domain/fhir/day';
import { asSyncPayload, personLabelOf } from '../../../domain/fhir/payloads';
import {
  capacityFromFhir,
  eligibilityFromFhir,
  expectedAppointmentFromFhir,
  productFromFhir,
  type CapacityAllocation,
  type ExpectedAppointment,
  type ProductConfiguration,
} from '../../../domain/fhir/pulled';
import { recordVersionOf, sameMeaning, semanticFingerprint, stationRecordIdOf, toFhirResource } from '../../../domain/fhir/resource';
import { CENTRE_SYSTEM, PRODUCT_SYSTEM, SSIN_SYSTEM, token } from '../../../domain/fhir/systems';
import { latestPayloadText, lastSyncedPayloadText, personKeyOf } from './outbox-store';
import { storeCapacity, storeEligibility, storeExpectedAppointments, storeProducts } from './pulled-store';
import { addReview } from './review-store';
import { applyPulledAllocations, type AllocationReport } from './allocations';
import { applyPulledSessionChanges, type MoveToFollowUp, type SessionChangesReport } from './session-changes';
import { addDays } from '../../../domain/time/local-time';
import { pullInvitations, storePulledInvitations, type InvitationsPullReport } from './invitations-pull';

/**
 * Pulls what the backend tells the centre for today (Brussels): expected appointments,
 * eligibility of the people expected, capacity allocations, product configuration, invitations. A booking of
 * ours that the backend moved or cancelled becomes a review item for that person; the station's
 * own record is never overwritten.
 *
 * Searches (parameter names a real R4 server accepts; see federal-sim/search.ts):
 *   Appointment?location:identifier=urn:dosedesk:centre|<centre>&date=ge<day start>&date=lt<day end>
 *   ImmunizationRecommendation?patient:identifier=<ssin system>|<ssin>,...
 *   Schedule?actor:identifier=urn:dosedesk:centre|<centre>&date=ge<day start>&date=lt<end of day + CAPACITY_DAYS>
 *   Medication?code=urn:dosedesk:product|
 *   Task?owner:identifier=urn:dosedesk:centre|<centre>&code=urn:dosedesk:task|invitation&status=requested
 *     (the centre's open invitations, written like the import writes them: invitations-pull.ts)
 * Capacity is pulled for the coming weeks (dose-2 bookings need it) and applied to the booking
 * tables at once (allocations.ts): after a pull the station books in it.
 */

/** Days of capacity pulled from today on (the longest interval to a next dose, with margin). */
export const CAPACITY_DAYS = 100;

export interface PullDeps {
  db: Db;
  clock: Clock;
  client: FederalClient;
  centreId: string;
  /**
   * Booking's cancel-to-follow-up, for this station's bookings in a session another station
   * closed or shortened. Without it those changes wait for a pull that has it.
   */
  moveToFollowUp?: MoveToFollowUp;
}

export interface PullReport {
  day: string;
  appointments: number;
  eligibility: number;
  capacity: number;
  products: number;
  moved: number;
  allocations: AllocationReport;
  /** Sessions other stations closed or changed (null: not applied by this pull). */
  sessionChanges: SessionChangesReport | null;
  invitations: InvitationsPullReport;
}

const MAX = 20_000;

export async function pullCentreDay(deps: PullDeps): Promise<PullReport> {
  const { db, clock, client } = deps;
  const day = brusselsDay(clock.now());
  const bounds = brusselsDayBounds(day);
  const date = [`ge${bounds.start}`, `lt${bounds.end}`];
  const centre = token(CENTRE_SYSTEM, deps.centreId);

  const appointments = await client.search<Appointment>('Appointment', { 'location:identifier': centre, date, _count: '500' }, MAX);
  const expected = appointments.map(expectedAppointmentFromFhir).filter((a): a is ExpectedAppointment => a !== null);
  storeExpectedAppointments(db, day, expected, clock.now());
  const moved = noteMovedBookings(db, appointments, clock.now());

  const ssins = [...new Set(expected.map((a) => a.ssin).filter((s): s is string => s !== null))];
  const eligibility = [];
  for (let i = 0; i < ssins.length; i += 40) {
    const group = ssins.slice(i, i + 40).map((s) => token(SSIN_SYSTEM, s));
    const recs = await client.search<ImmunizationRecommendation>('ImmunizationRecommendation', { 'patient:identifier': group.join(','), _count: '500' }, MAX);
    eligibility.push(...recs.flatMap(eligibilityFromFhir));
  }
  storeEligibility(db, day, eligibility, clock.now());

  const lastDay = addDays(day, CAPACITY_DAYS - 1);
  const capacityDate = [`ge${bounds.start}`, `lt${brusselsDayBounds(lastDay).end}`];
  const schedules = await client.search<Schedule>('Schedule', { 'actor:identifier': centre, date: capacityDate, _count: '500' }, MAX);
  const capacity = schedules.map(capacityFromFhir).filter((c): c is CapacityAllocation => c !== null);
  storeCapacity(db, day, capacity, clock.now(), Array.from({ length: CAPACITY_DAYS }, (_, i) => addDays(day, i)));
  const allocations = applyPulledAllocations(db, deps.centreId, clock.now(), day);
  const sessionChanges = deps.moveToFollowUp ? applyPulledSessionChanges(db, deps.centreId, clock.now(), day, deps.moveToFollowUp) : null;

  const medications = await client.search<Medication>('Medication', { code: `${PRODUCT_SYSTEM}|`, _count: '500' }, MAX);
  const products = medications.map(productFromFhir).filter((p): p is ProductConfiguration => p !== null);
  storeProducts(db, products, clock.now());

  const pulledInvitations = await pullInvitations(client, deps.centreId);
  const invitations = storePulledInvitations(db, deps.centreId, day, pulledInvitations.open, clock.now(), pulledInvitations.withdrawn);

  return { day, appointments: expected.length, eligibility: eligibility.length, capacity: capacity.length, products: products.length, moved, allocations, sessionChanges, invitations };
}

/**
 * A booking of ours whose backend copy no longer says what the station last sent (and that the
 * station has not since corrected beyond): the backend moved or cancelled it.
 */
function noteMovedBookings(db: Db, appointments: readonly Appointment[], now: Date): number {
  let added = 0;
  for (const remote of appointments) {
    const recordId = stationRecordIdOf(remote);
    if (!recordId) continue;
    const latest = latestPayloadText(db, recordId);
    if (!latest) continue; // booked by another station: nothing of ours to compare with
    const lastSent = asSyncPayload(safeJson(lastSyncedPayloadText(db, recordId, Number.MAX_SAFE_INTEGER)));
    if (!lastSent || lastSent.type !== 'appointment') continue;
    if (recordVersionOf(remote) > lastSent.version || sameMeaning(remote, toFhirResource(lastSent))) continue;
    const personKey = personKeyOf(db, latest.seq);
    const what = remote.status !== lastSent.status ? `set it to "${remote.status}"` : `moved it to ${remote.start ?? '?'}`;
    const id = addReview(
      db,
      {
        outboxId: null,
        recordId,
        recordType: 'appointment',
        personKey,
        personLabel: personLabelOf(lastSent),
        kind: 'moved_at_backend',
        reason: `The backend ${what}; this station booked ${lastSent.start} (${lastSent.status}). Contact the person if needed.`,
        detail: { remoteId: remote.id ?? null, remoteStart: remote.start ?? null, remoteStatus: remote.status, localStart: lastSent.start, localStatus: lastSent.status },
        dedupeKey: `${remote.id ?? ''}:${semanticFingerprint(remote)}`,
      },
      now,
    );
    if (id) added++;
  }
  return added;
}

function safeJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
