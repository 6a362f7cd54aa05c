import { spawn } from 'node:child_process';
import { TransportError, type PrinterSession, type PrinterTransport } from './transport';

/**
 * A printer the operating system knows by name (CUPS on Linux and macOS): the job goes through
 * `lp`, raw for receipt printers, as a PDF for office printers. The OS queue hides the printer's
 * condition, so status is unknown (null) and the queue trusts `lp`'s exit code.
 * Electron's own printing (webContents.print) belongs to the Electron host, not here.
 */
export class OsTransport implements PrinterTransport {
  readonly label: string;
  constructor(
    readonly name: string,
    readonly raw: boolean,
    private readonly command = 'lp',
  ) {
    this.label = `os:${name}`;
  }

  async open(): Promise<PrinterSession> {
    const { name, raw, command } = this;
    return {
      status: async () => null,
      write: (bytes) =>
        new Promise<void>((resolve, reject) => {
          const args = ['-d', name, ...(raw ? ['-o', 'raw'] : []), '-t', 'DoseDesk card', '-'];
          const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'pipe'] });
          let stderr = '';
          let spawned = false;
          child.on('spawn', () => (spawned = true));
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('error', (error) => reject(new TransportError(spawned ? 'write' : 'connect', `${command}: ${error.message}`)));
          child.on('close', (code) => {
            if (code === 0) resolve();
            // lp refuses before queueing anything (unknown printer, no CUPS): nothing was printed.
            else reject(new TransportError('connect', `${command} exited with ${code}: ${stderr.trim().slice(0, 200)}`));
          });
          child.stdin.on('error', () => undefined);
          child.stdin.end(Buffer.from(bytes));
        }),
      close: () => undefined,
    };
  }
}
