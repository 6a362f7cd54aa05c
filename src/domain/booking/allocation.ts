import * as z from 'zod';

/**
 * A capacity allocation: which station owns which capacity units of which slots. It comes from
 * the federal backend (stored by sync) or from the supervisor's split of a day, and is applied by
 * `applyCapacityAllocation` on every station. A unit's owner is set ONCE by an allocation;
 * afterwards only the owner can give it away (two-phase transfer), so an allocation arriving late
 * or twice can never make two stations own the same unit.
 */
export const SessionDefinition = z.object({
  /** Optional: when absent, every station derives the same id from centre, date, product and start. */
  id: z.string().min(1).max(64).optional(),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  productCode: z.string().min(1).max(40),
  /** Local wall-clock times in Europe/Brussels, HH:mm. */
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  slotMinutes: z.number().int().min(1).max(240),
  capacityPerSlot: z.number().int().min(0).max(1000),
});
export type SessionDefinition = z.infer<typeof SessionDefinition>;

export const CapacityShare = z.object({
  /** A session defined in this allocation or already known to the station. */
  sessionId: z.string().min(1).max(64),
  /** One slot of the session (its start instant); absent means every slot of the session. */
  slotStart: z.iso.datetime({ offset: true }).optional(),
  stationId: z.string().min(1).max(64),
  /** Unit numbers, 0 .. capacityPerSlot-1. */
  units: z.array(z.number().int().min(0).max(999)).max(1000),
});
export type CapacityShare = z.infer<typeof CapacityShare>;

export const CapacityAllocation = z.object({
  id: z.string().min(1).max(80),
  source: z.enum(['backend', 'supervisor', 'seed']),
  issuedAt: z.iso.datetime({ offset: true }),
  centreId: z.string().min(1).max(64),
  sessions: z.array(SessionDefinition).max(5000),
  shares: z.array(CapacityShare).max(50000),
});
export type CapacityAllocation = z.infer<typeof CapacityAllocation>;
