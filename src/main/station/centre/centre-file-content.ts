import * as z from 'zod';
import { DoseDeskError } from '../../../shared/errors';
import { PrinterSettings, Settings } from '../../../shared/settings';
import { StaffRole } from '../../../shared/api/staff';
import { CentreProfile } from './centre-profile';
import { CENTRE_FILE_VERSION, centreFileVersion, openCentreFile } from './centre-file-crypto';

/**
 * What a centre file carries, checked field by field when it is opened: a file that decrypts but
 * does not match is refused as `centre.file_format`, never half applied.
 */
const Text = (max: number) => z.string().max(max);
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CentreFileProduct = z.object({
  code: Text(40).min(1),
  name: Text(120).min(1),
  dosesInCourse: z.number().int().min(1).max(9),
  interval: z.object({ minDays: z.number().int(), targetDays: z.number().int(), maxDays: z.number().int() }).nullable(),
  dosesPerVial: z.number().int().min(1),
  usableHoursAfterPuncture: z.number().positive(),
  gtins: z.array(z.string().regex(/^\d{14}$/)),
  active: z.boolean(),
});

export const CentreDayRow = z.object({ date: LocalDate, open: z.union([z.literal(0), z.literal(1)]), note: Text(500).nullable(), updated_at: Text(40) });

const LocalTime = z.string().regex(/^\d{2}:\d{2}$/);

/** The same limits as the calendar tables (migration 4), so a file never fails half way in SQL. */
const SessionFieldsV1 = z.object({
  id: Text(80).min(1),
  date: LocalDate,
  product_code: Text(40).min(1),
  start_local: LocalTime,
  end_local: LocalTime,
  slot_minutes: z.number().int().min(1).max(240),
  capacity_per_slot: z.number().int().min(0).max(1000),
  status: z.enum(['open', 'cancelled']),
  source: z.enum(['seed', 'backend', 'supervisor']),
  created_at: Text(40),
});
const startsBeforeEnd = (s: { start_local: string; end_local: string }) => s.start_local < s.end_local;
const SessionRowV1 = SessionFieldsV1.refine(startsBeforeEnd);
/** Version 2 adds the session's booths (migration 57; null: not set). */
export const SessionRow = SessionFieldsV1.extend({ booths: z.number().int().min(1).max(100).nullable() }).refine(startsBeforeEnd);

export const SlotRow = z.object({
  id: Text(80).min(1),
  session_id: Text(80).min(1),
  start_at: Text(40),
  end_at: Text(40),
  local_date: LocalDate,
  capacity: z.number().int().min(0),
});

/**
 * Who owns capacity units on the exporting station (slot_units, migration 5): the units of one
 * slot with the same owner, epoch and time in one entry, so a season's calendar stays small.
 */
export const UnitOwners = z.object({
  slot_id: Text(80).min(1),
  owner_station: Settings.shape.stationId,
  epoch: z.number().int().min(0),
  updated_at: Text(40),
  units: z.array(z.number().int().min(0).max(100_000)).min(1),
});
export type UnitOwners = z.infer<typeof UnitOwners>;

/** An allocation the exporting station applied (capacity_allocations), so it is not applied twice. */
export const AllocationRecord = z.object({
  id: Text(200).min(1),
  source: z.enum(['backend', 'supervisor', 'seed']),
  issued_at: Text(40),
  received_at: Text(40),
  applied_units: z.number().int().min(0),
  unchanged_units: z.number().int().min(0),
  conflicts: z.string().max(1_000_000),
});

/** A staff account as it travels: the PIN hash with its salt and cost, never a PIN; no lock-out state. */
export const StaffAccount = z.object({
  id: Text(80).min(1),
  code: Text(40).nullable(),
  display_name: Text(120).min(1),
  nihdi: z.string().regex(/^\d{11}$/).nullable(),
  roles: z.array(StaffRole).min(1),
  pin_hash: Text(400).min(1),
  pin_salt: Text(400).min(1),
  pin_params: Text(400).min(1),
  active: z.boolean(),
  created_at: Text(40),
  created_by: Text(200),
})
  // As the staff table requires (migration 40): a vaccinator has an NIHDI number.
  .refine((a) => a.nihdi !== null || !a.roles.includes('vaccinator'));

