import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder per test; removed afterwards unless DOSEDESK_KEEP_TEST_DATA is set. */
export function makeTempDir(prefix = 'dosedesk-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    cleanup: () => {
      if (!process.env.DOSEDESK_KEEP_TEST_DATA) rmSync(dir, { recursive: true, force: true });
    },
  };
}
