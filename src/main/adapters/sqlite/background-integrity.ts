import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What the worker found: the problems (none: the file is sound), or that it could not tell. */
export type IntegrityVerdict = { problems: string[] } | { unknown: string };

/** A check under way: its verdict, and stop() for a start refused before it needed the verdict. */
export interface IntegrityCheck {
  readonly verdict: Promise<IntegrityVerdict>;
  stop(): void;
}

/**
 * Starts the full integrity check of a station database on another thread, so that it runs while
 * this one loads the rest of the station. Only from the built command line (the worker is one of
 * its entries); elsewhere null, and the check runs at open as always.
 */
export function startIntegrityCheck(file: string, key: string | null): IntegrityCheck | null {
  if (!import.meta.url.endsWith('.mjs')) return null;
  const entry = fileURLToPath(new URL('./integrity-worker.mjs', import.meta.url));
  if (!existsSync(entry)) return null;
  // Not unref'd: while the host awaits the verdict, the worker is what keeps the process alive.
  const worker = new Worker(entry, { workerData: { file, key } });
  const verdict = new Promise<IntegrityVerdict>((resolve) => {
    worker.once('message', (found: IntegrityVerdict) => resolve(found));
    worker.once('error', (error) => resolve({ unknown: error.message }));
    worker.once('exit', (code) => resolve({ unknown: `worker exited with ${code}` }));
  });
  return { verdict, stop: () => void worker.terminate() };
}
