import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface StandInProcess {
  /** FHIR base, e.g. http://127.0.0.1:4567/fhir */
  url: string;
  /** Server root for /admin, e.g. http://127.0.0.1:4567 */
  rootUrl: string;
  stop(): Promise<void>;
}

export interface StandInOptions {
  /** Delay before each request is handled. */
  latencyMs?: number;
  /** Largest transaction accepted, in entries (`--max-bundle-entries`); unset: no cap. */
  maxBundleEntries?: number;
}

/**
 * The stand-in as the CLI runs it, in its own process (as the real backend is another machine):
 * the station's client and the backend do not share one event loop.
 */
export async function startStandIn(dataDir: string, options: number | StandInOptions = {}): Promise<StandInProcess> {
  const { latencyMs = 0, maxBundleEntries } = typeof options === 'number' ? { latencyMs: options } : options;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'src/cli/main.ts'),
      'federal-sim',
      '--port',
      '0',
      '--data',
      dataDir,
      ...(latencyMs ? ['--latency-ms', String(latencyMs)] : []),
      ...(maxBundleEntries !== undefined ? ['--max-bundle-entries', String(maxBundleEntries)] : []),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stderr!.on('data', () => {});
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`federal-sim did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString('utf8');
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`federal-sim exited (${code}): ${out}`)));
  });
  return {
    url,
    rootUrl: url.replace(/\/fhir$/, ''),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
