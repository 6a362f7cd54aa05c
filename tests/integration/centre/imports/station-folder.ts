import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStationHost } from '../../../../src/main/host/start-host';
import { openStationFile } from '../../../../src/main/adapters/sqlite/station-file';
import type { Db } from '../../../../src/main/adapters/sqlite/database';

/**
 * A blank station folder as the Node host leaves it (migrated, encrypted, no demo seed), the
 * real `centre import-*` command run on it, and a digest of everything its database holds.
 */
export async function blankStation(dir: string, settings: { language?: string } = {}): Promise<string> {
  const dataDir = join(dir, 'station-1');
  const host = await startStationHost({ demo: false, port: 0, dataDir, stationId: 'station-1', log: () => {} });
  await host.close();
  if (settings.language) {
    const file = join(dataDir, 'settings.json');
    const current = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...current, language: settings.language }));
  }
  return dataDir;
}

export interface CliAnswer {
  code: number | null;
  json: Record<string, unknown> & { error?: { code: string; message: string; line: number | null } };
  lines: string[];
  err: string;
}

export function centreCli(step: string, args: string[]): CliAnswer {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'centre', step, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOSEDESK_CARD_READER: 'off' },
  });
  const lines = run.stdout.split('\n').filter((l) => l !== '');
  return { code: run.status, json: lines.length === 1 ? (JSON.parse(lines[0]!) as CliAnswer['json']) : {}, lines, err: run.stderr };
}

export function writeCsv(dir: string, name: string, lines: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Row counts and a hash of every table: equal digests mean the import wrote nothing. */
export function dbDigest(db: Db): { counts: Record<string, number>; hash: string } {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  const hash = createHash('sha256');
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = db.prepare(`SELECT * FROM "${table}"`).all().map((r) => JSON.stringify(r)).sort();
    counts[table] = rows.length;
    hash.update(table).update(rows.join('\n'));
  }
  return { counts, hash: hash.digest('hex') };
}

export function folderDigest(dataDir: string): { counts: Record<string, number>; hash: string } {
  const { db } = openStationFile(dataDir, { readonly: true });
  try {
    return dbDigest(db);
  } finally {
    db.close();
  }
}

export function withStationDb<T>(dataDir: string, read: (db: Db) => T): T {
  const { db } = openStationFile(dataDir, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}
