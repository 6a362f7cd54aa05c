import { spawn } from 'node:child_process';
import { chmodSync, cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveHostDatabaseKey } from '../../../../src/main/adapters/crypto/host-key';
import type { Language } from '../../../../src/shared/i18n/languages';
import { openTestStation } from '../../../support/station';

export const root = join(import.meta.dirname, '..', '..', '..', '..');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs the real operator command line (`src/cli/main.ts` through tsx, as the e2e host helper does)
 * and collects its output. A command that does not end within `timeoutMs` (a host that started
 * instead of refusing) is stopped and reported with code null.
 */
export function cli(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/cli/main.ts', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DOSEDESK_DB_KEY: '', DOSEDESK_DB_KEY_FILE: '', DOSEDESK_DEBUG: '', ...options.env },
    });
    let out = '';
    let err = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // A host that printed "ready" did not refuse: stop it now rather than wait for the timeout.
      if (out.includes('station ready')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolveRun({ code: timedOut || out.includes('station ready') ? null : code, out, err });
    });
  });
}

export const keyFileOf = (dataDir: string): string => `${dataDir}.key`;

/**
 * A station folder as the Node host leaves it: `<dir>/station` (station.sqlite, settings.json,
 * station.json) with its key file `<dir>/station.key`, holding one citizen and one audit entry.
 */
export function provisionHostFolder(dir: string, language: Language): string {
  const dataDir = join(dir, 'station');
  const { key } = resolveHostDatabaseKey(dataDir, { create: true, env: {} });
  const station = openTestStation({ dataDir, databaseKey: key!, settings: { language, stationId: 'station-7' } });
  const at = '2021-05-03T08:00:00.000Z';
  station.ctx.db
    .prepare(`INSERT INTO citizens (id, ssin, family_name, given_names, birth_date, sex, language, source, created_at, updated_at) VALUES ('c1', '85073100130', 'Peeters', 'Ann', NULL, 'F', 'nl', 'checkin', ?, ?)`)
    .run(at, at);
  station.close();
  return dataDir;
}

/** Copies a provisioned folder and its key file to a new place (cp keeps the key's 0600 mode). */
export function copyStation(template: string, to: string): string {
  cpSync(template, to, { recursive: true });
  if (existsSync(keyFileOf(template))) {
    cpSync(keyFileOf(template), keyFileOf(to));
    chmodSync(keyFileOf(to), 0o600);
  }
  return to;
}

/** What every refusal must look like: one line with its code, no stack trace, non-zero exit. */
export function refusalCode(run: CliRun): string | null {
  if (run.code === null || run.code === 0) return null;
  const lines = run.err.trim().split('\n');
  if (lines.length !== 1 || /\n\s+at /.test(run.err)) return null;
  return /\[([a-z_.]+)\]/.exec(lines[0]!)?.[1] ?? null;
}
