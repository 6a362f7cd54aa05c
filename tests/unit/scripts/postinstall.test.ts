import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths';
import { postinstall } from '../../../scripts/postinstall.mjs';

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('postinstall', () => {
  it('is what npm ci runs after installing', () => {
    expect(pkg.scripts.postinstall).toBe('node scripts/postinstall.mjs');
  });

  it('builds once the native modules are built, so the first start has nothing to build', async () => {
    const steps: string[] = [];
    const lines: string[] = [];
    const code = await postinstall({
      native: async () => (steps.push('native'), 0),
      build: async () => (steps.push('build'), 0),
      log: (line) => lines.push(line),
    });
    expect(code).toBe(0);
    expect(steps).toEqual(['native', 'build']);
    expect(lines.join('\n')).toContain('npm start` starts from it');
  });

  it('fails the install when a native module does not build, and builds nothing then', async () => {
    const steps: string[] = [];
    const code = await postinstall({ native: async () => (steps.push('native'), 1), build: async () => (steps.push('build'), 0), log: () => {} });
    expect(code).toBe(1);
    expect(steps).toEqual(['native']);
  });

  it('leaves a build that cannot run here to the first start, without failing the install', async () => {
    const lines: string[] = [];
    const code = await postinstall({ native: async () => 0, build: async () => 1, log: (line) => lines.push(line) });
    expect(code).toBe(0);
    expect(lines.join('\n')).toContain('`npm start` builds what is missing');
  });
});
