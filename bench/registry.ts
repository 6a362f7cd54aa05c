import type { Benchmark } from './harness';
import { hostColdStart } from './benchmarks/host-cold-start';

/** Every benchmark with its budget; capabilities add theirs here. */
export const BENCHMARKS: readonly Benchmark[] = [hostColdStart];
