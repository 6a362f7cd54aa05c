import type { Schedule } from 'fhir/r4';
import { localInstant, type LocalDate, type LocalTime } from '../time/local-time';
import { CAPACITY_PER_SLOT_EXTENSION, CENTRE_SYSTEM, PRODUCT_SYSTEM, SLOT_MINUTES_EXTENSION, STATION_RECORD_SYSTEM } from './systems';

/**
 * A supervisor's change to a session (new end or places per slot) or its closing, as the centre's
 * other stations read it from the backend: one Schedule per session, written again at each change
 * (the backend's newest version is the session's state). It defines the session like any backend
 * allocation (slot-minutes + capacity-per-slot); `active` false means closed. Its record identifier
 * `session:<sessionId>` marks it as a change of a session the stations already know, never a new one.
 */
export interface SessionChange {
  centreId: string;
  sessionId: string;
  date: LocalDate;
  productCode: string;
  start: LocalTime;
  end: LocalTime;
  slotMinutes: number;
  capacityPerSlot: number;
  /** false: the session is closed. */
  active: boolean;
}

const PREFIX = 'session:';

export const sessionChangeRecordId = (sessionId: string): string => `${PREFIX}${sessionId}`;

/** The session a pulled Schedule's record identifier names, or null when it is not a session change. */
export function sessionIdOfChange(recordId: string | null | undefined): string | null {
  return recordId?.startsWith(PREFIX) && recordId.length > PREFIX.length ? recordId.slice(PREFIX.length) : null;
}

export function sessionChangeToFhir(c: SessionChange): Schedule {
  return {
    resourceType: 'Schedule',
    identifier: [{ system: STATION_RECORD_SYSTEM, value: sessionChangeRecordId(c.sessionId) }],
    active: c.active,
    extension: [
      { url: SLOT_MINUTES_EXTENSION, valuePositiveInt: c.slotMinutes },
      { url: CAPACITY_PER_SLOT_EXTENSION, valueUnsignedInt: c.capacityPerSlot },
    ],
    serviceType: [{ coding: [{ system: PRODUCT_SYSTEM, code: c.productCode }] }],
    actor: [{ type: 'Location', identifier: { system: CENTRE_SYSTEM, value: c.centreId } }],
    planningHorizon: { start: localInstant(c.date, c.start), end: localInstant(c.date, c.end) },
  };
}
