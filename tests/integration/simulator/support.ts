import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cliNodeArgs, ensureCliBuilt } from '../../../scripts/cli-bundle.mjs';

export const ROOT = join(__dirname, '..', '..', '..');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npm run -s cli -- <args>` without npm in between: the built command line (rebuilt first if a
 * source changed), so that the simulator's station processes are the bundle too.
 */
export async function runCli(args: string[], timeoutMs: number): Promise<CliRun> {
  await ensureCliBuilt();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliNodeArgs(...args), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} did not finish in ${timeoutMs} ms:\n${stderr.slice(-3000)}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The summary: the last line of stdout, one JSON object. */
export function lastJsonLine(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]!) as Record<string, unknown>;
}
