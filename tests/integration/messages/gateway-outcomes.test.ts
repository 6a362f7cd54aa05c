import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { httpSmsGateway } from '../../../src/main/adapters/messages/http-sms';
import { smtpGateway } from '../../../src/main/adapters/messages/smtp';
import { loadMessageSecrets } from '../../../src/main/adapters/messages/secrets';
import { makeTempDir } from '../../support/temp-dir';

/**
 * What each gateway answer means for "never twice": only a message the gateway certainly does not
 * have may be tried again; one handed over whose answer was lost is uncertain.
 */
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

const message = { id: 'msg-1', to: '+32470112233', subject: 'Rendez-vous', body: 'Rendez-vous le mardi 31 mars 2026 à 10:00. Code ABCD-2345.' };

async function httpServer(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      bodies.push(body);
      handle(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  closers.push(async () => server.closeAllConnections());
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, bodies };
}

const http = (url: string) => httpSmsGateway({ gateway: { kind: 'http', url, sender: 'DoseDesk' }, token: 'secret-token', timeoutMs: 3000 });

describe('HTTP SMS gateway', () => {
  it('sends JSON with the message id as idempotency key; 2xx is sent', async () => {
    let headers: IncomingMessage['headers'] = {};
    const { url, bodies } = await httpServer((req, res) => {
      headers = req.headers;
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'gw-42' }));
    });
    expect(await http(url).send(message)).toEqual({ kind: 'sent', ref: 'gw-42' });
    expect(JSON.parse(bodies[0]!)).toEqual({ id: 'msg-1', to: '+32470112233', from: 'DoseDesk', text: message.body });
    expect(headers['idempotency-key']).toBe('msg-1');
    expect(headers.authorization).toBe('Bearer secret-token');
  });

  it('is not sent (try again later) when nothing listens or the gateway answers 503 or 429; refused for good on 400', async () => {
    const { url } = await httpServer(() => {});
    await closers.splice(0).reduce((p, c) => p.then(c), Promise.resolve());
    expect(await http(url).send(message)).toMatchObject({ kind: 'not_sent', permanent: false, problem: 'messages.problem.unreachable' });
    for (const [status, permanent] of [[503, false], [429, false], [400, true]] as const) {
      const server = await httpServer((_req, res) => res.writeHead(status).end('no'));
      expect(await http(server.url).send(message), String(status)).toMatchObject({ kind: 'not_sent', permanent });
    }
  });

  it('is uncertain when the connection breaks after the request was handed over', async () => {
    const { url, bodies } = await httpServer((req) => req.socket.destroy());
    expect(await http(url).send(message)).toMatchObject({ kind: 'uncertain', problem: 'messages.problem.lost_after_handover' });
    expect(bodies).toHaveLength(1);
  });
});

describe('SMTP gateway with log-in', () => {
  it('logs in with the password from messages.json in the data folder; a wrong password is refused, not sent', async () => {
    const temp = makeTempDir('dosedesk-smtp-auth-');
    closers.push(async () => temp.cleanup());
    writeFileSync(join(temp.dir, 'messages.json'), JSON.stringify({ smtpPassword: 'right' }));
    const received: string[] = [];
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'centre' && auth.password === 'right') callback(null, { user: 'centre' });
        else callback(Object.assign(new Error('bad credentials'), { responseCode: 535 }));
      },
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(session.envelope.rcptTo[0]!.address);
          callback(null);
        });
      },
    });
    await new Promise<void>((resolve) => server.server.listen(0, '127.0.0.1', () => resolve()));
    closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.server.address() as AddressInfo).port;
    const gateway = { host: '127.0.0.1', port, security: 'none' as const, from: 'centre@example.test', user: 'centre' };
    const email = { ...message, to: 'an@example.test' };

    const secrets = loadMessageSecrets(temp.dir, {});
    expect(await smtpGateway({ gateway, password: secrets.smtpPassword, timeoutMs: 3000 }).send(email)).toMatchObject({ kind: 'sent' });
    expect(await smtpGateway({ gateway, password: 'wrong', timeoutMs: 3000 }).send(email)).toMatchObject({ kind: 'not_sent', permanent: true });
    expect(received).toEqual(['an@example.test']);
    // The environment wins over the file, like the federal credentials.
    expect(loadMessageSecrets(temp.dir, { DOSEDESK_SMTP_PASSWORD: 'from-env' }).smtpPassword).toBe('from-env');
  });
});
