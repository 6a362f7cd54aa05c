import { readFileSync } from 'node:fs';
import type { InvitationCopy } from '../../domain/fhir/invitation';
import { rowsByColumn } from '../../main/station/imports/columns';
import { parseCsvBytes } from '../../main/station/imports/csv';
import { isImportError } from '../../main/station/imports/import-error';
import { INVITATION_COLUMNS, INVITATION_OPTIONAL_COLUMNS } from '../../main/station/imports/invitations-import';
import { localInstantCell } from '../../main/station/imports/values';
import { UsageError } from '../command';

/**
 * `federal-sim --invitations FILE`: the centre's invitation list in the format of
 * `centre import-invitations`, served as the backend would. Only its shape is read here; the
 * station checks the values when it pulls them, as it checks a file it imports.
 */
export function invitationsFromFile(path: string): InvitationCopy[] {
  try {
    return rowsByColumn(parseCsvBytes(readFileSync(path)), INVITATION_COLUMNS, INVITATION_OPTIONAL_COLUMNS).map((row) => ({
      code: row.get('code'),
      // The backend holds the 11 digits; a list may print them as 85.07.30-004.57.
      ssin: row.get('ssin').replace(/[\s.-]/g, ''),
      surname: row.get('surname'),
      givenNames: row.get('given_names'),
      language: row.get('language').toLowerCase(),
      products: row
        .get('product')
        .split('|')
        .map((p) => p.trim())
        .filter((p) => p !== ''),
      start: row.get('start') === '' ? null : localInstantCell(row, 'start'),
      email: row.get('email') || null,
      phone: row.get('phone') || null,
    }));
  } catch (error) {
    if (isImportError(error)) throw new UsageError(`--invitations ${path}: ${error.code} at line ${error.line ?? '-'}`);
    throw error;
  }
}
