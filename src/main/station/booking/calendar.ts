import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { isLocalDate, isLocalTime, localDateOf, sessionSlotTimes, type LocalDate } from '../../../domain/time/local-time';
import type { SessionDefinition } from '../../../domain/booking/allocation';
import { getProduct } from './products';
import { sessionIdFor, slotIdFor } from './ids';

export interface SessionRow {
  id: string;
  date: string;
  product_code: string;
  start_local: string;
  end_local: string;
  slot_minutes: number;
  capacity_per_slot: number;
  status: 'open' | 'cancelled';
}

export interface SlotRow {
  id: string;
  session_id: string;
  start_at: string;
  end_at: string;
  local_date: string;
  capacity: number;
}

export function sessionIdOf(centreId: string, def: SessionDefinition): string {
  return def.id ?? sessionIdFor(centreId, def.date, def.productCode, def.start);
}

/**
 * Creates a session and its slots, or returns the one that exists. Capacity may grow (the new
 * units belong to nobody until an allocation gives them out) but never shrinks here: units that
 * stations own are only given up by their owner.
 */
export function ensureSession(db: Db, centreId: string, def: SessionDefinition, source: 'seed' | 'backend' | 'supervisor', now: Date): { sessionId: string; created: boolean } {
  if (!isLocalDate(def.date) || !isLocalTime(def.start) || !isLocalTime(def.end) || def.start >= def.end) {
    throw new DoseDeskError('booking.session_invalid', { date: def.date, start: def.start, end: def.end });
  }
  getProduct(db, def.productCode);
  const sessionId = sessionIdOf(centreId, def);
  const existing = db.prepare('SELECT * FROM sessions WHERE id = ?').get(sessionId) as SessionRow | undefined;
  if (existing) {
    if (def.capacityPerSlot > existing.capacity_per_slot) {
      db.prepare('UPDATE sessions SET capacity_per_slot = ? WHERE id = ?').run(def.capacityPerSlot, sessionId);
      db.prepare('UPDATE slots SET capacity = ? WHERE session_id = ? AND capacity < ?').run(def.capacityPerSlot, sessionId, def.capacityPerSlot);
    }
    return { sessionId, created: false };
  }
  db.prepare(
    `INSERT INTO sessions (id, date, product_code, start_local, end_local, slot_minutes, capacity_per_slot, status, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
  ).run(sessionId, def.date, def.productCode, def.start, def.end, def.slotMinutes, def.capacityPerSlot, source, now.toISOString());
  const insertSlot = db.prepare('INSERT OR IGNORE INTO slots (id, session_id, start_at, end_at, local_date, capacity) VALUES (?, ?, ?, ?, ?, ?)');
  for (const t of sessionSlotTimes(def.date, def.start, def.end, def.slotMinutes)) {
    insertSlot.run(slotIdFor(sessionId, t.start), sessionId, t.start, t.end, localDateOf(t.start), def.capacityPerSlot);
  }
  return { sessionId, created: true };
}

export function slotsOfSession(db: Db, sessionId: string): SlotRow[] {
  return db.prepare('SELECT * FROM slots WHERE session_id = ? ORDER BY start_at').all(sessionId) as SlotRow[];
}

export function sessionsOfDay(db: Db, date: LocalDate): SessionRow[] {
  return db.prepare('SELECT * FROM sessions WHERE date = ? ORDER BY start_local, product_code').all(date) as SessionRow[];
}

/** Marks a day open or closed (a closed day offers no slot, whatever its sessions). */
export function setCentreDay(db: Db, date: LocalDate, open: boolean, note: string | null, now: Date): void {
  db.prepare(
    `INSERT INTO centre_days (date, open, note, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(date) DO UPDATE SET open = excluded.open, note = excluded.note, updated_at = excluded.updated_at`,
  ).run(date, open ? 1 : 0, note, now.toISOString());
}
