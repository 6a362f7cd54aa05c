import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildResources } from '../../../../../src/shared/i18n/translate';
import { PROJECT_ROOT } from '../../../../support/paths';

const DIRS = [join('src', 'main', 'station', 'imports'), join('src', 'cli', 'commands', 'centre')];

describe('centre import refusals are translated', () => {
  it('has error.<code> in nl, fr, de and en for every import.* code the imports raise', () => {
    const codes = new Set<string>();
    for (const dir of DIRS) {
      for (const name of readdirSync(join(PROJECT_ROOT, dir))) {
        for (const m of readFileSync(join(PROJECT_ROOT, dir, name), 'utf8').matchAll(/'(import\.[a-z_]+)'/g)) codes.add(m[1]!);
      }
    }
    expect(codes.size).toBeGreaterThan(20);
    const resources = buildResources();
    const missing = [...codes].flatMap((code) => (['nl', 'fr', 'de', 'en'] as const).filter((l) => !resources[l].translation[`error.${code}`]).map((l) => `${l}:${code}`));
    expect(missing).toEqual([]);
  });
});
