import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliNodeArgs, ensureCliBuilt } from '../../../scripts/cli-bundle.mjs';

/**
 * Every end-to-end station runs on this clock unless a test gives its own: a Wednesday the demo
 * centre is open, far from a daylight-saving change, so that no spec depends on the real day, the
 * day of the week or the hour it runs at.
 */
export const STATION_CLOCK = '2026-05-06T09:30:00+02:00';

export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  child: ChildProcess;
  /** The station's own time now (its clock started at `--clock` and runs on). */
  now(): Date;
  /** Stops the host; the data folder (and its key file next to it) is removed unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

export interface HostOptions {
  /** An existing station folder to open (e.g. the same station 21 days later); a fresh one otherwise. */
  dataDir?: string;
  /** Copy this seeded folder (and its key file) into the fresh one first: a demo centre in ~1 s instead of ~6 s. */
  template?: string;
  /** `--clock ISO`: the station runs as if it were this moment (default STATION_CLOCK). */
  clock?: string;
  /** `--port P`: the same address at every start, as a kiosk window's (default 0: any free port). */
  port?: number;
  extraArgs?: string[];
  /**
   * Resolve once the station says it is ready (opened, checked, the demo seeded and its staff
   * written), not at its address: the page server prints the address before the station has even
   * loaded, so a folder kept from a host stopped at its address may be half seeded.
   */
  ready?: boolean;
  /**
   * false: a real centre's station, started WITHOUT --demo on an empty folder (no template): it
   * opens on the set-up screen. Default true, the demo centre.
   */
  demo?: boolean;
}

/** The key file of the Node host sits next to its data folder (src/main/adapters/crypto/host-key.ts). */
export const keyFileOf = (dataDir: string): string => `${dataDir}.key`;

export function removeStationFolder(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keyFileOf(dataDir), { force: true });
}

/**
 * Starts `npm run -s cli -- host --demo` (or without --demo: `demo: false`) as a real process on a station folder and reads its URL:
 * the built command line (rebuilt first if a source changed), as stations run it.
 */
export async function startHostProcess(options: HostOptions | string[] = {}): Promise<HostProcess> {
  const opts: HostOptions = Array.isArray(options) ? { extraArgs: options } : options;
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'dosedesk-e2e-'));
  const demo = opts.demo ?? true;
  if (opts.template && !opts.dataDir && demo) {
    cpSync(opts.template, dataDir, { recursive: true });
    if (existsSync(keyFileOf(opts.template))) cpSync(keyFileOf(opts.template), keyFileOf(dataDir));
  }
  await ensureCliBuilt();
  const args = cliNodeArgs('host', ...(demo ? ['--demo'] : []), '--port', String(opts.port ?? 0), '--data', dataDir, '--clock', opts.clock ?? STATION_CLOCK, ...(opts.extraArgs ?? []));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env } });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start in 60 s:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const match = /open (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/.exec(out);
      if (match && (!opts.ready || out.includes('DoseDesk station ready'))) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited with ${code}:\n${stderr}`)));
  });
  const clockStart = Date.parse(opts.clock ?? STATION_CLOCK);
  const startedAt = Date.now();
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.hash.replace('#token=', ''),
    dataDir,
    child,
    now: () => new Date(clockStart + (Date.now() - startedAt)),
    async stop({ keepData = false } = {}) {
      // A process killed by a signal has no exit code, only a signal code: it has exited too.
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!keepData && !process.env.DOSEDESK_KEEP_TEST_DATA) removeStationFolder(dataDir);
    },
  };
}

/**
 * Calls the station's contract the way the page does (Bearer token, optional staff session), for
 * test set-up (printer address) and for checking what the back end refuses.
 */
export async function callHost<T = unknown>(host: Pick<HostProcess, 'origin' | 'token'>, method: string, args: unknown = {}, session?: string): Promise<{ ok: true; result: T } | { ok: false; error: { code: string; message: string } }> {
  const response = await fetch(`${host.origin}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}`, ...(session ? { 'X-DoseDesk-Session': session } : {}) },
    body: JSON.stringify(args),
  });
  return (await response.json()) as { ok: true; result: T } | { ok: false; error: { code: string; message: string } };
}

/** Signs a demo staff member in over HTTP and returns the session id. */
export async function signInOverHttp(host: Pick<HostProcess, 'origin' | 'token'>, login: string, pin = '1234'): Promise<string> {
  const answer = await callHost<{ sessionId: string }>(host, 'staff.signIn', { login, pin });
  if (!answer.ok) throw new Error(`sign-in of ${login} failed: ${answer.error.code}`);
  return answer.result.sessionId;
}
