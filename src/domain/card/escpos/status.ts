import type { PrinterType } from './profiles';

/** What a receipt printer says about itself, reduced to what staff can act on. */
export type PrinterCondition = 'ready' | 'offline' | 'paper_out' | 'cover_open' | 'error';

export interface PrinterStatus {
  readonly condition: PrinterCondition;
  readonly paperNearEnd: boolean;
}

/**
 * Epson real-time status `DLE EOT n` (10 04 n). The printer answers one byte per request even
 * while offline, ahead of any data in its buffer. Every answer has bits 1 and 4 set and bits 0
 * and 7 clear (0x12 pattern), which lets us reject noise.
 *   n=1 printer status:       0x08 offline
 *   n=2 offline cause:        0x04 cover open, 0x20 stopped at paper end, 0x40 error
 *   n=4 roll paper sensor:    0x0C near end, 0x60 paper end
 */
export const EPSON_STATUS_REQUESTS: readonly (readonly number[])[] = [
  [0x10, 0x04, 0x01],
  [0x10, 0x04, 0x02],
  [0x10, 0x04, 0x04],
];

export function isEpsonStatusByte(byte: number): boolean {
  return (byte & 0x93) === 0x12;
}

export function parseEpsonStatus(printer: number, offlineCause: number, paper: number): PrinterStatus {
  const paperNearEnd = (paper & 0x0c) !== 0;
  let condition: PrinterCondition = 'ready';
  if (offlineCause & 0x04) condition = 'cover_open';
  else if (offlineCause & 0x20 || (paper & 0x60) === 0x60) condition = 'paper_out';
  else if (offlineCause & 0x40) condition = 'error';
  else if (printer & 0x08) condition = 'offline';
  return { condition, paperNearEnd };
}

/**
 * Star line mode answers `ESC ACK SOH` (1B 06 01) with its automatic status block (ASB). The
 * first byte encodes the block's length; bytes 3-6 carry the conditions:
 *   byte 3: 0x20 cover open, 0x08 offline
 *   byte 4: 0x04 / 0x08 / 0x20 / 0x40 mechanical, cutter, unrecoverable, auto-recoverable errors
 *   byte 6: 0x08 paper empty, 0x04 paper near end
 * Uncertain: this follows Star's StarIO status documentation; models in ESC/POS emulation answer
 * DLE EOT instead (configure them as `epson`).
 */
export const STAR_STATUS_REQUEST: readonly number[] = [0x1b, 0x06, 0x01];

export function starStatusLength(header: number): number {
  return ((header >> 1) & 0x07) | ((header >> 2) & 0x08);
}

export function isStarStatusHeader(byte: number): boolean {
  return (byte & 0x91) === 0x01 && starStatusLength(byte) >= 7;
}

export function parseStarStatus(block: readonly number[]): PrinterStatus {
  const b3 = block[2] ?? 0;
  const b4 = block[3] ?? 0;
  const b6 = block[5] ?? 0;
  const paperNearEnd = (b6 & 0x04) !== 0;
  let condition: PrinterCondition = 'ready';
  if (b3 & 0x20) condition = 'cover_open';
  else if (b6 & 0x08) condition = 'paper_out';
  else if (b4 & 0x6c) condition = 'error';
  else if (b3 & 0x08) condition = 'offline';
  return { condition, paperNearEnd };
}

/** Status bytes a printer in a given condition sends back: used by the virtual printer. */
export function epsonStatusAnswer(n: number, condition: PrinterCondition, paperNearEnd = false): number {
  let byte = 0x12;
  const offline = condition !== 'ready';
  if (n === 1 && offline) byte |= 0x08;
  if (n === 2) {
    if (condition === 'cover_open') byte |= 0x04;
    if (condition === 'paper_out') byte |= 0x20;
    if (condition === 'error') byte |= 0x40;
  }
  if (n === 4) {
    if (condition === 'paper_out') byte |= 0x60 | 0x0c;
    else if (paperNearEnd) byte |= 0x0c;
  }
  return byte;
}

export function starStatusAnswer(condition: PrinterCondition, paperNearEnd = false): number[] {
  // 9-byte block: header 0x23 (length 9), version 0x86, then status bytes 3-9.
  const block = [0x23, 0x86, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00];
  if (condition !== 'ready') block[2]! |= 0x08;
  if (condition === 'cover_open') block[2]! |= 0x20;
  if (condition === 'error') block[3]! |= 0x40;
  if (condition === 'paper_out') block[5]! |= 0x08 | 0x04;
  else if (paperNearEnd) block[5]! |= 0x04;
  return block;
}

export function statusRequests(type: PrinterType): readonly (readonly number[])[] {
  return type === 'epson' ? EPSON_STATUS_REQUESTS : [STAR_STATUS_REQUEST];
}
