import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, found from this file so the host works from any working directory. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the host');
    dir = parent;
  }
  return dir;
}

export function rendererDir(): string {
  return join(projectRoot(), 'dist', 'renderer');
}

/** Where a station keeps its files unless told otherwise: the user's data folder, per station. */
export function defaultDataDir(stationId: string): string {
  const base = process.env.XDG_DATA_HOME ? resolve(process.env.XDG_DATA_HOME) : join(homedir(), '.local', 'share');
  return join(base, 'dosedesk', stationId);
}

/** The station database in a folder (the same file as databasePath in station.ts, without loading the station). */
export function databaseFileOf(dataDir: string): string {
  return join(dataDir, 'station.sqlite');
}
