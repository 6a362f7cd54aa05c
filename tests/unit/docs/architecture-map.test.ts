import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src/shared/contract';
import { PROJECT_ROOT } from '../../support/paths';

const root = PROJECT_ROOT;
const architecture = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');
const map = architecture.slice(architecture.indexOf('## Map'), architecture.indexOf('## Rules'));

/** Tables as the migrations leave them (a table created under a temporary name and renamed counts under its final name). */
function tables(): string[] {
  const dir = join(root, 'src/main/adapters/sqlite/migrations');
  const created = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => /^\d{3}-.*\.ts$/.test(f))) {
    const sql = readFileSync(join(dir, file), 'utf8');
    for (const m of sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/g)) created.add(m[1]!);
    for (const m of sql.matchAll(/ALTER TABLE (\w+) RENAME TO (\w+)/g)) {
      created.delete(m[1]!);
      created.add(m[2]!);
    }
    for (const m of sql.matchAll(/DROP TABLE (?:IF EXISTS )?(\w+)/g)) created.delete(m[1]!);
  }
  return [...created].sort();
}

describe('docs/ARCHITECTURE.md map', () => {
  it('names every contract namespace', () => {
    expect(map.length).toBeGreaterThan(100);
    const namespaces = [...new Set(METHOD_NAMES.map((m) => m.split('.')[0]!))];
    expect(namespaces.filter((ns) => !map.includes(`\`${ns}.`))).toEqual([]);
  });

  it('places every table of the migrations', () => {
    const all = tables();
    expect(all.length).toBeGreaterThan(30);
    expect(all.filter((t) => !map.includes(`\`${t}\``))).toEqual([]);
  });
});
