import { spawn } from 'node:child_process';
import type { Benchmark } from '../harness';
import { cliNodeArgs, ensureCliBuilt } from '../../scripts/cli-bundle.mjs';

/** One whole `npm run -s cli -- parse` process (without npm's own start-up): spawn to exit. */
function parseOnce(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliNodeArgs('parse', '--today', '2026-05-06', text), { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && out.startsWith('{"kind":"ssin"') ? resolve() : reject(new Error(`parse exited ${code}: ${out}`))));
  });
}

/** The operator command line answering `parse` from the built bundle, start to exit. */
export const cliParse: Benchmark = {
  name: 'cli parse command, process start to answer',
  budgetMs: 500,
  samples: 20,
  warmup: 2,
  printSamples: true,
  async setup() {
    await ensureCliBuilt();
    return { sample: () => parseOnce('85.07.30-033.28') };
  },
};
