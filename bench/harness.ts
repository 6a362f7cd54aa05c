/** A benchmark: repeated samples of one operation, judged by a percentile against its budget. */
export interface Benchmark {
  name: string;
  budgetMs: number;
  /** Which percentile the budget applies to (default 95). */
  percentile?: 95 | 99 | 50;
  /** Runs once before sampling; returns the per-sample function and an optional teardown. */
  setup(): Promise<{ sample: () => Promise<number | void> | number | void; teardown?: () => Promise<void> | void }>;
  samples: number;
  warmup?: number;
  /** Print every sample (start-up benchmarks: few samples, each worth seeing). */
  printSamples?: boolean;
  /** Extra pass/fail conditions that are not latencies (e.g. a speed-up ratio). */
  extra?: (durations: number[]) => { pass: boolean; note: string };
}

export interface BenchResult {
  name: string;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  budgetMs: number;
  percentile: number;
  samples: number;
  pass: boolean;
  note?: string;
  /** Every sample in run order, when the benchmark asks for them to be printed. */
  samplesMs?: number[];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Runs one benchmark. A sample may return its own duration (for operations timed inside, such as
 * a database share); otherwise the wall time of the call is used.
 */
export async function runBenchmark(bench: Benchmark): Promise<BenchResult> {
  const { sample, teardown } = await bench.setup();
  try {
    for (let i = 0; i < (bench.warmup ?? Math.min(10, bench.samples)); i++) await sample();
    const durations: number[] = [];
    for (let i = 0; i < bench.samples; i++) {
      const start = performance.now();
      const own = await sample();
      durations.push(typeof own === 'number' ? own : performance.now() - start);
    }
    const sorted = [...durations].sort((a, b) => a - b);
    const p = bench.percentile ?? 95;
    const extra = bench.extra?.(durations);
    return {
      name: bench.name,
      p50Ms: round(percentile(sorted, 50)),
      p95Ms: round(percentile(sorted, 95)),
      p99Ms: round(percentile(sorted, 99)),
      budgetMs: bench.budgetMs,
      percentile: p,
      samples: durations.length,
      pass: percentile(sorted, p) <= bench.budgetMs && (extra?.pass ?? true),
      ...(extra ? { note: extra.note } : {}),
      ...(bench.printSamples ? { samplesMs: durations.map(round) } : {}),
    };
  } finally {
    await teardown?.();
  }
}
