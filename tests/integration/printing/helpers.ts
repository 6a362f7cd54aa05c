import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardPreview } from '../../../src/shared/api/printing';
import { openDatabase, type Db } from '../../../src/main/adapters/sqlite/database';
import { TcpTransport } from '../../../src/main/adapters/printer/tcp-transport';
import type { PrinterType } from '../../../src/domain/card/escpos/profiles';
import type { VirtualPrinter } from '../../../src/devices/virtual-printer';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `dosedesk-${prefix}-`));
}

export function tempDb(prefix = 'print'): { db: Db; file: string; dir: string } {
  const dir = tempDir(prefix);
  const file = join(dir, 'station.sqlite');
  return { db: openDatabase(file), file, dir };
}

/** Lines a person should read off the paper for a layout (a QR is followed by its line feed). */
export function expectedLines(layout: CardPreview): string[] {
  const out: string[] = [];
  for (const line of layout.lines) {
    if (line.kind === 'text') out.push(line.text);
    else if (line.kind === 'rule') out.push('-'.repeat(layout.columns));
    else if (line.kind === 'blank') out.push('');
    else if (line.kind === 'qr') out.push(`[QR ${line.data}]`, '');
  }
  while (out.at(-1) === '') out.pop();
  return out;
}

/** Sends one job the way the print worker does: status, bytes, status, on one connection. */
export async function sendJob(printer: VirtualPrinter, type: PrinterType, bytes: Uint8Array) {
  const session = await new TcpTransport('127.0.0.1', printer.port, type).open();
  try {
    const before = await session.status();
    await session.write(bytes);
    const after = await session.status();
    return { before, after };
  } finally {
    session.close();
  }
}

export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
