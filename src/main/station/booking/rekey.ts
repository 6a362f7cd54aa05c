import type { z } from 'zod';
import { REKEY_DAYS_BACK, type AdministerResult, type RekeyArgs } from '../../../shared/api/booking';
import type { SignedInStaff } from '../../../shared/api/staff';
import { DoseDeskError } from '../../../shared/errors';
import { addDays, localDateOf, localInstant } from '../../../domain/time/local-time';
import type { StationContext } from '../base/context';
import { checkedSsin } from '../identity/citizens';
import { getLot } from '../vials/lots';
import { administer, type BookingOptions } from './administer';
import { assertMayReceive } from './eligibility';

/** Who gave the dose: an active staff member with the vaccinator role and a NIHDI number. */
export function rekeyVaccinator(find: BookingOptions['findStaff'], login: string): { nihdi: string; name: string } {
  const member = find?.(login) ?? null;
  if (!member || !member.active) throw new DoseDeskError('booking.rekey_unknown_vaccinator', { vaccinator: login });
  if (!member.nihdi || !member.roles.includes('vaccinator')) throw new DoseDeskError('booking.rekey_not_vaccinator', { name: member.name });
  return { nihdi: member.nihdi, name: member.name };
}

function instantOrNull(date: string, time: string): string | null {
  try {
    return localInstant(date, time);
  } catch {
    return null; // 2026-02-30 passes the day's pattern but is no day
  }
}

/**
 * When the dose was given, as an instant: not after the station clock (the paper was written
 * before it is typed in) and within REKEY_DAYS_BACK days (a stack of paper from the last failure,
 * not an old record better sent as a correction).
 */
export function rekeyInstant(date: string, time: string, now: Date): string {
  const at = instantOrNull(date, time);
  if (!at) throw new DoseDeskError('validation', { detail: `${date} ${time}` });
  if (Date.parse(at) > now.getTime()) throw new DoseDeskError('booking.rekey_future', { date, time });
  const earliest = addDays(localDateOf(now), -REKEY_DAYS_BACK);
  if (date < earliest) throw new DoseDeskError('booking.rekey_too_old', { date, earliest, days: REKEY_DAYS_BACK });
  return at;
}

/**
 * booking.rekey: the paper record goes through booking.administer's own rules (dose number,
 * lot, interval, next appointment from the time given, card), after the booth's eligibility
 * check for the day it was given; the dose is marked with who re-keyed it.
 */
export function rekey(ctx: StationContext, args: z.output<typeof RekeyArgs>, recorder: SignedInStaff | undefined, options: BookingOptions): AdministerResult {
  const now = ctx.clock.now();
  const ssin = checkedSsin(args.ssin, now, args.scanned ? 'document' : 'typed');
  const administeredAt = rekeyInstant(args.date, args.time, now);
  const vaccinator = rekeyVaccinator(options.findStaff, args.vaccinator);
  const lot = getLot(ctx.db, args.lotId);
  assertMayReceive(ctx.db, ssin, lot.product_code, args.date);
  return administer(
    ctx,
    {
      ssin,
      lotId: lot.id,
      administeredAt,
      vaccinator,
      ...(args.administration ? { administration: args.administration } : {}),
      ...(args.print !== undefined ? { print: args.print } : {}),
    },
    options,
    { staffId: recorder?.id ?? 'station', name: recorder?.displayName ?? ctx.settings.get().stationId },
  );
}
