import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The centre's SMTP server for a simulated day: a real SMTP server on loopback that keeps what
 * each station hands it. It goes down with the federal backend's outage (its port closed) and
 * comes back on the same port, so the stations' messages must wait and go out once, afterwards.
 */
export class MessageSink {
  /** The DoseDesk message id of every e-mail received, in order (a repeat is a duplicate). */
  readonly received: { id: string; to: string }[] = [];
  private server: SMTPServer | null = null;
  private readonly sockets = new Set<Socket>();

  private constructor(public port: number) {}

  static async start(): Promise<MessageSink> {
    const sink = new MessageSink(0);
    await sink.up();
    return sink;
  }

  get isUp(): boolean {
    return this.server !== null;
  }

  async up(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const id = /^X-DoseDesk-Message: (.+)$/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1]?.trim() ?? '(none)';
          for (const rcpt of session.envelope.rcptTo) this.received.push({ id, to: rcpt.address });
          callback(null);
        });
      },
    });
    server.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.server.close(() => resolve()));
  }

  /** Distinct messages received, and how many arrived more than once. */
  counts(): { sent: number; duplicated: number } {
    const ids = new Set(this.received.map((r) => r.id));
    return { sent: ids.size, duplicated: this.received.length - ids.size };
  }
}
