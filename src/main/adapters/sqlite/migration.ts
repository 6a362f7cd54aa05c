import type Database from 'better-sqlite3';

/**
 * One schema step. Migrations are numbered, append-only and never edited once released: a change
 * to the schema is a new migration. Each runs in its own transaction and bumps user_version.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
