import { createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { DoseDeskError } from '../../../shared/errors';
import { RAW_KEY } from './raw-key';

/**
 * Keys of the encrypted station database (better-sqlite3-multiple-ciphers with SQLCipher 4
 * settings). A station key is 32 random bytes written as 64 hex digits and given to SQLCipher as a
 * raw key, so no key derivation runs at open; a passphrase (an operator's DOSEDESK_DB_KEY) goes
 * through SQLCipher's own PBKDF2.
 */
export { RAW_KEY };
const MIN_PASSPHRASE = 16;

export function generateDatabaseKey(): string {
  return randomBytes(32).toString('hex');
}

/** Refuses a key that is neither a raw 256-bit key nor a long passphrase; `source` names where it came from. */
export function checkDatabaseKey(key: string, source: string): string {
  const trimmed = key.trim();
  if (RAW_KEY.test(trimmed) || trimmed.length >= MIN_PASSPHRASE) return trimmed;
  throw new DoseDeskError('crypto.key_invalid', { source });
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** True for a readable, unencrypted SQLite file (its header is in clear). */
export function isPlainSqliteFile(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.equals(SQLITE_HEADER);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** SQLCipher 4 page layout: 4096-byte pages, 16-byte salt at the start of the file, IV and HMAC-SHA512 at the end of each page. */
const PAGE = 4096;
const SALT = 16;
const IV = 16;
const MAC = 64;
const KDF_ITERATIONS = 256_000;

/**
 * Tells a wrong key from a damaged file when SQLCipher refuses the first page: page 2 carries its
 * own HMAC under the same keys, so if it verifies, the key is right and page 1 is damaged. A
 * file that is not a whole number of pages (or has fewer than two) is damaged, whatever the key.
 * Runs only after a refusal; a passphrase costs one key derivation (about as long as an open).
 */
export function encryptedFileVerdict(file: string, key: string): 'damaged' | 'wrong_key' {
  let fd: number | undefined;
  try {
    const size = statSync(file).size;
    if (size < 2 * PAGE || size % PAGE !== 0) return 'damaged';
    fd = openSync(file, 'r');
    const head = Buffer.alloc(PAGE * 2);
    if (readSync(fd, head, 0, head.length, 0) !== head.length) return 'damaged';
    const salt = head.subarray(0, SALT);
    const trimmed = key.trim();
    const cipherKey = RAW_KEY.test(trimmed) ? Buffer.from(trimmed, 'hex') : pbkdf2Sync(trimmed, salt, KDF_ITERATIONS, 32, 'sha512');
    const macKey = pbkdf2Sync(cipherKey, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
    const page2 = head.subarray(PAGE);
    const end = PAGE - IV - MAC;
    const pageNumber = Buffer.from([2, 0, 0, 0]);
    const mac = createHmac('sha512', macKey).update(page2.subarray(0, end + IV)).update(pageNumber).digest();
    return mac.equals(page2.subarray(end + IV)) ? 'damaged' : 'wrong_key';
  } catch {
    return 'wrong_key';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
