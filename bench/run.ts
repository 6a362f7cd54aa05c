import { parseArgs } from 'node:util';
import os from 'node:os';
import { runBenchmark, type Benchmark, type BenchResult } from './harness';
import { BENCHMARKS } from './registry';
import { electronBinary } from '../scripts/electron-binary.mjs';

/**
 * `npm run bench [-- --json] [-- --only NAME]`: every benchmark as p50/p95 over repeated runs,
 * against its budget. With --json the last stdout line is {"results":[...]}.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string', multiple: true } }, strict: true });
  const selected: Benchmark[] = values.only?.length ? BENCHMARKS.filter((b) => values.only!.some((o) => b.name.includes(o))) : [...BENCHMARKS];
  const log = (line: string) => (values.json ? process.stderr : process.stdout).write(line + '\n');
  log(`DoseDesk benchmarks on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
  // Electron's main process loads the same bundles as the Node host; its own start needs its binary.
  if (!electronBinary()) log('NOT RUN  Electron main process start: the Electron binary is not installed on this machine (its download is refused here); the Node host figures below stand for the same bundles');
  const results: BenchResult[] = [];
  for (const bench of selected) {
    const result = await runBenchmark(bench);
    results.push(result);
    log(
      `${result.pass ? 'PASS' : 'FAIL'}  ${result.name.padEnd(64)} p50 ${result.p50Ms.toFixed(3)} ms  p95 ${result.p95Ms.toFixed(3)} ms  p99 ${result.p99Ms.toFixed(3)} ms  budget p${result.percentile} ≤ ${result.budgetMs} ms${result.note ? `  (${result.note})` : ''}`,
    );
    if (result.samplesMs) log(`      samples (ms, in run order): ${result.samplesMs.map((d) => d.toFixed(0)).join(' ')}`);
  }
  if (values.json) {
    process.stdout.write(JSON.stringify({ results: results.map(({ name, p50Ms, p95Ms, p99Ms, budgetMs, pass, percentile, samples, note, samplesMs }) => ({ name, p50Ms, p95Ms, p99Ms, budgetMs, percentile, samples, pass, ...(note ? { note } : {}), ...(samplesMs ? { samplesMs } : {}) })) }) + '\n');
  }
  return results.every((r) => r.pass) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
