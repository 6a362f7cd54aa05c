import { createHash } from 'node:crypto';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers, in a fixed order. */
export interface AuditRow {
  seq: number;
  id: string;
  at: string;
  station_id: string;
  centre_id: string;
  actor: string;
  session: string | null;
  transport: string;
  method: string;
  action: string;
  subjects: string;
  outcome: string;
  prev_hash: string;
  hash: string;
}

/** A JSON array in column order: unambiguous (strings are quoted and escaped) and stable. */
export function canonicalContent(row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([
    row.seq,
    row.id,
    row.at,
    row.station_id,
    row.centre_id,
    row.actor,
    row.session,
    row.transport,
    row.method,
    row.action,
    row.subjects,
    row.outcome,
  ]);
}

/** SHA-256 over the previous row's hash and this row's canonical content. */
export function chainHash(prevHash: string, row: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalContent(row)).digest('hex');
}
