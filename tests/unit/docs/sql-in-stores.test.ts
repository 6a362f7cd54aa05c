import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths';

/**
 * The house rule of issue 12: SQL lives only in store modules (`store.ts`, `*-store.ts`, read-only
 * `*-queries.ts`), in migrations, and in the storage adapter itself (connection pragmas, the
 * migration ledger, the outbox every slice enqueues to). The stand-in federal backend is a
 * development device with its own database.
 */
const ALLOWED_FOLDERS = ['src/main/adapters/sqlite/', 'src/federal-sim/'];
const isStore = (file: string) => /(^|\/)(store|[\w-]+-store|[\w-]+-queries)\.ts$/.test(file);
const STATEMENT = /\.prepare\s*\(|\bdb\s*\.\s*exec\s*\(|\.pragma\s*\(/;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [relative(PROJECT_ROOT, path)] : [];
  });
}

describe('SQL only in store modules', () => {
  const files = sources(join(PROJECT_ROOT, 'src'));

  it('finds the source tree and its stores', () => {
    expect(files.length).toBeGreaterThan(200);
    expect(files.filter(isStore).length).toBeGreaterThan(10);
  });

  it('runs no statement outside store modules, migrations and the storage adapter', () => {
    const offenders = files
      .filter((file) => !isStore(file) && !ALLOWED_FOLDERS.some((folder) => file.startsWith(folder)))
      .flatMap((file) =>
        readFileSync(join(PROJECT_ROOT, file), 'utf8')
          .split('\n')
          .flatMap((line, i) => (STATEMENT.test(line) ? [`${file}:${i + 1}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
