import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { PrinterType } from '../../../domain/card/escpos/profiles';
import {
  EPSON_STATUS_REQUESTS,
  STAR_STATUS_REQUEST,
  isEpsonStatusByte,
  isStarStatusHeader,
  parseEpsonStatus,
  parseStarStatus,
  starStatusLength,
  type PrinterStatus,
} from '../../../domain/card/escpos/status';
import { NotAPrinterError, TransportError, type PrinterSession, type PrinterTransport } from './transport';

/**
 * A printer on a device path (/dev/usb/lp0, a serial port). The Linux usblp driver is
 * bidirectional, so status is asked like over TCP, reading without blocking and polling until a
 * deadline. Only character devices are accepted (see open).
 *
 * Deliberately not node-thermal-printer's file interface: it retries a failed write up to 1,000
 * times, 200 ms apart, which prints late duplicates after paper is reloaded.
 */
export class DeviceTransport implements PrinterTransport {
  readonly label: string;
  constructor(
    readonly path: string,
    readonly type: PrinterType,
    private readonly statusTimeoutMs = 1500,
  ) {
    this.label = path;
  }

  /**
   * Opens without create or append flags and checks the opened descriptor itself (not the name,
   * which could be swapped in between): only a character device is a printer. A regular file or
   * pipe is closed untouched and the job refused, so a setting can never append cards to a file.
   */
  async open(): Promise<PrinterSession> {
    let handle: FileHandle;
    try {
      handle = await open(this.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch (error) {
      throw new TransportError('connect', (error as Error).message);
    }
    let device = false;
    try {
      device = (await handle.stat()).isCharacterDevice();
    } finally {
      if (!device) await handle.close().catch(() => undefined);
    }
    if (!device) throw new NotAPrinterError(this.path);
    return new DeviceSession(handle, this.type, this.statusTimeoutMs);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class DeviceSession implements PrinterSession {
  constructor(
    private readonly handle: FileHandle,
    private readonly type: PrinterType,
    private readonly statusTimeoutMs: number,
  ) {}

  private async readByte(deadline: number): Promise<number | null> {
    const one = Buffer.alloc(1);
    while (Date.now() < deadline) {
      try {
        const { bytesRead } = await this.handle.read(one, 0, 1, null);
        if (bytesRead === 1) return one[0]!;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return null;
      }
      await pause(20);
    }
    return null;
  }

  async status(): Promise<PrinterStatus | null> {
    const offline: PrinterStatus = { condition: 'offline', paperNearEnd: false };
    if (this.type === 'epson') {
      const answers: number[] = [];
      for (const request of EPSON_STATUS_REQUESTS) {
        await this.writeAll(Uint8Array.from(request));
        const deadline = Date.now() + this.statusTimeoutMs;
        let byte: number | null;
        do byte = await this.readByte(deadline);
        while (byte !== null && !isEpsonStatusByte(byte));
        if (byte === null) return offline;
        answers.push(byte);
      }
      return parseEpsonStatus(answers[0]!, answers[1]!, answers[2]!);
    }
    await this.writeAll(Uint8Array.from(STAR_STATUS_REQUEST));
    const deadline = Date.now() + this.statusTimeoutMs;
    let header: number | null;
    do header = await this.readByte(deadline);
    while (header !== null && !isStarStatusHeader(header));
    if (header === null) return offline;
    const block = [header];
    while (block.length < starStatusLength(header)) {
      const byte = await this.readByte(deadline);
      if (byte === null) return offline;
      block.push(byte);
    }
    return parseStarStatus(block);
  }

  /** Non-blocking writes can be partial or refused (EAGAIN) while the printer's buffer is full. */
  private async writeAll(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    const deadline = Date.now() + 10_000;
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, null);
        offset += bytesWritten;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw new TransportError('write', (error as Error).message);
        if (Date.now() > deadline) throw new TransportError('write', 'the printer did not take the data within 10 s');
        await pause(20);
      }
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.writeAll(bytes);
  }

  close(): void {
    void this.handle.close().catch(() => undefined);
  }
}
