import type * as Smpp from 'smpp';

/** The SMPP library loads with the first message, not with the station. */
let smppLoaded: Promise<typeof Smpp> | null = null;
const smppLibrary = (): Promise<typeof Smpp> => (smppLoaded ??= import('smpp'));
import type { SmsGateway } from '../../../shared/settings';
import { lostAfterHandover, refused, unreachable, type MessageGateway, type OutgoingMessage, type SendOutcome } from './gateway';

type SmppGateway = Extract<SmsGateway, { kind: 'smpp' }>;

export interface SmppOptions {
  gateway: SmppGateway;
  password: string | null;
  /** How long to wait for the connection, the bind and each answer, in ms (default 15 s). */
  timeoutMs?: number;
}

/** SMPP statuses that mean "try again later" (throttled, queue full, system error); others are a refusal. */
const TRANSIENT = new Set([0x08, 0x14, 0x58, 0x64]);

/**
 * SMS through an operator's SMPP gateway (SMPP 3.4, transceiver bind), one session per message.
 * Until the bind is answered nothing was handed over. Once submit_sm is written, the answer
 * decides; a session that closes or times out without one is `uncertain`.
 */
export function smppGateway(options: SmppOptions): MessageGateway {
  const { gateway } = options;
  const timeout = options.timeoutMs ?? 15_000;
  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const smpp = await smppLibrary();
      return new Promise<SendOutcome>((resolve) => {
        let phase: 'connecting' | 'binding' | 'submitted' | 'done' = 'connecting';
        let timer: NodeJS.Timeout | null = null;
        const session = smpp.connect({ host: gateway.host, port: gateway.port });
        const finish = (outcome: SendOutcome) => {
          if (phase === 'done') return;
          phase = 'done';
          if (timer) clearTimeout(timer);
          session.destroy();
          resolve(outcome);
        };
        const broken = (detail: string) => finish(phase === 'submitted' ? lostAfterHandover(detail) : unreachable(detail));
        const arm = () => {
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => broken(`no answer within ${timeout} ms`), timeout);
        };
        arm();
        session.on('error', (error: Error) => broken(error.message));
        session.on('close', () => broken('connection closed'));
        session.on('connect', () => {
          phase = 'binding';
          arm();
          session.bind_transceiver({ system_id: gateway.systemId, password: options.password ?? '' }, (bound) => {
            if (phase !== 'binding') return;
            if (bound.command_status !== 0) return finish(TRANSIENT.has(bound.command_status) ? unreachable(`bind status ${bound.command_status}`) : refused(`bind status ${bound.command_status}`));
            arm();
            const sent = session.submit_sm(
              {
                source_addr: gateway.sender,
                source_addr_ton: /^\+?[0-9]+$/.test(gateway.sender) ? 1 : 5,
                destination_addr: message.to.replace(/^\+/, ''),
                dest_addr_ton: 1,
                dest_addr_npi: 1,
                registered_delivery: 0,
                // The whole text as one message: the gateway splits it into parts if it must.
                message_payload: message.body,
              },
              (answer) => {
                if (phase !== 'submitted') return;
                if (answer.command_status === 0) return finish({ kind: 'sent', ref: typeof answer.message_id === 'string' ? answer.message_id : null });
                finish(TRANSIENT.has(answer.command_status) ? unreachable(`submit status ${answer.command_status}`) : refused(`submit status ${answer.command_status}`));
              },
            );
            // Marked before the bytes leave: from here a lost answer means "maybe sent".
            if (sent) phase = 'submitted';
            else broken('connection closed before the message was written');
          });
        });
      });
    },
    close() {},
  };
}
