import { importInvitations } from '../../../main/station/imports/invitations-import';
import { runImport } from './import-runner';

/** `centre import-invitations --data DIR FILE [--dry-run]`: prints {"invitations","citizens","unchanged"}. */
export function run(argv: string[]): Promise<number> {
  return runImport(argv, 'centre.import-invitations', ({ db, table, settings, now, dryRun }) => importInvitations(db, table, { centreId: settings.centreId, now, dryRun }));
}
