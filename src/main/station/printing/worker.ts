import type { Db } from '../../adapters/sqlite/database';
import { RoundLoop } from '../base/round-loop';
import type { Clock } from '../../adapters/clock';
import type { PrinterState } from '../../../shared/api/station';
import type { PrinterInfo } from '../../../shared/api/printing';
import type { PrinterStatus } from '../../../domain/card/escpos/status';
import type { Printer } from '../../adapters/printer/printer';
import { NotAPrinterError, TransportError, type PrinterSession } from '../../adapters/printer/transport';
import {
  claimJob,
  jobCard,
  markFailed,
  markPrinted,
  markUncertain,
  onPrintJobAdded,
  peekNextJob,
  queueCounts,
  recoverInterrupted,
  type PrintJobRow,
} from './queue';

export interface PrintWorkerOptions {
  db: Db;
  clock: Clock;
  /** The printer as set up now (read on every round, so a settings change takes effect). */
  printer: () => Printer | null;
  /** Pause between rounds while the printer cannot print (offline, paper out...). */
  retryMs?: number;
  /** How often an idle worker asks the printer how it is, so the status bar is right before a card is due. */
  idleCheckMs?: number;
  onState?: (info: PrinterInfo) => void;
  log?: (line: string) => void;
}

/**
 * Sends queued cards to the printer, one at a time, oldest first, each at most once by itself:
 *
 * 1. Ask the printer (DLE EOT / ESC ACK SOH) before anything. Offline, paper out, cover open or
 *    error: the job stays queued and untouched, staff see what to do, and the worker asks again
 *    every `retryMs`, so printing resumes by itself when the printer is back.
 * 2. Commit 'sending' BEFORE the first byte leaves. A crash before that commit leaves the job
 *    queued and nothing was sent; a crash after it leaves 'sending', which the next start turns
 *    into 'uncertain' (recoverInterrupted), never into a silent second card.
 * 3. Write, then ask the printer again. Ready: 'printed'. Anything else (connection broke, paper
 *    ran out, cover opened mid-card): 'uncertain' with the reason, for a person to settle with
 *    Reprint (a new job marked COPY) or Confirm.
 *
 * So each card prints exactly once when things go right, and at most once automatically when
 * they do not, with every doubt shown to staff instead of guessed.
 */
export class PrintWorker {
  private readonly loop = new RoundLoop({
    round: () => this.round(),
    onError: (error) => {
      this.log(`print round failed: ${(error as Error).stack ?? String(error)}`);
      this.setState('error');
      return this.options.retryMs ?? 2000;
    },
    // The database was closed under us (station shut down): stop for good.
    isOpen: () => this.options.db.open,
    onEnd: () => this.unlisten?.(),
  });
  private lastCheck = 0;
  private state: PrinterState = 'none';
  private paperNearEnd = false;
  private lastPublished = '';
  private unlisten: (() => void) | null = null;

  constructor(private readonly options: PrintWorkerOptions) {}

  start(): void {
    if (!this.loop.stopped) return;
    try {
      const interrupted = recoverInterrupted(this.options.db, this.options.clock.now());
      if (interrupted.length > 0) this.log(`${interrupted.length} card(s) were being sent when the station stopped: marked uncertain`);
    } catch (error) {
      // E.g. a development database migrated past version 10 before the print queue existed.
      this.log(`print queue unusable, nothing will print: ${(error as Error).message}`);
      this.state = 'error';
      return;
    }
    this.unlisten = onPrintJobAdded(this.options.db, () => this.wake());
    this.loop.start();
  }

  /** Stops after the current round; a job being sent is finished first. */
  async stop(): Promise<void> {
    this.unlisten?.();
    await this.loop.stop();
  }

  /** Run a round now (a job was added, or staff pressed retry). */
  wake(): void {
    this.loop.wake();
  }

  info(): PrinterInfo {
    let counts = { queued: 0, uncertain: 0 };
    try {
      if (this.options.db.open) counts = queueCounts(this.options.db);
    } catch {
      // The status bar must keep working even when the queue cannot be read.
    }
    return {
      state: this.state,
      queued: counts.queued,
      uncertain: counts.uncertain,
      paperNearEnd: this.paperNearEnd,
      stateKey: `printing.state.${this.state}`,
      helpKey: counts.uncertain > 0 && (this.state === 'ready' || this.state === 'none') ? 'printing.help.uncertain' : `printing.help.${this.state}`,
      at: this.options.clock.now().toISOString(),
    };
  }

