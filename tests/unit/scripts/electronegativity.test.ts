import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { contentSecurityPolicy } from '../../../src/main/host/static-files';
import { stationWebPreferences } from '../../../src/main/electron/window-options';
import { PROJECT_ROOT } from '../../support/paths';

const root = PROJECT_ROOT;

interface Finding {
  issue: string;
  severity: string;
  filename: string;
  sample: string;
}
interface ScriptModule {
  parseCsvLine(line: string): string[];
  parseReport(text: string): Record<string, string>[];
  isExcluded(finding: Finding): boolean;
}
const load = async () => (await import(pathToFileURL(join(root, 'scripts', 'electronegativity.mjs')).href)) as ScriptModule;

describe('scripts/electronegativity.mjs', () => {
  it('reads the scanner CSV report, quoted commas included', async () => {
    const { parseReport } = await load();
    const report = [
      'issue, severity, confidence, filename, location, sample, description, url',
      `SANDBOX_JS_CHECK,"MEDIUM","FIRM","/w/src/main/electron/main.ts","62:11","window = new BrowserWindow(stationWindowOptions(p, { kiosk, devTools: x }));","Use sandbox, please",https://x`,
    ].join('\n');
    expect(parseReport(report)).toEqual([
      {
        issue: 'SANDBOX_JS_CHECK',
        severity: 'MEDIUM',
        confidence: 'FIRM',
        filename: '/w/src/main/electron/main.ts',
        location: '62:11',
        sample: 'window = new BrowserWindow(stationWindowOptions(p, { kiosk, devTools: x }));',
        description: 'Use sandbox, please',
        url: 'https://x',
      },
    ]);
  });

  it('excludes only the justified false positives: that check, that file, that call', async () => {
    const { isExcluded } = await load();
    const base = { severity: 'HIGH', filename: '/w/src/main/electron/main.ts', sample: 'new BrowserWindow(stationWindowOptions(p, {}))' };
    expect(isExcluded({ ...base, issue: 'CONTEXT_ISOLATION_JS_CHECK' })).toBe(true);
    expect(isExcluded({ ...base, issue: 'CONTEXT_ISOLATION_JS_CHECK', filename: '/w/test-results/electronegativity/dist-scan/main/electron.js' })).toBe(true);
    expect(isExcluded({ ...base, issue: 'NODE_INTEGRATION_JS_CHECK' })).toBe(false);
    expect(isExcluded({ ...base, issue: 'CONTEXT_ISOLATION_JS_CHECK', filename: '/w/src/main/electron/other.ts' })).toBe(false);
    expect(isExcluded({ ...base, issue: 'CONTEXT_ISOLATION_JS_CHECK', sample: 'new BrowserWindow({ webPreferences: { contextIsolation: false } })' })).toBe(false);
    expect(isExcluded({ ...base, issue: 'LIMIT_NAVIGATION_GLOBAL_CHECK', filename: 'N/A', sample: 'N/A' })).toBe(false);
  });

  it('starts offline under the Node that runs the tests: its translation fetch fails at once instead of crashing in a retry timer', () => {
    const i18n = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'locales', 'i18n.js');
    const probe = `require(${JSON.stringify(i18n)})().then(() => console.log('scanner ready'))`;
    const run = spawnSync(process.execPath, ['--require', join(root, 'scripts', 'electronegativity-offline.cjs'), '-e', probe], { cwd: root, encoding: 'utf8', timeout: 20_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('scanner ready');
  });

  it('writes a report with findings when it scans (an empty report fails the script)', () => {
    const t = makeTempDir();
    try {
      writeFileSync(join(t.dir, 'main.js'), "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true } });\n");
      const scanner = join(root, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
      const version = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version as string;
      const out = join(t.dir, 'report.csv');
      const args = ['--require', join(root, 'scripts', 'electronegativity-offline.cjs'), scanner, '-i', t.dir, '-x', 'AvailableSecurityFixesGlobalCheck', '-e', version, '-o', out, '-v', 'false'];
      spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
      expect(readFileSync(out, 'utf8')).toContain('NODE_INTEGRATION_JS_CHECK');
      expect(readFileSync(join(root, 'scripts', 'electronegativity.mjs'), 'utf8')).toContain("!readFileSync(output, 'utf8').trim()");
    } finally {
      t.cleanup();
    }
  });

  it('is a step of npm test, before the end-to-end tests', () => {
    const test = readFileSync(join(root, 'scripts', 'test.mjs'), 'utf8');
    const at = (name: string) => test.indexOf(`['${name}'`);
    expect(at('electronegativity')).toBeGreaterThan(at('build'));
    expect(at('electronegativity')).toBeLessThan(at('end-to-end tests'));
  });

  it('sees the fixes of real findings: middle-click off, and the same CSP on every Electron response', () => {
    expect(stationWebPreferences('/p', false).disableBlinkFeatures).toBe('Auxclick');
    const security = readFileSync(join(root, 'src', 'main', 'electron', 'security.ts'), 'utf8');
    expect(security).toContain(`"${contentSecurityPolicy("'none'")}"`);
  });
});
