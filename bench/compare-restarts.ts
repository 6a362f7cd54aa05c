import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchKioskBrowser } from './support/chromium';
import { openInteractive } from './benchmarks/host-cold-start';
import { freePort } from '../tests/support/free-port';
import { STATION_CLOCK } from '../tests/e2e/support/host-process';

/**
 * `npx tsx bench/compare-restarts.ts CHECKOUT_A CHECKOUT_B [PAIRS]`: the kiosk cold start of two
 * builds, measured by alternating their restarts in one kiosk browser (A B, B A, ...), each on its
 * own seeded folder and port. On a machine whose speed drifts from minute to minute, two budgeted
 * runs minutes apart cannot tell a 50 ms change from the drift; alternating pairs share it. Each
 * checkout must have its command line and screens built (dist/cli, dist/renderer); nothing is
 * rebuilt here. Prints p50, p95 and the mean of each, time from spawn to interactive page.
 */

interface Started {
  url: string;
  stop(): Promise<void>;
}

/** The checkout's own built host on `dataDir`, resolved at its address (or, with `ready`, once ready). */
async function startBuilt(checkout: string, dataDir: string, port: number, ready = false): Promise<Started> {
  const { cliNodeArgs } = (await import(pathToFileURL(join(checkout, 'scripts', 'cli-bundle.mjs')).href)) as { cliNodeArgs: (...args: string[]) => string[] };
  const child = spawn(process.execPath, cliNodeArgs('host', '--demo', '--port', String(port), '--data', dataDir, '--clock', STATION_CLOCK), { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /open (http:\/\/\S+)/.exec(out);
      if (match && (!ready || out.includes('station ready'))) done(match[1]!);
    });
    child.once('exit', (code) => fail(new Error(`host of ${checkout} exited with ${code}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const percentile = (values: number[], p: number): number => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function main(): Promise<number> {
  const [a, b, pairsArg] = process.argv.slice(2);
  if (!a || !b) {
    process.stderr.write('Usage: npx tsx bench/compare-restarts.ts CHECKOUT_A CHECKOUT_B [PAIRS]\n');
    return 2;
  }
  const pairs = Number(pairsArg ?? 10);
  const temp = mkdtempSync(join(tmpdir(), 'dosedesk-compare-'));
  const sides = await Promise.all(
    [a, b].map(async (checkout, i) => ({ checkout: resolve(checkout), dataDir: join(temp, `station-${i}`), port: await freePort(), samples: [] as number[] })),
  );
  const kiosk = await launchKioskBrowser();
  try {
    // Seeded once each, then restarted; the first pair warms the browser's caches and is not counted.
    for (const side of sides) await (await startBuilt(side.checkout, side.dataDir, side.port, true)).stop();
    for (let pair = 0; pair <= pairs; pair++) {
      for (const side of pair % 2 ? [...sides].reverse() : sides) {
        const page = await kiosk.context.newPage();
        const start = Date.now();
        const host = await startBuilt(side.checkout, side.dataDir, side.port);
        const interactive = await openInteractive(page, host);
        await host.stop();
        if (pair > 0) side.samples.push(interactive - start);
      }
    }
  } finally {
    await kiosk.close();
    rmSync(temp, { recursive: true, force: true });
  }
  for (const [i, side] of sides.entries()) {
    const mean = side.samples.reduce((sum, v) => sum + v, 0) / side.samples.length;
    process.stdout.write(`${'AB'[i]} ${side.checkout}: p50 ${percentile(side.samples, 50)} ms, p95 ${percentile(side.samples, 95)} ms, mean ${Math.round(mean)} ms (${side.samples.join(', ')})\n`);
  }
  return 0;
}

process.exitCode = await main();
