import { EventEmitter } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import type { PrinterType } from '../../domain/card/escpos/profiles';
import { epsonStatusAnswer, starStatusAnswer, type PrinterCondition } from '../../domain/card/escpos/status';
import { EscPosDecoder, type Slip } from './decoder';

export type PaperCondition = Exclude<PrinterCondition, 'offline'>;

/**
 * How the printer fails to be there:
 * - `refuse`: the listening socket is closed, connections are refused (switched off, unplugged);
 * - `silent`: connections open but nothing is answered or printed (hung network card).
 */
export type OfflineMode = 'refuse' | 'silent' | false;

export interface VirtualPrinterOptions {
  type: PrinterType;
  columns?: 32 | 48;
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
}

/**
 * A receipt printer on 127.0.0.1 for tests, demos and the simulator. It decodes what it is sent
 * (Epson ESC/POS or Star line mode), answers real-time status requests the way the printer
 * would, and keeps every slip it printed. Like a real printer, data that arrives while it is out
 * of paper or open waits in its buffer and prints when the condition clears (`held`).
 *
 * Events: `slip` (a slip printed), `status` (a status request was answered), `connection`.
 */
export class VirtualPrinter extends EventEmitter {
  readonly type: PrinterType;
  readonly columns: 32 | 48;
  readonly host: string;
  readonly slips: Slip[] = [];
  readonly held: Slip[] = [];
  condition: PaperCondition = 'ready';
  paperNearEnd = false;
  statusRequests = 0;
  connections = 0;
  /** Stops answering a connection once it has printed a slip (to freeze a sender mid-job). */
  hangAfterSlip = false;
  private offline: OfflineMode = false;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;

  private constructor(options: VirtualPrinterOptions) {
    super();
    this.type = options.type;
    this.columns = options.columns ?? 48;
    this.host = options.host ?? '127.0.0.1';
    this.boundPort = options.port ?? 0;
  }

  static async start(options: VirtualPrinterOptions): Promise<VirtualPrinter> {
    const printer = new VirtualPrinter(options);
    await printer.listen();
    return printer;
  }

  get port(): number {
    return this.boundPort;
  }

  get uri(): string {
    return `tcp://${this.host}:${this.boundPort}`;
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => this.accept(socket));
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => {
        server.removeListener('error', reject);
        this.boundPort = (server.address() as { port: number }).port;
        this.server = server;
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    this.emit('connection');
    let hung = false;
    const decoder = new EscPosDecoder(this.type, {
      onStatusRequest: (request) => {
        if (this.offline === 'silent' || hung) return;
        this.statusRequests++;
        let answer: number[];
        if (request.kind === 'star') answer = starStatusAnswer(this.condition, this.paperNearEnd);
        else if (request.kind === 'epson-paper') answer = [this.condition === 'paper_out' ? 0x0c : 0x00];
        else answer = [epsonStatusAnswer(request.n, this.condition, this.paperNearEnd)];
        socket.write(Uint8Array.from(answer));
        this.emit('status', request);
      },
      onSlip: (slip) => {
        this.print(slip);
        if (this.hangAfterSlip) hung = true;
      },
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.offline === 'silent') return;
      decoder.feed(chunk);
    });
    socket.on('end', () => {
      if (this.offline !== 'silent' && !hung) decoder.flush();
      socket.end();
    });
  }

  private print(slip: Slip): void {
    if (this.condition === 'ready') {
      this.slips.push(slip);
      this.emit('slip', slip);
    } else {
      this.held.push(slip);
    }
  }

  /** Paper out, cover open, error, or back to ready (which prints what was held). */
  setCondition(condition: PaperCondition): void {
    this.condition = condition;
    if (condition === 'ready') {
      for (const slip of this.held.splice(0)) {
        this.slips.push(slip);
        this.emit('slip', slip);
      }
    }
  }

  async setOffline(mode: OfflineMode): Promise<void> {
    const previous = this.offline;
    this.offline = mode;
    if (mode === 'refuse' && this.server) {
      for (const socket of this.sockets) socket.destroy();
      const server = this.server;
      this.server = null;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    if (mode !== 'refuse' && previous === 'refuse' && !this.server) await this.listen();
  }

  /** Resolves when at least `count` slips have printed. */
  waitForSlips(count: number, timeoutMs = 10_000): Promise<Slip[]> {
    if (this.slips.length >= count) return Promise.resolve(this.slips.slice());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('slip', check);
        reject(new Error(`virtual printer: ${this.slips.length} of ${count} slips after ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (this.slips.length < count) return;
        clearTimeout(timer);
        this.off('slip', check);
        resolve(this.slips.slice());
      };
      this.on('slip', check);
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
