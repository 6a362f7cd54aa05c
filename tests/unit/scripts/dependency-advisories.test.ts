import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths';

const root = PROJECT_ROOT;

interface Finding {
  path: string;
  name: string;
  version: string;
  id: string;
  severity: string;
}
interface Lock {
  packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean; name?: string }>;
}
interface AdvisoryModule {
  below(a: string, b: string): boolean;
  findAdvisories(lock: Lock): Finding[];
}
const load = async () => (await import(pathToFileURL(join(root, 'scripts', 'known-advisories.mjs')).href)) as AdvisoryModule;

describe('dependency advisories, offline (the registry audit endpoint does not answer here: `npm audit --omit=dev --audit-level=high` where it does)', () => {
  it('finds no listed high or critical advisory and no compromised release in package-lock.json', async () => {
    const { findAdvisories } = await load();
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lock;
    expect(findAdvisories(lock)).toEqual([]);
  });

  it('flags a runtime package below its fixed version, per major line, and leaves dev-only ones to the dev audit', async () => {
    const { findAdvisories } = await load();
    const lock: Lock = {
      packages: {
        '': { version: '0.1.0' },
        'node_modules/ws': { version: '8.17.0' },
        'node_modules/a/node_modules/ws': { version: '7.5.10' },
        'node_modules/tar-fs': { version: '2.1.3' },
        'node_modules/luxon': { version: '3.7.2' },
        'node_modules/minimist': { version: '1.2.5', dev: true },
        'node_modules/cross-spawn': { version: '7.0.3', devOptional: true },
      },
    };
    expect(findAdvisories(lock).map((f) => `${f.path}@${f.version} ${f.id}`)).toEqual([
      'node_modules/ws@8.17.0 GHSA-3h5v-q93c-6h6q',
      'node_modules/tar-fs@2.1.3 GHSA-vj76-c3g6-qr5v',
    ]);
  });

  it('refuses a compromised release even in a development tool', async () => {
    const { findAdvisories } = await load();
    const found = findAdvisories({ packages: { 'node_modules/eslint/node_modules/debug': { version: '4.4.2', dev: true }, 'node_modules/debug': { version: '4.4.3' } } });
    expect(found).toMatchObject([{ name: 'debug', version: '4.4.2', severity: 'critical' }]);
  });

  it('compares versions by number, not as text', async () => {
    const { below } = await load();
    expect(below('8.9.0', '8.17.1')).toBe(true);
    expect(below('8.17.1', '8.17.1')).toBe(false);
    expect(below('8.23.0', '8.17.1')).toBe(false);
    expect(below('1.2.10', '1.2.6')).toBe(false);
  });
});
