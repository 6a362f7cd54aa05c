/** nodemailer loads with the first message, not with the station. */
const nodemailer = () => Promise.all([import('nodemailer/lib/smtp-connection'), import('nodemailer/lib/mail-composer')]).then(([c, m]) => ({ SMTPConnection: c.default, MailComposer: m.default }));
import type { EmailGateway } from '../../../shared/settings';
import { lostAfterHandover, refused, unreachable, type MessageGateway, type OutgoingMessage, type SendOutcome } from './gateway';

export interface SmtpOptions {
  gateway: EmailGateway;
  password: string | null;
  /** Connection, greeting and socket timeouts in ms (default 15 s each). */
  timeoutMs?: number;
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
}

/**
 * E-mail through the centre's SMTP server with nodemailer's SMTP connection, one connection per
 * message. The connection and the log-in come first: failing there, the server certainly has
 * nothing. Once the envelope is given, a reply code decides (4xx: later again; 5xx: refused); a
 * connection that breaks without one may have delivered, so it is `uncertain`.
 */
export function smtpGateway(options: SmtpOptions): MessageGateway {
  const { gateway } = options;
  const timeout = options.timeoutMs ?? 15_000;
  const raw = async (m: OutgoingMessage) =>
    new (await nodemailer()).MailComposer({ from: gateway.from, to: m.to, subject: m.subject, text: m.body, messageId: `<${m.id}@dosedesk>`, headers: { 'X-DoseDesk-Message': m.id } }).compile().build();

  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const body = await raw(message);
      const connection = new (await nodemailer()).SMTPConnection({
        host: gateway.host,
        port: gateway.port,
        secure: gateway.security === 'tls',
        requireTLS: gateway.security === 'starttls',
        ignoreTLS: gateway.security === 'none',
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      // nodemailer reports a failure of connect() and of a broken connection as an 'error' event,
      // not through the callback: each step below waits for its callback or that event.
      let failed: ((error: SmtpError) => void) | null = null;
      connection.on('error', (error: SmtpError) => failed?.(error));
      connection.on('end', () => failed?.(Object.assign(new Error('connection closed'), { code: 'ECONNECTION' })));
      const step = <T,>(run: (done: (error: SmtpError | null, value?: T) => void) => void) =>
        new Promise<{ error: SmtpError | null; value?: T }>((resolve) => {
          failed = (error) => resolve({ error });
          run((error, value) => resolve({ error, ...(value !== undefined ? { value } : {}) }));
        });
      try {
        const opened = await step<void>((done) => connection.connect((error) => done(error ?? null)));
        if (opened.error) return unreachable(`${opened.error.code ?? 'SMTP'} ${opened.error.message}`);
        if (gateway.user) {
          const loggedIn = await step<boolean>((done) => connection.login({ user: gateway.user!, pass: options.password ?? '' }, (error) => done(error ?? null)));
          const e = loggedIn.error;
          if (e) return e.responseCode && e.responseCode >= 500 ? refused(`login: ${e.message}`) : unreachable(`login: ${e.message}`);
        }
        const sent = await step<{ serverMessageId?: string | undefined; response?: string }>((done) => connection.send({ from: gateway.from, to: [message.to] }, body, (error, info) => done(error ?? null, info)));
        failed = null;
        if (!sent.error) return { kind: 'sent', ref: (sent.value?.serverMessageId ?? sent.value?.response ?? '').slice(0, 200) || null };
        const e = sent.error;
        if (e.responseCode && e.responseCode >= 500) return refused(`${e.responseCode} ${e.message}`);
        if (e.responseCode && e.responseCode >= 400) return unreachable(`${e.responseCode} ${e.message}`);
        return lostAfterHandover(`${e.code ?? 'SMTP'} ${e.message}`);
      } finally {
        failed = null;
        try {
          connection.quit();
        } catch {
          connection.close();
        }
      }
    },
    close() {},
  };
}
