import SMTPConnection from 'nodemailer/lib/smtp-connection';
import MailComposer from 'nodemailer/lib/mail-composer';
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
  const raw = (m: OutgoingMessage) =>
    new MailComposer({ from: gateway.from, to: m.to, subject: m.subject, text: m.body, messageId: `<${m.id}@dosedesk>`, headers: { 'X-DoseDesk-Message': m.id } }).compile().build();

  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const body = await raw(message);
      const connection = new SMTPConnection({
        host: gateway.host,
        port: gateway.port,
        secure: gateway.security === 'tls',
        requireTLS: gateway.security === 'starttls',
        ignoreTLS: gateway.security === 'none',
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
      });
      // Errors also arrive as events; the callbacks below carry them, this keeps them off the process.
      connection.on('error', () => {});
      try {
        const opened = await new Promise<SmtpError | null>((resolve) => connection.connect((error) => resolve(error ?? null)));
        if (opened) return unreachable(`${opened.code ?? 'SMTP'} ${opened.message}`);
        if (gateway.user) {
          const loggedIn = await new Promise<SmtpError | null>((resolve) => connection.login({ user: gateway.user!, pass: options.password ?? '' }, (error) => resolve(error ?? null)));
          if (loggedIn) return loggedIn.responseCode && loggedIn.responseCode >= 500 ? refused(`login: ${loggedIn.message}`) : unreachable(`login: ${loggedIn.message}`);
        }
        return await new Promise<SendOutcome>((resolve) =>
          connection.send({ from: gateway.from, to: [message.to] }, body, (error, info) => {
            if (!error) return resolve({ kind: 'sent', ref: (info?.serverMessageId ?? info?.response ?? '').slice(0, 200) || null });
            const e = error as SmtpError;
            if (e.responseCode && e.responseCode >= 500) return resolve(refused(`${e.responseCode} ${e.message}`));
            if (e.responseCode && e.responseCode >= 400) return resolve(unreachable(`${e.responseCode} ${e.message}`));
            resolve(lostAfterHandover(`${e.code ?? 'SMTP'} ${e.message}`));
          }),
        );
      } finally {
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