  /** Resolves once the queue has no job waiting (or the timeout passes): for tests and the CLI. */
  async idle(timeoutMs = 10_000): Promise<boolean> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (!this.loop.busy && queueCounts(this.options.db).queued === 0) return true;
      await new Promise((r) => setTimeout(r, 20));
    }
    return false;
  }

  /** One round; returns when to run the next (ms), or null to stop. */
  private async round(): Promise<number | null> {
    const { db } = this.options;
    const retry = this.options.retryMs ?? 2000;
    const idleCheck = this.options.idleCheckMs ?? 5000;
    if (this.loop.stopped || !db.open) return null;
    let printer: Printer | null;
    try {
      printer = this.options.printer();
    } catch (error) {
      this.log(`printer not usable: ${(error as Error).message}`);
      this.setState('error');
      return retry;
    }
    if (!printer) {
      this.setState('none');
      return retry;
    }
    const job = peekNextJob(db);
    if (!job && Date.now() - this.lastCheck < idleCheck) return Math.min(retry, idleCheck);

    let session: PrinterSession;
    try {
      session = await printer.transport.open();
    } catch (error) {
      this.lastCheck = Date.now();
      if (error instanceof NotAPrinterError) {
        // A misconfigured path, not a printer that is away: fail the card for staff, write nothing.
        this.log(`printer refused: ${error.message}`);
        if (job) markFailed(db, job.id, this.options.clock.now(), 'printing.problem.not_a_device');
        this.setState('error');
        return retry;
      }
      if (!(error instanceof TransportError)) throw error;
      this.setState('offline');
      return retry;
    }
    try {
      const before = await session.status();
      this.lastCheck = Date.now();
      this.noteStatus(before);
      if (before && before.condition !== 'ready') return retry;
      if (!db.open) return null;
      if (!job || this.loop.stopped) return retry;
      return await this.send(job, printer, session);
    } finally {
      session.close();
    }
  }

  private async send(job: PrintJobRow, printer: Printer, session: PrinterSession): Promise<number> {
    const { db, clock } = this.options;
    let bytes: Uint8Array;
    try {
      // Rendered before the claim, so a card this printer cannot print never sits in 'sending'.
      bytes = (await printer.render(jobCard(job))).bytes;
    } catch (error) {
      this.log(`card ${job.id} cannot be printed: ${(error as Error).message}`);
      markFailed(db, job.id, clock.now(), 'printing.problem.unsupported');
      return 0;
    }
    if (!claimJob(db, job.id, clock.now(), printer.label)) return 0;
    this.setState('busy');
    try {
      await session.write(bytes);
    } catch (error) {
      markUncertain(db, job.id, clock.now(), 'printing.problem.write_failed');
      this.log(`card ${job.id}: connection broke while sending (${(error as Error).message})`);
      this.setState('offline');
      return this.options.retryMs ?? 2000;
    }
    const after = await session.status();
    if (!after || after.condition === 'ready') {
      markPrinted(db, job.id, clock.now());
      this.noteStatus(after);
      return 0;
    }
    markUncertain(db, job.id, clock.now(), `printing.problem.after_${after.condition}`);
    this.noteStatus(after);
    return this.options.retryMs ?? 2000;
  }

  private noteStatus(status: PrinterStatus | null): void {
    // A link that cannot report (device file, OS queue) is taken as ready when it accepts data.
    this.paperNearEnd = status?.paperNearEnd ?? false;
    this.setState(status?.condition ?? 'ready');
  }

  private setState(state: PrinterState): void {
    this.state = state;
    this.publish();
  }

  /** Tells listeners when what staff see changes (state, counts, paper near end). */
  publish(): void {
    if (!this.options.onState || !this.options.db.open) return;
    const info = this.info();
    const key = `${info.state}|${info.queued}|${info.uncertain}|${info.paperNearEnd}`;
    if (key === this.lastPublished) return;
    this.lastPublished = key;
    this.options.onState(info);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
