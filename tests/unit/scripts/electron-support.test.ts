import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths';

const root = PROJECT_ROOT;
const script = join(root, 'scripts', 'electron-support.mjs');

interface Releases {
  cadenceDays: number;
  supportedMajors: number;
  majors: { major: number; released: string }[];
}
interface SupportModule {
  loadReleases(): Releases;
  majorOfRange(range: string): number;
  supportWindow(releases: Releases, date: Date): number[];
  checkPinnedMajor(releases: Releases, major: number, date: Date): { ok: boolean; window: number[]; message: string };
  supportWarnings(releases: Releases, major: number, date: Date): string[];
}
const load = async () => (await import(pathToFileURL(script).href)) as SupportModule;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

/** The day this pin was last checked against the registry; move it forward when the table is refreshed. */
const CHECKED_ON = new Date('2026-12-06T12:00:00Z');

describe('Electron support window (checklist 16: latest three stable majors)', () => {
  it('keeps the pinned Electron major inside the window on the day it was checked', async () => {
    const { loadReleases, majorOfRange, checkPinnedMajor } = await load();
    const major = majorOfRange(pkg.devDependencies.electron!);
    const check = checkPinnedMajor(loadReleases(), major, CHECKED_ON);
    expect(check.window).toEqual([45, 44, 43]);
    expect(check.ok, check.message).toBe(true);
  });

  it('installs the pinned major (the scanner and the rebuild read the installed version)', async () => {
    const { majorOfRange } = await load();
    const installed = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
    expect(majorOfRange(installed.version)).toBe(majorOfRange(pkg.devDependencies.electron!));
  });

  it('refuses a major that has left the window, and one newer than the table knows', async () => {
    const { loadReleases, checkPinnedMajor } = await load();
    const releases = loadReleases();
    const old = checkPinnedMajor(releases, 39, CHECKED_ON);
    expect(old.ok).toBe(false);
    expect(old.message).toContain('left the support window');
    expect(old.message).toContain('move package.json\'s electron to 45');
    expect(checkPinnedMajor(releases, 46, CHECKED_ON)).toMatchObject({ ok: false });
  });

  it('moves the window when new majors come out, whatever order the table is in', async () => {
    const { supportWindow } = await load();
    const releases: Releases = {
      cadenceDays: 56,
      supportedMajors: 3,
      majors: [
        { major: 47, released: '2027-02-16' },
        { major: 45, released: '2026-10-21' },
        { major: 46, released: '2026-12-15' },
        { major: 44, released: '2026-08-25' },
      ],
    };
    expect(supportWindow(releases, new Date('2026-12-14T23:00:00Z'))).toEqual([45, 44]);
    expect(supportWindow(releases, new Date('2026-12-15T00:00:00Z'))).toEqual([46, 45, 44]);
    expect(supportWindow(releases, new Date('2027-03-01T00:00:00Z'))).toEqual([47, 46, 45]);
  });

  it('reads the major from a range or a version', async () => {
    const { majorOfRange } = await load();
    expect(majorOfRange('^45.6.1')).toBe(45);
    expect(majorOfRange('~44.0.0')).toBe(44);
    expect(majorOfRange('45.6.1')).toBe(45);
    expect(() => majorOfRange('latest')).toThrow(/cannot read/);
  });
});

describe('scripts/electron-support.mjs (the date-dependent warning, run with a fixed --today)', () => {
  const run = (today: string) => spawnSync(process.execPath, [script, '--today', today], { cwd: root, encoding: 'utf8' });

  it('is quiet while the table is fresh and the pin supported', () => {
    const out = run('2026-12-06');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('Electron 45 is supported on 2026-12-06');
    expect(out.stderr).not.toContain('WARNING');
  });

  it('warns that the table is stale once a release cadence has passed since its newest major', () => {
    const out = run('2027-01-20');
    expect(out.status).toBe(0);
    expect(out.stderr).toContain('WARNING: scripts/electron-releases.json ends at Electron 45');
    expect(out.stderr).toContain('npm view electron time --json');
  });

  it('refuses a date it cannot read', () => {
    expect(run('not-a-date').status).toBe(2);
  });

  it('runs with today\'s date as a step of npm test', () => {
    expect(readFileSync(join(root, 'scripts', 'test.mjs'), 'utf8')).toContain("'scripts/electron-support.mjs'");
  });
});
