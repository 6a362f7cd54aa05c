import { openStationFile } from '../../src/main/adapters/sqlite/station-file';
import type { Db } from '../../src/main/adapters/sqlite/database';
import { isDoseDeskError } from '../../src/shared/errors';

/** Opens a station folder's encrypted database (key from its key file, not the environment), runs `body`, closes it. */
export function withStationFile<T>(dataDir: string, body: (db: Db) => T, options: { readonly?: boolean } = {}): T {
  const { db } = openStationFile(dataDir, { env: {}, ...(options.readonly ? { readonly: true } : {}) });
  try {
    return body(db);
  } finally {
    db.close();
  }
}

/** The DoseDeskError code `run` throws, or 'done' when it returns; any other error is rethrown. */
export function thrownCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isDoseDeskError(error)) return error.code;
    throw error;
  }
  return 'done';
}
