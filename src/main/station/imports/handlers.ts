import type { importsMethods } from '../../../shared/api/imports';
import { DoseDeskError } from '../../../shared/errors';
import type { StationContext } from '../base/context';
import { actorLabel, type HandlersFor } from '../base/handlers';
import { importCalendar } from './calendar-import';
import { parseCsvBytes, type CsvTable } from './csv';
import { isImportError } from './import-error';
import { importInvitations } from './invitations-import';
import { importProducts } from './products-import';

/**
 * The file's table, or the refusal with its line in `params.line` (the envelope carries params,
 * not the error's own fields): the screen says where to look, as the command line does.
 */
function withLine<T>(body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (isImportError(error) && error.line !== null) throw new DoseDeskError(error.code, { ...error.params, line: error.line });
    throw error;
  }
}

const tableOf = (text: string): CsvTable => parseCsvBytes(Buffer.from(text, 'utf8'));

/**
 * imports.*: the `centre import-*` steps behind the supervisor's import panel. The dispatcher runs
 * each call in one transaction with its audit entry, so a refused file leaves nothing behind.
 */
export function importsHandlers(ctx: StationContext): HandlersFor<typeof importsMethods> {
  const { db } = ctx;
  return {
    'imports.calendar': ({ text, dryRun }) =>
      withLine(() => {
        const settings = ctx.settings.get();
        return importCalendar(db, tableOf(text), { centreId: settings.centreId, stationId: settings.stationId, now: ctx.clock.now(), dryRun });
      }),
    'imports.products': ({ text, dryRun }, call) => withLine(() => importProducts(db, tableOf(text), { now: ctx.clock.now(), dryRun, by: actorLabel(call) })),
    'imports.invitations': ({ text, dryRun }) => withLine(() => importInvitations(db, tableOf(text), { centreId: ctx.settings.get().centreId, now: ctx.clock.now(), dryRun })),
  };
}
