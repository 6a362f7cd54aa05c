import { importProducts } from '../../../main/station/imports/products-import';
import { runImport } from './import-runner';
import { cliActor } from '../audit';

/** `centre import-products --data DIR FILE [--dry-run]`: prints {"products","updated","unchanged"}. */
export function run(argv: string[]): Promise<number> {
  return runImport(argv, 'centre.import-products', ({ db, table, now, dryRun }) => importProducts(db, table, { now, dryRun, by: cliActor() }));
}
