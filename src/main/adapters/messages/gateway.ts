/**
 * What a message gateway answers for one message. The difference between `not_sent` and
 * `uncertain` is the whole of "never twice": `not_sent` means the gateway certainly does not have
 * the message (no connection, or it answered no), so it may be tried again; `uncertain` means the
 * message was handed over and the answer was lost, so only a person may decide.
 */
export type SendOutcome =
  | { kind: 'sent'; ref: string | null }
  | { kind: 'not_sent'; problem: string; detail: string; permanent: boolean }
  | { kind: 'uncertain'; problem: string; detail: string };

export interface OutgoingMessage {
  id: string;
  to: string;
  subject: string;
  body: string;
}

export interface MessageGateway {
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close(): void;
}

export const unreachable = (detail: string): SendOutcome => ({ kind: 'not_sent', problem: 'messages.problem.unreachable', detail, permanent: false });
export const refused = (detail: string): SendOutcome => ({ kind: 'not_sent', problem: 'messages.problem.refused', detail, permanent: true });
export const lostAfterHandover = (detail: string): SendOutcome => ({ kind: 'uncertain', problem: 'messages.problem.lost_after_handover', detail });
