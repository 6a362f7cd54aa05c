import type { Benchmark } from './harness';
import { hostColdStart, hostColdStartEmptyProfile, hostFirstStart } from './benchmarks/host-cold-start';
import { cliParse } from './benchmarks/cli-parse';
import { syncBatchedVsOneByOne, syncDrain10k, syncDrain10kCapped, syncDrain10kLatency } from './benchmarks/sync';
import { scanToPersonCard } from './benchmarks/scan-latency';
import { syncFlakyBackend } from './benchmarks/sync-flaky';
import { memoryFiveThousand } from './benchmarks/memory';
import { centreExport, centreJoin } from './benchmarks/centre-file';
import { importManyInvitations, importYearCalendar, parseNearLimitCsv } from './benchmarks/imports';
import { administerDatabaseShare, administerTotal, administerWithScreening, checkinScan, lookupMillion, slotSearch200, slotSearchDay } from './benchmarks/station';

/** Every benchmark with its budget; capabilities add theirs here. */
export const BENCHMARKS: readonly Benchmark[] = [checkinScan, administerTotal, administerDatabaseShare, administerWithScreening, slotSearchDay, slotSearch200, lookupMillion, hostColdStart, hostColdStartEmptyProfile, hostFirstStart, cliParse, scanToPersonCard, syncDrain10k, syncDrain10kLatency, syncDrain10kCapped, syncBatchedVsOneByOne, syncFlakyBackend, memoryFiveThousand, centreExport, centreJoin, importYearCalendar, importManyInvitations, parseNearLimitCsv];
