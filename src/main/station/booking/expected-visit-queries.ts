import type { Db } from '../../adapters/sqlite/database';

/** Read-only SQL behind the day plan's expected dose-1 visits (the invitations and this station's own appointments). */

export interface InvitedRow {
  ssin: string;
  /** JSON array of the product codes the invitation allows. */
  eligible_products: string;
  invited_at: string;
}

/** Active invitations whose invited time (`start` of the import) falls in [from, to). */
export function invitationsStartingBetween(db: Db, from: string, to: string): InvitedRow[] {
  return db
    .prepare(
      `SELECT c.ssin, i.eligible_products, i.invited_at FROM invitations i JOIN citizens c ON c.id = i.citizen_id
       WHERE i.status = 'active' AND i.invited_at >= ? AND i.invited_at < ? ORDER BY i.invited_at, c.ssin`,
    )
    .all(from, to) as InvitedRow[];
}

/** People who already have an appointment here on the day (booked, fulfilled or missed): the plan counts them as bookings. */
export function ssinsWithAppointmentOn(db: Db, date: string): Set<string> {
  const rows = db.prepare(`SELECT DISTINCT ssin FROM appointments WHERE local_date = ? AND status != 'cancelled'`).all(date) as { ssin: string }[];
  return new Set(rows.map((r) => r.ssin));
}
