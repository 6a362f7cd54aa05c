import type { Db } from '../../adapters/sqlite/database';
import { RoundLoop } from '../base/round-loop';
import type { Clock } from '../../adapters/clock';
import type { MessageGateway, OutgoingMessage } from '../../adapters/messages/gateway';
import type { MessageChannel, MessageCounts, MessageRow } from './store';
import { claimMessage, finishMessage, messageCounts, nextQueued, releaseMessage } from './store';
import { onMessageQueued, queueDueReminders, recoverInterruptedMessages } from './queue';
import { localDateOf } from '../../../domain/time/local-time';

export interface MessageWorkerOptions {
  db: Db;
  clock: Clock;
  /** The station's id, read each round (reminders are sent only for its own bookings). */
  stationId: () => string;
  /** The gateway of each channel as set up now, or null (read each round). */
  gateway: (channel: MessageChannel) => MessageGateway | null;
  /** The citizen's text of a queued message. */
  render: (row: MessageRow) => OutgoingMessage;
  /** First pause after a gateway did not take a message; doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often an idle worker looks for due reminders and messages queued by another process. */
  idleMs?: number;
  onChange?: (counts: MessageCounts) => void;
  log?: (line: string) => void;
}

const CHANNELS: readonly MessageChannel[] = ['email', 'sms'];

/**
 * Sends queued citizen messages, oldest first per channel, each at most once by itself:
 *
 * 1. 'sending' is committed BEFORE the gateway is handed the message. A stop before that commit
 *    leaves it queued (nothing left); a stop after it leaves 'sending', which the next start turns
 *    into 'uncertain' for staff, never into a second message.
 * 2. The gateway's answer decides: sent; not sent (down, busy, 4xx): queued again and the channel
 *    waits with a growing pause while the other channel carries on; refused for good: failed; the
 *    answer lost after the hand-over: uncertain, shown to staff.
 */
export class MessageWorker {
  private readonly loop = new RoundLoop({
    round: () => this.round(),
    onError: (error) => {
      this.log(`message round failed: ${(error as Error).stack ?? String(error)}`);
      return this.options.retryMs ?? 2000;
    },
    isOpen: () => this.options.db.open,
    onEnd: () => this.unlisten?.(),
  });
  private unlisten: (() => void) | null = null;
  private readonly failures = new Map<MessageChannel, number>();
  private readonly notBefore = new Map<MessageChannel, number>();
  private lastCounts = '';
  /** The station day (and channels) whose reminders were queued: once a day is enough, see queueDueReminders. */
  private remindedFor = '';

  constructor(private readonly options: MessageWorkerOptions) {}

  start(): void {
    if (!this.loop.stopped) return;
    const interrupted = recoverInterruptedMessages(this.options.db, this.options.clock.now());
    if (interrupted > 0) this.log(`${interrupted} message(s) were being sent when the station stopped: marked uncertain`);
    this.unlisten = onMessageQueued(this.options.db, () => this.wake());
    this.loop.start();
  }

  /** Stops after the message being sent, if any. */
  async stop(): Promise<void> {
    this.unlisten?.();
    await this.loop.stop();
  }

  /** A round now: a message was queued or a test moved the clock. A channel that waits keeps waiting. */
  wake(): void {
    this.loop.wake();
  }

  /** Staff resent a message or the settings changed: every channel tries again at once. */
  retryNow(): void {
    this.notBefore.clear();
    this.remindedFor = '';
    this.wake();
  }

  counts(): MessageCounts {
    try {
      if (this.options.db.open) return messageCounts(this.options.db);
    } catch {
      // The status bar keeps working even when the queue cannot be read.
    }
    return { waiting: 0, sent: 0, uncertain: 0, failed: 0 };
  }

  /** Resolves when no message of a configured channel waits (or the timeout passes): for tests and tools. */
  async idle(timeoutMs = 10_000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const waiting = CHANNELS.some((c) => this.options.gateway(c) !== null && nextQueued(this.options.db, c) !== null);
      if (!this.loop.busy && !waiting) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  /** One round; returns when to run the next (ms), or null to stop. */
  private async round(): Promise<number | null> {
    const { db, clock } = this.options;
    const idle = this.options.idleMs ?? 1000;
    if (this.loop.stopped || !db.open) return null;
    const configured = CHANNELS.filter((c) => this.options.gateway(c) !== null);
    const now = clock.now();
    const reminderKey = `${localDateOf(now)}|${configured.join(',')}`;
    if (reminderKey !== this.remindedFor) {
      queueDueReminders(db, { stationId: this.options.stationId(), channels: configured, now });
      this.remindedFor = reminderKey;
    }
    let next = idle;
    for (const channel of configured) {
      const wait = (this.notBefore.get(channel) ?? 0) - Date.now();
      if (wait > 0) {
        next = Math.min(next, wait);
        continue;
      }
      const pause = await this.drain(channel);
      if (pause === null) return null;
      if (pause > 0) next = Math.min(next, pause);
    }
    this.publish();
    return next;
  }

  /** Sends a channel's queue until it is empty or the gateway stops taking messages; the pause to keep, or 0. */
  private async drain(channel: MessageChannel): Promise<number | null> {
    const { db, clock } = this.options;
    for (;;) {
      if (this.loop.stopped || !db.open) return null;
      const gateway = this.options.gateway(channel);
      const row = gateway ? nextQueued(db, channel) : null;
      if (!gateway || !row) return 0;
      const outgoing = this.options.render(row);
      if (!claimMessage(db, row.id, clock.now().toISOString())) continue;
      this.publish();
      let outcome;
      try {
        outcome = await gateway.send(outgoing);
      } catch (error) {
        // A fault of ours after the claim: nobody knows how far it got.
        outcome = { kind: 'uncertain' as const, problem: 'messages.problem.lost_after_handover', detail: (error as Error).message };
      }
      if (!db.open) return null;
      const at = clock.now().toISOString();
      if (outcome.kind === 'sent') {
        finishMessage(db, row.id, { state: 'sent', problem: null, detail: null, ref: outcome.ref, at });
        this.failures.set(channel, 0);
      } else if (outcome.kind === 'uncertain') {
        finishMessage(db, row.id, { state: 'uncertain', problem: outcome.problem, detail: outcome.detail, ref: null, at });
        this.log(`message ${row.id} (${channel}) may have been sent: ${outcome.detail}`);
        // The gateway just broke a connection: give it the same pause as one that is down.
        return this.backOff(channel);
      } else if (outcome.permanent) {
        finishMessage(db, row.id, { state: 'failed', problem: outcome.problem, detail: outcome.detail, ref: null, at });
        this.log(`message ${row.id} (${channel}) refused: ${outcome.detail}`);
      } else {
        releaseMessage(db, row.id, { problem: outcome.problem, detail: outcome.detail, at });
        return this.backOff(channel);
      }
    }
  }

  private backOff(channel: MessageChannel): number {
    const failures = (this.failures.get(channel) ?? 0) + 1;
    this.failures.set(channel, failures);
    const base = this.options.retryMs ?? 2000;
    const pause = Math.min(this.options.maxRetryMs ?? 5 * 60_000, base * 2 ** Math.min(failures - 1, 20));
    this.notBefore.set(channel, Date.now() + pause);
    this.publish();
    return pause;
  }

  private publish(): void {
    if (!this.options.onChange || !this.options.db.open) return;
    const counts = this.counts();
    const key = `${counts.waiting}|${counts.uncertain}|${counts.failed}|${counts.sent}`;
    if (key === this.lastCounts) return;
    this.lastCounts = key;
    this.options.onChange(counts);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
