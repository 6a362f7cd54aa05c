import type { SmsGateway } from '../../../shared/settings';
import { lostAfterHandover, refused, unreachable, type MessageGateway, type OutgoingMessage, type SendOutcome } from './gateway';

type HttpGateway = Extract<SmsGateway, { kind: 'http' }>;

export interface HttpSmsOptions {
  gateway: HttpGateway;
  /** Sent as a bearer token when set. */
  token: string | null;
  timeoutMs?: number;
}

/** The gateway's id of the message, when its answer is JSON with an `id`. */
function gatewayRef(text: string): string | null {
  try {
    const parsed = JSON.parse(text) as { id?: unknown };
    return typeof parsed.id === 'string' ? parsed.id.slice(0, 100) : null;
  } catch {
    return null;
  }
}

/** Errors that happen before a request can have reached the gateway. */
const BEFORE_HANDOVER = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * SMS through an HTTP gateway: one JSON POST `{ id, to, from, text }` per message, with the
 * message id as Idempotency-Key. 2xx: sent; 429 and 5xx: not taken, later again; other 4xx:
 * refused. A connection refused is "not sent"; a request that broke or timed out after it left is
 * `uncertain`.
 */
export function httpSmsGateway(options: HttpSmsOptions): MessageGateway {
  const timeout = options.timeoutMs ?? 15_000;
  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      let response: Response;
      try {
        response = await fetch(options.gateway.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': message.id,
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ id: message.id, to: message.to, from: options.gateway.sender, text: message.body }),
          signal: AbortSignal.timeout(timeout),
        });
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause;
        const code = cause?.code ?? (error as { code?: string }).code ?? '';
        if (BEFORE_HANDOVER.has(code)) return unreachable(`${code} ${(error as Error).message}`);
        return lostAfterHandover(`${code || (error as Error).name} ${(error as Error).message}`);
      }
      const text = (await response.text().catch(() => '')).slice(0, 200);
      if (response.ok) {
        return { kind: 'sent', ref: gatewayRef(text) };
      }
      if (response.status === 429 || response.status >= 500) return unreachable(`HTTP ${response.status}`);
      return refused(`HTTP ${response.status} ${text}`);
    },
    close() {},
  };
}
