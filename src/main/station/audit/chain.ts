import { createHash } from 'node:crypto';
import type { AuditRow } from './audit-store';

/** The row type lives in the audit store; re-exported for the chain's readers. */
export type { AuditRow };

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

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
