import * as z from 'zod';

/**
 * Value shapes every part of the contract shares, declared once so that a day, an instant or an
 * SSIN is checked the same way by every method. Days are local Brussels days, times local HH:mm,
 * instants ISO strings with an offset.
 */
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
export const Instant = z.iso.datetime({ offset: true });
/** A Belgian national (or BIS) number, digits only. */
export const Ssin = z.string().regex(/^\d{11}$/, '11 digits');
/** A record id the station made (appointment, dose, lot, vial, …). */
export const Id = z.string().min(1).max(80);
export const StationId = z.string().min(1).max(64);
export const ProductCode = z.string().min(1).max(40);
/** Why a record is corrected, cancelled or closed: said in a few words, kept in the audit trail. */
export const Reason = z.string().trim().min(3).max(500);
/** A method that takes no arguments. */
export const NoArgs = z.object({}).strict();
