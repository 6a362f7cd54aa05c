import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPcscBinding } from '../../src/main/adapters/cardreader/pcsc-binding';

/** Debian paths of the PC/SC daemon and the vsmartcard virtual reader driver. */
export const PCSCD_BINARY = '/usr/sbin/pcscd';
export const PCSCD_SOCKET = process.env.PCSCLITE_CSOCK_NAME ?? '/run/pcscd/pcscd.comm';
export const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
export const VPCD_CONFIG = '/etc/reader.conf.d/vpcd';
export const INSTALL_HINT = 'apt-get install pcscd vsmartcard-vpcd libpcsclite-dev pcsc-tools, then npm install (builds the optional npm package pcsclite)';

/** What is missing for the real PC/SC stack, as sentences; empty when everything is there. */
export async function missingPcscPrerequisites(): Promise<string[]> {
  const missing: string[] = [];
  if (!existsSync(PCSCD_BINARY)) missing.push(`${PCSCD_BINARY} (Debian package pcscd)`);
  if (!existsSync(VPCD_DRIVER) || !existsSync(VPCD_CONFIG)) missing.push(`${VPCD_DRIVER} and ${VPCD_CONFIG} (Debian package vsmartcard-vpcd)`);
  try {
    await loadPcscBinding();
  } catch (error) {
    missing.push(`the npm package pcsclite, built against libpcsclite-dev (${(error as Error).message.split('\n')[0]})`);
  }
  return missing;
}

/** True when something answers on pcscd's socket. */
export function pcscdAnswers(path = PCSCD_SOCKET): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** True when a TCP port listens on any address (read from /proc: connecting would insert a card). */
export function tcpListening(port: number): boolean {
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    const rows = readFileSync(table, 'utf8').split('\n').slice(1);
    if (rows.some((row) => row.trim().split(/\s+/)[1]?.endsWith(`:${hex}`) && row.trim().split(/\s+/)[3] === '0A')) return true;
  }
  return false;
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string, stepMs = 25): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

export interface PcscdHandle {
  /** False when a pcscd was already running: then it is left running. */
  readonly startedByUs: boolean;
  readonly logFile: string | undefined;
  /** Milliseconds from spawn until vpcd listened (0 when it was already running). */
  readonly startupMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `pcscd -f` unless one already answers, and waits until vpcd listens on 35963/35964.
 * `stop()` only stops a daemon this call started.
 */
export async function ensurePcscd(options: { timeoutMs?: number } = {}): Promise<PcscdHandle> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (await pcscdAnswers()) {
    await waitUntil(() => tcpListening(35963), timeoutMs, 'vpcd to listen on 35963 (is vsmartcard-vpcd installed?)');
    return { startedByUs: false, logFile: undefined, startupMs: 0, stop: async () => {} };
  }
  const logFile = join(tmpdir(), `dosedesk-pcscd-${process.pid}-${Date.now()}.log`);
  const fd = openSync(logFile, 'a');
  const started = Date.now();
  const child: ChildProcess = spawn(PCSCD_BINARY, ['--foreground'], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  child.once('error', () => (exited = true));
  await waitUntil(async () => exited || (tcpListening(35963) && (await pcscdAnswers())), timeoutMs, `pcscd to start (log: ${logFile})`);
  if (exited) throw new Error(`pcscd exited at once; see ${logFile}`);
  const startupMs = Date.now() - started;
  return {
    startedByUs: true,
    logFile,
    startupMs,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}
