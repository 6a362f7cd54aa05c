import { createHash } from 'node:crypto';
import { Settings } from '../../../shared/settings';
import type { Db } from '../../adapters/sqlite/database';
import type { SessionDefinition } from '../../../domain/booking/allocation';
import { localInstant } from '../../../domain/time/local-time';
import { applyCapacityAllocations, knownStations, sessionShares } from '../capacity/capacity';
import type { CapacityAllocation } from '../../../domain/booking/allocation';
import { sessionIdOf, setCentreDay } from '../capacity/calendar';
import { centreDayOpen, findSession, setSessionBooths } from '../capacity/calendar-store';
import { findProduct } from '../products/products';
import { rowsByColumn, wholeNumber, required, type Row } from './columns';
import type { CsvTable } from './csv';
import { ImportError } from './import-error';
import { localDateCell, localTimeCell } from './values';

/**
 * `centre import-calendar`: the centre's sessions from its spreadsheet. Every row is checked
 * before anything is written; new sessions are then created and their places split between the
 * stations the same way `capacity.addSession` and the demo seed do (a capacity allocation).
 */

export const CALENDAR_COLUMNS = ['date', 'start', 'end', 'product', 'slot_minutes', 'capacity'] as const;
/** `booths`: how many booths the session runs (1 to 100); `capacity` must then be a multiple of it. Empty: not set. */
export const CALENDAR_OPTIONAL_COLUMNS = ['booths'] as const;

export interface CalendarImportSummary {
  /** Sessions created (would be created, on a dry run). */
  sessions: number;
  /** Their slots. */
  slots: number;
  /** Slots × places per slot. */
  places: number;
  /** Rows identical to a session already there. */
  unchanged: number;
}

interface PlannedSession {
  def: SessionDefinition & { id: string };
  slots: number;
  booths: number | null;
}

/** The row's booths, or null when the column is absent or empty; places per slot must share out evenly over them. */
function boothsCell(row: Row, capacityPerSlot: number): number | null {
  if (row.get('booths') === '') return null;
  const booths = wholeNumber(row, 'booths', 1, 100);
  if (capacityPerSlot % booths !== 0) throw new ImportError('import.booths_capacity', { capacity: capacityPerSlot, booths }, row.line);
  return booths;
}

/** Checks every row against the file and the station; writes nothing. */
export function planCalendar(db: Db, table: CsvTable, centreId: string): { sessions: PlannedSession[]; unchanged: number } {
  const rows = rowsByColumn(table, CALENDAR_COLUMNS, CALENDAR_OPTIONAL_COLUMNS);
  const seen = new Set<string>();
  const sessions: PlannedSession[] = [];
  const products = new Map<string, boolean>();
  const known = (code: string) => products.get(code) ?? products.set(code, findProduct(db, code) !== null).get(code)!;
  let unchanged = 0;
  for (const row of rows) {
    const date = localDateCell(row, 'date');
    const start = localTimeCell(row, 'start', date);
    const end = localTimeCell(row, 'end', date);
    if (end <= start) throw new ImportError('import.time_order', { start, end }, row.line);
    const productCode = required(row, 'product');
    if (!known(productCode)) throw new ImportError('import.product_unknown', { product: productCode }, row.line);
    const slotMinutes = wholeNumber(row, 'slot_minutes', 5, 120);
    const capacityPerSlot = wholeNumber(row, 'capacity', 1, 500);
    const booths = boothsCell(row, capacityPerSlot);
    // Whole slots between two real instants (a daylight-saving night has 23 or 25 hours), as sessionSlotTimes counts them.
    const slots = Math.floor((Date.parse(localInstant(date, end)) - Date.parse(localInstant(date, start))) / (slotMinutes * 60_000));
    if (slots === 0) throw new ImportError('import.no_slot', { start, end, minutes: slotMinutes }, row.line);
    const base = { date, productCode, start, end, slotMinutes, capacityPerSlot };
    const id = sessionIdOf(centreId, base);
    if (seen.has(id)) throw new ImportError('import.session_twice', { date, start, product: productCode }, row.line);
    seen.add(id);
    const existing = findSession(db, id);
    if (existing) {
      const same = existing.end_local === end && existing.slot_minutes === slotMinutes && existing.capacity_per_slot === capacityPerSlot && existing.status === 'open';
      // A row without booths says nothing of them; a row with booths must agree with the session's.
      const sameBooths = booths === null || existing.booths === booths;
      if (!same || !sameBooths) throw new ImportError('import.session_conflict', { date, start, product: productCode }, row.line);
      unchanged++;
      continue;
    }
    sessions.push({ def: { ...base, id }, slots, booths });
  }
  return { sessions, unchanged };
}

