import type { Server, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import * as smpp from 'smpp';
import { freePort } from '../../support/free-port';

/** What a real gateway on loopback received, one entry per message handed to it. */
export interface Received {
  to: string;
  /** The message id the station put in the e-mail header (SMTP), or null (SMPP). */
  id: string | null;
  text: string;
}

/**
 * A gateway the test switches down (its port closed: connections refused) and up (listening on
 * the same port again), and, to lose the answer after the hand-over, `dropAnswers`: it keeps the
 * message and cuts the connection instead of replying.
 */
export interface LoopbackGateway {
  readonly port: number;
  readonly received: Received[];
  dropAnswers: boolean;
  /** Keeps the message and never answers (the station must stop while it waits). */
  hangAnswers: boolean;
  up(): Promise<void>;
  down(): Promise<void>;
  countFor(to: string): number;
  /** Cuts every open connection at once. */
  cutConnections(): void;
}

function gatewayOn(port: number, make: (self: LoopbackGateway) => Server): LoopbackGateway {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const self: LoopbackGateway = {
    port,
    received: [],
    dropAnswers: false,
    hangAnswers: false,
    async up() {
      if (server) return;
      const s = make(self);
      s.on('connection', (socket: Socket) => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
      });
      await new Promise<void>((resolve, reject) => {
        s.once('error', reject);
        s.listen(port, '127.0.0.1', () => resolve());
      });
      server = s;
    },
    async down() {
      const s = server;
      server = null;
      if (!s) return;
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    cutConnections() {
      for (const socket of sockets) socket.destroy();
    },
    countFor(to: string) {
      return self.received.filter((r) => r.to === to).length;
    },
  };
  return self;
}

/** A real SMTP server (npm smtp-server) on 127.0.0.1, plain text, no log-in. */
export async function smtpGateway(): Promise<LoopbackGateway> {
  const port = await freePort();
  return gatewayOn(port, (self) => {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const id = /^X-DoseDesk-Message: (.+)$/im.exec(raw)?.[1]?.trim() ?? null;
          for (const rcpt of session.envelope.rcptTo) self.received.push({ to: rcpt.address, id, text: raw });
          if (self.hangAnswers) return;
          if (self.dropAnswers) {
            // The message is here; the answer never leaves.
            self.cutConnections();
            return;
          }
          callback(null, 'queued');
        });
      },
    });
    return smtp.server;
  });
}

/** A real SMPP server (the smpp package's server side) on 127.0.0.1 that accepts any bind. */
export async function smppGateway(): Promise<LoopbackGateway> {
  const port = await freePort();
  let n = 0;
  return gatewayOn(port, (self) =>
    smpp.createServer((session) => {
      session.on('error', () => {});
      session.on('bind_transceiver', (pdu: smpp.PDU) => {
        session.send(pdu.response());
      });
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('submit_sm', (pdu: smpp.PDU) => {
        const payload = (pdu.message_payload ?? pdu.short_message) as { message?: string | Buffer } | undefined;
        const text = typeof payload?.message === 'string' ? payload.message : (payload?.message?.toString('utf8') ?? '');
        self.received.push({ to: String(pdu.destination_addr), id: null, text });
        if (self.hangAnswers) return;
        if (self.dropAnswers) {
          session.destroy();
          return;
        }
        session.send(pdu.response({ message_id: `m${++n}` }));
      });
    }),
  );
}
