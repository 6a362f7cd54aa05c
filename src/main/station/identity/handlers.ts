import { DateTime } from 'luxon';
import type { identityMethods } from '../../../shared/api/identity';
import { DoseDeskError } from '../../../shared/errors';
import { TIME_ZONE } from '../../../shared/i18n/languages';
import { classifyScan } from '../../../domain/identity/classify';
import type { StationContext } from '../base/context';
import type { HandlersFor } from '../base/handlers';

/** The calendar day in Brussels at the station clock's now: the `today` the parsers need. */
export function brusselsToday(now: Date): string {
  return DateTime.fromJSDate(now).setZone(TIME_ZONE).toISODate()!;
}

export function identityHandlers(ctx: Pick<StationContext, 'clock'>): HandlersFor<typeof identityMethods> {
  return {
    'identity.parse': ({ text }) => {
      const parsed = classifyScan(text, brusselsToday(ctx.clock.now()));
      if (!parsed.ok) throw new DoseDeskError(parsed.code, parsed.params);
      return parsed.value;
    },
  };
}
