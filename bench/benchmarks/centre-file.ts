import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Benchmark } from '../harness';
import { ManualClock } from '../../src/main/adapters/clock';
import { resolveHostDatabaseKey } from '../../src/main/adapters/crypto/host-key';
import { exportCentre } from '../../src/main/station/centre/export-centre';
import { joinCentre } from '../../src/main/station/centre/join-centre';
import { openTestStation } from '../../tests/support/station';
import { makeTempDir } from '../../tests/support/temp-dir';

const PASSPHRASE = 'a passphrase for the benchmark';

/** The encrypted demo centre (120 days of calendar, four products, its staff) as the first station. */
function demoCentreFolder(): { dir: string; station: string; clock: ManualClock; cleanup: () => void } {
  const temp = makeTempDir('dosedesk-bench-centre-');
  const station = join(temp.dir, 'station-1');
  const clock = new ManualClock('2026-03-02T09:00:00+01:00');
  const { key } = resolveHostDatabaseKey(station, { create: true, env: {} });
  const s = openTestStation({ clock, dataDir: station, databaseKey: key! });
  s.seedDemo();
  s.close();
  return { dir: temp.dir, station, clock, cleanup: temp.cleanup };
}

/** Export of the demo centre's file, key derivation (scrypt 2^15) included. */
export const centreExport: Benchmark = {
  name: 'centre export: demo centre file (120 days, sealed)',
  budgetMs: 5000,
  samples: 5,
  warmup: 1,
  async setup() {
    const centre = demoCentreFolder();
    let n = 0;
    return {
      sample: () => void exportCentre(centre.station, join(centre.dir, `out-${n++}.centre`), PASSPHRASE, centre.clock, 'bench'),
      teardown: centre.cleanup,
    };
  },
};

/** A new station joining from that file: open, check, create the encrypted folder, merge. */
export const centreJoin: Benchmark = {
  name: 'centre join: new station from the demo centre file',
  budgetMs: 5000,
  samples: 5,
  warmup: 1,
  async setup() {
    const centre = demoCentreFolder();
    const file = readFileSync(exportCentre(centre.station, join(centre.dir, 'demo.centre'), PASSPHRASE, centre.clock, 'bench').out);
    let n = 0;
    return {
      sample: () => {
        const target = join(centre.dir, `joined-${n++}`);
        joinCentre(target, 'station-9', file, PASSPHRASE, centre.clock, 'bench', {});
        rmSync(target, { recursive: true, force: true });
        rmSync(`${target}.key`, { force: true });
      },
      teardown: centre.cleanup,
    };
  },
};
