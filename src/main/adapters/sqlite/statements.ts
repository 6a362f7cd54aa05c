import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from './database';

type Statement = BetterSqlite3.Statement<unknown[]>;

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * The statement for `sql` on this connection, prepared once and reused: hot paths (the outbox
 * drain marks thousands of rows a minute) would otherwise spend more time preparing than running.
 */
export function prepared(db: Db, sql: string): Statement {
  let byText = cache.get(db);
  if (!byText) {
    byText = new Map();
    cache.set(db, byText);
  }
  let statement = byText.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    byText.set(sql, statement);
  }
  return statement;
}
