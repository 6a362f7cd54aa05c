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
 * Starts the full integrity check of a station database on another thread once `after` settles,
 * so that it runs beside the station instead of before it. Only from the built command line (the
 * worker is one of its entries); elsewhere null, and the check runs at open as always.
 */
export function startIntegrityCheck(file: string, key: string | null, after: Promise<unknown> = Promise.resolve()): IntegrityCheck | null {
  if (!import.meta.url.endsWith('.mjs')) return null;
  const entry = fileURLToPath(new URL('./integrity-worker.mjs', import.meta.url));
  if (!existsSync(entry)) return null;
  let worker: Worker | null = null;
  let stopped = false;
  const verdict = after.then(
    () =>
      new Promise<IntegrityVerdict>((resolve) => {
        if (stopped) return resolve({ unknown: 'stopped' });
        // Not unref'd: while the host awaits the verdict, the worker is what keeps the process alive.
        worker = new Worker(entry, { workerData: { file, key } });
        worker.once('message', (found: IntegrityVerdict) => resolve(found));
        worker.once('error', (error) => resolve({ unknown: error.message }));
        worker.once('exit', (code) => resolve({ unknown: `worker exited with ${code}` }));
      }),
  );
  return {
    verdict,
    stop: () => {
      stopped = true;
      void worker?.terminate();
    },
  };
}
