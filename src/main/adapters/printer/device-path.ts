import { realpathSync, statSync, type Stats } from 'node:fs';
import { posix } from 'node:path';
import { DoseDeskError } from '../../../shared/errors';

/**
 * Character devices that take bytes but are not printers: memory devices (/dev/null, /dev/kmsg,
 * /dev/mem...), the controlling terminal and consoles, pseudo-terminals and virtual consoles.
 * Sending a card there loses it or writes a citizen's name into a log or someone's screen.
 * Serial ports (major 4 from minor 64), USB and parallel printers stay allowed.
 */
function isNonPrinterDevice(info: Stats): boolean {
  const major = Number((BigInt(info.rdev) >> 8n) & 0xfffn);
  const minor = Number(BigInt(info.rdev) & 0xffn);
  if (major === 1 || major === 5) return true;
  if (major >= 136 && major <= 143) return true;
  return major === 4 && minor < 64;
}

/**
 * A printer device path must name an existing character device under /dev, after `..` and
 * symbolic links are resolved: anything else (a regular file, a folder, /dev/../tmp/x) would let
 * a setting append citizens' cards to an arbitrary file. Returns the resolved path.
 */
export function checkPrinterDevicePath(path: string): string {
  const refuse = (): never => {
    throw new DoseDeskError('printing.not_a_device', { path: path.slice(0, 100) });
  };
  const normalised = posix.normalize(path);
  if (!normalised.startsWith('/dev/')) refuse();
  let resolved: string;
  let info: Stats;
  try {
    resolved = realpathSync(normalised);
    info = statSync(resolved);
  } catch {
    return refuse();
  }
  if (!resolved.startsWith('/dev/') || !info.isCharacterDevice() || isNonPrinterDevice(info)) refuse();
  return resolved;
}
