import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';
import { checkDatabaseKey, generateDatabaseKey, isPlainSqliteFile } from './db-key';

/** What Electron's safeStorage offers; passed in so that this stays testable without Electron. */
export interface KeySealer {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no key ring, i.e. a hard-coded password. */
  getSelectedStorageBackend?(): string;
}

export function sealedKeyFile(dataDir: string): string {
  return join(dataDir, 'station.key.sealed');
}

/**
 * Electron's database key: random, kept next to the database encrypted by the OS key store
 * (DPAPI, Keychain, libsecret/kwallet). Linux's plain-text fallback would leave the key readable
 * by anyone who copies the disk, so it is refused.
 */
export function loadOrCreateSealedKey(dataDir: string, databaseFile: string, sealer: KeySealer, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'linux' && sealer.getSelectedStorageBackend?.() === 'basic_text') throw new DoseDeskError('crypto.keystore_plaintext');
  if (!sealer.isEncryptionAvailable()) throw new DoseDeskError('crypto.keystore_unavailable');
  const file = sealedKeyFile(dataDir);
  if (existsSync(file)) return checkDatabaseKey(sealer.decryptString(readFileSync(file)), file);
  if (existsSync(databaseFile) && statSync(databaseFile).size > 0 && !isPlainSqliteFile(databaseFile)) {
    throw new DoseDeskError('crypto.key_missing', { file });
  }
  const key = generateDatabaseKey();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, sealer.encryptString(key), { mode: 0o600, flag: 'wx' });
  return key;
}
