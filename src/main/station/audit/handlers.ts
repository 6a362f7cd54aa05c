import type { auditMethods } from '../../../shared/api/audit';
import type { StationContext } from '../base/context';
import { actorLabel, awaiting, workOf, type HandlersFor } from '../base/handlers';
import { recentAudit, verifyAudit } from './audit-log';
import { runRetention } from './retention';

/** The handlers of audit.* methods: verify and read the trail, run retention. */
/** The retention period is part of the security policy, which the staff slice keeps. */
export interface AuditOptions {
  retentionDays(): number;
}

export function auditHandlers(ctx: StationContext, options: AuditOptions): HandlersFor<typeof auditMethods> {
  const db = ctx.db;
  const clock = ctx.clock;
  return {
    'audit.verify': () => verifyAudit(db),
    'audit.recent': ({ limit }) => ({ entries: recentAudit(db, limit ?? 100) }),

    // Awaiting: the purge is the call's transaction, and the WAL is truncated only after it commits.
    'audit.runRetention': awaiting(async ({ dryRun }, call) =>
      runRetention(db, { now: clock.now(), retentionDays: options.retentionDays(), dryRun: dryRun ?? false, by: actorLabel(call), work: workOf(call, db) }),
    ),
  };
}
