import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { DoseDeskError } from '../../../shared/errors';

/**
 * The sealed container of a centre file: everything after the header is one AES-256-GCM message
 * under a key derived from the staff's passphrase (scrypt, salt and cost stored in the header),
 * with the header as associated data, so no byte can change unnoticed.
 *
 *   magic (16) | version (1) | log2 N (1) | r (1) | p (1) | salt (16) | check (32) | iv (12)
 *   | ciphertext | GCM tag (16) | SHA-256 of everything before it (32)
 *
 * The check value tells a wrong passphrase from an altered file; the trailing digest tells
 * accidental damage (a truncated copy, a flipped bit) before any slow key derivation runs.
 */
const MAGIC = Buffer.from('DOSEDESK-CENTRE\n', 'latin1');
/** The version this station writes; it reads every version in READABLE_VERSIONS (see centre-file-content.ts). */
export const CENTRE_FILE_VERSION = 2;
const READABLE_VERSIONS: readonly number[] = [1, 2];
const HEADER_BYTES = MAGIC.length + 4 + 16 + 32 + 12;
const TAG_BYTES = 16;
const DIGEST_BYTES = 32;
const CHECK_LABEL = 'dosedesk centre file: passphrase check';

/** Cost of the key derivation: 2^15 × 8 × 128 bytes = 32 MiB, about a tenth of a second. */
const DEFAULT_LOG_N = 15;
const MIN_LOG_N = 14;
const MAX_LOG_N = 16;
const R = 8;
const P = 1;

export const MIN_PASSPHRASE_LENGTH = 12;

/** Refuses an empty or short passphrase before anything is read or written. */
export function checkPassphrase(passphrase: string): string {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new DoseDeskError('centre.passphrase_short', { min: MIN_PASSPHRASE_LENGTH });
  return passphrase.normalize('NFC');
}

function deriveKeys(passphrase: string, salt: Buffer, logN: number): { encKey: Buffer; check: Buffer } {
  const N = 2 ** logN;
  const derived = scryptSync(passphrase.normalize('NFC'), salt, 64, { N, r: R, p: P, maxmem: 256 * N * R });
  const check = createHmac('sha256', derived.subarray(32)).update(CHECK_LABEL).digest();
  return { encKey: derived.subarray(0, 32), check };
}

export function sealCentreFile(plaintext: Buffer, passphrase: string, options: { logN?: number; version?: number } = {}): Buffer {
  const logN = options.logN ?? DEFAULT_LOG_N;
  const version = options.version ?? CENTRE_FILE_VERSION;
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const { encKey, check } = deriveKeys(checkPassphrase(passphrase), salt, logN);
  const header = Buffer.concat([MAGIC, Buffer.from([version, logN, R, P]), salt, check, iv]);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  cipher.setAAD(header);
  const body = Buffer.concat([header, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The version in a centre file's header, refused (`centre.file_version`) unless this station reads it. */
export function centreFileVersion(file: Buffer): number {
  if (file.length < MAGIC.length + 1 || !file.subarray(0, MAGIC.length).equals(MAGIC)) throw new DoseDeskError('centre.file_format');
  const version = file[MAGIC.length]!;
  if (!READABLE_VERSIONS.includes(version)) throw new DoseDeskError('centre.file_version', { version });
  return version;
}

/**
 * Opens a centre file. Refusals: `centre.file_format` (not a centre file, or cut short),
 * `centre.file_version` (made by a newer DoseDesk), `centre.file_altered` (a byte changed),
 * `centre.file_passphrase` (another passphrase).
 */
export function openCentreFile(file: Buffer, passphrase: string): Buffer {
  centreFileVersion(file);
  if (file.length < HEADER_BYTES + TAG_BYTES + DIGEST_BYTES) throw new DoseDeskError('centre.file_format');
  const body = file.subarray(0, file.length - DIGEST_BYTES);
  if (!createHash('sha256').update(body).digest().equals(file.subarray(file.length - DIGEST_BYTES))) throw new DoseDeskError('centre.file_altered');
  const [logN, r, p] = [file[MAGIC.length + 1]!, file[MAGIC.length + 2]!, file[MAGIC.length + 3]!];
  // Bounded before use: a forged cost would otherwise make the derivation take all memory.
  if (logN < MIN_LOG_N || logN > MAX_LOG_N || r !== R || p !== P) throw new DoseDeskError('centre.file_format');
  const at = MAGIC.length + 4;
  const salt = file.subarray(at, at + 16);
  const storedCheck = file.subarray(at + 16, at + 48);
  const iv = file.subarray(at + 48, at + 60);
  const header = file.subarray(0, HEADER_BYTES);
  const { encKey, check } = deriveKeys(checkPassphrase(passphrase), salt, logN);
  if (!timingSafeEqual(check, storedCheck)) throw new DoseDeskError('centre.file_passphrase');
  const decipher = createDecipheriv('aes-256-gcm', encKey, iv);
  decipher.setAAD(header);
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(HEADER_BYTES, body.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DoseDeskError('centre.file_altered');
  }
}
