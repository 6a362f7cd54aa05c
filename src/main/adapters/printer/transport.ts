import type { PrinterStatus } from '../../../domain/card/escpos/status';

/**
 * Moving bytes to a printer. A session is one connection: the print worker asks for status,
 * sends one job, and asks again, without another program's data in between.
 */
export interface PrinterSession {
  /** The printer's condition, or null when this kind of link cannot tell (device file, OS queue). */
  status(): Promise<PrinterStatus | null>;
  /** Resolves once every byte has left the station; rejects with a TransportError('write'). */
  write(bytes: Uint8Array): Promise<void>;
  close(): void;
}

export interface PrinterTransport {
  /** How staff and logs name the printer: `tcp://10.0.0.5:9100`, `/dev/usb/lp0`, `os:Receipt`. */
  readonly label: string;
  /** Rejects with TransportError('connect') when nothing could reach the printer. */
  open(): Promise<PrinterSession>;
}

/**
 * Where a failure happened decides what the queue may do: after a `connect` failure no byte
 * left the station and the job can be retried; after a `write` failure it may have printed.
 */
export class TransportError extends Error {
  constructor(
    readonly phase: 'connect' | 'write',
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/**
 * The configured device path opened, but it is not a character device (a regular file, a pipe):
 * nothing was written and retrying cannot help, so the job fails for staff to see.
 */
export class NotAPrinterError extends TransportError {
  readonly code = 'printing.not_a_device';
  constructor(readonly path: string) {
    super('connect', `${path} is not a printer device; nothing was written`);
    this.name = 'NotAPrinterError';
  }
}
