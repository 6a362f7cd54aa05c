import type { StationContext } from '../base/context';
import type { MessageGateway, OutgoingMessage } from '../../adapters/messages/gateway';
import { createGateways } from '../../adapters/messages/gateways';
import { loadMessageSecrets } from '../../adapters/messages/secrets';
import { messageText } from '../../../domain/messages/text';
import type { MessageChannel, MessageRow } from './store';
import { MessageWorker } from './worker';

/** The centre as a message names it: name, place and address (from the settings and the centre details). */
export interface MessageCentre {
  name: string;
  place: string;
  address: readonly string[];
}

export interface MessagesServiceOptions {
  /** The centre's details; the station root passes booking's centre details. */
  centre: () => MessageCentre;
  retryMs?: number;
  maxRetryMs?: number;
  idleMs?: number;
  /** Gateway time-outs in ms (tests shorten them). */
  gatewayTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface MessagesService {
  readonly worker: MessageWorker;
  channels(): MessageChannel[];
}

/** The citizen's text of a queued message: the e-mail, or the SMS as its body. */
export function outgoing(row: MessageRow, centre: MessageCentre): OutgoingMessage {
  const text = messageText({ kind: row.kind, language: row.language, startAt: row.start_at, shortCode: row.short_code, centre });
  return { id: row.id, to: row.recipient, subject: text.subject, body: row.channel === 'sms' ? text.sms : text.body };
}

/**
 * Wires the message worker to a station: the gateways from `settings.messages` and the secrets
 * in the data folder (rebuilt when the settings change), its clock for the reminders, and the
 * status bar.
 */
export function startMessagesService(ctx: StationContext, options: MessagesServiceOptions): MessagesService {
  let cachedKey = '';
  let cached: { email: MessageGateway | null; sms: MessageGateway | null } = { email: null, sms: null };
  const log = options.log ?? ((line: string) => process.stderr.write(`[messages] ${line}\n`));
  const gateways = () => {
    const settings = ctx.settings.get().messages;
    const key = JSON.stringify(settings);
    if (key !== cachedKey) {
      cachedKey = key;
      try {
        cached = createGateways(settings, loadMessageSecrets(ctx.dataDir), options.gatewayTimeoutMs);
      } catch (error) {
        log(`message gateways not usable: ${(error as Error).message}`);
        cached = { email: null, sms: null };
      }
    }
    return cached;
  };
  const worker = new MessageWorker({
    db: ctx.db,
    clock: ctx.clock,
    stationId: () => ctx.settings.get().stationId,
    gateway: (channel) => gateways()[channel],
    render: (row) => outgoing(row, options.centre()),
    ...(options.retryMs !== undefined ? { retryMs: options.retryMs } : {}),
    ...(options.maxRetryMs !== undefined ? { maxRetryMs: options.maxRetryMs } : {}),
    ...(options.idleMs !== undefined ? { idleMs: options.idleMs } : {}),
    log,
  });
  worker.start();
  ctx.settings.onChange(() => worker.retryNow());
  const channels = () => (['email', 'sms'] as const).filter((c) => gateways()[c] !== null);
  return { worker, channels };
}
