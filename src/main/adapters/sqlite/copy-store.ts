import type { Db } from './database';

/** Whole-database copies, for backups: the statements stay with the storage adapter. */

/** Writes a consistent, compacted copy of the open database to `file` (same cipher and key). */
export function vacuumInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** Re-keying needs a rollback journal (the cipher cannot rekey a WAL database). */
export function useRollbackJournal(db: Db): void {
  db.pragma('journal_mode = DELETE');
}
