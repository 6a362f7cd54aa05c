import type { Task } from 'fhir/r4';
import type { Db } from '../../adapters/sqlite/database';
import type { FederalClient } from '../../adapters/federal/client';
import { invitationFromFhir, type InvitationCopy } from '../../../domain/fhir/invitation';
import { CENTRE_SYSTEM, INVITATION_CODE, TASK_CODE_SYSTEM, token } from '../../../domain/fhir/systems';
import { localDateOf } from '../../../domain/time/local-time';
import { findCitizen } from '../identity/citizens';
import { withdrawInvitationsByCode } from '../identity/citizen-store';
import { invitationCodeKey } from '../../../domain/identity/invitation';
import type { Row } from '../imports/columns';
import { ImportError, isImportError } from '../imports/import-error';
import { checkedInvitation, knownInvitation, writeInvitation, type PlannedInvitation } from '../imports/invitations-import';
import { notePull } from './pulled-store';

/**
 * The centre's open invitations from the backend, written like `centre import-invitations` writes
 * them (same checks, same write path), so check-in finds a letter's code whichever way it came.
 *
 * Which wins: what the station already holds. An invitation whose code (in any case) is known is
 * kept as it is, even when the backend says something else about it: the station's copy came from
 * the centre's own list (or an earlier pull) and people may already have been checked in on it;
 * changes to a person go through corrections, never through a silent overwrite. Such invitations
 * are counted as `kept`.
 *
 * All open ones, not only today's: a letter stays valid after its invited time, and people come
 * on other days.
 *
 * Withdrawn ones: a letter the backend withdraws keeps its Task with `status` cancelled (FHIR's
 * way to say a request will not be acted on; a Task is not deleted). The same search asks for
 * `requested,cancelled`; an invitation of the station with a cancelled Task's code (in any case),
 * whichever way it came (file, pull, seed), is marked withdrawn with the time and 'backend', never
 * deleted. Absence from a pull is not taken as withdrawal: a search cut short or a letter moved to
 * another centre would otherwise withdraw letters still valid.
 */

export interface InvitationsPullReport {
  /** Invitations new to the station. */
  added: number;
  /** People new to the station. */
  citizens: number;
  /** Identical to what the station holds. */
  unchanged: number;
  /** Known here under the same code with other details: the station's copy kept. */
  kept: number;
  /** Active here, cancelled at the backend: marked withdrawn. */
  withdrawn: number;
  /** Refused by the import's rules (bad SSIN, unknown product, ...): `refusals` gives each one's error code and place in the answer. */
  refused: number;
  refusals: { code: string; at: number }[];
}

const MAX = 20_000;

/** The invitation as a row of the import file, so the import's own checks read it. */
function rowOf(copy: InvitationCopy, at: number): Row {
  const cells: Record<string, string> = {
    code: copy.code,
    ssin: copy.ssin,
    surname: copy.surname,
    given_names: copy.givenNames,
    language: copy.language,
    product: copy.products.join('|'),
    email: copy.email ?? '',
    phone: copy.phone ?? '',
  };
  return { line: at, get: (column) => (cells[column] ?? '').trim() };
}

function invitedAt(copy: InvitationCopy, at: number): string | null {
  if (copy.start === null) return null;
  const ms = Date.parse(copy.start);
  if (Number.isNaN(ms) || !/T/.test(copy.start)) throw new ImportError('import.instant_invalid', { column: 'start', value: copy.start }, at);
  return new Date(ms).toISOString();
}

export interface PulledInvitations {
  open: InvitationCopy[];
  /** Codes of the letters the backend withdrew (Task cancelled). */
  withdrawn: string[];
}

export async function pullInvitations(client: FederalClient, centreId: string): Promise<PulledInvitations> {
  const tasks = await client.search<Task>(
    'Task',
    { 'owner:identifier': token(CENTRE_SYSTEM, centreId), code: token(TASK_CODE_SYSTEM, INVITATION_CODE), status: 'requested,cancelled', _count: '500' },
    MAX,
  );
  const copyOf = (t: Task) => invitationFromFhir(t);
  return {
    open: tasks.filter((t) => t.status === 'requested').map(copyOf).filter((c): c is InvitationCopy => c !== null),
    withdrawn: tasks.filter((t) => t.status === 'cancelled').map(copyOf).flatMap((c) => (c === null ? [] : [c.code])),
  };
}

/**
 * Checks and writes the pulled invitations in one transaction; nothing known is changed, except
 * that the codes the backend withdrew are marked withdrawn.
 */
export function storePulledInvitations(db: Db, centreId: string, day: string, copies: readonly InvitationCopy[], now: Date, withdrawnCodes: readonly string[] = []): InvitationsPullReport {
  const report: InvitationsPullReport = { added: 0, citizens: 0, unchanged: 0, kept: 0, withdrawn: 0, refused: 0, refusals: [] };
  const today = localDateOf(now);
  db.transaction(() => {
    const codes = new Set<string>();
    copies.forEach((copy, i) => {
      const at = i + 1;
      let p: PlannedInvitation;
      try {
        p = checkedInvitation(db, rowOf(copy, at), today, invitedAt(copy, at));
        // Check-in matches codes whatever their case: the first of two such codes is taken.
        if (codes.has(invitationCodeKey(p.code))) throw new ImportError('import.duplicate', { column: 'code', value: p.code }, at);
      } catch (error) {
        if (!isImportError(error)) throw error;
        report.refused++;
        report.refusals.push({ code: error.code, at });
        return;
      }
      codes.add(invitationCodeKey(p.code));
      const known = knownInvitation(db, p);
      if (known === 'same') report.unchanged++;
      else if (known === 'other') report.kept++;
      else {
        if (!findCitizen(db, p.ssin)) report.citizens++;
        writeInvitation(db, centreId, p, 'sync', now);
        report.added++;
      }
    });
    for (const code of withdrawnCodes) report.withdrawn += withdrawInvitationsByCode(db, code, 'backend', now.toISOString());
    notePull(db, 'invitations', day, copies.length, now.toISOString());
  }).immediate();
  return report;
}
