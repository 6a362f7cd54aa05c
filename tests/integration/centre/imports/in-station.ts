import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvBytes, parseCsvText } from '../../../../src/main/station/imports/csv';
import { PROJECT_ROOT } from '../../../support/paths';

/** The demo centre's spreadsheets shipped in resources/demo. */
export function demoTable(name: 'products' | 'calendar' | 'invitations') {
  return parseCsvBytes(readFileSync(join(PROJECT_ROOT, 'resources', 'demo', `${name}.csv`)));
}

export const table = (lines: readonly string[]) => parseCsvText(lines.join('\n') + '\n');
