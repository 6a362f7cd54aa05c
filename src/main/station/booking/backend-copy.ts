import type { Db } from '../../adapters/sqlite/database';
import type { AppointmentView } from '../../../shared/api/booking';
import type { Language } from '../../../shared/i18n/languages';
import { localDateOf } from '../../../domain/time/local-time';
import { parseSsin } from '../../../domain/identity/ssin';
import { eligibilityFor, expectedAppointmentsFor, type StoredEligibility, type StoredExpectedAppointment } from '../sync/pulled-store';
import type { PersonDetails } from '../identity/citizens';
import { findProduct } from '../products/products';

/**
 * What the federal backend said about a person this station has never seen: the copy sync pulls
 * while online (the centre's appointments of the day and the eligibility of those people), read
 * when the backend is down. It lets check-in show the person as expected and lets administer
 * create the citizen; it never replaces the station's own records.
 */
export interface BackendCopy {
  ssin: string;
  /** When the copy was pulled (the oldest of the rows used). */
  pulledAt: string;
  personName: string | null;
  appointment: StoredExpectedAppointment | null;
  expectedToday: boolean;
  eligibility: StoredEligibility[];
  /** Products the person may receive per the copy: due or overdue recommendations, the appointment's product. */
  eligibleProducts: string[];
  /** The dose the backend expects next, when it says. */
  expectedDoseNumber: number | null;
}

const GONE = new Set(['cancelled', 'entered-in-error', 'noshow', 'fulfilled']);
const DUE = new Set(['due', 'overdue']);

export function backendCopyOf(db: Db, ssin: string, today: string): BackendCopy | null {
  const appointments = expectedAppointmentsFor(db, ssin).filter((a) => !GONE.has(a.status));
  const eligibility = eligibilityFor(db, ssin);
  if (appointments.length === 0 && eligibility.length === 0) return null;
  const appointment = appointments.find((a) => a.day === today) ?? appointments[0] ?? null;
  const eligible = new Set<string>();
  for (const e of eligibility) if (DUE.has(e.forecastStatus) && findProduct(db, e.vaccine)) eligible.add(e.vaccine);
  if (appointment?.productCode) eligible.add(appointment.productCode);
  const due = eligibility.find((e) => DUE.has(e.forecastStatus) && e.doseNumber !== null);
  const times = [...(appointment ? [appointment.fetchedAt] : []), ...eligibility.map((e) => e.fetchedAt)].sort();
  return {
    ssin,
    pulledAt: times[0]!,
    personName: appointment?.personName ?? appointments.find((a) => a.personName)?.personName ?? null,
    appointment,
    expectedToday: appointment?.day === today,
    eligibility,
    eligibleProducts: [...eligible].sort(),
    expectedDoseNumber: appointment?.doseNumber ?? due?.doseNumber ?? null,
  };
}

/** The citizen's details from the copy (name if the backend gave one; birth date and sex from the number). */
export function detailsFromCopy(copy: BackendCopy, today: string, language: Language): PersonDetails {
  const parsed = parseSsin(copy.ssin, today, { source: 'document' });
  return {
    familyName: copy.personName ?? '',
    givenNames: '',
    birthDate: parsed.ok ? parsed.value.birthDate : null,
    sex: parsed.ok ? parsed.value.sex : null,
    language,
  };
}

const STATUS: Record<string, AppointmentView['status']> = { fulfilled: 'fulfilled', noshow: 'noshow', cancelled: 'cancelled', 'entered-in-error': 'cancelled' };

/** The expected appointment as check-in shows it, marked as coming from the backend copy. */
export function copyAppointmentView(copy: BackendCopy, doseNumber: number): AppointmentView | null {
  const a = copy.appointment;
  if (!a || !a.start || !a.end) return null;
  const productCode = a.productCode ?? copy.eligibleProducts[0];
  if (!productCode) return null;
  return {
    id: `backend:${a.remoteId}`,
    ssin: copy.ssin,
    productCode,
    doseNumber: a.doseNumber ?? doseNumber,
    slotId: '',
    start: new Date(a.start).toISOString(),
    end: new Date(a.end).toISOString(),
    localDate: localDateOf(a.start),
    status: STATUS[a.status] ?? 'booked',
    stationId: a.stationId ?? '',
    shortCode: '',
    origin: 'sync',
    version: a.recordVersion,
    previousDoseId: null,
    backendCopy: {
      source: 'backend-copy',
      pulledAt: copy.pulledAt,
      remoteId: a.remoteId,
      expectedToday: copy.expectedToday,
      eligibleProducts: copy.eligibleProducts,
      eligibility: copy.eligibility.map((e) => ({ vaccine: e.vaccine, forecastStatus: e.forecastStatus, doseNumber: e.doseNumber, dueFrom: e.dueFrom })),
    },
  };
}
