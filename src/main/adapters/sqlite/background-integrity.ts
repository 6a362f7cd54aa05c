import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/** What the worker found: the problems (none: the file is sound), or that it could not tell. */
export type IntegrityVerdict = { problems: string[] } | { unknown: string };

/**
 * Starts the full integrity check of a station database on another thread, so that it runs while
 * this one loads the rest of the station. Only from the built command line (the worker is one of
 * its entries); elsewhere null, and the check runs at open as always.
 */
export function startIntegrityCheck(file: string, key: string | null): Promise<IntegrityVerdict> | null {
  if (!import.meta.url.endsWith('.mjs')) return null;
  const entry = fileURLToPath(new URL('./integrity-worker.mjs', import.meta.url));
  if (!existsSync(entry)) return null;
  return new Promise((resolve) => {
    const worker = new Worker(entry, { workerData: { file, key } });
    // A start refused meanwhile (a lost settings file, say) must not wait for the check to end.
    worker.unref();
    worker.once('message', (verdict: IntegrityVerdict) => resolve(verdict));
    worker.once('error', (error) => resolve({ unknown: error.message }));
    worker.once('exit', (code) => resolve({ unknown: `worker exited with ${code}` }));
  });
}