export const FederalCredentials = z.object({
  bearerToken: Text(20_000).nullable(),
  clientCertPem: Text(100_000).nullable(),
  clientKeyPem: Text(100_000).nullable(),
  keyPassphrase: Text(1000).nullable(),
});

const CentreIdentity = z.object({
  centreId: Settings.shape.centreId,
  centreName: Settings.shape.centreName,
  address: z.array(Text(200)).max(10),
  place: Text(200).nullable(),
  reschedulePhone: Text(60).nullable(),
  rescheduleUrl: Text(500).nullable(),
});

const calendarOf = <S extends z.ZodType>(session: S) =>
  z.object({
    from: LocalDate,
    days: z.array(CentreDayRow),
    sessions: z.array(session),
    slots: z.array(SlotRow),
    // A file written before units travelled carries none: the joining station then owns none.
    units: z.array(UnitOwners).default([]),
    allocations: z.array(AllocationRecord).default([]),
  });

const commonFields = {
  exportedAt: Text(40),
  exportedBy: Settings.shape.stationId,
  centre: CentreIdentity,
  /** base64url, 32 bytes or more */
  cardKey: z.string().regex(/^[A-Za-z0-9_-]{43,}$/),
  products: z.array(CentreFileProduct),
  staff: z.array(StaffAccount),
  printer: PrinterSettings.pick({ type: true, width: true, paper: true }),
  federal: z.object({ url: Settings.shape.federalUrl, caPem: Text(200_000).nullable(), credentials: FederalCredentials.nullable() }),
};

interface CalendarLinks {
  products: readonly { code: string }[];
  calendar: { sessions: readonly { id: string; product_code: string }[]; slots: readonly { id: string; session_id: string }[]; units: readonly { slot_id: string }[] };
}

/** Every session's product and every slot's session (and every unit's slot) travel in the same file. */
function linksHold(f: CalendarLinks): boolean {
  const products = new Set(f.products.map((p) => p.code));
  const sessions = new Set(f.calendar.sessions.map((s) => s.id));
  const slots = new Set(f.calendar.slots.map((s) => s.id));
  return (
    f.calendar.sessions.every((s) => products.has(s.product_code)) &&
    f.calendar.slots.every((s) => sessions.has(s.session_id)) &&
    f.calendar.units.every((u) => slots.has(u.slot_id))
  );
}

/** Version 1: what stations wrote before the centre profile and booths travelled. */
const CentreFileContentV1 = z.object({ ...commonFields, calendar: calendarOf(SessionRowV1) }).strict().refine(linksHold);

/**
 * Version 2 (this station writes it): version 1 plus the centre profile (languages, opening days;
 * null for a centre made without one) and each session's booths. A new version rather than
 * optional fields: the content is strict, so a version-1 station would refuse the new fields as a
 * damaged file (`centre.file_format`); the header's version makes it say `centre.file_version`.
 */
export const CentreFileContent = z
  .object({ ...commonFields, profile: CentreProfile.nullable(), calendar: calendarOf(SessionRow) })
  .strict()
  .refine(linksHold);
export type CentreFileContent = z.infer<typeof CentreFileContent>;
export type StaffAccount = z.infer<typeof StaffAccount>;
export type CentreCalendar = CentreFileContent['calendar'];

/**
 * The content of a file of `version` (the header's, already checked as known), as this version of
 * DoseDesk holds it: a version-1 file has no profile and no booths.
 */
export function parseCentreFileContent(plaintext: Buffer, version: number = CENTRE_FILE_VERSION): CentreFileContent {
  let json: unknown;
  try {
    json = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new DoseDeskError('centre.file_format');
  }
  if (version === 1) {
    const parsed = CentreFileContentV1.safeParse(json);
    if (!parsed.success) throw new DoseDeskError('centre.file_format');
    const { calendar, ...rest } = parsed.data;
    return { ...rest, profile: null, calendar: { ...calendar, sessions: calendar.sessions.map((s) => ({ ...s, booths: null })) } };
  }
  const parsed = CentreFileContent.safeParse(json);
  if (!parsed.success) throw new DoseDeskError('centre.file_format');
  return parsed.data;
}

/** Opens a sealed centre file of any version this station reads and checks its content. */
export function readCentreFile(file: Buffer, passphrase: string): CentreFileContent {
  return parseCentreFileContent(openCentreFile(file, passphrase), centreFileVersion(file));
}
