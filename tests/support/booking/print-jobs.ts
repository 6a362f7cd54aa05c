import type { Db } from '../../../src/main/adapters/sqlite/database';

/** A print job as the queue stores it, for tests that check which cards were queued. */
export interface PrintJobRow {
  id: string;
  is_copy: number;
  copy_of: string | null;
  record_id: string | null;
  state: string;
  card: string;
}

export const printJobs = (db: Db): PrintJobRow[] => db.prepare('SELECT id, is_copy, copy_of, record_id, state, card FROM print_job ORDER BY seq').all() as PrintJobRow[];

/** The card a job prints (the parts tests look at). */
export const cardOfJob = (job: PrintJobRow) => JSON.parse(job.card) as { qrPayload: string; shortCode: string; isCopy: boolean; next: { kind: string; start?: string } };