/**
 * `--stations ID,ID,…`: the stations that share the new places, each a valid station id, once.
 * Checked before anything is written: a typo never gives places to a station that cannot exist.
 */
export function parseStationList(text: string): string[] {
  const ids = text.split(',').map((id) => id.trim());
  const seen = new Set<string>();
  for (const id of ids) {
    if (!Settings.shape.stationId.safeParse(id).success) throw new ImportError('import.station_invalid', { value: id }, null);
    if (seen.has(id)) throw new ImportError('import.station_twice', { value: id }, null);
    seen.add(id);
  }
  return ids;
}

/**
 * The stations that share the places: those given (`--stations`), else those the calendar already
 * gives capacity to, else this one.
 */
function sharingStations(db: Db, stationId: string, given: readonly string[] | undefined): string[] {
  if (given) return [...given];
  const known = knownStations(db);
  return known.length > 0 ? known : [stationId];
}

/**
 * Plans, then (unless dry) writes every new session in one transaction: all rows or none. The
 * places of each new session are split between the stations as `capacity.addSession` splits them
 * (interleaved units, splitAllocation's initial split: all units of a new session are free).
 */
export function importCalendar(
  db: Db,
  table: CsvTable,
  input: { centreId: string; stationId: string; now: Date; dryRun: boolean; stations?: readonly string[]; source?: 'supervisor' | 'seed' },
): CalendarImportSummary {
  const run = () => {
    const plan = planCalendar(db, table, input.centreId);
    const summary: CalendarImportSummary = { sessions: plan.sessions.length, slots: 0, places: 0, unchanged: plan.unchanged };
    for (const s of plan.sessions) {
      summary.slots += s.slots;
      summary.places += s.slots * s.def.capacityPerSlot;
    }
    if (input.dryRun || plan.sessions.length === 0) return summary;
    const stations = sharingStations(db, input.stationId, input.stations);
    const byDate = new Map<string, (SessionDefinition & { id: string })[]>();
    for (const s of plan.sessions) byDate.set(s.def.date, [...(byDate.get(s.def.date) ?? []), s.def]);
    const allocations: CapacityAllocation[] = [];
    for (const [date, defs] of byDate) {
      // A session in the file opens its day, even one the weekly pattern left closed.
      if (centreDayOpen(db, date) === false) setCentreDay(db, date, true, 'opened by calendar import', input.now);
      const digest = createHash('sha256').update(JSON.stringify(defs)).digest('hex').slice(0, 24);
      allocations.push({
        id: `import:${date}:${digest}`,
        source: input.source ?? 'supervisor',
        issuedAt: input.now.toISOString(),
        centreId: input.centreId,
        sessions: defs,
        shares: defs.flatMap((d) => sessionShares(d.id, d.capacityPerSlot, stations)),
      });
    }
    // One allocation per day, applied in one go (statements prepared once): a season of days in seconds less.
    applyCapacityAllocations(db, allocations, input.now);
    // Booths are the session's own figure, not a share of places: set beside the allocation.
    for (const s of plan.sessions) if (s.booths !== null) setSessionBooths(db, s.def.id, s.booths);
    return summary;
  };
  // Validation reads inside the same write transaction, so nothing changes between check and write.
  return input.dryRun ? run() : db.transaction(run).immediate();
}
