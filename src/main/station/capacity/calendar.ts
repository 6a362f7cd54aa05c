import type { Db } from '../../adapters/sqlite/database';
import { DoseDeskError } from '../../../shared/errors';
import { isLocalDate, isLocalTime, localDateOf, sessionSlotTimes, type LocalDate } from '../../../domain/time/local-time';
import type { SessionDefinition } from '../../../domain/booking/allocation';
import { getProduct } from '../products/products';
import { sessionIdFor, slotIdFor } from '../base/ids';
import { bookedAppointmentsOfSession, findSession, raiseSessionCapacity, rewriteSessionSlots, sessionWriter, sessionRowsOfDay, slotRowsOfSession, upsertCentreDay, type SessionRow, type SlotRow } from './calendar-store';

export type { SessionRow, SlotRow };

export function sessionIdOf(centreId: string, def: SessionDefinition): string {
  return def.id ?? sessionIdFor(centreId, def.date, def.productCode, def.start);
}

export interface EnsuredSession {
  sessionId: string;
  created: boolean;
  /** Created here with every one of its slots new: no unit of it can have an owner yet. */
  freshSlots: number;
}

/**
 * Creates a session and its slots, or returns the one that exists. Capacity may grow (the new
 * units belong to nobody until an allocation gives them out) but never shrinks here: units that
 * stations own are only given up by their owner.
 */
export function ensureSession(db: Db, centreId: string, def: SessionDefinition, source: 'seed' | 'backend' | 'supervisor', now: Date): { sessionId: string; created: boolean } {
  const { sessionId, created } = sessionEnsurer(db, source, now)(centreId, def);
  return { sessionId, created };
}

/** `ensureSession` for many sessions: statements prepared once, each product checked once. */
export function sessionEnsurer(db: Db, source: 'seed' | 'backend' | 'supervisor', now: Date): (centreId: string, def: SessionDefinition) => EnsuredSession {
  const sessions = sessionWriter(db);
  const knownProducts = new Set<string>();
  const createdAt = now.toISOString();
  return (centreId, def) => {
    if (!isLocalDate(def.date) || !isLocalTime(def.start) || !isLocalTime(def.end) || def.start >= def.end) {
      throw new DoseDeskError('capacity.session_invalid', { date: def.date, start: def.start, end: def.end });
    }
    if (!knownProducts.has(def.productCode)) {
      getProduct(db, def.productCode);
      knownProducts.add(def.productCode);
    }
    const sessionId = sessionIdOf(centreId, def);
    const existing = sessions.find(sessionId);
    if (existing) {
      if (def.capacityPerSlot > existing.capacity_per_slot) raiseSessionCapacity(db, sessionId, def.capacityPerSlot);
      return { sessionId, created: false, freshSlots: 0 };
    }
    const slots = sessionSlotTimes(def.date, def.start, def.end, def.slotMinutes).map((t) => ({ id: slotIdFor(sessionId, t.start), startAt: t.start, endAt: t.end, localDate: localDateOf(t.start) }));
    const added = sessions.insert(
      { id: sessionId, date: def.date, productCode: def.productCode, startLocal: def.start, endLocal: def.end, slotMinutes: def.slotMinutes, capacityPerSlot: def.capacityPerSlot, source, createdAt },
      slots,
    );
    return { sessionId, created: true, freshSlots: added === slots.length ? added : 0 };
  };
}

export function slotsOfSession(db: Db, sessionId: string): SlotRow[] {
  return slotRowsOfSession(db, sessionId);
}

export function sessionsOfDay(db: Db, date: LocalDate): SessionRow[] {
  return sessionRowsOfDay(db, date);
}

/** Marks a day open or closed (a closed day offers no slot, whatever its sessions). */
export function setCentreDay(db: Db, date: LocalDate, open: boolean, note: string | null, now: Date): void {
  upsertCentreDay(db, date, open, note, now.toISOString());
}

export interface SessionChange {
  end: string;
  capacityPerSlot: number;
}

/**
 * What changing a session's end or places per slot does: the slots it keeps (new ones included)
 * and drops, and the open appointments that no longer fit (in a dropped slot, or on a place at
 * or above the new places per slot). The slot length and start stay: they name the slots.
 */
export function planSessionChange(db: Db, sessionId: string, change: SessionChange): { session: SessionRow; keep: { id: string; startAt: string; endAt: string; localDate: string }[]; drop: string[]; affected: string[] } {
  const session = findSession(db, sessionId);
  if (!session) throw new DoseDeskError('capacity.session_unknown', { session: sessionId });
  if (session.status !== 'open') throw new DoseDeskError('capacity.session_closed', { date: session.date, start: session.start_local });
  if (!isLocalTime(change.end) || change.end <= session.start_local) {
    throw new DoseDeskError('capacity.session_invalid', { date: session.date, start: session.start_local, end: change.end });
  }
  const keep = sessionSlotTimes(session.date, session.start_local, change.end, session.slot_minutes).map((t) => ({ id: slotIdFor(sessionId, t.start), startAt: t.start, endAt: t.end, localDate: localDateOf(t.start) }));
  if (keep.length === 0) throw new DoseDeskError('capacity.session_invalid', { date: session.date, start: session.start_local, end: change.end });
  const kept = new Set(keep.map((s) => s.id));
  const drop = slotRowsOfSession(db, sessionId).filter((s) => !kept.has(s.id)).map((s) => s.id);
  const affected = bookedAppointmentsOfSession(db, sessionId)
    .filter((a) => !kept.has(a.slot_id) || (a.unit !== null && a.unit >= change.capacityPerSlot))
    .map((a) => a.id);
  return { session, keep, drop, affected };
}

/** Writes a planned change (the affected appointments already moved by the caller). */
export function applySessionChange(db: Db, plan: ReturnType<typeof planSessionChange>, change: SessionChange): void {
  rewriteSessionSlots(db, { id: plan.session.id, end: change.end, capacityPerSlot: change.capacityPerSlot }, plan.keep, plan.drop);
}
